import { env } from 'cloudflare:workers'
import { XMLParser } from 'fast-xml-parser'
import { beforeAll, describe, expect, it } from 'vitest'
import { ADMIN_TOKEN, article, asEditor, basics, call, demo, getJson, seed, uncached } from './helpers.ts'

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@',
  isArray: (name) => ['item', 'entry', 'category', 'media:content'].includes(name),
})

const KINDS = [
  ['news', 'NewsArticle', 'News'],
  ['analysis', 'AnalysisNewsArticle', 'Analysis'],
  ['opinion', 'OpinionNewsArticle', 'Opinion'],
  ['review', 'ReviewNewsArticle', 'Review'],
  ['sponsored', 'AdvertiserContentArticle', 'Sponsored'],
] as const

const hero = {
  url: 'https://cdn.example.org/hero.jpg',
  width: 1600,
  height: 900,
  alt: 'A hall',
  caption: null,
  credit: 'Staff',
  syndication_allowed: true,
}
const figure = {
  type: 'image' as const,
  url: 'https://cdn.example.org/figure.jpg',
  width: 800,
  height: 1200,
  alt: 'A portrait',
  caption: 'A portrait',
  credit: null,
  syndication_allowed: true,
}

beforeAll(async () => {
  await seed({
    ...basics,
    articles: [
      ...KINDS.map(([kind], i) =>
        article({ slug: `a-${kind}`, kind, image: hero, published_at: new Date(Date.now() - (i + 1) * 60_000).toISOString() }),
      ),
      article({ slug: 'with-figure', image: hero, body: [{ type: 'paragraph', content: [{ text: 'Before.' }] }, figure] }),
      article({ slug: 'kind-left-out', image: null }),
      article({ slug: 'legacy-image', image: hero }),
    ],
  })
})

describe('the kind of article', () => {
  it.each(KINDS)('%s is in the summary, the article and its JSON-LD as %s', async (kind, type) => {
    const list = await getJson('/v1/articles?limit=100')
    expect(list.body.data.find((a: any) => a.slug === `a-${kind}`).kind).toBe(kind)
    const { body } = await getJson(`/v1/articles/a-${kind}`)
    expect(body.kind).toBe(kind)
    expect(body.jsonld['@type']).toBe(type)
  })

  it('is news when the input leaves it out', async () => {
    expect((await getJson('/v1/articles/kind-left-out')).body).toMatchObject({ kind: 'news', jsonld: { '@type': 'NewsArticle' } })
  })

  it('is in every feed format, as schema.org names it', async () => {
    const rss = parser.parse(await (await call('/feeds/rss.xml')).text()).rss.channel
    const atom = parser.parse(await (await call('/feeds/atom.xml')).text()).feed
    const json: any = await (await call('/feeds/feed.json')).json()
    for (const [kind, type, label] of KINDS) {
      const item = rss.item.find((i: any) => i.link.endsWith(`/a-${kind}`))
      expect(item.category).toContainEqual({ '#text': type, '@domain': 'https://schema.org/' })
      const entry = atom.entry.find((e: any) => e.id.endsWith(`/a-${kind}`))
      expect(entry.category).toContainEqual({ '@term': type, '@scheme': 'https://schema.org/', '@label': label })
      const jsonItem = json.items.find((i: any) => i.id.endsWith(`/a-${kind}`))
      expect(jsonItem._article).toEqual({ about: 'https://schema.org/', kind, type })
    }
  })

  it('survives a status change by an editor', async () => {
    const res = await call('/v1/admin/articles/a-opinion', asEditor(ADMIN_TOKEN, 'PATCH', { status: 'unpublished' }))
    expect(res.status).toBe(200)
    expect(((await res.json()) as any).kind).toBe('opinion')
    await call('/v1/admin/articles/a-opinion', asEditor(ADMIN_TOKEN, 'PATCH', { status: 'published' }))
  })

  it('answers 400 naming kind for a kind that does not exist', async () => {
    const { slug, ...body } = article({ kind: 'gossip' as never })
    const res = await call(`/v1/admin/articles/${slug}`, asEditor(ADMIN_TOKEN, 'PUT', body))
    expect(res.status).toBe(400)
    expect(((await res.json()) as any).errors.map((e: any) => e.field)).toEqual(['kind'])
  })

  it('gives every opinion piece of the demo its kind and an image', () => {
    const opinions = demo.articles.filter((a) => a.section === 'opinion')
    expect(opinions.length).toBeGreaterThan(0)
    for (const a of opinions) {
      expect(a.kind, a.slug).toBe('opinion')
      expect(a.image, a.slug).not.toBeNull()
    }
    expect(new Set(demo.articles.map((a) => a.kind ?? 'news'))).toEqual(new Set(KINDS.map(([kind]) => kind)))
  })
})

describe('images with sizes', () => {
  it('carries width and height on the hero and body images, in the HTML and the JSON-LD', async () => {
    const { body } = await getJson('/v1/articles/with-figure')
    expect(body.image).toMatchObject({ width: 1600, height: 900 })
    expect(body.body[1]).toMatchObject({ type: 'image', width: 800, height: 1200 })
    expect(body.body_html).toContain(
      '<img src="https://cdn.example.org/figure.jpg" alt="A portrait" width="800" height="1200" loading="lazy">',
    )
    expect(body.jsonld.image).toEqual({
      '@type': 'ImageObject',
      url: hero.url,
      width: 1600,
      height: 900,
      creditText: 'Staff',
      description: 'A hall',
    })
    const list = await getJson('/v1/articles?limit=100')
    expect(list.body.data.find((a: any) => a.slug === 'with-figure').image).toMatchObject({ width: 1600, height: 900 })
  })

  it("puts the size on RSS's media:content", async () => {
    const rss = parser.parse(await (await call('/feeds/rss.xml')).text()).rss.channel
    const item = rss.item.find((i: any) => i.link.endsWith('/with-figure'))
    expect(item['media:content'][0]).toMatchObject({ '@url': hero.url, '@width': '1600', '@height': '900', '@medium': 'image' })
  })

  it.each([
    ['a hero image without a width', { image: { ...hero, width: undefined } }, 'image.width'],
    ['a hero image with a height of 0', { image: { ...hero, height: 0 } }, 'image.height'],
    ['a body image without a height', { body: [{ ...figure, height: undefined }] }, 'body.0.height'],
  ])('answers 400 for %s, naming %s', async (_, overrides, field) => {
    const { slug, ...body } = article(overrides as never)
    const res = await call(`/v1/admin/articles/${slug}`, asEditor(ADMIN_TOKEN, 'PUT', JSON.parse(JSON.stringify(body))))
    expect(res.status).toBe(400)
    expect(((await res.json()) as any).errors.map((e: any) => e.field)).toEqual([field])
  })

  it('shows null sizes for an image stored before they were required, and tells an editor what to fix', async () => {
    await env.DB.prepare(
      "UPDATE article_presentation SET image_width = NULL, image_height = NULL WHERE article_id = (SELECT id FROM articles WHERE slug = 'legacy-image')",
    ).run()
    const { body } = await getJson('/v1/articles/legacy-image', uncached)
    expect(body.image).toMatchObject({ url: hero.url, width: null, height: null })
    expect(body.jsonld.image).not.toHaveProperty('width')
    const res = await call('/v1/admin/articles/legacy-image', asEditor(ADMIN_TOKEN, 'PATCH', { status: 'unpublished' }))
    expect(res.status).toBe(400)
    const problem: any = await res.json()
    expect(problem.errors.map((e: any) => e.field)).toEqual(['image.width', 'image.height'])
    expect(problem.errors[0].detail).toMatch(/PUT the article/)
  })
})
