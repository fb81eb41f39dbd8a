import type { MiddlewareHandler } from 'hono'
import type { AppEnv } from '../context.ts'
import { findActivePartner, touchPartnerStatement } from '../db/partners.ts'
import { ApiError } from '../errors.ts'
import { log } from '../lib/log.ts'
import { sha256Hex } from '../lib/tokens.ts'

/** A partner's key, from `Authorization: Bearer` or, for feed readers that cannot set headers, `?key=`. */
export function partnerKeyOf(request: { header(name: string): string | undefined; query(name: string): string | undefined }) {
  const bearer = request.header('authorization')?.match(/^Bearer\s+(\S+)$/)?.[1]
  return bearer ?? request.query('key')
}

/**
 * Recognises syndication partners. No key: a public reader (`partner` is null). A key that is not
 * valid, or revoked: 401, never a silently public answer. A valid key: `partner` is set, its use
 * recorded, and its rate limit applied (429 with Retry-After).
 */
export function partnerAccess(): MiddlewareHandler<AppEnv> {
  return async function partnerAccess(c, next) {
    const key = partnerKeyOf(c.req)
    if (key === undefined) {
      c.set('partner', null)
      return next()
    }
    const db = c.get('db')
    const partner = /^[A-Za-z0-9_-]{43}$/.test(key) ? await findActivePartner(db, await sha256Hex(key)) : null
    if (!partner) throw new ApiError(401, 'This partner key is not valid, or has been revoked.', { headers: { 'www-authenticate': 'Bearer realm="partners"' } })
    const { success } = await c.env.PARTNER_LIMITER.limit({ key: String(partner.id) })
    if (!success) throw new ApiError(429, 'Too many requests for this partner key. Slow down.', { headers: { 'retry-after': '60' } })
    c.set('partner', { id: partner.id, name: partner.name })
    c.executionCtx.waitUntil(
      db.run(touchPartnerStatement(db, partner.id, new Date().toISOString())).catch((error) => log('warn', 'partner last_used_at not recorded', { error: String(error) })),
    )
    await next()
  }
}
