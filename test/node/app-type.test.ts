import type { Hono } from 'hono'
import { describe, expect, it } from 'vitest'
import { app, type AppType } from '../../src/app.ts'
import { vars } from './vars.ts'

// Every operation of the OpenAPI document is a typed route of AppType: written with createRoute
// and chained with .openapi(), not registered beside a plain handler, nor added outside the chain.
// The compiler checks the list below against AppType (`npm run typecheck`); this test checks it
// against the document.

type Schema = AppType extends Hono<any, infer S, any> ? S : never
type Method<K> = K extends `$${infer M}` ? M : never
/** `get /v1/articles/:slug`: each route of AppType, by method and Hono path. */
type Operation = { [P in keyof Schema & string]: `${Method<keyof Schema[P]>} ${P}` }[keyof Schema & string]

const OPERATIONS = [
  'get /v1/articles',
  'get /v1/articles/:slug',
  'get /v1/authors',
  'get /v1/authors/:slug',
  'get /v1/authors/:slug/articles',
  'get /v1/sections',
  'get /v1/sections/:slug',
  'get /v1/tags',
  'get /v1/tags/:slug',
  'get /v1/publication',
  'get /health',
  'post /v1/subscriptions',
  'get /v1/subscriptions/confirm',
  'post /v1/subscriptions/confirm',
  'get /v1/subscriptions/unsubscribe',
  'post /v1/subscriptions/unsubscribe',
  'delete /v1/subscriptions/:token',
  'get /v1/sync',
  'get /v1/admin/articles',
  'get /v1/admin/articles/:slug',
  'put /v1/admin/articles/:slug',
  'patch /v1/admin/articles/:slug',
  'delete /v1/admin/articles/:slug',
  'put /v1/admin/authors/:slug',
  'delete /v1/admin/authors/:slug',
  'put /v1/admin/sections/:slug',
  'delete /v1/admin/sections/:slug',
  'put /v1/admin/tags/:slug',
  'delete /v1/admin/tags/:slug',
  'put /v1/admin/publication',
  'post /v1/admin/tokens',
  'get /v1/admin/tokens',
  'delete /v1/admin/tokens/:id',
  'post /v1/admin/partners',
  'get /v1/admin/partners',
  'patch /v1/admin/partners/:id',
  'delete /v1/admin/partners/:id',
  'post /v1/admin/partners/:id/endpoints',
  'get /v1/admin/partners/:id/endpoints',
  'patch /v1/admin/partners/:id/endpoints/:endpoint',
  'post /v1/admin/partners/:id/endpoints/:endpoint/secret',
  'get /v1/admin/partners/:id/deliveries',
  'post /v1/admin/partners/:id/deliveries/:event/retry',
  'get /v1/admin/articles/:slug/rights',
  'put /v1/admin/articles/:slug/rights',
  'get /v1/partner/ninjs/:slug',
  'get /v1/partner/ninjs',
  'get /v1/partner/events',
  'get /feeds/:file',
  'get /feeds/:scope/:slug/:file',
  'get /feeds/:lang/:file',
  'get /feeds/:lang/:scope/:slug/:file',
  'get /sitemaps/:file{articles-[^/]+\\.xml}',
  'get /sitemaps/news.xml',
  'get /sitemap.xml',
  'get /problems/:kind',
] as const satisfies readonly Operation[]

// Hono's router cannot match a parameter inside a segment: this one is routed over the whole
// segment (src/routes/sitemaps.ts).
const ROUTED_AS: Record<string, string> = { '/sitemaps/articles-{n}.xml': '/sitemaps/:file{articles-[^/]+\\.xml}' }

describe('AppType', () => {
  it('has every operation of the OpenAPI document as a typed route', async () => {
    const doc = (await (await app.request('https://api.example-daily.eu/openapi.json', {}, vars)).json()) as {
      paths: Record<string, object>
    }
    const documented = Object.entries(doc.paths).flatMap(([path, item]) =>
      Object.keys(item).map((method) => `${method} ${ROUTED_AS[path] ?? path.replaceAll(/\{(\w+)\}/g, ':$1')}`),
    )
    expect(documented.sort()).toEqual([...OPERATIONS].sort())
  })
})
