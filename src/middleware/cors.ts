import type { MiddlewareHandler } from 'hono'
import { cors as honoCors } from 'hono/cors'
import type { AppEnv } from '../context.ts'

/**
 * CORS for the web clients named in the ALLOWED_ORIGINS var (comma-separated). Preflights are
 * answered here, before anything touches D1 or KV. Browsers may read the validators, the cache
 * status and the timings.
 */
export function cors(): MiddlewareHandler<AppEnv> {
  // Built once per value of ALLOWED_ORIGINS (the env is the same for every request of an isolate).
  let source: string | undefined | null = null
  let origins = new Set<string>()
  let handler: MiddlewareHandler | undefined
  return async function corsForAllowedOrigins(c, next) {
    if (!handler || source !== c.env.ALLOWED_ORIGINS) {
      source = c.env.ALLOWED_ORIGINS
      const allowed = new Set((source ?? '').split(',').map((origin) => origin.trim()).filter(Boolean))
      origins = allowed
      handler = honoCors({
        origin: (origin) => (allowed.has(origin) ? origin : null),
        allowMethods: ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'],
        allowHeaders: ['Authorization', 'Content-Type', 'If-Match', 'If-None-Match', 'If-Modified-Since'],
        exposeHeaders: ['ETag', 'Last-Modified', 'X-Cache', 'X-Request-Id', 'Server-Timing', 'Retry-After', 'Location'],
        maxAge: 86_400,
      })
    }
    // A preflight is answered by the handler itself, without calling next.
    const preflight = await handler(c, next)
    if (preflight) c.res = preflight
    const origin = c.req.header('origin')
    if (origin && origins.has(origin)) c.res.headers.set('timing-allow-origin', origin)
    return c.res
  }
}
