import type { MiddlewareHandler } from 'hono'
import type { AppEnv } from '../context.ts'

/**
 * The subscription pages are reached through a subscriber's personal link, whose token can
 * confirm, unsubscribe and erase that person. No cache may keep such an answer (the routes are not
 * behind the read-through cache, and this tells browsers and shared caches the same), and no page
 * may pass the link on to another site in a Referer.
 */
export function personalLinks(): MiddlewareHandler<AppEnv> {
  return async function personalLinks(c, next) {
    await next()
    c.res.headers.set('cache-control', 'no-store')
    c.res.headers.delete('cdn-cache-control')
    c.res.headers.set('referrer-policy', 'no-referrer')
  }
}
