import { beforeAll, describe, expect, it } from 'vitest'
import { article, basics, call, get, getJson, seed, walkSlugs } from './helpers.ts'

// Seven articles a day apart, 1 to 7 days old, at 12:00 UTC; every one in the same section, tag
// and author, and with a word every search finds.
const DAY = 86_400_000
const today = new Date(`${new Date().toISOString().slice(0, 10)}T12:00:00.000Z`)
const daysAgo = (n: number) => new Date(today.getTime() - n * DAY).toISOString()
const dateOf = (n: number) => daysAgo(n).slice(0, 10)

beforeAll(async () => {
  await seed({
    ...basics,
    articles: [1, 2, 3, 4, 5, 6, 7].map((n) =>
      article({
        slug: `day-${n}`,
        headline: `Parliament day ${n}`,
        image: {
          url: `https://cdn.example.org/${n}.jpg`,
          alt: 'A photo',
          caption: null,
          credit: null,
          syndication_allowed: true,
          width: 1200,
          height: 800,
        },
        published_at: daysAgo(n),
      }),
    ),
  })
})

const slugs = async (path: string) => {
  const { status, body } = await getJson(path)
  expect(status, path).toBe(200)
  return (body.articles ?? body).data.map((a: any) => a.slug)
}

describe('from and to', () => {
  // Every list of articles, with the query string that names its scope.
  const LISTS = [
    ['the latest articles', '/v1/articles?'],
    ['a section', '/v1/sections/europe?'],
    ['a tag', '/v1/tags/diplomacy?'],
    ['an author', '/v1/authors/test-author?'],
    ["an author's articles", '/v1/authors/test-author/articles?'],
    ['a search', '/v1/articles?q=parliament&'],
    ['a filtered list', '/v1/articles?section=europe&tag=diplomacy&author=test-author&'],
  ] as const

  it.each(LISTS)('bound %s by published time, from inclusive and to exclusive', async (_, path) => {
    const range = (await slugs(`${path}from=${daysAgo(5)}&to=${daysAgo(2)}`)).sort()
    expect(range).toEqual(['day-3', 'day-4', 'day-5'])
    expect((await slugs(`${path}from=${dateOf(2)}`)).sort()).toEqual(['day-1', 'day-2'])
    expect((await slugs(`${path}to=${dateOf(6)}`)).sort()).toEqual(['day-7'])
  })

  it('accepts a time zone offset, and pages through a range with the cursor', async () => {
    // 14:00 at +02:00 is 12:00 UTC: day-6 is at the start, included; day-2 at the end, excluded.
    const from = encodeURIComponent(`${dateOf(6)}T14:00:00+02:00`)
    const to = encodeURIComponent(`${dateOf(2)}T14:00:00+02:00`)
    expect(await walkSlugs(`/v1/articles?from=${from}&to=${to}`, { limit: 1 })).toEqual(['day-3', 'day-4', 'day-5', 'day-6'])
    expect(await walkSlugs(`/v1/tags/diplomacy?from=${from}&to=${to}`, { limit: 2, page: (body) => body.articles })).toEqual([
      'day-3',
      'day-4',
      'day-5',
      'day-6',
    ])
  })

  it.each([
    ['from=yesterday', 'from'],
    ['to=2026-13-01', 'to'],
    ['from=2026-11-24T08:30:00', 'from'],
    [`from=${dateOf(2)}&to=${dateOf(5)}`, 'from'],
    [`from=${dateOf(2)}&to=${dateOf(2)}`, 'from'],
  ])('answers 400 for %s naming %s, on every list', async (query, field) => {
    for (const [, path] of LISTS) {
      const { status, body, headers } = await getJson(`${path}${query}`)
      expect(status, `${path}${query}`).toBe(400)
      expect(headers.get('content-type')).toBe('application/problem+json')
      expect(body.errors.map((e: any) => e.field)).toEqual([field])
    }
  })
})

describe('fields', () => {
  it('leaves the heavy parts out of an article, and keeps the rest', async () => {
    const whole: any = await (await get('/v1/articles/day-1')).json()
    const light: any = await (await get('/v1/articles/day-1?fields=-body,-body_html,-jsonld')).json()
    // jsonld_script is jsonld serialized for a page: `-jsonld` leaves out both.
    expect(light).toEqual(
      Object.fromEntries(Object.entries(whole).filter(([key]) => !['body', 'body_html', 'jsonld', 'jsonld_script'].includes(key))),
    )
    expect(light.corrections).toEqual([])
    const bare: any = await (await get('/v1/articles/day-1?fields=-corrections')).json()
    expect(Object.keys(bare)).not.toContain('corrections')
    expect(bare.body).toBeDefined()
  })

  it('leaves parts out of the summaries of every list', async () => {
    for (const path of [
      '/v1/articles?',
      '/v1/sections/europe?',
      '/v1/tags/diplomacy?',
      '/v1/authors/test-author?',
      '/v1/articles?q=parliament&',
    ]) {
      const { status, body } = await getJson(`${path}fields=-tags,-authors,-image,-standfirst&limit=2`)
      expect(status, path).toBe(200)
      for (const summary of (body.articles ?? body).data) {
        expect(Object.keys(summary).sort(), path).toEqual(
          ['dateline', 'headline', 'kind', 'language', 'published_at', 'section', 'slug', 'updated_at', 'url'].sort(),
        )
      }
    }
  })

  it('is part of the cache key, in any order of its parts', async () => {
    const first = await call('/v1/articles/day-2?fields=-jsonld,-body')
    expect(first.headers.get('x-cache')).toBe('MISS')
    const reordered = await call('/v1/articles/day-2?fields=-body,-jsonld')
    expect(reordered.headers.get('x-cache')).toBe('HIT')
    expect(await reordered.text()).toBe(await first.text())
    const whole = await call('/v1/articles/day-2')
    expect(whole.headers.get('x-cache')).toBe('MISS')
    expect(((await whole.json()) as any).body).toBeDefined()
  })

  it.each([
    ['/v1/articles/day-1?fields=nonsense'],
    ['/v1/articles/day-1?fields=body'],
    ['/v1/articles/day-1?fields=-headline'],
    ['/v1/articles/day-1?fields=-body,'],
    ['/v1/articles?fields=-body'],
    ['/v1/tags/diplomacy?fields=-slug'],
  ])('answers 400 naming fields for %s', async (path) => {
    const { status, body } = await getJson(path)
    expect(status).toBe(400)
    expect(body.errors).toEqual([expect.objectContaining({ field: 'fields', in: 'query', detail: expect.stringContaining('-') })])
  })
})
