import { env } from 'cloudflare:workers'
import { XMLParser } from 'fast-xml-parser'
import { beforeAll, describe, expect, it, vi } from 'vitest'
import { FEED_SIZE } from '../src/routes/feeds.ts'
import { ADMIN_TOKEN, article, asEditor, call, d1Queries, demo, seed, seedDemo } from './helpers.ts'

// An independent parser (the feeds are written by feedsmith).
const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@',
  isArray: (name, jpath) =>
    ['item', 'entry', 'category', 'dc:creator', 'atom:link', 'author', 'media:content'].includes(name) ||
    (name === 'link' && String(jpath).startsWith('feed')),
})

const KEY_STORY = demo.articles[0]!
const FORBIDDEN_IMAGE = KEY_STORY.body.find((block) => block.type === 'image')!
// Every published demo article and the one added below, up to the feed's size.
const IN_FEED = Math.min(demo.articles.filter((a) => a.status === 'published').length + 1, FEED_SIZE)
const NASTY = 'Talks & "tea" <b>bold</b> ]]> end \u0001 ✓ 😀 محادثات جنيف'

async function rss(path: string, init?: RequestInit) {
  const res = await call(path, init)
  expect(res.status, path).toBe(200)
  return { res, doc: parser.parse(await res.text()) }
}

let partnerKey = ''
let partnerId = 0

beforeAll(async () => {
  await seedDemo()
  await seed({
    articles: [
      article({
        slug: 'nasty-headline',
        headline: NASTY,
        section: KEY_STORY.section,
        authors: [KEY_STORY.authors[0]!],
        tags: [],
        published_at: new Date(Date.now() - 60_000).toISOString(),
      }),
    ],
  })
  const res = await call('/v1/admin/partners', asEditor(ADMIN_TOKEN, 'POST', { name: 'Wire partner' }))
  const body: any = await res.json()
  partnerKey = body.key
  partnerId = body.id
})

describe('public feeds', () => {
  it('read no article body from D1: they carry the standfirst only, as a list page does', async () => {
    const original = env.DB.batch.bind(env.DB)
    const sql: string[] = []
    const spy = vi.spyOn(env.DB, 'batch').mockImplementation(async (statements) => {
      for (const s of statements) sql.push((s as unknown as { statement?: string }).statement ?? String(s))
      return original(statements)
    })
    try {
      // As an editor: past the cache, built as the public sees it.
      const res = await call('/feeds/atom.xml', { headers: { authorization: `Bearer ${ADMIN_TOKEN}` } })
      expect(res.status).toBe(200)
      expect(await res.text()).toContain(KEY_STORY.headline)
    } finally {
      spy.mockRestore()
    }
    expect(sql.some((s) => /FROM articles a/.test(s))).toBe(true)
    expect(sql.filter((s) => /\ba\.body\b/.test(s))).toEqual([])
  })

  it('serves RSS 2.0 with channel and item fields, the latest articles, standfirst only', async () => {
    const { res, doc } = await rss('/feeds/rss.xml')
    expect(res.headers.get('content-type')).toBe('application/rss+xml; charset=utf-8')
    const channel = doc.rss.channel
    expect(channel).toMatchObject({ title: 'The European Daily', link: 'https://www.example-daily.eu', language: 'en' })
    expect(new Date(channel.lastBuildDate).getTime()).not.toBeNaN()
    expect(channel['atom:link'][0]).toMatchObject({ '@href': 'http://localhost:8787/feeds/rss.xml', '@rel': 'self' })
    expect(channel.item).toHaveLength(IN_FEED)
    const story = channel.item.find((item: any) => item.link.endsWith(KEY_STORY.slug))
    expect(story).toMatchObject({
      title: KEY_STORY.headline,
      description: KEY_STORY.standfirst,
      guid: { '#text': story.link, '@isPermaLink': 'true' },
    })
    expect(new Date(story.pubDate).toUTCString()).toBe(story.pubDate)
    expect(story['dc:creator'].length).toBe(KEY_STORY.authors.length)
    expect(story.category.length).toBeGreaterThan(1)
    expect(story['content:encoded']).toBeUndefined()
    // Its hero photo is a pool picture partners may not republish: no media element at all.
    expect(story['media:content']).toBeUndefined()
    const withPhoto = channel.item.find((item: any) => item['media:content'])
    expect(withPhoto['media:content'][0]['media:credit']).toMatch(/The European Daily/)
  })

  it('serves Atom 1.0 with ids, dates, authors with profile links, summaries and categories', async () => {
    const res = await call('/feeds/atom.xml')
    expect(res.headers.get('content-type')).toBe('application/atom+xml; charset=utf-8')
    const feed = parser.parse(await res.text()).feed
    expect(feed.id).toBe('http://localhost:8787/feeds/atom.xml')
    expect(feed.link.map((l: any) => l['@rel']).sort()).toEqual(['alternate', 'self'])
    const entry = feed.entry.find((e: any) => e.id.endsWith(KEY_STORY.slug))
    expect(entry.summary).toBe(KEY_STORY.standfirst)
    expect(entry.author[0].uri).toMatch(/^https:\/\/www\.example-daily\.eu\/authors\//)
    expect(Date.parse(entry.published)).toBeLessThanOrEqual(Date.parse(entry.updated))
    expect(entry.content).toBeUndefined()
  })

  it('serves JSON Feed 1.1', async () => {
    const res = await call('/feeds/feed.json')
    expect(res.headers.get('content-type')).toBe('application/feed+json; charset=utf-8')
    const feed: any = await res.json()
    expect(feed).toMatchObject({
      version: 'https://jsonfeed.org/version/1.1',
      title: 'The European Daily',
      home_page_url: 'https://www.example-daily.eu',
      feed_url: 'http://localhost:8787/feeds/feed.json',
      language: 'en',
    })
    const item = feed.items.find((i: any) => i.id.endsWith(KEY_STORY.slug))
    expect(item).toMatchObject({
      url: item.id,
      title: KEY_STORY.headline,
      summary: KEY_STORY.standfirst,
      date_published: expect.any(String),
      date_modified: expect.any(String),
    })
    expect(item.authors[0]).toMatchObject({ name: expect.any(String), url: expect.stringContaining('/authors/') })
    expect(item.tags.length).toBeGreaterThan(0)
    expect(item.image).toBeUndefined()
    expect(item.content_html).toBeUndefined()
  })

  it('keeps text with &, <, ]]>, quotes, emoji, right-to-left script and control characters parseable', async () => {
    const cleaned = NASTY.replace('\u0001', '')
    const channel = (await rss('/feeds/rss.xml')).doc.rss.channel
    expect(channel.item.find((i: any) => i.link.endsWith('nasty-headline')).title).toBe(cleaned)
    const atom = parser.parse(await (await call('/feeds/atom.xml')).text()).feed
    expect(atom.entry.find((e: any) => e.id.endsWith('nasty-headline')).title).toBe(cleaned)
    const json: any = await (await call('/feeds/feed.json')).json()
    expect(json.items.find((i: any) => i.id.endsWith('nasty-headline')).title).toBe(NASTY)
  })

  it('serves section, author and tag feeds, and 404 for an unknown one', async () => {
    const section = KEY_STORY.section
    const channel = (await rss(`/feeds/sections/${section}/rss.xml`)).doc.rss.channel
    expect(channel.title).toMatch(/^The European Daily: /)
    expect(channel.item.length).toBe(demo.articles.filter((a) => a.status === 'published' && a.section === section).length + 1)
    expect((await call(`/feeds/authors/${KEY_STORY.authors[0]}/atom.xml`)).status).toBe(200)
    expect((await call(`/feeds/tags/${KEY_STORY.tags![0]}/feed.json`)).status).toBe(200)
    for (const path of ['/feeds/sections/atlantis/rss.xml', '/feeds/authors/nobody/atom.xml', '/feeds/tags/nothing/feed.json']) {
      const res = await call(path)
      expect(res.status, path).toBe(404)
      expect(res.headers.get('content-type')).toBe('application/problem+json')
    }
    expect((await call('/feeds/rss.json')).status).toBe(400)
  })

  it('is cached with validators: a 304 on the ETag, and the next read after a publish shows it', async () => {
    const first = await call('/feeds/rss.xml')
    expect((await call('/feeds/rss.xml')).headers.get('x-cache')).toBe('HIT')
    const again = await call('/feeds/rss.xml', { headers: { 'if-none-match': first.headers.get('etag')! } })
    expect(again.status).toBe(304)
    await seed({
      articles: [article({ slug: 'just-in', headline: 'Just in', section: KEY_STORY.section, authors: [KEY_STORY.authors[0]!], tags: [] })],
    })
    const doc = parser.parse(await (await call('/feeds/rss.xml', { headers: { 'if-none-match': first.headers.get('etag')! } })).text())
    expect(doc.rss.channel.item.map((i: any) => i.link)).toContain('https://www.example-daily.eu/articles/just-in')
  })
})

describe('partners', () => {
  it('get full text with a key, by header or query, never images they may not republish', async () => {
    for (const init of [{ headers: { authorization: `Bearer ${partnerKey}` } }, undefined]) {
      const path = init ? '/feeds/rss.xml' : `/feeds/rss.xml?key=${partnerKey}`
      const { res, doc } = await rss(path, init)
      expect(res.headers.get('x-cache')).toBeNull()
      const story = doc.rss.channel.item.find((item: any) => item.link.endsWith(KEY_STORY.slug))
      expect(story['content:encoded']).toContain('<p>')
      expect(story['content:encoded']).not.toContain(FORBIDDEN_IMAGE.url)
      expect(story['content:encoded']).not.toContain(FORBIDDEN_IMAGE.credit!)
      expect(story['content:encoded']).not.toContain(FORBIDDEN_IMAGE.caption!)
      expect(story['media:content']).toBeUndefined()
    }
    const atom = parser.parse(await (await call('/feeds/atom.xml', { headers: { authorization: `Bearer ${partnerKey}` } })).text()).feed
    expect(atom.entry[0].content['@type']).toBe('html')
    const json: any = await (await call(`/feeds/feed.json?key=${partnerKey}`)).json()
    expect(json.items.every((i: any) => typeof i.content_html === 'string')).toBe(true)
  })

  it('get the article without forbidden images from the article endpoint, which the public sees whole', async () => {
    const pub: any = await (await call(`/v1/articles/${KEY_STORY.slug}`)).json()
    expect(pub.image.url).toBe(KEY_STORY.image!.url)
    expect(pub.body_html).toContain(FORBIDDEN_IMAGE.url)
    const res = await call(`/v1/articles/${KEY_STORY.slug}`, { headers: { authorization: `Bearer ${partnerKey}` } })
    expect(res.status).toBe(200)
    const partner: any = await res.json()
    expect(partner.image).toBeNull()
    expect(partner.body_html).not.toContain(FORBIDDEN_IMAGE.url)
    expect(partner.body.some((b: any) => b.type === 'image')).toBe(false)
    expect(partner.jsonld.image).toBeUndefined()
    // ...and the public entry in the cache is still the whole article.
    expect(((await (await call(`/v1/articles/${KEY_STORY.slug}`)).json()) as any).image).not.toBeNull()
  })

  it('with a bad or revoked key get 401, never a silently public feed', async () => {
    expect((await call('/feeds/rss.xml?key=not-a-key')).status).toBe(401)
    const other: any = await (await call('/v1/admin/partners', asEditor(ADMIN_TOKEN, 'POST', { name: 'Former partner' }))).json()
    expect((await call(`/feeds/atom.xml?key=${other.key}`)).status).toBe(200)
    expect((await call(`/v1/admin/partners/${other.id}`, asEditor(ADMIN_TOKEN, 'DELETE'))).status).toBe(204)
    const res = await call(`/feeds/atom.xml?key=${other.key}`)
    expect(res.status).toBe(401)
    expect(res.headers.get('content-type')).toBe('application/problem+json')
  })

  it("are listed with their key's last use, without the key", async () => {
    await call(`/feeds/feed.json?key=${partnerKey}`)
    const list: any = await (await call('/v1/admin/partners', asEditor(ADMIN_TOKEN, 'GET'))).json()
    const me = list.data.find((p: any) => p.id === partnerId)
    expect(me.last_used_at).toEqual(expect.any(String))
    expect(JSON.stringify(list)).not.toContain(partnerKey)
    const stored = await env.DB.prepare('SELECT key_hash FROM partner_keys WHERE id = ?1').bind(partnerId).first<{ key_hash: string }>()
    expect(stored!.key_hash).toMatch(/^[0-9a-f]{64}$/)
  })

  it('record the last use of a key at most once a minute, without a write on every request', async () => {
    const created: any = await (await call('/v1/admin/partners', asEditor(ADMIN_TOKEN, 'POST', { name: 'Polling partner' }))).json()
    const lastUse = async () =>
      (await env.DB.prepare('SELECT last_used_at FROM partner_keys WHERE id = ?1')
        .bind(created.id)
        .first<{ last_used_at: string | null }>())!.last_used_at
    const read = () => call(`/v1/articles/${KEY_STORY.slug}?key=${created.key}`)
    // The first use is recorded: the key lookup, the article, and the write.
    const first = await read()
    expect(first.status).toBe(200)
    await vi.waitUntil(async () => (await lastUse()) !== null)
    const recorded = await lastUse()
    // Within the minute, the key lookup and the article only.
    const again = await read()
    expect(again.status).toBe(200)
    expect(d1Queries(again)).toBe(d1Queries(first) - 1)
    expect(await lastUse()).toBe(recorded)
    // A last use older than a minute is recorded again.
    const old = new Date(Date.now() - 61_000).toISOString()
    await env.DB.prepare('UPDATE partner_keys SET last_used_at = ?2 WHERE id = ?1').bind(created.id, old).run()
    expect(d1Queries(await read())).toBe(d1Queries(first))
    await vi.waitUntil(async () => (await lastUse()) !== old)
  })

  it('are rate limited per key, with Retry-After', async () => {
    const created: any = await (await call('/v1/admin/partners', asEditor(ADMIN_TOKEN, 'POST', { name: 'Busy partner' }))).json()
    let last: Response | undefined
    // 120 a minute in fixed windows: a loop that straddles the turn of a window needs up to twice that.
    for (let i = 0; i < 245; i++) {
      last = await call(`/v1/articles/${KEY_STORY.slug}?key=${created.key}`)
      if (last.status === 429) break
    }
    expect(last!.status).toBe(429)
    expect(last!.headers.get('retry-after')).toBe('60')
  })
})

describe('WebSub', () => {
  it('advertises the hub in every feed and in a Link header, with rel="self"', async () => {
    const hub = { WEBSUB_HUB_URL: 'https://hub.example.org/' }
    const res = await call('/feeds/sections/europe/rss.xml', { headers: { 'cache-control': 'no-cache' } }, hub)
    expect(res.headers.get('link')).toBe(
      '<http://localhost:8787/feeds/sections/europe/rss.xml>; rel="self", <https://hub.example.org/>; rel="hub"',
    )
    const channel = parser.parse(await res.text()).rss.channel
    expect(channel['atom:link'].map((l: any) => l['@rel'])).toEqual(['self', 'hub'])
    const atom = parser.parse(await (await call('/feeds/atom.xml', { headers: { 'cache-control': 'no-cache' } }, hub)).text()).feed
    expect(atom.link.find((l: any) => l['@rel'] === 'hub')['@href']).toBe('https://hub.example.org/')
    const json: any = await (await call('/feeds/feed.json', { headers: { 'cache-control': 'no-cache' } }, hub)).json()
    expect(json.hubs).toEqual([{ type: 'WebSub', url: 'https://hub.example.org/' }])
  })

  it('queues a hub ping for every affected feed when an editor publishes, with topics on API_URL', async () => {
    const send = vi.spyOn(env.WEBSUB, 'send')
    const res = await call(
      '/v1/admin/articles/hub-news',
      asEditor(ADMIN_TOKEN, 'PUT', {
        headline: 'Pinged',
        section: KEY_STORY.section,
        authors: [KEY_STORY.authors[0]],
        tags: [KEY_STORY.tags![0]],
        body: [{ type: 'paragraph', content: [{ text: 'x' }] }],
        status: 'published',
        published_at: new Date(Date.now() - 1000).toISOString(),
      }),
      // The API's configured public origin, not the one this request came in on (BASE).
      { WEBSUB_HUB_URL: 'https://hub.example.org/', WEBSUB: env.WEBSUB, API_URL: 'https://api.example-daily.eu/' },
    )
    expect(res.status).toBe(201)
    expect(send).toHaveBeenCalledTimes(1)
    const message = send.mock.calls[0]![0] as any
    expect(message).toMatchObject({ v: 1, hub: 'https://hub.example.org/', reason: 'publish' })
    expect(message.topics).toContain(`https://api.example-daily.eu/feeds/sections/${KEY_STORY.section}/rss.xml`)
    expect(message.topics).toContain('https://api.example-daily.eu/feeds/atom.xml')
    expect(message.topics.filter((topic: string) => !topic.startsWith('https://api.example-daily.eu/feeds/'))).toEqual([])
    send.mockRestore()
  })
})

describe('sitemaps, as the Worker serves them', () => {
  it('are cached like lists and list the published articles', async () => {
    const first = await call('/sitemaps/news.xml')
    expect(first.status).toBe(200)
    expect(first.headers.get('content-type')).toBe('application/xml; charset=utf-8')
    expect((await call('/sitemaps/news.xml')).headers.get('x-cache')).toBe('HIT')
    expect(await first.text()).toContain(`/articles/${demo.articles[1]!.slug}</loc>`)
    const index = parser.parse(await (await call('/sitemap.xml')).text())
    const locs = [index.sitemapindex.sitemap].flat().map((entry: any) => entry.loc)
    expect(locs).toEqual(
      expect.arrayContaining(['http://localhost:8787/sitemaps/news.xml', 'http://localhost:8787/sitemaps/articles-1.xml']),
    )
    expect((await call('/sitemaps/articles-1.xml')).headers.get('x-cache')).toBe('MISS')
  })
})
