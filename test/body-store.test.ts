import { createExecutionContext, createScheduledController, waitOnExecutionContext } from 'cloudflare:test'
import { env } from 'cloudflare:workers'
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest'
import { bodyKey } from '../src/bodies.ts'
import { Database } from '../src/db/client.ts'
import worker from '../src/index.ts'
import { archiveBodies } from '../src/jobs/archive-bodies.ts'
import { ADMIN_TOKEN, article, asEditor, basics, call, d1Queries, seed, uncached } from './helpers.ts'

// The bodies of articles published more than 60 days ago live in R2 (src/bodies.ts); everything
// else answers as before, and a body store that fails takes down only the reads that need it.

const daysAgo = (days: number) => new Date(Date.now() - days * 86_400_000).toISOString()
const OLD_BODY = [
  { type: 'paragraph', content: [{ text: 'The treaty of ' }, { text: 'Quedlinburg', marks: ['em'] }, { text: ' was signed at dawn.' }] },
  { type: 'heading', level: 2, text: 'What it says' },
  { type: 'quote', text: 'A lasting peace.', attribution: 'The chancellor' },
  { type: 'list', style: 'bulleted', items: [[{ text: 'Fisheries' }], [{ text: 'Borders' }]] },
] as const
const old = article({ slug: 'old-treaty', headline: 'An old treaty', published_at: daysAgo(100), body: OLD_BODY as never })
const older = article({ slug: 'older-report', published_at: daysAgo(400), section: 'world' })
const recent = article({ slug: 'fresh-news', published_at: daysAgo(2) })

/** Runs the every-minute cron as Cloudflare would. */
async function cron(overrides: Partial<Env> = {}) {
  const ctx = createExecutionContext()
  await worker.scheduled(createScheduledController({ scheduledTime: Date.now(), cron: '* * * * *' }), { ...env, ...overrides })
  await waitOnExecutionContext(ctx)
}

const bodyInD1 = (slug: string) =>
  env.DB.prepare('SELECT id, version, body FROM articles WHERE slug = ?1').bind(slug).first<{ id: number; version: number; body: string }>()

afterEach(() => {
  vi.restoreAllMocks()
})

let before: any
beforeAll(async () => {
  await seed({ ...basics, articles: [old, older, recent] })
  before = await (await call('/v1/articles/old-treaty', uncached)).json()
  await cron()
})

describe('the body store', () => {
  it('holds the bodies of articles published more than 60 days ago, and D1 keeps the rest', async () => {
    for (const slug of ['old-treaty', 'older-report']) {
      const row = (await bodyInD1(slug))!
      expect(row.body, slug).toBe('')
      const object = await env.BODIES.get(bodyKey(row.id, row.version))
      expect(JSON.parse(await object!.text()), slug).toEqual(slug === 'old-treaty' ? OLD_BODY : older.body)
    }
    expect((await bodyInD1('fresh-news'))!.body).not.toBe('')
  })

  it('serves an archived article as before, in one D1 round trip and one R2 read', async () => {
    const get = vi.spyOn(env.BODIES, 'get')
    const res = await call('/v1/articles/old-treaty', uncached)
    expect(res.status).toBe(200)
    expect(await res.json()).toEqual(before)
    expect(d1Queries(res)).toBe(1)
    expect(get).toHaveBeenCalledTimes(1)
  })

  it('serves a recent article, lists and search without touching R2', async () => {
    const get = vi.spyOn(env.BODIES, 'get')
    const res = await call('/v1/articles/fresh-news', uncached)
    expect(res.status).toBe(200)
    expect(d1Queries(res)).toBe(1)
    const list: any = await (await call('/v1/articles?limit=10', uncached)).json()
    expect(list.data.map((a: any) => a.slug)).toEqual(['fresh-news', 'old-treaty', 'older-report'])
    expect(get).not.toHaveBeenCalled()
  })

  it('finds archived articles by the words of their body, headings, quotes and lists', async () => {
    for (const q of ['Quedlinburg', 'dawn', 'chancellor', 'fisheries', 'what it says']) {
      const res: any = await (await call(`/v1/articles?q=${encodeURIComponent(q)}`, uncached)).json()
      expect(
        res.data.map((a: any) => a.slug),
        q,
      ).toEqual(['old-treaty'])
    }
  })

  it('is idempotent: a second run moves nothing', async () => {
    expect(await archiveBodies(new Database(env.DB), env.BODIES, new Date())).toBe(0)
  })

  it('carries archived articles whole in the sync log and in partners’ feeds', async () => {
    const sync: any = await (await call('/v1/sync?limit=500')).json()
    const synced = sync.changes.find((c: any) => c.slug === 'old-treaty' && c.op === 'upsert')
    expect(synced.data.body).toEqual(OLD_BODY)

    const partner: any = await (await call('/v1/admin/partners', asEditor(ADMIN_TOKEN, 'POST', { name: 'Archive partner' }))).json()
    const feed: any = await (await call(`/feeds/sections/europe/feed.json?key=${partner.key}`)).json()
    expect(feed.items.find((i: any) => i.url.endsWith('/old-treaty')).content_html).toContain('Quedlinburg')
  })

  it('lets editors read and correct an archived article, whose body returns to D1 until the next run', async () => {
    const read = await call('/v1/admin/articles/old-treaty', asEditor(ADMIN_TOKEN, 'GET'))
    const stored: any = await read.json()
    expect(stored.body).toEqual(OLD_BODY)
    const body = [...OLD_BODY, { type: 'paragraph', content: [{ text: 'Corrected: it was signed at noon.' }] }]
    const put = await call(
      '/v1/admin/articles/old-treaty',
      asEditor(
        ADMIN_TOKEN,
        'PUT',
        { ...old, slug: undefined, body, correction: 'The signing time was wrong.' },
        { 'if-match': read.headers.get('etag')! },
      ),
    )
    expect(put.status).toBe(200)
    expect((await bodyInD1('old-treaty'))!.body).not.toBe('')
    const shown: any = await (await call('/v1/articles/old-treaty', uncached)).json()
    expect(shown.body).toEqual(body)
    expect(shown.corrections).toHaveLength(1)

    await cron()
    const row = (await bodyInD1('old-treaty'))!
    expect(row.body).toBe('')
    expect(((await (await call('/v1/articles/old-treaty', uncached)).json()) as any).body).toEqual(body)
    expect(((await (await call('/v1/articles?q=noon', uncached)).json()) as any).data.map((a: any) => a.slug)).toEqual(['old-treaty'])
  })

  it('keeps in D1 a body an editor wrote while the archiver was storing the old one', async () => {
    await seed({ articles: [article({ slug: 'raced', published_at: daysAgo(90) })] })
    const put = env.BODIES.put.bind(env.BODIES)
    vi.spyOn(env.BODIES, 'put').mockImplementation(async (key, value, options) => {
      // The editor saves between the archiver's R2 write and its D1 update.
      await seed({
        articles: [
          article({
            slug: 'raced',
            headline: 'Saved meanwhile',
            published_at: daysAgo(90),
            body: [{ type: 'paragraph', content: [{ text: 'The newer body.' }] }],
          }),
        ],
      })
      return put(key, value, options)
    })
    expect(await archiveBodies(new Database(env.DB), env.BODIES, new Date())).toBe(0)
    vi.restoreAllMocks()
    const row = (await bodyInD1('raced'))!
    expect(JSON.parse(row.body)).toEqual([{ type: 'paragraph', content: [{ text: 'The newer body.' }] }])
    const shown: any = await (await call('/v1/articles/raced', uncached)).json()
    expect(shown.headline).toBe('Saved meanwhile')
  })
})

describe('when the body store fails', () => {
  const r2Down = () => vi.spyOn(env.BODIES, 'get').mockRejectedValue(new Error('R2: we encountered an internal error'))

  it('answers 503, never 500, for an archived article, and serves a STALE copy when it has one', async () => {
    await call('/v1/articles/older-report') // cached
    await seed({ tags: [{ slug: 'energy', name: 'Energy' }] }) // every cached answer is outdated now
    r2Down()
    const stale = await call('/v1/articles/older-report')
    expect(stale.status).toBe(200)
    expect(stale.headers.get('x-cache')).toBe('STALE')

    const res = await call('/v1/articles/old-treaty', uncached)
    expect(res.status).toBe(503)
    expect(res.headers.get('content-type')).toBe('application/problem+json')
    expect(res.headers.get('retry-after')).toBe('5')
  })

  it('keeps answering recent articles, lists, search, public feeds and sitemaps', async () => {
    r2Down()
    for (const path of [
      '/v1/articles/fresh-news',
      '/v1/articles?limit=5',
      '/v1/articles?q=dawn',
      '/v1/sections/world',
      '/feeds/sections/europe/rss.xml',
      '/sitemap.xml',
    ]) {
      expect((await call(path, uncached)).status, path).toBe(200)
    }
  })

  it('answers 503 to the reads that need an archived body: sync pages, partners’ feeds, editors', async () => {
    r2Down()
    const partner: any = await (await call('/v1/admin/partners', asEditor(ADMIN_TOKEN, 'POST', { name: 'Another partner' }))).json()
    for (const [path, init] of [
      ['/v1/sync?limit=500', {}],
      [`/feeds/sections/world/feed.json?key=${partner.key}`, {}],
      ['/v1/admin/articles/older-report', asEditor(ADMIN_TOKEN, 'GET')],
    ] as const) {
      const res = await call(path, init)
      expect(res.status, path).toBe(503)
      expect(res.headers.get('content-type'), path).toBe('application/problem+json')
    }
  })

  it('does not hold up the cron: scheduled articles are published, and bodies wait in D1', async () => {
    const due = new Date(Date.now() + 1_000).toISOString()
    await seed({
      articles: [
        article({ slug: 'due-now', status: 'scheduled', published_at: due }),
        article({ slug: 'aging', published_at: daysAgo(70) }),
      ],
    })
    vi.spyOn(env.BODIES, 'put').mockRejectedValue(new Error('R2 unavailable'))
    await new Promise((resolve) => setTimeout(resolve, 1_100))
    await cron()
    expect((await call('/v1/articles/due-now', uncached)).status).toBe(200)
    expect((await bodyInD1('aging'))!.body).not.toBe('')
  })
})
