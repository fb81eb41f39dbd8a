import type { MiddlewareHandler } from 'hono'
import type { AppEnv } from '../context.ts'
import { activeTokenStatement, type EditorTokenRow } from '../db/editors.ts'
import { activePartnerStatement, lastUseStale, touchPartnerStatement, type PartnerRow } from '../db/partners.ts'
import { ApiError } from '../errors.ts'
import { log } from '../lib/log.ts'
import { partnerRateLimitHeaders } from '../lib/ratelimit.ts'
import { sha256Hex } from '../lib/tokens.ts'
import { bearerCredential, bootstrapEditor, editorOf, markPrivate, TOKEN_SHAPE } from './auth.ts'

// What partner keys look like (32 random bytes, base64url): anything else is not looked up.
const PARTNER_KEY = /^[A-Za-z0-9_-]{43}$/

/**
 * Who is reading a public resource. Nobody in particular, most of the time: no credential, or an
 * `Authorization` scheme other than Bearer (ignored), and the answer comes from the cache.
 *
 * A Bearer credential (or, where `partners` is set, a `?key=` for feed readers that cannot set
 * headers) must be valid: a syndication partner's key (`partner` is set, its use recorded and
 * rate limited) or an editor's token (`editor` is set: the answer is built from D1, bypassing the
 * cache). Anything else is a 401, never a silently public answer. Credentialed answers are private.
 */
export function credentials(options: { partners: boolean }): MiddlewareHandler<AppEnv> {
  return async function credentials(c, next) {
    c.set('partner', null)
    const bearer = bearerCredential(c.req.header('authorization'))
    const key = options.partners ? c.req.query('key') : undefined
    const credential = bearer ?? key
    if (credential === undefined) return next()

    const db = c.get('db')
    let editor = bearer ? await bootstrapEditor(c, bearer) : null
    if (!editor) {
      // A bearer may be a partner key or an editor token (both random, alike): one round trip
      // looks it up as both.
      const asPartner = options.partners && PARTNER_KEY.test(credential)
      const asEditor = bearer !== undefined && TOKEN_SHAPE.test(bearer)
      const hash = await sha256Hex(credential)
      const statements = [...(asPartner ? [activePartnerStatement(db, hash)] : []), ...(asEditor ? [activeTokenStatement(db, hash)] : [])]
      const results = statements.length > 0 ? await db.batch(statements) : []
      const partner = asPartner ? (results[0]!.results[0] as PartnerRow | undefined) : undefined
      if (partner) {
        const { success } = await c.env.PARTNER_LIMITER.limit({ key: String(partner.id) })
        const limits = partnerRateLimitHeaders(String(partner.id), success)
        if (!success)
          throw new ApiError(429, 'Too many requests for this partner key. Slow down.', { headers: { 'retry-after': '60', ...limits } })
        c.set('partner', { id: partner.id, name: partner.name, embargo: partner.embargo === 1 })
        // The row read just now says whether the last use is worth a write: most requests make none.
        if (lastUseStale(partner, c.get('now')))
          c.executionCtx.waitUntil(
            db
              .run(touchPartnerStatement(db, partner.id, c.get('now')))
              .catch((error) => log('warn', 'partner last_used_at not recorded', { error: String(error) })),
          )
        await next()
        for (const [name, value] of Object.entries(limits)) c.res.headers.set(name, value)
        return markPrivate(c)
      }
      editor = asEditor ? editorOf(results[asPartner ? 1 : 0]!.results[0] as EditorTokenRow | undefined) : null
    }
    if (editor) {
      c.set('editor', editor)
      await next()
      return markPrivate(c)
    }
    const realm = options.partners ? 'partners' : 'api'
    throw new ApiError(
      401,
      options.partners ? 'This partner key is not valid, or has been revoked.' : 'This token is not valid, or has been revoked.',
      {
        headers: { 'www-authenticate': `Bearer realm="${realm}"` },
      },
    )
  }
}
