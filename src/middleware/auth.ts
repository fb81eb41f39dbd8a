import type { MiddlewareHandler } from 'hono'
import type { AppEnv, Role } from '../context.ts'
import { findActiveToken } from '../db/editors.ts'
import { ApiError } from '../errors.ts'
import { sha256Hex } from '../lib/tokens.ts'
import type { Secrets } from '../secrets.ts'

const CHALLENGE = { 'www-authenticate': 'Bearer realm="admin"' }

/** Compares two secrets in constant time, by their SHA-256 (equal lengths, whatever the inputs). */
async function sameSecret(a: string, b: string): Promise<boolean> {
  const encoder = new TextEncoder()
  const [x, y] = await Promise.all([
    crypto.subtle.digest('SHA-256', encoder.encode(a)),
    crypto.subtle.digest('SHA-256', encoder.encode(b)),
  ])
  return crypto.subtle.timingSafeEqual(x, y)
}

/**
 * `Authorization: Bearer <token>` for the admin API: the bootstrap token (the ADMIN_TOKEN secret)
 * or an editor token from D1 (looked up by its SHA-256; revoked ones do not count). Sets the
 * `editor` variable. Missing or bad token: 401; a role below `role`: 403.
 */
export function requireRole(role: Role): MiddlewareHandler<AppEnv> {
  return async function requireRole(c, next) {
    const header = c.req.header('authorization') ?? ''
    const match = header.match(/^Bearer\s+([A-Za-z0-9._~+/=-]{16,200})$/)
    if (!match) throw new ApiError(401, 'Send Authorization: Bearer <token>.', { headers: CHALLENGE })
    const token = match[1]!
    const bootstrap = (c.env as Secrets).ADMIN_TOKEN
    if (bootstrap && (await sameSecret(token, bootstrap))) {
      c.set('editor', { tokenId: null, name: 'bootstrap', role: 'admin' })
    } else {
      const row = await findActiveToken(c.get('db'), await sha256Hex(token))
      if (!row) throw new ApiError(401, 'This token is not valid, or has been revoked.', { headers: CHALLENGE })
      c.set('editor', { tokenId: row.id, name: row.name, role: row.role })
    }
    if (role === 'admin' && c.get('editor').role !== 'admin') {
      throw new ApiError(403, 'This needs an admin token.')
    }
    await next()
  }
}
