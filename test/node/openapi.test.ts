import { execFile } from 'node:child_process'
import { mkdtemp, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { promisify } from 'node:util'
import { describe, expect, it } from 'vitest'
import { app } from '../../src/app.ts'
import { vars } from './vars.ts'

async function openapiDocument() {
  const res = await app.request('https://api.example-daily.eu/openapi.json', {}, vars)
  expect(res.status).toBe(200)
  return (await res.json()) as any
}

describe('the OpenAPI document', () => {
  it('describes every route with its error responses', async () => {
    const doc = await openapiDocument()
    expect(doc.openapi).toBe('3.1.0')
    expect(Object.keys(doc.paths).sort()).toEqual(
      [
        '/health',
        '/v1/articles',
        '/v1/articles/{slug}',
        '/v1/authors',
        '/v1/authors/{slug}',
        '/v1/authors/{slug}/articles',
        '/v1/publication',
        '/v1/sections',
        '/v1/sections/{slug}',
        '/v1/tags',
        '/v1/tags/{slug}',
        '/v1/subscriptions',
        '/v1/subscriptions/confirm',
        '/v1/subscriptions/unsubscribe',
        '/v1/subscriptions/{token}',
        '/v1/sync',
        '/v1/admin/articles',
        '/v1/admin/articles/{slug}',
        '/v1/admin/authors/{slug}',
        '/v1/admin/sections/{slug}',
        '/v1/admin/tags/{slug}',
        '/v1/admin/publication',
        '/v1/admin/tokens',
        '/v1/admin/tokens/{id}',
        '/v1/admin/partners',
        '/v1/admin/partners/{id}',
        '/v1/admin/partners/{id}/endpoints',
        '/v1/admin/partners/{id}/endpoints/{endpoint}',
        '/v1/admin/partners/{id}/endpoints/{endpoint}/secret',
        '/v1/admin/partners/{id}/deliveries',
        '/v1/admin/partners/{id}/deliveries/{event}/retry',
        '/v1/admin/articles/{slug}/rights',
        '/v1/partner/ninjs',
        '/v1/partner/ninjs/{slug}',
        '/v1/partner/events',
        '/feeds/{file}',
        '/feeds/{scope}/{slug}/{file}',
        '/feeds/{lang}/{file}',
        '/feeds/{lang}/{scope}/{slug}/{file}',
        '/sitemap.xml',
        '/sitemaps/news.xml',
        '/sitemaps/articles-{n}.xml',
        '/problems/{kind}',
      ].sort(),
    )
    for (const [route, item] of Object.entries<any>(doc.paths)) {
      if (item.get && !route.startsWith('/v1/subscriptions')) expect(item.get.responses['500'], route).toBeDefined()
      if (route.startsWith('/v1/admin'))
        for (const operation of Object.values<any>(item)) expect(operation.security, route).toEqual([{ bearerAuth: [] }])
      for (const operation of Object.values<any>(item))
        expect(
          Object.keys(operation.responses).some((s) => s.startsWith('4')),
          route,
        ).toBe(true)
    }
    expect(Object.keys(doc.paths['/v1/subscriptions'].post.requestBody.content).sort()).toEqual([
      'application/json',
      'application/x-www-form-urlencoded',
      'multipart/form-data',
    ])
    expect(doc.info.contact).toBeDefined()
    for (const [route, item] of Object.entries<any>(doc.paths)) {
      for (const operation of Object.values<any>(item)) expect(operation.description, `${route} ${operation.operationId}`).toBeTruthy()
    }
    expect(doc.components.schemas.Problem).toBeDefined()
    expect(doc.components.schemas.Block).toBeDefined()
    // The pushes partners receive, in OpenAPI 3.1's webhooks section.
    expect(Object.keys(doc.webhooks).sort()).toEqual(['article.corrected', 'article.published', 'article.updated', 'article.withdrawn'])
    expect(doc.webhooks['article.withdrawn'].post.requestBody.content['application/json'].schema).toEqual({
      $ref: '#/components/schemas/WebhookPayload',
    })
    expect(doc.components.schemas.Ninjs.properties.pubStatus.enum).toEqual(['usable', 'withheld', 'canceled'])
  })

  it("lints clean with Redocly's recommended-strict rules (redocly.yaml)", { timeout: 60_000 }, async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'openapi-'))
    const file = path.join(dir, 'openapi.json')
    await writeFile(file, JSON.stringify(await openapiDocument()))
    const redocly = path.join(import.meta.dirname, '../../node_modules/.bin/redocly')
    const result = await promisify(execFile)(
      redocly,
      ['lint', file, '--config', path.join(import.meta.dirname, '../../redocly.yaml'), '--format', 'stylish'],
      { env: { ...process.env, REDOCLY_TELEMETRY: 'off', REDOCLY_SUPPRESS_UPDATE_NOTICE: 'true' } },
    ).catch((error) => error)
    expect(result.code ?? 0, `${result.stdout}\n${result.stderr}`).toBe(0)
    expect(result.stdout + result.stderr).not.toMatch(/warning/i)
  })
})
