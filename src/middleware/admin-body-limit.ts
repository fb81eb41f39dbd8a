import type { MiddlewareHandler } from 'hono'
import { bodyLimit } from 'hono/body-limit'
import type { AppEnv } from '../context.ts'
import { ApiError } from '../errors.ts'

/**
 * The largest body the admin API reads: 1 MiB. The longest articles (a 10,000-word long read
 * with every block's JSON) come to about 150 KB, so this leaves several times that, while staying
 * well under D1's 2 MB limit on a stored value and keeping what one request can make the isolate
 * buffer (128 MB in all) small. Bulk loads go through `npm run import`, not this API.
 */
export const ADMIN_MAX_BODY_BYTES = 1024 * 1024

/**
 * Refuses admin bodies over ADMIN_MAX_BODY_BYTES with a 413 problem: at once from Content-Length,
 * before any of the body is read; for a chunked body without one, as soon as the bytes read pass
 * the limit, without reading the rest.
 */
export function adminBodyLimit(): MiddlewareHandler<AppEnv> {
  return bodyLimit({
    maxSize: ADMIN_MAX_BODY_BYTES,
    onError: () => {
      throw new ApiError(413, `The body is over ${ADMIN_MAX_BODY_BYTES / 1024 / 1024} MiB, the most the admin API reads.`)
    },
  })
}
