import type { MiddlewareHandler } from 'hono'
import type { AppEnv } from '../context.ts'
import { configFingerprint, ContentCache } from '../cache.ts'
import { Database } from '../db/client.ts'
import { settingsOf } from '../settings.ts'

/**
 * Gives each request its id, its D1 handle (which counts round trips), the settings and one
 * clock reading; on the way out, reports the request id and what the request cost in
 * `Server-Timing` (total time; D1 time and round trips; KV time and reads).
 */
export function requestContext(): MiddlewareHandler<AppEnv> {
  return async function requestContext(c, next) {
    const start = performance.now()
    const requestId = crypto.randomUUID()
    const db = new Database(c.env.DB)
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
    c.res.headers.append('server-timing', serverTiming(total, db.stats, cache.stats))
  }
}

/** What a request cost, as a Server-Timing value: total time, D1 time and round trips, KV time and reads. */
export function serverTiming(total: number, d1: { ms: number; queries: number }, kv: { ms: number; reads: number }): string {
  return `total;dur=${total.toFixed(1)}, d1;dur=${d1.ms.toFixed(1)};desc="${d1.queries} queries", kv;dur=${kv.ms.toFixed(1)};desc="${kv.reads} reads"`
}
