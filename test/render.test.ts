import { describe, expect, it } from 'vitest'
import { decodeCursor, encodeCursor } from '../src/lib/cursor.ts'
import { normalizeSearch, searchQuery, searchWords } from '../src/lib/fts.ts'
import { XMLParser } from 'fast-xml-parser'
import { countWords, renderHtml, renderText } from '../src/render/blocks.ts'
import { renderFeed, type FeedModel } from '../src/render/feeds.ts'
import { renderNewsSitemap } from '../src/render/sitemaps.ts'

describe('the block renderer', () => {
  it('escapes text and attributes', () => {
    expect(
      renderHtml([
        { type: 'paragraph', content: [{ text: '<script>alert("x")</script> & co', href: 'https://e.org/?a="b"', marks: ['strong'] }] },
        {
          type: 'image',
          url: 'https://e.org/i.jpg?x=1&y=2',
          width: 1600,
          height: 900,
          alt: 'A "quoted" alt',
          caption: 'Cap <b>',
          credit: 'A/B/Pool via C',
          syndication_allowed: false,
        },
      ]),
    ).toBe(
      '<p><a href="https://e.org/?a=&quot;b&quot;"><strong>&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; co</strong></a></p>\n' +
        '<figure><img src="https://e.org/i.jpg?x=1&amp;y=2" alt="A &quot;quoted&quot; alt" width="1600" height="900" loading="lazy"><figcaption>Cap &lt;b&gt; <small>A/B/Pool via C</small></figcaption></figure>',
    )
  })

  it('renders numbered lists and level-3 headings', () => {
    expect(
      renderHtml([
        { type: 'heading', level: 3, text: 'Why?' },
        { type: 'list', style: 'numbered', items: [[{ text: 'one' }]] },
      ]),
    ).toBe('<h3>Why?</h3>\n<ol><li>one</li></ol>')
  })

  it('turns blocks into plain text paragraphs', () => {
    expect(
      renderText([
        { type: 'paragraph', content: [{ text: 'Hello ' }, { text: 'world', marks: ['em'] }] },
        { type: 'quote', text: 'Yes.', attribution: 'Ana Ćosić' },
      ]),
    ).toBe('Hello world\n\n“Yes.” — Ana Ćosić')
  })

  it('counts words in any script, with apostrophes and hyphens inside words', () => {
    expect(countWords("Łukasz's well-known talk — in Київ, 2026!")).toBe(6)
  })
})

describe('search strings', () => {
  it.each([
    ['geneva talks', ['geneva', 'talks']],
    ['  Talks   GENEVA geneva ', ['geneva', 'talks']],
    ['"geneva" OR NEAR(x)', ['geneva', 'near', 'or', 'x']],
    ['Zürich Ćosić Łukasz', ['cosic', 'zurich', 'łukasz']],
    ['İstanbul', ['istanbul']],
    ['Київ 2026', ['2026', 'київ']],
    ['a*', ['a']],
    ['***', []],
    ['', []],
  ])('%j has the words %j', (input, expected) => {
    expect(searchWords(input)).toEqual(expected)
  })

  it('normalizes the spellings of one search to one string', () => {
    for (const q of ['geneva', 'geneva ', 'geneva  ', 'Geneva', ' GENEVA', '"geneva"', 'geneva geneva'])
      expect(normalizeSearch(q)).toBe('geneva')
    expect(normalizeSearch('Talks, Geneva!')).toBe(normalizeSearch('geneva talks'))
    expect(normalizeSearch('Zürich')).toBe('zurich')
    expect(normalizeSearch('geneva talks')).not.toBe(normalizeSearch('geneva'))
  })

  it('quotes every word and filters columns for the tiers', () => {
    expect(searchQuery(['geneva', 'talks'])).toEqual({
      headline: '({headline}: "geneva" AND {headline}: "talks")',
      lead: '({headline standfirst}: "geneva" AND {headline standfirst}: "talks") NOT ({headline}: "geneva" AND {headline}: "talks")',
      body: '("geneva" AND "talks") NOT ({headline standfirst}: "geneva" AND {headline standfirst}: "talks")',
      all: '("geneva" AND "talks")',
    })
  })
})

describe('cursors', () => {
  it('round-trip and refuse another kind', () => {
    const text = encodeCursor({ k: 't', v: '2026-11-25T10:00:00.000Z', id: 7 })
    expect(text).toMatch(/^[A-Za-z0-9_-]+$/)
    expect(decodeCursor(text, 't')).toEqual({ k: 't', v: '2026-11-25T10:00:00.000Z', id: 7 })
    expect(decodeCursor(text, 'r')).toBeNull()
    expect(decodeCursor(encodeCursor({ k: 'n', v: 'Ćosić', id: 3 }), 'n')).toEqual({ k: 'n', v: 'Ćosić', id: 3 })
  })
})

describe('the XML documents (feeds and sitemaps)', () => {
  // A lone surrogate (half of an emoji cut in two) and a control character: neither has a place in XML 1.0.
  const broken = 'Talks \ud83d resume\u0001 in Geneva'
  const carried = 'Talks \ufffd resume in Geneva'
  const parser = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '@' })
  const model: FeedModel = {
    title: 'The European Daily',
    description: 'News',
    language: 'en',
    homeUrl: 'https://www.example-daily.eu',
    urls: {
      rss: 'https://api.example-daily.eu/feeds/rss.xml',
      atom: 'https://api.example-daily.eu/feeds/atom.xml',
      json: 'https://api.example-daily.eu/feeds/feed.json',
    },
    hub: null,
    updated: '2026-11-20T08:00:00.000Z',
    items: [
      {
        url: 'https://www.example-daily.eu/articles/talks',
        title: broken,
        summary: broken,
        contentHtml: null,
        published: '2026-11-20T08:00:00.000Z',
        updated: '2026-11-20T08:00:00.000Z',
        authors: [{ name: broken, url: 'https://www.example-daily.eu/authors/a' }],
        categories: [broken],
        kind: 'news',
        image: null,
      },
    ],
  }

  it.each(['rss', 'atom'] as const)('writes %s as well-formed text, a lone surrogate as U+FFFD and no control character', (format) => {
    const xml = renderFeed(model, format)
    expect(xml.isWellFormed()).toBe(true)
    expect(xml).not.toContain('\u0001')
    const doc = parser.parse(xml)
    expect(format === 'rss' ? doc.rss.channel.item.title : doc.feed.entry.title).toBe(carried)
  })

  it('writes a news sitemap the same way', () => {
    const xml = renderNewsSitemap(broken, [
      { loc: 'https://www.example-daily.eu/articles/talks', title: broken, language: 'en', publishedAt: '2026-11-20T08:00:00.000Z' },
    ])
    expect(xml.isWellFormed()).toBe(true)
    const news = parser.parse(xml).urlset.url['news:news']
    expect([news['news:title'], news['news:publication']['news:name']]).toEqual([carried, carried])
  })
})
