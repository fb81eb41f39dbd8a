import type { MiddlewareHandler } from 'hono'
import type { AppEnv } from '../context.ts'

const COMPRESSIBLE = /^(application\/(json|problem\+json|xml|rss\+xml|atom\+xml|feed\+json)|text\/)/
const MIN_BYTES = 1024

/**
 * Asks the runtime to compress text responses for clients that accept it. Workers compress a
 * response whose Content-Encoding is set and whose body is not yet encoded (the default
 * `encodeBody: "automatic"`), natively and streaming; we only choose the encoding.
 */
export function compression(): MiddlewareHandler<AppEnv> {
  return async function compression(c, next) {
    await next()
    const res = c.res
    if (!res.body || res.headers.has('content-encoding')) return
    if (!COMPRESSIBLE.test(res.headers.get('content-type') ?? '')) return
    const length = Number(res.headers.get('content-length') ?? Infinity)
    if (length < MIN_BYTES) return
    res.headers.append('vary', 'Accept-Encoding')
    const accepted = c.req.header('accept-encoding') ?? ''
    const encoding = /\bbr\b/.test(accepted) ? 'br' : /\bgzip\b/.test(accepted) ? 'gzip' : null
    if (encoding) {
      res.headers.set('content-encoding', encoding)
      res.headers.delete('content-length')
    }
  }
}
