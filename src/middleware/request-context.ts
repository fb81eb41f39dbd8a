import type { MiddlewareHandler } from 'hono'
import type { AppEnv } from '../context.ts'
import { configFingerprint, ContentCache } from '../cache.ts'
import { Database } from '../db/client.ts'
import { BOOKMARK_HEADER, sessionFor } from '../db/sessions.ts'
import { settingsOf } from '../settings.ts'

/**
 * Gives each request its id, its D1 handle (which counts round trips; a session of D1's read
 * replication chosen by sessionFor), the settings and one clock reading; on the way out,
 * reports the request id, the session's bookmark to editors (`x-d1-bookmark`), and what the
 * request cost in `Server-Timing` (total time; D1 time and round trips; KV time and reads).
 */
export function requestContext(): MiddlewareHandler<AppEnv> {
  return async function requestContext(c, next) {
    const start = performance.now()
    const requestId = crypto.randomUUID()
    const session = sessionFor(c.req.method, c.req.path, c.req.header(BOOKMARK_HEADER))
    // A search's round trips, its credential lookup included, give way to other requests' (see
    // src/routes/article-page.ts): only searches take `q`.
    const db = new Database(c.env.DB, session.start, {
      yields: (c.req.method === 'GET' || c.req.method === 'HEAD') && c.req.query('q') !== undefined,
    })
    const cache = new ContentCache(c.env.CACHE)
    c.set('requestId', requestId)
    c.set('db', db)
    c.set('cache', cache)
    const settings = settingsOf(c.env)
    c.set('settings', settings)
    c.set('site', settings.site)
    c.set('config', configFingerprint(c.env))
    c.set('now', new Date().toISOString())
    await next()
    const total = performance.now() - start
    c.res.headers.set('x-request-id', requestId)
    if (session.reportBookmark) {
      // The bookmark after this request's reads and writes; or, if it made none, the one it came with.
      const bookmark = db.bookmark() ?? (session.start.startsWith('first-') ? null : session.start)
      if (bookmark) c.res.headers.set(BOOKMARK_HEADER, bookmark)
    }
    c.res.headers.append('server-timing', serverTiming(total, db.stats, cache.stats))
  }
}

/** What a request cost, as a Server-Timing value: total time, D1 time and round trips, KV time and reads. */
export function serverTiming(total: number, d1: { ms: number; queries: number }, kv: { ms: number; reads: number }): string {
  return `total;dur=${total.toFixed(1)}, d1;dur=${d1.ms.toFixed(1)};desc="${d1.queries} queries", kv;dur=${kv.ms.toFixed(1)};desc="${kv.reads} reads"`
}
