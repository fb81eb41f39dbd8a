import { describe, expect, it } from 'vitest'
import { get } from './helpers.ts'

describe('documentation', () => {
  it('serves the OpenAPI document from the Worker', async () => {
    const res = await get('/openapi.json')
    expect(res.status).toBe(200)
    const doc: any = await res.json()
    expect(doc.info.title).toBe('The European Daily content API')
    expect(doc.servers[0].url).toBe('http://localhost:8787')
  })

  it('serves interactive docs that load that document and scripts from this Worker only', async () => {
    const res = await get('/docs')
    expect(res.status).toBe(200)
    expect(res.headers.get('content-type')).toMatch(/^text\/html/)
    const html = await res.text()
    expect(html).toContain('/openapi.json')
    expect(html).toContain("from '/docs/assets/standalone.esm.js'")
    expect(html).not.toMatch(/https?:\/\//)
    expect(html).toContain('"withDefaultFonts": false')
  })

  it("serves Scalar's installed browser build, and nothing else from its folder", async () => {
    const script = await get('/docs/assets/standalone.esm.js')
    expect(script.status).toBe(200)
    expect(script.headers.get('content-type')).toMatch(/javascript/)
    expect(await script.text()).toContain('createApiReference')
    expect((await get('/docs/assets/standalone.esm.js.map')).status).toBe(404)
    expect((await get('/docs/assets/nothing.js')).status).toBe(404)
    expect((await get('/standalone.esm.js')).status).toBe(404)
  })

  it('gives each kind of problem its own type URI, whose page explains it', async () => {
    const kinds = new Map<string, number>()
    for (const [path, init] of [
      ['/v1/articles/atlantis', {}],
      ['/v1/articles?limit=0', {}],
      ['/v1/admin/articles', {}],
      [
        '/v1/admin/articles/x',
        { method: 'PUT', headers: { authorization: 'Bearer bootstrap-admin-token-for-tests', 'content-type': 'text/plain' }, body: 'x' },
      ],
    ] as const) {
      const res = await get(path, init as RequestInit)
      const problem: any = await res.json()
      expect(problem.type, path).toMatch(/^http:\/\/localhost:8787\/problems\/[a-z-]+$/)
      expect(kinds.has(problem.type), path).toBe(false)
      kinds.set(problem.type, res.status)
      const page = await get(new URL(problem.type).pathname)
      expect(page.status, problem.type).toBe(200)
      expect(page.headers.get('content-type')).toMatch(/^text\/html/)
      expect(await page.text()).toContain(`${res.status} ${problem.title}`)
    }
    expect([...kinds.values()]).toEqual([404, 400, 401, 415])
    expect((await get('/problems/nonsense')).status).toBe(400)
  })
})
