import { env } from 'cloudflare:workers'
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest'
import { ADMIN_TOKEN, article, asEditor, basics, call, d1Queries, demo, hoursAgo, issueEditorToken, seed, uncached } from './helpers.ts'

// Every answer is right for whoever asked, whatever path through the cache it took.

let partnerKey = ''

beforeAll(async () => {
  await seed({
    ...basics,
    publication: demo.publication,
    articles: [
      article({ slug: 'alpha', headline: 'Geneva talks resume', published_at: hoursAgo(3) }),
      article({ slug: 'beta', headline: 'Summit ends', section: 'world', published_at: hoursAgo(2) }),
    ],
  })
  partnerKey = ((await (await call('/v1/admin/partners', asEditor(ADMIN_TOKEN, 'POST', { name: 'Wire' }))).json()) as any).key
})

afterEach(() => {
  vi.restoreAllMocks()
  vi.useRealTimers()
})

/** The headers that describe the resource: all but those of this one transfer and request. */
function resourceHeaders(res: Response): Record<string, string> {
  const headers = Object.fromEntries(res.headers)
  for (const name of ['x-cache', 'server-timing', 'x-request-id', 'date', 'content-length']) delete headers[name]
  return headers
}

// One URL of every kind of cached resource.
const RESOURCES = [
  '/v1/articles/alpha',
  '/v1/articles?limit=3',
  '/v1/articles?q=geneva',
  '/v1/authors',
  '/v1/authors/test-author',
  '/v1/authors/test-author/articles',
  '/v1/sections',
  '/v1/sections/europe',
  '/v1/tags',
  '/v1/tags/diplomacy',
  '/v1/publication',
  '/feeds/rss.xml',
  '/feeds/sections/europe/atom.xml',
  '/feeds/feed.json',
  '/sitemap.xml',
  '/sitemaps/news.xml',
  '/sitemaps/articles-1.xml',
]

describe('the same answer on every cache path', () => {
  it.each(RESOURCES)('%s has the same headers on MISS, HIT and STALE, and on BYPASS but for privacy', async (path) => {
    const miss = await call(path)
    expect(miss.status).toBe(200)
    expect(miss.headers.get('x-cache')).toBe('MISS')
    const hit = await call(path)
    expect(hit.headers.get('x-cache')).toBe('HIT')
    expect(resourceHeaders(hit)).toEqual(resourceHeaders(miss))
    expect(hit.headers.get('last-modified'), 'every 200 has Last-Modified').toBeTruthy()

    const bypass = await call(path, uncached)
    expect(bypass.headers.get('x-cache')).toBe('BYPASS')
    expect(bypass.headers.get('last-modified'), 'a bypass has Last-Modified too').toBeTruthy()
    const { 'cache-control': _a, 'cdn-cache-control': _b, 'last-modified': _c, ...shared } = resourceHeaders(miss)
    const { 'cache-control': privacy, 'last-modified': _d, ...bypassed } = resourceHeaders(bypass)
    expect(bypassed).toEqual(shared)
    expect(privacy).toBe('private, no-store')

    // A write makes every entry outdated; then D1 fails: the old copy is served as it was.
    await seed({ tags: [{ slug: 'diplomacy', name: 'Diplomacy' }] })
    vi.spyOn(env.DB, 'prepare').mockImplementation(() => {
      throw new Error('D1 is down')
    })
    const stale = await call(path)
    expect(stale.headers.get('x-cache')).toBe('STALE')
    expect(resourceHeaders(stale)).toEqual(resourceHeaders(miss))
    expect(stale.headers.get('retry-after')).toBeNull()
  })
})

describe('absolute links', () => {
  it('come from API_URL, never from the Host a client sent, so a poisoned copy cannot be cached', async () => {
    for (const path of ['/sitemap.xml', '/feeds/rss.xml', '/feeds/tags/diplomacy/feed.json']) {
      const evil = await call(`http://evil.test${path}`, { headers: { host: 'evil.test' } })
      expect(evil.status, path).toBe(200)
      const text = await evil.text()
      expect(text, path).not.toContain('evil.test')
      expect(evil.headers.get('link') ?? '', path).not.toContain('evil.test')
      expect(text, path).toContain('http://localhost:8787/')
      // And what the next reader gets from the cache.
      const next = await call(path)
      expect(next.headers.get('x-cache')).toBe('HIT')
      expect(await next.text()).not.toContain('evil.test')
    }
  })
})

describe('settings', () => {
  it('reach cached answers at once: a hub configured later appears in cached feeds', async () => {
    await call('/feeds/atom.xml')
    expect((await call('/feeds/atom.xml')).headers.get('x-cache')).toBe('HIT')
    const withHub = await call('/feeds/atom.xml', {}, { WEBSUB_HUB_URL: 'https://hub.example.org/' })
    expect(withHub.headers.get('x-cache')).toBe('MISS')
    expect(withHub.headers.get('link')).toContain('<https://hub.example.org/>; rel="hub"')
    expect(await withHub.text()).toContain('https://hub.example.org/')
  })

  it('reach cached articles: a new SITE_URL is in the next answer', async () => {
    await call('/v1/articles/beta')
    const moved: any = await (await call('/v1/articles/beta', {}, { SITE_URL: 'https://news.example.org' })).json()
    expect(moved.url).toBe('https://news.example.org/articles/beta')
  })
})

describe('validators', () => {
  it('never answer 304 for a list that changed when an embargo lifted', async () => {
    const lifts = new Date(Date.now() + 10 * 60_000)
    await seed({ articles: [article({ slug: 'embargoed', published_at: lifts.toISOString() })] })
    const before = await call('/v1/articles?limit=4')
    const since = before.headers.get('last-modified')!
    expect(since).toBeTruthy()
    vi.useFakeTimers({ toFake: ['Date'], now: lifts.getTime() + 60_000 })
    const after = await call('/v1/articles?limit=4', { headers: { 'if-modified-since': since } })
    expect(after.status).toBe(200)
    expect(((await after.json()) as any).data.map((a: any) => a.slug)).toContain('embargoed')
    expect(Date.parse(after.headers.get('last-modified')!)).toBeGreaterThanOrEqual(Math.floor(lifts.getTime() / 1000) * 1000)
  })
})

describe('credentials', () => {
  it('give partners and editors private answers', async () => {
    for (const init of [{ headers: { authorization: `Bearer ${partnerKey}` } }, uncached]) {
      for (const path of ['/v1/articles/alpha', '/feeds/rss.xml']) {
        const res = await call(path, init)
        expect(res.status, path).toBe(200)
        expect(res.headers.get('cache-control'), path).toBe('private, no-store')
        expect(res.headers.get('cdn-cache-control'), path).toBeNull()
      }
    }
    const admin = await call('/v1/admin/tokens', asEditor(ADMIN_TOKEN, 'GET'))
    expect(admin.headers.get('cache-control')).toBe('private, no-store')
  })

  it('cost one D1 round trip to recognise an editor token where partner keys are accepted too (they look alike)', async () => {
    const token = await issueEditorToken('Bypass editor')
    const res = await call('/v1/articles/alpha', { headers: { authorization: `Bearer ${token}` } })
    expect(res.status).toBe(200)
    // One round trip for the credential (looked up as a key and as a token at once), one for the article.
    expect(d1Queries(res)).toBe(2)
  })

  it('match the Bearer scheme case-insensitively', async () => {
    const res = await call('/feeds/rss.xml', { headers: { authorization: `bearer ${partnerKey}` } })
    expect(res.headers.get('cache-control')).toBe('private, no-store')
    expect(await res.text()).toContain('content:encoded')
    expect((await call('/v1/admin/tokens', { headers: { authorization: `BEARER ${ADMIN_TOKEN}` } })).status).toBe(200)
  })

  it('answer 401 for a Bearer credential that is not valid, on every public read', async () => {
    for (const path of [
      '/v1/articles',
      '/v1/articles/alpha',
      '/v1/authors',
      '/v1/sections/europe',
      '/v1/tags',
      '/v1/publication',
      '/feeds/rss.xml',
      '/sitemap.xml',
    ]) {
      const res = await call(path, { headers: { authorization: 'Bearer junk-that-is-no-key-or-token' } })
      expect(res.status, path).toBe(401)
      expect(res.headers.get('www-authenticate'), path).toMatch(/^Bearer /)
      expect(res.headers.get('content-type'), path).toBe('application/problem+json')
    }
  })

  it('ignore other schemes: the answer is the public one, from the cache', async () => {
    await call('/v1/authors')
    for (const authorization of ['Basic dXNlcjpwYXNz', 'Token abc', 'junk']) {
      const res = await call('/v1/authors', { headers: { authorization } })
      expect(res.status, authorization).toBe(200)
      expect(res.headers.get('x-cache'), authorization).toBe('HIT')
      expect(d1Queries(res)).toBe(0)
    }
  })
})

describe('search spellings', () => {
  // URLSearchParams reads %FF as U+FFFD (a word break), Hono leaves it as written: keyed as
  // `geneva`, the route would search `geneva ff`, and file its empty page under `geneva`.
  it.each([
    ['q=geneva%FF', 'q', 'is not valid percent-encoded UTF-8'],
    ['q=geneva%ED%A0%80', 'q', 'is not valid percent-encoded UTF-8'],
    ['q%FF=geneva', 'q%FF', 'is not valid percent-encoded UTF-8'],
    ['q=geneva&q=talks', 'q', 'must be given once'],
    ['limit=5&q=geneva&limit=6', 'limit', 'must be given once'],
  ])('answer %s with a 400 naming the parameter, and never file it under another spelling', async (query, field, detail) => {
    await call('/v1/articles?q=geneva')
    const res = await call(`/v1/articles?${query}`)
    expect(res.status).toBe(400)
    expect(res.headers.get('content-type')).toBe('application/problem+json')
    expect(((await res.json()) as any).errors).toEqual([{ field, in: 'query', detail }])
    // Neither from this isolate's memory nor from KV, and the real search is untouched.
    const again = await call(`/v1/articles?${query}`)
    expect(again.status).toBe(400)
    await again.text()
    const real: any = await (await call('/v1/articles?q=geneva')).json()
    expect(real.data.map((a: any) => a.slug)).toEqual(['alpha'])
  })

  it('share one cache entry for every spelling of one limit', async () => {
    expect((await call('/v1/articles?limit=7')).headers.get('x-cache')).toBe('MISS')
    for (const limit of ['07', '7.0', '7e0', '%207']) {
      const res = await call(`/v1/articles?limit=${limit}`)
      expect(res.headers.get('x-cache'), limit).toBe('HIT')
      expect(d1Queries(res)).toBe(0)
    }
  })

  it('never let a bad spelling be the first build of a search', async () => {
    expect((await call('/v1/articles?q=resume%FF')).status).toBe(400)
    const res = await call('/v1/articles?q=resume')
    expect(res.headers.get('x-cache')).toBe('MISS')
    expect(((await res.json()) as any).data.map((a: any) => a.slug)).toEqual(['alpha'])
  })

  it('share one cache entry when they mean the same search', async () => {
    expect((await call('/v1/articles?q=summit%20ends')).headers.get('x-cache')).toBe('MISS')
    for (const q of ['summit%20ends%20', 'Summit%20%20Ends', '%20SUMMIT,ends', 'ends%20summit', 'S%C3%BCmmit%20ends']) {
      const res = await call(`/v1/articles?q=${q}`)
      expect(res.headers.get('x-cache'), q).toBe('HIT')
      expect(d1Queries(res)).toBe(0)
    }
  })
})
