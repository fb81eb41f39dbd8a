import { beforeAll, describe, expect, it } from 'vitest'
import { article, basics, d1Queries, get, getJson, seed, uncached } from './helpers.ts'

// Skips the KV cache, to measure what building a response from D1 costs.
const hoursAgo = (h: number) => new Date(Date.now() - h * 3_600_000).toISOString()

beforeAll(async () => {
  await seed({
    ...basics,
    tags: [...basics.tags!, { slug: 'sanctions', name: 'Sanctions' }],
    articles: [
      article({
        slug: 'geneva-talks',
        headline: 'Envoys meet in Geneva as talks resume',
        standfirst: 'The first round of talks in two years.',
        dateline: 'Geneva',
        tags: ['diplomacy', 'sanctions'],
        authors: ['test-author', 'second-author'],
        image: {
          url: 'https://cdn.example.org/geneva.jpg',
          width: 2048,
          height: 1365,
          alt: 'Delegates at a table',
          caption: 'Delegates in Geneva',
          credit: 'Nordpress/Jana Novak/Pool via EuroWire',
          syndication_allowed: false,
        },
        body: [
          {
            type: 'paragraph',
            content: [
              { text: 'Talks <resumed> & ' },
              { text: 'quickly', marks: ['em'] },
              { text: ' moved on.', href: 'https://example.org/a?b=1&c=2' },
            ],
          },
          { type: 'heading', level: 2, text: 'What is on the table?' },
          { type: 'quote', text: 'We are ready to listen.', attribution: 'A spokesperson' },
          { type: 'list', style: 'bulleted', items: [[{ text: 'Energy' }], [{ text: 'Prisoners' }]] },
        ],
        published_at: hoursAgo(2),
      }),
      article({ slug: 'world-news', section: 'world', tags: [], headline: 'Markets steady', published_at: hoursAgo(3) }),
      article({ slug: 'sanctions-package', headline: 'New sanctions package agreed', tags: ['sanctions'], published_at: hoursAgo(4) }),
      article({ slug: 'still-a-draft', status: 'draft', published_at: hoursAgo(5) }),
      article({ slug: 'embargoed', status: 'published', published_at: new Date(Date.now() + 86_400_000).toISOString() }),
      article({ slug: 'scheduled-one', status: 'scheduled', published_at: new Date(Date.now() + 86_400_000).toISOString() }),
      article({ slug: 'pulled', status: 'unpublished', published_at: hoursAgo(6) }),
    ],
  })
})

describe('GET /v1/articles', () => {
  it('lists published articles newest first, hiding drafts, embargoed and unpublished ones', async () => {
    const { status, body } = await getJson('/v1/articles')
    expect(status).toBe(200)
    expect(body.data.map((a: any) => a.slug)).toEqual(['geneva-talks', 'world-news', 'sanctions-package'])
    expect(body.next_cursor).toBeNull()
  })

  it('gives each summary its section, ordered authors, tags, image and times', async () => {
    const { body } = await getJson('/v1/articles?limit=1')
    expect(body.data[0]).toMatchObject({
      slug: 'geneva-talks',
      url: 'https://www.example-daily.eu/articles/geneva-talks',
      headline: 'Envoys meet in Geneva as talks resume',
      dateline: 'Geneva',
      section: { slug: 'europe', name: 'Europe' },
      tags: [
        { slug: 'diplomacy', name: 'Diplomacy' },
        { slug: 'sanctions', name: 'Sanctions' },
      ],
      authors: [
        { slug: 'test-author', name: 'Test Author', url: 'https://www.example-daily.eu/authors/test-author' },
        { slug: 'second-author', name: 'Second Author' },
      ],
      image: { credit: 'Nordpress/Jana Novak/Pool via EuroWire', syndication_allowed: false },
    })
    expect(body.data[0].body).toBeUndefined()
    expect(body.next_cursor).toEqual(expect.any(String))
  })

  it('filters by section, tag and author, and combines filters', async () => {
    const slugs = async (query: string) => (await getJson(`/v1/articles?${query}`)).body.data.map((a: any) => a.slug)
    expect(await slugs('section=world')).toEqual(['world-news'])
    expect(await slugs('tag=sanctions')).toEqual(['geneva-talks', 'sanctions-package'])
    expect(await slugs('author=second-author')).toEqual(['geneva-talks'])
    expect(await slugs('tag=sanctions&author=test-author&section=europe')).toEqual(['geneva-talks', 'sanctions-package'])
    expect(await slugs('tag=sanctions&section=world')).toEqual([])
  })

  it('answers 400 naming the filter when it names no section, tag or author', async () => {
    const { status, body, headers } = await getJson('/v1/articles?section=atlantis&tag=nothing')
    expect(status).toBe(400)
    expect(headers.get('content-type')).toBe('application/problem+json')
    expect(body.errors.map((e: any) => e.field)).toEqual(['section', 'tag'])
  })

  it('searches full text, ranking headline matches first', async () => {
    const { status, body } = await getJson('/v1/articles?q=sanctions')
    expect(status).toBe(200)
    expect(body.data.map((a: any) => a.slug)).toEqual(['sanctions-package'])
    const geneva = await getJson('/v1/articles?q=Geneva')
    expect(geneva.body.data.map((a: any) => a.slug)).toEqual(['geneva-talks'])
    // Whole words only: a prefix query would merge every matching word's postings first.
    expect((await getJson('/v1/articles?q=gene')).body.data).toEqual([])
    const body2 = await getJson('/v1/articles?q=prisoners%20energy')
    expect(body2.body.data.map((a: any) => a.slug)).toEqual(['geneva-talks'])
  })

  it('never lets search input reach FTS5 as syntax', async () => {
    for (const q of [
      '"',
      'geneva"',
      '*',
      'NEAR(a b)',
      '(geneva',
      'geneva)',
      'a AND OR NOT',
      '^geneva',
      'headline:geneva',
      "'; DROP TABLE articles; --",
      'geneva*"*',
    ]) {
      const res = await get(`/v1/articles?q=${encodeURIComponent(q)}`)
      expect(res.status, `q=${q}`).toBeLessThan(500)
    }
    expect((await getJson('/v1/articles?q=%22geneva%22%20(talks')).body.data.map((a: any) => a.slug)).toEqual(['geneva-talks'])
    const { status, body } = await getJson('/v1/articles?q=%22%22%20**')
    expect(status).toBe(400)
    expect(body.errors[0].field).toBe('q')
  })

  it.each([
    ['limit=0', 'limit'],
    ['limit=101', 'limit'],
    ['limit=abc', 'limit'],
    ['limit=1.5', 'limit'],
    ['cursor=not-a-cursor', 'cursor'],
    ['section=Not%20A%20Slug', 'section'],
    ['sort=oldest', 'sort'],
    ['tag=a&tag=b', 'tag'],
  ])('answers 400 problem for %s naming %s', async (query, field) => {
    const { status, body, headers } = await getJson(`/v1/articles?${query}`)
    expect(status).toBe(400)
    expect(headers.get('content-type')).toBe('application/problem+json')
    expect(body).toMatchObject({
      type: 'http://localhost:8787/problems/validation',
      title: 'Bad Request',
      status: 400,
      request_id: expect.any(String),
    })
    expect(body.errors.map((e: any) => e.field)).toContain(field)
  })

  it('costs one D1 round trip for a page built from D1, whatever its size', async () => {
    expect(d1Queries(await get('/v1/articles?limit=1', uncached))).toBe(1)
    expect(d1Queries(await get('/v1/articles?limit=100', uncached))).toBe(1)
    expect(d1Queries(await get('/v1/articles?tag=sanctions&author=test-author', uncached))).toBe(1)
  })
})

describe('GET /v1/articles/{slug}', () => {
  it('returns the whole article with HTML, word count, reading time and JSON-LD', async () => {
    const res = await get('/v1/articles/geneva-talks')
    expect(res.status).toBe(200)
    expect(res.headers.get('content-type')).toMatch(/^application\/json/)
    const body: any = await res.json()
    expect(body.body).toHaveLength(4)
    expect(body.body_html).toBe(
      '<p>Talks &lt;resumed&gt; &amp; <em>quickly</em><a href="https://example.org/a?b=1&amp;c=2"> moved on.</a></p>\n' +
        '<h2>What is on the table?</h2>\n' +
        '<blockquote><p>We are ready to listen.</p><footer>A spokesperson</footer></blockquote>\n' +
        '<ul><li>Energy</li><li>Prisoners</li></ul>',
    )
    expect(body.word_count).toBe(19)
    expect(body.reading_time_minutes).toBe(1)
    expect(body.jsonld).toMatchObject({
      '@context': 'https://schema.org',
      '@type': 'NewsArticle',
      headline: 'Envoys meet in Geneva as talks resume',
      datePublished: body.published_at,
      dateModified: body.updated_at,
      dateline: 'Geneva',
      author: [
        { '@type': 'Person', name: 'Test Author', url: 'https://www.example-daily.eu/authors/test-author' },
        { '@type': 'Person', name: 'Second Author' },
      ],
      image: { '@type': 'ImageObject', url: 'https://cdn.example.org/geneva.jpg', creditText: 'Nordpress/Jana Novak/Pool via EuroWire' },
      publisher: { '@type': 'Organization' },
    })
  })

  it('costs one D1 round trip when built from D1', async () => {
    expect(d1Queries(await get('/v1/articles/geneva-talks', uncached))).toBe(1)
  })

  it.each(['still-a-draft', 'embargoed', 'scheduled-one', 'pulled', 'no-such-article'])('answers 404 for %s', async (slug) => {
    const { status, body, headers } = await getJson(`/v1/articles/${slug}`)
    expect(status).toBe(404)
    expect(headers.get('content-type')).toBe('application/problem+json')
    expect(body).toMatchObject({ status: 404, title: 'Not Found', instance: `/v1/articles/${slug}` })
  })

  it('answers 400 for a slug that cannot exist', async () => {
    const { status, body } = await getJson('/v1/articles/Not_A_Slug')
    expect(status).toBe(400)
    expect(body.errors[0]).toMatchObject({ field: 'slug', in: 'path' })
  })
})
