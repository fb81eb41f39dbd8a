import type { Context, MiddlewareHandler } from 'hono'
import type { AppEnv, Editor, Role } from '../context.ts'
import { findActiveToken, type EditorTokenRow } from '../db/editors.ts'
import { ApiError } from '../errors.ts'
import { sha256Hex } from '../lib/tokens.ts'

const CHALLENGE = { 'www-authenticate': 'Bearer realm="admin"' }

/**
 * The credential of `Authorization: Bearer <credential>`, or undefined when the header is absent
 * or uses another scheme. The scheme is case-insensitive (RFC 9110 §11.1): `bearer` is `Bearer`.
 */
export function bearerCredential(header: string | undefined): string | undefined {
  const match = header?.match(/^bearer[ \t]+(\S+)[ \t]*$/i)
  return match ? match[1]! : header && /^bearer\b/i.test(header) ? '' : undefined
}

/** Compares two secrets in constant time, by their SHA-256 (equal lengths, whatever the inputs). */
async function sameSecret(a: string, b: string): Promise<boolean> {
  const encoder = new TextEncoder()
  const [x, y] = await Promise.all([crypto.subtle.digest('SHA-256', encoder.encode(a)), crypto.subtle.digest('SHA-256', encoder.encode(b))])
  return crypto.subtle.timingSafeEqual(x, y)
}

/**
 * The editor a token belongs to: the bootstrap token (the ADMIN_TOKEN secret) or an editor token
 * from D1, looked up by its SHA-256 (revoked ones do not count). Null when it is neither.
 */
export async function editorFor(c: Context<AppEnv>, token: string): Promise<Editor | null> {
  if (!TOKEN_SHAPE.test(token)) return null
  const bootstrap = await bootstrapEditor(c, token)
  if (bootstrap) return bootstrap
  return editorOf(await findActiveToken(c.get('db'), await sha256Hex(token)))
}

/** What a token may look like: anything else is never looked up. */
export const TOKEN_SHAPE = /^[A-Za-z0-9._~+/=-]{16,200}$/

/** The bootstrap administrator when `token` is the ADMIN_TOKEN secret (no D1 read), else null. */
export async function bootstrapEditor(c: Context<AppEnv>, token: string): Promise<Editor | null> {
  const bootstrap = c.get('settings').adminToken
  return bootstrap && (await sameSecret(token, bootstrap)) ? { tokenId: null, name: 'bootstrap', role: 'admin' } : null
}

/** The editor an unrevoked token row stands for (null: none). */
export function editorOf(row: Pick<EditorTokenRow, 'id' | 'name' | 'role'> | null | undefined): Editor | null {
  return row ? { tokenId: row.id, name: row.name, role: row.role } : null
}

/** Answers sent to a credential are for that caller alone: no shared cache may keep them. */
export function markPrivate(c: Context<AppEnv>) {
  c.res.headers.set('cache-control', 'private, no-store')
  c.res.headers.delete('cdn-cache-control')
}

/**
 * `Authorization: Bearer <token>` for the admin API. Sets the `editor` variable. Missing or bad
 * token: 401; a role below `role`: 403. Answers are private.
 */
export function requireRole(role: Role): MiddlewareHandler<AppEnv> {
  return async function requireRole(c, next) {
    const token = bearerCredential(c.req.header('authorization'))
    if (!token) throw new ApiError(401, 'Send Authorization: Bearer <token>.', { headers: CHALLENGE })
    const editor = await editorFor(c, token)
    if (!editor) throw new ApiError(401, 'This token is not valid, or has been revoked.', { headers: CHALLENGE })
    c.set('editor', editor)
    if (role === 'admin' && editor.role !== 'admin') throw new ApiError(403, 'This needs an admin token.')
    await next()
    markPrivate(c)
  }
}
