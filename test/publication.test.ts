import { env } from 'cloudflare:workers'
import { describe, expect, it, vi } from 'vitest'
import { article, basics, demo, get, getJson, seed } from './helpers.ts'

describe('GET /v1/publication', () => {
  it('answers 404 before the publication is set up', async () => {
    expect((await get('/v1/publication')).status).toBe(404)
  })

  it('describes the newspaper', async () => {
    await seed({ publication: demo.publication })
    const { status, body } = await getJson('/v1/publication')
    expect(status).toBe(200)
    expect(body).toMatchObject({
      name: 'The European Daily',
      url: 'https://www.example-daily.eu',
      language: 'en',
      about: expect.stringMatching(/daily online newspaper/i),
      links: expect.any(Array),
    })
  })
})

describe('GET /health', () => {
  it('reports that D1 answers', async () => {
    const res = await get('/health')
    expect(res.status).toBe(200)
    expect(res.headers.get('cache-control')).toBe('no-store')
    expect(await res.json()).toEqual({ status: 'ok', checks: { d1: 'ok' } })
  })

  it('answers 503 with Retry-After when D1 fails', async () => {
    const spy = vi.spyOn(env.DB, 'prepare').mockImplementation(() => {
      throw new Error('D1 is down')
    })
    try {
      const res = await get('/health')
      expect(res.status).toBe(503)
      expect(res.headers.get('retry-after')).toBe('5')
      expect(res.headers.get('content-type')).toBe('application/problem+json')
    } finally {
      spy.mockRestore()
    }
  })
})

describe('unexpected errors', () => {
  it('answer 500 as a problem with a request id, logged as JSON without the request details', async () => {
    await seed({ ...basics, articles: [article({ slug: 'corrupt' })] })
    await env.DB.prepare("UPDATE articles SET body = 'not json' WHERE slug = 'corrupt'").run()
    const logged = vi.spyOn(console, 'error').mockImplementation(() => {})
    try {
      const res = await get('/v1/articles/corrupt', { headers: { 'cache-control': 'no-cache', cookie: 'session=secret-token' } })
      expect(res.status).toBe(500)
      expect(res.headers.get('content-type')).toBe('application/problem+json')
      const body: any = await res.json()
      expect(body).toMatchObject({ status: 500, title: 'Internal Server Error', request_id: res.headers.get('x-request-id') })
      const line = JSON.parse(String(logged.mock.calls[0]![0]))
      expect(line).toMatchObject({ level: 'error', request_id: body.request_id, message: 'unhandled error', error: 'SyntaxError' })
      expect(JSON.stringify(line)).not.toContain('secret-token')
    } finally {
      logged.mockRestore()
    }
  })

  it('unknown paths answer 404 problems', async () => {
    const { status, headers, body } = await getJson('/v2/nothing')
    expect(status).toBe(404)
    expect(headers.get('content-type')).toBe('application/problem+json')
    expect(body.instance).toBe('/v2/nothing')
  })
})
