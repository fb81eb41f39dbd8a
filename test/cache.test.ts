import { env } from 'cloudflare:workers'
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest'
import { app } from '../src/app.ts'
import { MEMORY_TTL_MS } from '../src/cache.ts'
import { article, basics, call, d1Queries, seed, uncached } from './helpers.ts'

// The Worker, with its background work (the cache fill) awaited before each answer is used.
const fetchSettled = (path: string, init?: RequestInit) => call(path, init)

async function json(path: string, init?: RequestInit) {
  const res = await fetchSettled(path, init)
  return { res, body: res.status === 304 ? null : ((await res.json()) as any) }
}

const slugs = (body: any) => (body.data ?? body.articles.data).map((a: any) => a.slug)
const hoursAgo = (h: number) => new Date(Date.now() - h * 3_600_000).toISOString()

beforeAll(async () => {
  await seed({
    ...basics,
    tags: [...basics.tags!, { slug: 'energy', name: 'Energy' }],
    articles: [
      article({ slug: 'first', headline: 'Gas deal signed', tags: ['energy'], authors: ['test-author'], published_at: hoursAgo(3) }),
      article({ slug: 'second', headline: 'Summit ends', authors: ['test-author', 'second-author'], published_at: hoursAgo(2) }),
    ],
  })
})

afterEach(() => {
  vi.restoreAllMocks()
  vi.useRealTimers()
})

describe('the KV read-through cache', () => {
  it('serves a repeated read from KV without touching D1', async () => {
    const miss = await fetchSettled('/v1/articles/first')
    expect(miss.headers.get('x-cache')).toBe('MISS')
    expect(d1Queries(miss)).toBe(1)
    const missBody = await miss.text()

    const hit = await fetchSettled('/v1/articles/first')
    expect(hit.headers.get('x-cache')).toBe('HIT')
    expect(d1Queries(hit)).toBe(0)
    expect(await hit.text()).toBe(missBody)
    expect(hit.headers.get('etag')).toBe(miss.headers.get('etag'))
    expect(hit.headers.get('content-type')).toMatch(/^application\/json/)
  })

  it('serves from isolate memory for a second, then checks KV again', async () => {
    await fetchSettled('/v1/articles/first')
    expect((await fetchSettled('/v1/articles/first')).headers.get('server-timing')).toMatch(/kv;dur=[\d.]+;desc="0 reads"/)
    vi.useFakeTimers({ toFake: ['Date'], now: Date.now() + MEMORY_TTL_MS })
    const checked = await fetchSettled('/v1/articles/first')
    expect(checked.headers.get('x-cache')).toBe('HIT')
    expect(checked.headers.get('server-timing')).toMatch(/kv;dur=[\d.]+;desc="1 reads"/)
    expect(d1Queries(checked)).toBe(0)
  })

  it('answers a hit from memory before routing, and anything it is unsure of the full way', async () => {
    await fetchSettled('/v1/articles/first')
    const routed = vi.spyOn(app, 'fetch')
    const fast = await fetchSettled('/v1/articles/first')
    expect(fast.headers.get('x-cache')).toBe('HIT')
    expect(fast.headers.get('vary')).toBe('Origin')
    expect(fast.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/)
    expect(routed).not.toHaveBeenCalled()
    for (const headers of [{ origin: 'http://localhost:3000' }, { authorization: 'Basic eDp5' }, { 'cache-control': 'no-cache' }] as Record<
      string,
      string
    >[]) {
      const res = await fetchSettled('/v1/articles/first', { headers })
      expect(res.headers.get('x-cache'), JSON.stringify(headers)).toBe('HIT')
    }
    expect(routed).toHaveBeenCalledTimes(3)
  })

  it("sees another isolate's write within MEMORY_TTL_MS", async () => {
    await fetchSettled('/v1/articles/second')
    await fetchSettled('/v1/articles/second')
    // What another isolate's write leaves in KV: a new generation (this isolate's memory is not told).
    await env.CACHE.put('gen:article:second', JSON.stringify({ v: 'elsewhere', at: new Date().toISOString() }))
    expect((await fetchSettled('/v1/articles/second')).headers.get('x-cache')).toBe('HIT')
    vi.useFakeTimers({ toFake: ['Date'], now: Date.now() + MEMORY_TTL_MS })
    expect((await fetchSettled('/v1/articles/second')).headers.get('x-cache')).toBe('MISS')
  })

  it('caches lists, profiles, sections, tags and the search results separately by query', async () => {
    for (const path of [
      '/v1/articles?limit=5',
      '/v1/articles?q=summit',
      '/v1/authors/test-author',
      '/v1/sections/europe',
      '/v1/tags/energy',
      '/v1/authors',
      '/v1/sections',
    ]) {
      await fetchSettled(path)
      const again = await fetchSettled(path)
      expect(again.headers.get('x-cache'), path).toBe('HIT')
      expect(d1Queries(again), path).toBe(0)
    }
    // The same parameters in another order are the same resource.
    await fetchSettled('/v1/articles?limit=2&tag=energy')
    expect((await fetchSettled('/v1/articles?tag=energy&limit=2')).headers.get('x-cache')).toBe('HIT')
  })

  it("bypasses KV for an editor's read, and does not write it", async () => {
    await seed({ articles: [article({ slug: 'bypassed', published_at: hoursAgo(1) })] })
    const res = await fetchSettled('/v1/articles/bypassed', uncached)
    expect(res.headers.get('x-cache')).toBe('BYPASS')
    expect(res.headers.get('cache-control')).toBe('private, no-store')
    expect(d1Queries(res)).toBe(1)
    expect((await fetchSettled('/v1/articles/bypassed')).headers.get('x-cache')).toBe('MISS')
  })

  it('treats no-cache from anyone else as revalidation: a fresh entry is served with no D1 query', async () => {
    await fetchSettled('/v1/articles/first')
    for (const headers of [{ 'cache-control': 'no-cache' }, { pragma: 'no-cache' }, { 'cache-control': 'max-age=0, no-cache' }] as Record<
      string,
      string
    >[]) {
      const res = await fetchSettled('/v1/articles/first', { headers })
      expect(res.headers.get('x-cache'), JSON.stringify(headers)).toBe('HIT')
      expect(d1Queries(res)).toBe(0)
      // It skipped this isolate's memory and asked KV whether the entry is still fresh.
      expect(res.headers.get('server-timing')).toMatch(/kv;dur=[\d.]+;desc="1 reads"/)
    }
  })

  it('builds concurrent misses for one URL once', async () => {
    await seed({ articles: [article({ slug: 'busy', published_at: hoursAgo(1) })] })
    const responses = await Promise.all(Array.from({ length: 8 }, () => fetchSettled('/v1/articles/busy')))
    expect(responses.map((r) => r.status)).toEqual(Array(8).fill(200))
    expect(responses.reduce((sum, r) => sum + d1Queries(r), 0)).toBe(1)
    const bodies = await Promise.all(responses.map((r) => r.text()))
    expect(new Set(bodies).size).toBe(1)
  })

  it('does not cache a 404', async () => {
    const first = await fetchSettled('/v1/articles/not-yet-written')
    expect(first.status).toBe(404)
    await seed({ articles: [article({ slug: 'not-yet-written', published_at: hoursAgo(1) })] })
    expect((await fetchSettled('/v1/articles/not-yet-written')).status).toBe(200)
  })
})

describe('invalidation, as the next read in the same location sees it', () => {
  it('shows a newly published article in every list that should contain it', async () => {
    const paths = ['/v1/articles', '/v1/tags/energy', '/v1/authors/second-author', '/v1/sections/europe', '/v1/articles?q=pipeline']
    for (const path of paths) await fetchSettled(path)
    await seed({
      articles: [
        article({
          slug: 'pipeline',
          headline: 'Pipeline reopens',
          tags: ['energy'],
          authors: ['second-author'],
          published_at: hoursAgo(0.5),
        }),
      ],
    })
    for (const path of paths) {
      const { res, body } = await json(path)
      expect(res.headers.get('x-cache'), path).toBe('MISS')
      expect(slugs(body), path).toContain('pipeline')
    }
  })

  it("shows an author's new name inside article responses and lists", async () => {
    await fetchSettled('/v1/articles/second')
    await fetchSettled('/v1/articles?author=second-author')
    await seed({ authors: [{ slug: 'second-author', name: 'Renamed Author' }] })
    const { body } = await json('/v1/articles/second')
    expect(body.authors.map((a: any) => a.name)).toEqual(['Test Author', 'Renamed Author'])
    expect(body.jsonld.author[1].name).toBe('Renamed Author')
    const list = await json('/v1/articles?author=second-author')
    expect(list.body.data[0].authors.map((a: any) => a.name)).toContain('Renamed Author')
  })

  it('hides an unpublished article at once: 404, and gone from every list and search', async () => {
    await seed({ articles: [article({ slug: 'retracted', headline: 'Retracted scoop', tags: ['energy'], published_at: hoursAgo(0.2) })] })
    const paths = ['/v1/articles', '/v1/tags/energy', '/v1/authors/test-author', '/v1/sections/europe', '/v1/articles?q=retracted']
    expect((await fetchSettled('/v1/articles/retracted')).status).toBe(200)
    for (const path of paths) expect(slugs((await json(path)).body), path).toContain('retracted')
    expect((await fetchSettled('/v1/articles/retracted')).headers.get('x-cache')).toBe('HIT')

    await seed({
      articles: [
        article({ slug: 'retracted', headline: 'Retracted scoop', tags: ['energy'], status: 'unpublished', published_at: hoursAgo(0.2) }),
      ],
    })
    expect((await fetchSettled('/v1/articles/retracted')).status).toBe(404)
    for (const path of paths) expect(slugs((await json(path)).body), path).not.toContain('retracted')
  })

  it('keeps other article pages cached when one article changes', async () => {
    await fetchSettled('/v1/articles/first')
    await seed({
      articles: [article({ slug: 'second', headline: 'Summit ends with a deal', authors: ['test-author'], published_at: hoursAgo(2) })],
    })
    expect((await fetchSettled('/v1/articles/first')).headers.get('x-cache')).toBe('HIT')
    expect((await json('/v1/articles/second')).body.headline).toBe('Summit ends with a deal')
  })

  it('shows an embargoed article in lists as soon as its embargo lifts, with no write in between', async () => {
    const lifts = new Date(Date.now() + 10 * 60_000)
    await seed({ articles: [article({ slug: 'embargoed-report', tags: ['energy'], published_at: lifts.toISOString() })] })
    expect(slugs((await json('/v1/articles')).body)).not.toContain('embargoed-report')
    expect((await fetchSettled('/v1/articles')).headers.get('x-cache')).toBe('HIT')
    expect((await fetchSettled('/v1/articles/embargoed-report')).status).toBe(404)

    vi.useFakeTimers({ toFake: ['Date'], now: lifts.getTime() + 1_000 })
    expect(slugs((await json('/v1/articles')).body)).toContain('embargoed-report')
    expect(slugs((await json('/v1/tags/energy')).body)).toContain('embargoed-report')
    expect((await fetchSettled('/v1/articles/embargoed-report')).status).toBe(200)
  })
})

describe('HTTP validators', () => {
  it('answers 304 without a body when the ETag matches, strong or weak', async () => {
    const first = await fetchSettled('/v1/articles/first')
    const etag = first.headers.get('etag')!
    expect(etag).toMatch(/^"[A-Za-z0-9_-]+"$/)
    for (const ifNoneMatch of [etag, `W/${etag}`, `"other", ${etag}`, '*']) {
      const res = await fetchSettled('/v1/articles/first', { headers: { 'if-none-match': ifNoneMatch } })
      expect(res.status, ifNoneMatch).toBe(304)
      expect(await res.text()).toBe('')
      expect(res.headers.get('etag')).toBe(etag)
      expect(res.headers.get('cache-control')).toMatch(/max-age/)
    }
    const changed = await fetchSettled('/v1/articles/first', { headers: { 'if-none-match': '"stale"' } })
    expect(changed.status).toBe(200)
  })

  it('answers 304 to If-Modified-Since at or after Last-Modified, 200 before it', async () => {
    const first = await fetchSettled('/v1/articles?limit=3')
    const lastModified = first.headers.get('last-modified')!
    expect(new Date(lastModified).toUTCString()).toBe(lastModified)
    expect((await fetchSettled('/v1/articles?limit=3', { headers: { 'if-modified-since': lastModified } })).status).toBe(304)
    const earlier = new Date(Date.parse(lastModified) - 1000).toUTCString()
    expect((await fetchSettled('/v1/articles?limit=3', { headers: { 'if-modified-since': earlier } })).status).toBe(200)
    expect((await fetchSettled('/v1/articles?limit=3', { headers: { 'if-modified-since': 'garbage' } })).status).toBe(200)
  })

  it('gives a new ETag and Last-Modified after an edit', async () => {
    const before = await fetchSettled('/v1/articles/first')
    await new Promise((resolve) => setTimeout(resolve, 1_100)) // Last-Modified counts whole seconds
    await seed({
      articles: [
        article({
          slug: 'first',
          headline: 'Gas deal signed, at last',
          tags: ['energy'],
          authors: ['test-author'],
          published_at: hoursAgo(3),
        }),
      ],
    })
    const after = await fetchSettled('/v1/articles/first', { headers: { 'if-none-match': before.headers.get('etag')! } })
    expect(after.status).toBe(200)
    expect(after.headers.get('etag')).not.toBe(before.headers.get('etag'))
    expect(Date.parse(after.headers.get('last-modified')!)).toBeGreaterThan(Date.parse(before.headers.get('last-modified')!))
  })

  it('tells browsers and CDNs how long to keep each kind of resource', async () => {
    const article = await fetchSettled('/v1/articles/first')
    expect(article.headers.get('cache-control')).toBe('public, max-age=30, stale-while-revalidate=30, stale-if-error=86400')
    expect(article.headers.get('cdn-cache-control')).toMatch(/stale-if-error/)
    const list = await fetchSettled('/v1/articles')
    expect(list.headers.get('cache-control')).toBe('public, max-age=15, stale-while-revalidate=15, stale-if-error=3600')
    const problem = await fetchSettled('/v1/articles/nothing-here')
    expect(problem.headers.get('cache-control')).toBe('no-store')
  })
})

describe('when storage fails', () => {
  it('serves the last cached copy, marked STALE, when D1 fails', async () => {
    const good = await (await fetchSettled('/v1/articles/first')).text()
    await seed({ tags: [{ slug: 'energy', name: 'Energy policy' }] }) // makes every cached page outdated
    vi.spyOn(env.DB, 'prepare').mockImplementation(() => {
      throw new Error('D1 is down')
    })
    const res = await fetchSettled('/v1/articles/first')
    expect(res.status).toBe(200)
    expect(res.headers.get('x-cache')).toBe('STALE')
    expect(await res.text()).toBe(good)
  })

  it('answers 503 with Retry-After when D1 fails and nothing is cached', async () => {
    vi.spyOn(env.DB, 'batch').mockRejectedValue(new Error('D1_ERROR: network connection lost'))
    const res = await fetchSettled('/v1/articles?limit=7&section=world')
    expect(res.status).toBe(503)
    expect(res.headers.get('retry-after')).toBe('5')
    expect(res.headers.get('content-type')).toBe('application/problem+json')
  })

  it('falls through to D1 when KV fails', async () => {
    vi.spyOn(env.CACHE, 'get').mockRejectedValue(new Error('KV unavailable'))
    const res = await fetchSettled('/v1/articles/first')
    expect(res.status).toBe(200)
    expect(res.headers.get('x-cache')).toBe('BYPASS')
    expect(d1Queries(res)).toBe(1)
  })
})

describe('CORS', () => {
  it('answers a preflight from an allowed origin without touching D1 or KV', async () => {
    const d1 = vi.spyOn(env.DB, 'prepare')
    const kv = vi.spyOn(env.CACHE, 'get')
    const res = await fetchSettled('/v1/articles', {
      method: 'OPTIONS',
      headers: { origin: 'http://localhost:3000', 'access-control-request-method': 'GET' },
    })
    expect(res.status).toBe(204)
    expect(res.headers.get('access-control-allow-origin')).toBe('http://localhost:3000')
    expect(res.headers.get('access-control-max-age')).toBe('86400')
    expect(d1).not.toHaveBeenCalled()
    expect(kv).not.toHaveBeenCalled()
  })

  it('lets allowed origins read responses and their validators, and no one else', async () => {
    const allowed = await fetchSettled('/v1/articles', { headers: { origin: 'http://localhost:3000' } })
    expect(allowed.headers.get('access-control-allow-origin')).toBe('http://localhost:3000')
    expect(allowed.headers.get('access-control-expose-headers')).toMatch(/ETag/)
    expect(allowed.headers.get('vary')).toMatch(/Origin/i)
    const foreign = await fetchSettled('/v1/articles', { headers: { origin: 'https://evil.example' } })
    expect(foreign.headers.get('access-control-allow-origin')).toBeNull()
    // An app's request (no Origin) gets no CORS headers, but the Vary that keeps shared caches honest.
    const app = await fetchSettled('/v1/articles')
    expect(app.headers.get('access-control-allow-origin')).toBeNull()
    expect(app.headers.get('vary')).toMatch(/Origin/i)
  })
})
