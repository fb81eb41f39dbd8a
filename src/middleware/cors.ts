import type { MiddlewareHandler } from 'hono'
import { cors as honoCors } from 'hono/cors'
import type { AppEnv } from '../context.ts'
import { settingsOf } from '../settings.ts'

/**
 * CORS for the web clients named in the ALLOWED_ORIGINS var (comma-separated). Preflights are
 * answered here, before anything touches D1 or KV. Browsers may read the validators, the cache
 * status, the timings, and an editor's session bookmark (X-D1-Bookmark).
 */
export function cors(): MiddlewareHandler<AppEnv> {
  const handler = honoCors({
    origin: (origin, c) => (settingsOf(c.env).allowedOrigins.has(origin) ? origin : null),
    allowMethods: ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'],
    allowHeaders: ['Authorization', 'Content-Type', 'If-Match', 'If-None-Match', 'If-Modified-Since', 'X-D1-Bookmark'],
    exposeHeaders: ['ETag', 'Last-Modified', 'X-Cache', 'X-Request-Id', 'Server-Timing', 'Retry-After', 'Location', 'X-D1-Bookmark'],
    maxAge: 86_400,
  })
  return async function corsForAllowedOrigins(c, next) {
    // Apps and servers send no Origin: nothing to allow, only the Vary that keeps shared caches
    // from handing their answer to a browser. (This path is most traffic, and the hot one.)
    if (c.req.header('origin') === undefined) {
      await next()
      c.res.headers.append('vary', 'Origin')
      return
    }
    // A preflight is answered by the handler itself, without calling next.
    const preflight = await handler(c, next)
    if (preflight) c.res = preflight
    const origin = c.req.header('origin')
    if (origin && settingsOf(c.env).allowedOrigins.has(origin)) c.res.headers.set('timing-allow-origin', origin)
    return c.res
  }
}
