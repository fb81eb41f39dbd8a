import { beforeAll, describe, expect, it } from 'vitest'
import { ADMIN_TOKEN, article, asEditor, basics, call, getJson, seed } from './helpers.ts'

// The one rule: links that get shared (feeds, sitemaps) ignore parameters they do not know, and
// those parameters never make a cache entry of their own; the JSON API refuses them by name.
const TRACKING = 'utm_source=newsletter&utm_medium=email&utm_campaign=daily&fbclid=abc123&ref=reader'

beforeAll(async () => {
  await seed({ ...basics, articles: [article({ slug: 'shared-story' })] })
})

describe('feeds and sitemaps', () => {
  it.each([
    '/feeds/rss.xml',
    '/feeds/atom.xml',
    '/feeds/feed.json',
    '/feeds/sections/europe/rss.xml',
    '/feeds/tags/diplomacy/atom.xml',
    '/feeds/authors/test-author/feed.json',
    '/sitemap.xml',
    '/sitemaps/news.xml',
    '/sitemaps/articles-1.xml',
  ])('%s answers with tracking parameters, from the entry of the plain URL', async (path) => {
    const plain = await call(path)
    expect(plain.status, path).toBe(200)
    const tracked = await call(`${path}?${TRACKING}`)
    expect(tracked.status, `${path}?${TRACKING}`).toBe(200)
    expect(tracked.headers.get('x-cache')).toBe('HIT')
    expect(await tracked.text()).toBe(await plain.text())
    const other = await call(`${path}?utm_source=mastodon&anything=else`)
    expect(other.headers.get('x-cache')).toBe('HIT')
  })
})

describe('the JSON API', () => {
  it.each([
    '/v1/articles',
    '/v1/articles/shared-story',
    '/v1/sections',
    '/v1/sections/europe',
    '/v1/tags',
    '/v1/tags/diplomacy',
    '/v1/authors',
    '/v1/authors/test-author',
    '/v1/authors/test-author/articles',
    '/v1/publication',
    '/v1/sync',
    '/health',
  ])('%s refuses tracking parameters, naming each', async (path) => {
    const { status, body } = await getJson(`${path}?utm_source=newsletter&fbclid=abc123`)
    expect(status, path).toBe(400)
    expect(body.errors.map((e: any) => e.field).sort()).toEqual(['fbclid', 'utm_source'])
  })

  it.each(['/v1/admin/tokens', '/v1/admin/partners', '/v1/admin/articles/shared-story', '/v1/admin/articles'])(
    '%s refuses unknown parameters too',
    async (path) => {
      const res = await call(`${path}?verbose=1`, asEditor(ADMIN_TOKEN, 'GET'))
      expect(res.status, path).toBe(400)
      expect(((await res.json()) as any).errors).toEqual([{ field: 'verbose', in: 'query', detail: 'is not a known parameter' }])
    },
  )
})
