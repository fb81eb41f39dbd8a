import { z, type OpenAPIHono } from '@hono/zod-openapi'
import type { AppEnv } from './context.ts'
import { headerDocs, problemResponses } from './errors.ts'

/**
 * What the middleware does to routes, written into the OpenAPI document from the same list that
 * installs the middleware (app.ts's PUBLIC_READS), so that the document cannot drift from it:
 * cached reads answer 304 and carry validators; any read that sees credentials can answer 401;
 * partners' reads take a key and are rate limited; JSON bodies of another type get 415.
 */

/** Public reads need nothing; a partner may send a key, as a bearer token or as `?key=`. */
export const partnerSecurity: Record<string, string[]>[] = [{}, { partnerKey: [] }, { partnerKeyQuery: [] }]

// Partners' and editors' answers are private: they come without validators.
const cachedHeaders = z.object({
  etag: headerDocs.etag.optional(),
  'last-modified': headerDocs['last-modified'].optional(),
  'cache-control': headerDocs['cache-control'],
})

const notModified = {
  description:
    'Not modified: the `If-None-Match` (or `If-Modified-Since`) sent matches the current version. No body; keep using your copy.',
  headers: cachedHeaders,
}

/** Whether a route path falls under a middleware pattern (`/x/*` also matches `/x`). */
function covers(pattern: string, path: string) {
  return pattern.endsWith('/*') ? path === pattern.slice(0, -2) || path.startsWith(pattern.slice(0, -1)) : path === pattern
}

type Responses = Record<string, { description: string; headers?: unknown; content?: unknown }>

/** Registers the security schemes, and adds to every registered route what its middleware answers. */
export function describeMiddleware(app: OpenAPIHono<AppEnv>, publicReads: [string, boolean][]) {
  const registry = app.openAPIRegistry
  registry.registerComponent('securitySchemes', 'bearerAuth', {
    type: 'http',
    scheme: 'bearer',
    description: 'An editor token (POST /v1/admin/tokens), or the bootstrap ADMIN_TOKEN secret.',
  })
  registry.registerComponent('securitySchemes', 'partnerKey', {
    type: 'http',
    scheme: 'bearer',
    description:
      "A syndication partner's key (POST /v1/admin/partners), as `Authorization: Bearer <key>`: full text in feeds and articles.",
  })
  registry.registerComponent('securitySchemes', 'partnerKeyQuery', {
    type: 'apiKey',
    in: 'query',
    name: 'key',
    description: "The partner's key as `?key=`, for feed readers that cannot send `Authorization`.",
  })

  for (const definition of registry.definitions) {
    if (definition.type !== 'route') continue
    const route = definition.route
    const responses = { ...route.responses } as Responses
    const read = route.method === 'get' ? publicReads.find(([pattern]) => covers(pattern, route.path)) : undefined
    if (read) {
      const ok = responses[200]
      if (ok) responses[200] = { ...ok, headers: cachedHeaders }
      responses[304] = notModified
      // The credentials middleware's answer to a key or token it does not accept.
      responses[401] = problemResponses.badCredentials
      if (read[1]) {
        responses[429] = problemResponses.partnerRateLimited
        route.security ??= partnerSecurity
      }
    }
    const body = route.request?.body?.content as Record<string, unknown> | undefined
    if (body?.['application/json']) responses[415] ??= problemResponses.unsupportedMediaType
    // Statuses ascending, as readers expect them.
    const sorted = Object.entries(responses).sort(([a], [b]) => Number(a) - Number(b))
    route.responses = Object.fromEntries(sorted) as typeof route.responses
  }
}
