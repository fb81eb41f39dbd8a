import { createScheduledController } from 'cloudflare:test'
import { env } from 'cloudflare:workers'
import { XMLParser } from 'fast-xml-parser'
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest'
import { importContent } from '../src/content/import.ts'
import { Database } from '../src/db/client.ts'
import worker from '../src/index.ts'
import { ADMIN_TOKEN, article, asEditor, call, d1Queries, get, getJson, seed, uncached, walkSlugs } from './helpers.ts'

const SITE = 'https://www.example-daily.eu'
const url = (slug: string) => `${SITE}/articles/${slug}`
const hoursAgo = (h: number) => new Date(Date.now() - h * 3_600_000).toISOString()

// An independent parser (feeds are written by feedsmith, sitemaps by fast-xml-builder).
const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@',
  isArray: (name) => ['item', 'entry', 'url', 'xhtml:link'].includes(name),
})

async function xml(path: string) {
  const res = await call(path)
  expect(res.status, path).toBe(200)
  return parser.parse(await res.text())
}

beforeAll(async () => {
  await seed({
    publication: {
      name: 'The European Daily',
      url: SITE,
      description: 'News from Brussels.',
      about: 'About us.',
      language: 'en',
      languages: ['fr', 'nl', 'de'],
    },
    sections: [
      {
        slug: 'europe',
        name: 'Europe',
        description: 'The continent.',
        translations: { fr: { name: 'Europe', description: 'Le continent.' }, nl: { name: 'Europa', description: 'Het continent.' } },
      },
    ],
    tags: [
      {
        slug: 'diplomacy',
        name: 'Diplomacy',
        translations: { fr: { name: 'Diplomatie' }, nl: { name: 'Diplomatie' }, de: { name: 'Diplomatie' } },
      },
      { slug: 'energy', name: 'Energy' },
    ],
    authors: [{ slug: 'test-author', name: 'Test Author' }],
    articles: [
      article({ slug: 'talks-en', language: 'en', headline: 'EU and Russia resume talks in Geneva', published_at: hoursAgo(5) }),
      // Out of order on purpose: nl names fr, which names en; the importer resolves the chain.
      article({
        slug: 'talks-nl',
        language: 'nl',
        headline: 'EU en Rusland hervatten gesprekken in Genève',
        translation_of: 'talks-fr',
        status: 'draft',
        published_at: null,
      }),
      article({
        slug: 'talks-fr',
        language: 'fr',
        headline: 'L’UE et la Russie reprennent les pourparlers à Genève',
        translation_of: 'talks-en',
        tags: ['diplomacy', 'energy'],
        published_at: hoursAgo(4),
      }),
      // Embargoed: public in an hour.
      article({
        slug: 'talks-de',
        language: 'de',
        headline: 'EU und Russland nehmen Gespräche in Genf wieder auf',
        translation_of: 'talks-en',
        published_at: new Date(Date.now() + 3_600_000).toISOString(),
      }),
      article({
        slug: 'reglement-fr',
        language: 'fr',
        headline: 'Le règlement sur les marchés numériques entre en vigueur',
        body: [{ type: 'paragraph', content: [{ text: 'Le nouveau règlement européen s’applique dès lundi à Bruxelles.' }] }],
        published_at: hoursAgo(3),
      }),
      article({
        slug: 'brussel-de',
        language: 'de',
        headline: 'Neue Regeln für Plattformen in Brüssel',
        body: [{ type: 'paragraph', content: [{ text: 'Die Verordnung gilt ab Montag.' }] }],
        published_at: hoursAgo(2),
      }),
      article({
        slug: 'energie-nl',
        language: 'nl',
        headline: 'Energieprijzen dalen opnieuw',
        tags: ['energy'],
        published_at: hoursAgo(1),
      }),
    ],
  })
})

describe('an article and its translations', () => {
  it('lists only the public versions, and says its language in Content-Language', async () => {
    const res = await get('/v1/articles/talks-en')
    expect(res.status).toBe(200)
    expect(res.headers.get('content-language')).toBe('en')
    const body: any = await res.json()
    expect(body.language).toBe('en')
    // The Dutch version is a draft and the German one embargoed: neither appears.
    expect(body.translations).toEqual([
      { language: 'fr', slug: 'talks-fr', url: url('talks-fr'), headline: 'L’UE et la Russie reprennent les pourparlers à Genève' },
    ])
  })

  it('names the section and tags in the article’s language, saying which language a fallback is in', async () => {
    const { body, headers } = await getJson('/v1/articles/talks-fr')
    expect(headers.get('content-language')).toBe('fr')
    expect(body.translations.map((t: any) => t.slug)).toEqual(['talks-en'])
    expect(body.section).toEqual({ slug: 'europe', name: 'Europe', language: 'fr' })
    expect(body.tags).toEqual([
      { slug: 'diplomacy', name: 'Diplomatie', language: 'fr' },
      { slug: 'energy', name: 'Energy', language: 'en' },
    ])
  })

  it('is a 404 in a language it has no public version in, never another language instead', async () => {
    for (const slug of ['talks-nl', 'talks-de', 'talks-es']) {
      const res = await get(`/v1/articles/${slug}`)
      expect(res.status, slug).toBe(404)
      expect(res.headers.get('content-type')).toBe('application/problem+json')
    }
  })

  it('links the versions in JSON-LD: the original lists its translations, a translation names its original', async () => {
    const en = (await getJson('/v1/articles/talks-en')).body.jsonld
    expect(en.inLanguage).toBe('en')
    expect(en.workTranslation).toEqual([
      { '@type': 'NewsArticle', '@id': url('talks-fr'), url: url('talks-fr'), headline: expect.any(String), inLanguage: 'fr' },
    ])
    expect(en.translationOfWork).toBeUndefined()
    const fr = (await getJson('/v1/articles/talks-fr')).body.jsonld
    expect(fr.inLanguage).toBe('fr')
    expect(fr.translationOfWork).toMatchObject({ '@id': url('talks-en'), inLanguage: 'en' })
    expect(fr.workTranslation).toBeUndefined()
  })
})

describe('lists in one language', () => {
  it('shows only that language, in one D1 round trip; without lang, every language', async () => {
    const res = await get('/v1/articles?lang=fr', uncached)
    expect(d1Queries(res)).toBe(1)
    const body: any = await res.json()
    expect(body.data.map((a: any) => a.slug)).toEqual(['reglement-fr', 'talks-fr'])
    expect(await walkSlugs('/v1/articles?lang=nl')).toEqual(['energie-nl'])
    expect(await walkSlugs('/v1/articles', { limit: 2 })).toEqual(['energie-nl', 'brussel-de', 'reglement-fr', 'talks-fr', 'talks-en'])
    for (const path of [
      '/v1/sections/europe?lang=fr',
      '/v1/tags/energy?lang=fr',
      '/v1/authors/test-author/articles?lang=de',
      '/v1/articles?q=geneve&lang=fr',
    ]) {
      expect(d1Queries(await get(path, uncached)), path).toBe(1)
    }
  })

  it('filters sections, tags and authors by language, naming the section and tag in it', async () => {
    const section = (await getJson('/v1/sections/europe?lang=nl')).body
    expect(section).toMatchObject({ name: 'Europa', description: 'Het continent.', language: 'nl' })
    expect(section.articles.data.map((a: any) => a.slug)).toEqual(['energie-nl'])
    const tag = (await getJson('/v1/tags/energy?lang=fr')).body
    expect(tag).toMatchObject({ name: 'Energy', language: 'en' })
    expect(tag.articles.data.map((a: any) => a.slug)).toEqual(['talks-fr'])
    expect((await getJson('/v1/tags/diplomacy?lang=fr')).body).toMatchObject({ name: 'Diplomatie', language: 'fr' })
    expect(await walkSlugs('/v1/authors/test-author/articles?lang=de')).toEqual(['brussel-de'])
    expect((await getJson('/v1/sections?lang=fr')).body.data[0]).toMatchObject({
      name: 'Europe',
      description: 'Le continent.',
      language: 'fr',
    })
    // A language a section has no name in falls back to the default, and says so.
    expect((await getJson('/v1/sections?lang=de')).body.data[0]).toMatchObject({
      name: 'Europe',
      description: 'The continent.',
      language: 'en',
    })
  })

  it('searches with case and diacritics folded, restricted to a language with lang', async () => {
    const search = async (q: string, lang?: string) =>
      (await getJson(`/v1/articles?q=${encodeURIComponent(q)}${lang ? `&lang=${lang}` : ''}`)).body.data.map((a: any) => a.slug)
    expect(await search('reglement')).toEqual(['reglement-fr'])
    expect(await search('RÈGLEMENT')).toEqual(['reglement-fr'])
    expect(await search('brussel')).toEqual(['brussel-de'])
    expect(await search('bruxelles', 'fr')).toEqual(['reglement-fr'])
    expect(await search('geneve')).toEqual(expect.arrayContaining(['talks-fr']))
    expect(await search('reglement', 'de')).toEqual([])
  })
})

describe('bad lang values', () => {
  it.each([
    '/v1/articles?lang=xx-invalid-',
    '/v1/articles?lang=es',
    '/v1/articles?q=geneva&lang=es',
    '/v1/sections?lang=es',
    '/v1/sections/europe?lang=xx-invalid-',
    '/v1/tags?lang=es',
    '/v1/tags/energy?lang=es',
    '/v1/authors/test-author/articles?lang=es',
    '/v1/sync?lang=es',
    '/v1/sync?lang=xx-invalid-',
  ])('%s is a 400 problem naming lang', async (path) => {
    const res = await get(path)
    expect(res.status, path).toBe(400)
    expect(res.headers.get('content-type')).toBe('application/problem+json')
    const body: any = await res.json()
    expect(body.errors.map((e: any) => e.field)).toEqual(['lang'])
  })

  it('takes any case of a tag the publication publishes in', async () => {
    const res = await get('/v1/articles?lang=FR')
    expect(res.status).toBe(200)
  })
})

describe('feeds per language', () => {
  it('carry only that language and declare it, in RSS, Atom and JSON Feed', async () => {
    const rss = (await xml('/feeds/fr/rss.xml')).rss.channel
    expect(rss.language).toBe('fr')
    expect(rss.item.map((i: any) => i.link)).toEqual([url('reglement-fr'), url('talks-fr')])
    const atom = (await xml('/feeds/nl/atom.xml')).feed
    expect(atom['@xml:lang']).toBe('nl')
    expect(atom.entry.map((e: any) => e.id)).toEqual([url('energie-nl')])
    const res = await call('/feeds/de/feed.json')
    const json: any = await res.json()
    expect(json.language).toBe('de')
    expect(json.feed_url).toBe('http://localhost:8787/feeds/de/feed.json')
    expect(json.items.map((i: any) => i.id)).toEqual([url('brussel-de')])
  })

  it('exist for sections, tags and authors, named in the language', async () => {
    const channel = (await xml('/feeds/fr/tags/diplomacy/rss.xml')).rss.channel
    expect(channel.title).toBe('The European Daily: Diplomatie')
    expect(channel.language).toBe('fr')
    expect(channel.item.map((i: any) => i.link)).toEqual([url('reglement-fr'), url('talks-fr')])
    expect((await xml('/feeds/nl/sections/europe/atom.xml')).feed.title).toBe('The European Daily: Europa')
    expect((await xml('/feeds/de/authors/test-author/rss.xml')).rss.channel.item.map((i: any) => i.link)).toEqual([url('brussel-de')])
  })

  it('are a 404 in a language the publication does not publish in', async () => {
    expect((await call('/feeds/es/rss.xml')).status).toBe(404)
    expect((await call('/feeds/es/sections/europe/rss.xml')).status).toBe(404)
  })
})

describe('sitemaps', () => {
  it('list every public version of a story on each version, reciprocally, with x-default', async () => {
    const urls: any[] = (await xml('/sitemaps/articles-1.xml')).urlset.url
    const byLoc = new Map(urls.map((u) => [u.loc, u]))
    const alternates = (u: any) => (u['xhtml:link'] ?? []).map((l: any) => `${l['@hreflang']} ${l['@href']}`).sort()
    const linked = urls.filter((u) => u['xhtml:link'])
    expect(linked.map((u) => u.loc).sort()).toEqual([url('talks-en'), url('talks-fr')])
    for (const entry of linked) {
      // Itself among its alternates, every alternate points back with the same set.
      expect(alternates(entry)).toContain(`${entry['xhtml:link'].find((l: any) => l['@href'] === entry.loc)['@hreflang']} ${entry.loc}`)
      for (const link of entry['xhtml:link']) {
        expect(link['@rel']).toBe('alternate')
        const other = byLoc.get(link['@href'])
        expect(other, `${link['@href']}, named by ${entry.loc}, has its own <url>`).toBeDefined()
        expect(alternates(other), `${link['@href']} points back at ${entry.loc}`).toEqual(alternates(entry))
      }
    }
    expect(alternates(byLoc.get(url('talks-en')))).toEqual([
      `en ${url('talks-en')}`,
      `fr ${url('talks-fr')}`,
      `x-default ${url('talks-en')}`,
    ])
    // A story with one public version has no alternates; drafts and embargoed versions none either.
    expect(byLoc.get(url('reglement-fr'))['xhtml:link']).toBeUndefined()
    expect(byLoc.has(url('talks-nl'))).toBe(false)
  })

  it('give each version its own news:language in the news sitemap', async () => {
    const urls: any[] = (await xml('/sitemaps/news.xml')).urlset.url
    const languages = Object.fromEntries(urls.map((u) => [u.loc, u['news:news']['news:publication']['news:language']]))
    expect(languages[url('talks-en')]).toBe('en')
    expect(languages[url('talks-fr')]).toBe('fr')
    expect(languages[url('brussel-de')]).toBe('de')
    expect(languages[url('energie-nl')]).toBe('nl')
  })
})

describe('sync in one language', () => {
  it('carries that language’s articles and every shared change, sections named in the language', async () => {
    const res = await call('/v1/sync?lang=fr&limit=500')
    expect(res.status).toBe(200)
    const body: any = await res.json()
    const articles = body.changes.filter((c: any) => c.type === 'article' && c.op === 'upsert')
    expect([...new Set(articles.map((c: any) => c.slug))].sort()).toEqual(['reglement-fr', 'talks-fr'])
    expect(body.changes.filter((c: any) => c.type === 'article').every((c: any) => c.slug.endsWith('-fr'))).toBe(true)
    const section = body.changes.find((c: any) => c.type === 'section')
    expect(section.data).toMatchObject({ slug: 'europe', name: 'Europe', description: 'Le continent.', language: 'fr' })
    expect(body.changes.some((c: any) => c.type === 'publication')).toBe(true)
    // Without lang: every language.
    const all: any = await (await call('/v1/sync?limit=500')).json()
    const slugs = new Set(all.changes.filter((c: any) => c.type === 'article').map((c: any) => c.slug))
    expect([...slugs].sort()).toEqual(['brussel-de', 'energie-nl', 'reglement-fr', 'talks-en', 'talks-fr'])
  })
})

describe('editors and translations', () => {
  const put = (slug: string, body: unknown, etag?: string) =>
    call(`/v1/admin/articles/${slug}`, asEditor(ADMIN_TOKEN, 'PUT', body, etag ? { 'if-match': etag } : {}))
  const draft = (overrides: Record<string, unknown>) => {
    const { slug: _slug, ...rest } = article({ ...overrides, status: 'draft', published_at: null } as never)
    return rest
  }

  it('publishes a translation: the other versions list it from the next read on', async () => {
    expect((await getJson('/v1/articles/talks-en')).body.translations.map((t: any) => t.language)).toEqual(['fr'])
    const res = await call('/v1/admin/articles/talks-nl', asEditor(ADMIN_TOKEN, 'PATCH', { status: 'published' }))
    expect(res.status).toBe(200)
    expect((await getJson('/v1/articles/talks-en')).body.translations.map((t: any) => t.language)).toEqual(['fr', 'nl'])
    expect((await getJson('/v1/articles/talks-nl')).body.translations.map((t: any) => t.slug)).toEqual(['talks-en', 'talks-fr'])
    // Its public siblings are announced to sync, in their own languages.
    const sync: any = await (await call('/v1/sync?lang=en&limit=500')).json()
    expect(sync.changes.at(-1)).toMatchObject({ type: 'article', slug: 'talks-en', op: 'upsert' })
  })

  it('shows editors every version, in any state', async () => {
    const { body } = await getJson('/v1/admin/articles/talks-en', uncached)
    expect(body.translations.map((t: any) => [t.language, t.status])).toEqual([
      ['de', 'published'],
      ['fr', 'published'],
      ['nl', 'published'],
    ])
  })

  it('refuses a second version in a language the story has (409), and an unknown or self translation_of (400)', async () => {
    let res = await put('talks-fr-bis', draft({ language: 'fr', translation_of: 'talks-en' }))
    expect(res.status).toBe(409)
    expect(((await res.json()) as any).errors.map((e: any) => e.field)).toEqual(['translation_of'])
    res = await put('talks-xx', draft({ language: 'de', translation_of: 'no-such-story' }))
    expect(res.status).toBe(400)
    expect(((await res.json()) as any).errors.map((e: any) => e.field)).toEqual(['translation_of'])
    res = await put('talks-self', draft({ language: 'de', translation_of: 'talks-self' }))
    expect(res.status).toBe(400)
  })

  it('links a new translation and unlinks it with translation_of: null', async () => {
    const created = await put('energy-fr', {
      ...draft({ language: 'fr', headline: 'Les prix de l’énergie baissent encore', translation_of: 'energie-nl' }),
      status: 'published',
      published_at: hoursAgo(0.5),
    })
    expect(created.status).toBe(201)
    expect((await getJson('/v1/articles/energie-nl')).body.translations.map((t: any) => t.slug)).toEqual(['energy-fr'])
    const etag = created.headers.get('etag')!
    const unlinked = await put(
      'energy-fr',
      {
        ...draft({ language: 'fr', headline: 'Les prix de l’énergie baissent encore', translation_of: null }),
        status: 'published',
        published_at: hoursAgo(0.5),
      },
      etag,
    )
    expect(unlinked.status).toBe(200)
    expect((await getJson('/v1/articles/energie-nl')).body.translations).toEqual([])
    expect((await getJson('/v1/articles/energy-fr')).body.translations).toEqual([])
  })

  it('keeps the story together when its original leaves it', async () => {
    const { headers } = await getJson('/v1/admin/articles/talks-en', uncached)
    const res = await put(
      'talks-en',
      {
        ...draft({ language: 'en', headline: 'EU and Russia resume talks in Geneva', translation_of: null }),
        status: 'published',
        published_at: hoursAgo(5),
      },
      headers.get('etag')!,
    )
    expect(res.status).toBe(200)
    expect((await getJson('/v1/articles/talks-en')).body.translations).toEqual([])
    expect((await getJson('/v1/articles/talks-fr')).body.translations.map((t: any) => t.slug)).toEqual(['talks-nl'])
    expect((await getJson('/v1/articles/talks-nl')).body.translations.map((t: any) => t.slug)).toEqual(['talks-fr'])
    // The original that left can start a story of its own, apart from the one it left.
    const be = await put('talks-be', {
      ...draft({ language: 'fr-BE', headline: 'Reprise des pourparlers à Genève', translation_of: 'talks-en' }),
      status: 'published',
      published_at: hoursAgo(1),
    })
    expect(be.status).toBe(201)
    expect((await getJson('/v1/articles/talks-en')).body.translations.map((t: any) => t.slug)).toEqual(['talks-be'])
    expect((await getJson('/v1/articles/talks-fr')).body.translations.map((t: any) => t.slug)).toEqual(['talks-nl'])
  })

  it('moves an article to another language’s sync log when its language changes', async () => {
    const { headers } = await getJson('/v1/admin/articles/energy-fr', uncached)
    const res = await put(
      'energy-fr',
      { ...draft({ language: 'de', headline: 'Energiepreise sinken erneut' }), status: 'published', published_at: hoursAgo(0.5) },
      headers.get('etag')!,
    )
    expect(res.status).toBe(200)
    const fr: any = await (await call('/v1/sync?lang=fr&limit=500')).json()
    expect(fr.changes.filter((c: any) => c.slug === 'energy-fr').at(-1)).toEqual({
      seq: expect.any(Number),
      type: 'article',
      op: 'delete',
      slug: 'energy-fr',
    })
    const de: any = await (await call('/v1/sync?lang=de&limit=500')).json()
    expect(de.changes.filter((c: any) => c.slug === 'energy-fr').at(-1)).toMatchObject({ op: 'upsert', data: { language: 'de' } })
  })
})

describe('the importer', () => {
  it('reports a translation_of naming no article, and a second version in a language, and writes the rest', async () => {
    const report = await importContent(
      new Database(env.DB),
      {
        articles: [
          article({ slug: 'import-orphan', language: 'de', translation_of: 'no-such-article' }),
          article({ slug: 'import-twin', language: 'fr', translation_of: 'reglement-fr' }),
          article({ slug: 'import-de', language: 'de', translation_of: 'reglement-fr' }),
        ],
      },
      { cache: env.CACHE },
    )
    expect(report.written.articles).toBe(1)
    expect(report.errors.map((e) => [e.slug, e.errors[0]!.detail])).toEqual([
      ['import-orphan', 'names in translation_of an article that does not exist'],
      ['import-twin', 'its story already has a version in this language'],
    ])
    expect((await getJson('/v1/articles/reglement-fr')).body.translations.map((t: any) => t.slug)).toEqual(['import-de'])
  })
})

describe('an embargoed version', () => {
  afterEach(() => vi.useRealTimers())

  it('appears in the other versions once its time comes, past their cached pages, and is logged for sync', async () => {
    expect((await getJson('/v1/articles/talks-fr')).body.translations.map((t: any) => t.slug)).toEqual(['talks-nl'])
    const embargo = Date.parse((await getJson('/v1/admin/articles/talks-de', uncached)).body.published_at)
    vi.useFakeTimers({ toFake: ['Date'], now: embargo + 30_000 })
    await worker.scheduled(createScheduledController({ scheduledTime: Date.now(), cron: '* * * * *' }), env)
    expect((await getJson('/v1/articles/talks-fr')).body.translations.map((t: any) => t.slug)).toEqual(['talks-de', 'talks-nl'])
    const fr: any = await (await call('/v1/sync?lang=fr&limit=500')).json()
    expect(fr.changes.at(-1)).toMatchObject({ type: 'article', op: 'upsert', slug: 'talks-fr' })
  })
})
