import { OpenAPIHono } from '@hono/zod-openapi'
import { env } from 'cloudflare:workers'
import { XMLParser } from 'fast-xml-parser'
import { beforeAll, describe, expect, it } from 'vitest'
import type { AppEnv } from '../src/context.ts'
import { Database } from '../src/db/client.ts'
import { listSitemapChunks, loadSitemapChunk, NEWS_LIMIT, sitemapChunksStatement, sitemapChunkStatement } from '../src/db/sitemaps.ts'
import { onError, onNotFound } from '../src/errors.ts'
import { requestContext } from '../src/middleware/request-context.ts'
import { sitemaps } from '../src/routes/sitemaps.ts'
import { article, basics, d1Queries, seed } from './helpers.ts'

// The route module is not registered in src/app.ts yet: a tiny app with the same request context
// and error handling serves it.
const app = new OpenAPIHono<AppEnv>()
app.use('*', requestContext())
app.onError(onError)
app.notFound(onNotFound)
app.route('/', sitemaps)
app.doc31('/openapi.json', { openapi: '3.1.0', info: { title: 'sitemaps', version: '1' } })

// Links to the API itself come from API_URL (wrangler.toml), never from the request.
const ORIGIN = 'http://localhost:8787'
const SITE = 'https://www.example-daily.eu'
const request = (path: string) => app.request(`${ORIGIN}${path}`, {}, env)

// An independent parser: what a crawler would read. Arrays stay arrays even with one element.
const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@',
  parseTagValue: false,
  isArray: (name) => ['url', 'sitemap'].includes(name),
})

async function xml(path: string) {
  const res = await request(path)
  expect(res.status, path).toBe(200)
  expect(res.headers.get('content-type')).toBe('application/xml; charset=utf-8')
  const text = await res.text()
  return { res, text, doc: parser.parse(text) }
}

const hoursAgo = (h: number) => new Date(Date.now() - h * 3_600_000).toISOString()
const TRICKY = `Tom & Jerry <script>"double" 'single'</script> 🎉 مرحبا بالعالم \u0001end`

// 7 archive articles of January 2025, then the recent ones, in the order they are written (the
// order of their ids, which the article sitemaps follow). 11 published and visible in all.
const archive = Array.from({ length: 7 }, (_, i) =>
  article({ slug: `archive-${i}`, published_at: new Date(Date.UTC(2025, 0, 1 + i, 8)).toISOString() }),
)
const PUBLISHED = [...archive.map((a) => a.slug), 'embargo-lifted', 'three-days-old', 'news-36h', 'news-1h']

beforeAll(async () => {
  await seed(
    {
      ...basics,
      publication: { name: 'The Test Gazette', url: SITE, description: 'News.', about: 'About.', language: 'en' },
      articles: archive,
    },
    '2025-02-01T00:00:00.000Z',
  )
  // An edit: archive-4 changed on 1 March.
  await seed({ articles: [{ ...archive[4]!, headline: 'Edited' }] }, '2025-03-01T00:00:00.000Z')
  // Written three hours ago, public since two hours ago: new to crawlers since then.
  await seed({ articles: [article({ slug: 'embargo-lifted', headline: 'Embargo lifted', published_at: hoursAgo(2) })] }, hoursAgo(3))
  await seed({
    articles: [
      article({ slug: 'three-days-old', published_at: hoursAgo(72) }),
      article({ slug: 'news-36h', headline: 'Day and a half', language: 'en-GB', published_at: hoursAgo(36) }),
      article({ slug: 'news-1h', headline: TRICKY, language: 'ar', published_at: hoursAgo(1) }),
      article({ slug: 'a-draft', status: 'draft', published_at: hoursAgo(1) }),
      article({ slug: 'pulled', status: 'unpublished', published_at: hoursAgo(1) }),
      article({ slug: 'embargoed', status: 'published', published_at: hoursAgo(-5) }),
      article({ slug: 'scheduled', status: 'scheduled', published_at: hoursAgo(-5) }),
    ],
  })
})

const slugOf = (loc: string) => loc.replace(`${SITE}/articles/`, '')

describe('GET /sitemaps/news.xml', () => {
  it('lists the articles of the last two days, newest first, with the Google News fields', async () => {
    const { doc, res } = await xml('/sitemaps/news.xml')
    expect(doc['?xml']).toMatchObject({ '@version': '1.0', '@encoding': 'UTF-8' })
    expect(doc.urlset['@xmlns']).toBe('http://www.sitemaps.org/schemas/sitemap/0.9')
    expect(doc.urlset['@xmlns:news']).toBe('http://www.google.com/schemas/sitemap-news/0.9')
    const urls = doc.urlset.url
    // Not the three-day-old one, nor drafts, unpublished, embargoed or scheduled ones.
    expect(urls.map((u: any) => slugOf(u.loc))).toEqual(['news-1h', 'embargo-lifted', 'news-36h'])
    expect(urls[1]).toEqual({
      loc: `${SITE}/articles/embargo-lifted`,
      'news:news': {
        'news:publication': { 'news:name': 'The Test Gazette', 'news:language': 'en' },
        'news:publication_date': expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/),
        'news:title': 'Embargo lifted',
      },
    })
    expect(Date.parse(urls[1]['news:news']['news:publication_date'])).toBeCloseTo(Date.now() - 2 * 3_600_000, -5)
    // Google News takes ISO 639 codes: en-GB is "en".
    expect(urls[2]['news:news']['news:publication']['news:language']).toBe('en')
    expect(d1Queries(res)).toBe(1)
  })

  it('escapes markup, quotes, emoji and Arabic text, and drops characters XML cannot carry', async () => {
    const { text, doc } = await xml('/sitemaps/news.xml')
    expect(text).not.toContain('\u0001')
    expect(text).not.toContain('<script>')
    expect(text).toContain('Tom &amp; Jerry &lt;script&gt;')
    const news = doc.urlset.url[0]['news:news']
    expect(news['news:title']).toBe(TRICKY.replace('\u0001', ''))
    expect(news['news:publication']['news:language']).toBe('ar')
  })

  it("falls back to the site's name when the publication is not set up", async () => {
    await env.DB.prepare('DELETE FROM publication').run()
    try {
      const { doc } = await xml('/sitemaps/news.xml')
      expect(doc.urlset.url[0]['news:news']['news:publication']['news:name']).toBe('The European Daily')
    } finally {
      await seed({ publication: { name: 'The Test Gazette', url: SITE, description: 'News.', about: 'About.', language: 'en' } })
    }
  })
})

describe('GET /sitemap.xml', () => {
  it('lists the article sitemaps with their newest change, and the news sitemap, on the request origin', async () => {
    const { doc, res } = await xml('/sitemap.xml')
    expect(doc.sitemapindex['@xmlns']).toBe('http://www.sitemaps.org/schemas/sitemap/0.9')
    const entries = doc.sitemapindex.sitemap
    expect(entries.map((s: any) => s.loc)).toEqual([`${ORIGIN}/sitemaps/articles-1.xml`, `${ORIGIN}/sitemaps/news.xml`])
    // One chunk of 50,000 holds everything: its lastmod is the newest change of all.
    const newest = (await listSitemapChunks(new Database(env.DB), new Date().toISOString()))[0]!.lastmod
    expect(Date.parse(newest)).toBeGreaterThan(Date.now() - 60_000)
    expect(entries[0].lastmod).toBe(newest)
    expect(entries[1].lastmod).toBe(newest)
    expect(d1Queries(res)).toBe(1)
  })
})

describe('the article sitemap chunks', () => {
  const db = () => new Database(env.DB)
  const now = () => new Date().toISOString()

  it('are ranges of `size` article ids with a published article, each with the newest change among its articles', async () => {
    const chunks = await listSitemapChunks(db(), now(), 3)
    // Ids 13 to 15 (unpublished, embargoed, scheduled) make no chunk 5.
    expect(chunks.map((c) => c.chunk)).toEqual([1, 2, 3, 4])
    expect(chunks[0]!.lastmod).toBe('2025-02-01T00:00:00.000Z')
    expect(chunks[1]!.lastmod).toBe('2025-03-01T00:00:00.000Z') // archive-4's edit
    expect(Date.parse(chunks[3]!.lastmod)).toBeGreaterThan(Date.now() - 60_000)
    expect(await listSitemapChunks(db(), now(), 11)).toHaveLength(1)
    expect(await listSitemapChunks(db(), now(), 10)).toHaveLength(2)
  })

  it('hold the right articles, in the order they were written, chunk by chunk', async () => {
    const chunk = async (n: number, size: number) => (await loadSitemapChunk(db(), now(), n, size)).map((r) => r.slug)
    expect(await chunk(2, 3)).toEqual(['archive-3', 'archive-4', 'archive-5'])
    expect(await chunk(3, 3)).toEqual(['archive-6', 'embargo-lifted', 'three-days-old'])
    expect(await chunk(4, 3)).toEqual(['news-36h', 'news-1h'])
    expect(await chunk(5, 3)).toEqual([])
    const all = (await Promise.all([1, 2, 3, 4].map((n) => chunk(n, 3)))).flat()
    expect(all).toEqual(PUBLISHED)
    const lastmods = await loadSitemapChunk(db(), now(), 2, 3)
    expect(lastmods[1]).toEqual({ slug: 'archive-4', lastmod: '2025-03-01T00:00:00.000Z', versions: '[]' })
    // Public since two hours ago though written three hours ago: lastmod is when it went public.
    const [, lifted] = await loadSitemapChunk(db(), now(), 3, 3)
    expect(Date.parse(lifted!.lastmod)).toBeCloseTo(Date.now() - 2 * 3_600_000, -5)
  })

  it('are served as sitemaps of web URLs with lastmod', async () => {
    const { doc, res } = await xml('/sitemaps/articles-1.xml')
    expect(doc.urlset['@xmlns']).toBe('http://www.sitemaps.org/schemas/sitemap/0.9')
    const urls = doc.urlset.url
    expect(urls.map((u: any) => slugOf(u.loc))).toEqual(PUBLISHED)
    expect(urls[4]).toEqual({ loc: `${SITE}/articles/archive-4`, lastmod: '2025-03-01T00:00:00.000Z' })
    expect(d1Queries(res)).toBe(1)
  })

  it.each([
    '/sitemaps/articles-2.xml',
    '/sitemaps/articles-0.xml',
    '/sitemaps/articles-01.xml',
    '/sitemaps/articles--1.xml',
    '/sitemaps/articles-abc.xml',
    '/sitemaps/articles-1.5.xml',
    '/sitemaps/articles-99999999999999999999.xml',
    '/sitemaps/other.xml',
  ])('%s is a 404 problem', async (path) => {
    const res = await request(path)
    expect(res.status).toBe(404)
    expect(res.headers.get('content-type')).toBe('application/problem+json')
    expect(await res.json()).toMatchObject({ status: 404, title: 'Not Found', instance: path })
  })

  it('read a range of ids, or a few index steps per chunk, without sorting or scanning the table', async () => {
    for (const [build, index] of [
      [(d: Database) => sitemapChunkStatement(d, now(), 2, 3), 'INTEGER PRIMARY KEY'],
      [(d: Database) => sitemapChunksStatement(d, now()), 'articles_sitemap'],
    ] as const) {
      const steps = await explain(build)
      expect(steps).toContain(index)
      expect(steps).not.toMatch(/SCAN articles\b/)
      expect(steps).not.toContain('TEMP B-TREE FOR ORDER BY')
    }
  })
})

/** EXPLAIN QUERY PLAN of the statement a builder prepares, by catching its SQL and parameters. */
async function explain(build: (db: Database) => D1PreparedStatement): Promise<string> {
  let captured: { sql: string; params: unknown[] } | undefined
  const fake = {
    prepare: (sql: string) => ({
      bind: (...params: unknown[]) => {
        captured = { sql, params }
        return {}
      },
    }),
  } as unknown as Database
  build(fake)
  const { sql, params } = captured!
  const rows = await env.DB.prepare(`EXPLAIN QUERY PLAN ${sql}`)
    .bind(...params)
    .all<{ detail: string }>()
  return rows.results.map((row) => row.detail).join('\n')
}

describe('the OpenAPI description', () => {
  it('documents the three routes under Syndication', async () => {
    const doc: any = await (await request('/openapi.json')).json()
    expect(Object.keys(doc.paths).sort()).toEqual(['/sitemap.xml', '/sitemaps/articles-{n}.xml', '/sitemaps/news.xml'])
    const ops = Object.values<any>(doc.paths).map((item) => item.get)
    expect(ops.map((op) => op.operationId).sort()).toEqual(['articleSitemap', 'newsSitemap', 'sitemapIndex'])
    for (const op of ops) {
      expect(op.tags).toEqual(['Syndication'])
      expect(Object.keys(op.responses['200'].content)).toEqual(['application/xml'])
      expect(op.responses['404'].content['application/problem+json']).toBeDefined()
    }
    expect(doc.paths['/sitemaps/articles-{n}.xml'].get.parameters).toMatchObject([{ name: 'n', in: 'path', required: true }])
  })
})

// Last: it adds a thousand articles.
describe('the news sitemap cap', () => {
  it(`lists at most ${NEWS_LIMIT} articles, the newest`, async () => {
    const start = Date.now() - 40 * 60_000
    await seed({
      articles: Array.from({ length: 1_005 }, (_, i) =>
        article({
          slug: `bulk-${String(i).padStart(4, '0')}`,
          headline: `Bulk ${i}`,
          tags: [],
          body: [{ type: 'paragraph', content: [{ text: 'x' }] }],
          published_at: new Date(start + i * 1_000).toISOString(),
        }),
      ),
    })
    const { doc } = await xml('/sitemaps/news.xml')
    const slugs = doc.urlset.url.map((u: any) => slugOf(u.loc))
    expect(slugs).toHaveLength(NEWS_LIMIT)
    // news-1h is older than the bulk (40 minutes ago): the newest 1,000 are all bulk articles.
    expect(slugs[0]).toBe('bulk-1004')
    expect(slugs.at(-1)).toBe('bulk-0005')
    // Seeding a thousand articles takes a few seconds on a busy machine: not what is tested here.
  }, 30_000)
})
