import { beforeAll, describe, expect, it } from 'vitest'
import { encodeCursor } from '../src/lib/cursor.ts'
import { article, basics, getJson, seed, walkSlugs } from './helpers.ts'

// 57 articles over only 7 distinct publication times: most pages end in the middle of a tie.
const TOTAL = 57
const times = Array.from({ length: 7 }, (_, i) => new Date(Date.UTC(2026, 0, 10 - i, 8)).toISOString())

const walk = (path: string, limit: number, page?: (body: any) => any) => walkSlugs(path, { limit, page })

beforeAll(async () => {
  await seed({
    ...basics,
    articles: Array.from({ length: TOTAL }, (_, i) =>
      article({
        slug: `tie-${String(i).padStart(2, '0')}`,
        headline: `Summit communique number ${i}`,
        authors: i % 2 ? ['test-author'] : ['test-author', 'second-author'],
        published_at: times[i % times.length],
      }),
    ),
  })
})

describe('keyset pagination', () => {
  it.each([1, 5, 7, 20, 100])('returns every article exactly once, newest first, at limit %i', async (limit) => {
    const seen = await walk('/v1/articles', limit)
    expect(seen).toHaveLength(TOTAL)
    expect(new Set(seen).size).toBe(TOTAL)
  })

  it('keeps order by time, then by newest id, across page boundaries', async () => {
    const { body } = await getJson('/v1/articles?limit=100')
    const dates = body.data.map((a: any) => a.published_at)
    expect(dates).toEqual([...dates].sort().reverse())
  })

  it.each([
    ['/v1/articles?tag=diplomacy', (body: any) => body],
    ['/v1/articles?section=europe', (body: any) => body],
    ['/v1/authors/test-author/articles', (body: any) => body],
    ['/v1/tags/diplomacy', (body: any) => body.articles],
    ['/v1/sections/europe', (body: any) => body.articles],
    ['/v1/authors/test-author', (body: any) => body.articles],
  ])('walks %s completely', async (path, page) => {
    const seen = await walk(path, 6, page)
    expect(seen).toHaveLength(TOTAL)
    expect(new Set(seen).size).toBe(TOTAL)
  })

  it('walks an author with half the articles', async () => {
    const seen = await walk('/v1/articles?author=second-author', 4)
    expect(seen).toHaveLength(Math.ceil(TOTAL / 2))
  })

  it('walks search results by relevance without repeats', async () => {
    const seen = await walk('/v1/articles?q=summit%20communique', 8)
    expect(new Set(seen).size).toBe(TOTAL)
  })

  it('is stable when newer articles arrive between pages', async () => {
    const first = await getJson('/v1/articles?limit=10')
    await seed({ articles: [article({ slug: 'breaking-news', published_at: new Date().toISOString() })] })
    const second = await getJson(`/v1/articles?limit=10&cursor=${first.body.next_cursor}`)
    const overlap = second.body.data.filter((a: any) => first.body.data.some((b: any) => b.slug === a.slug))
    expect(overlap).toEqual([])
    expect(second.body.data.map((a: any) => a.slug)).not.toContain('breaking-news')
  })

  it('refuses a cursor from another kind of list', async () => {
    const page = await getJson('/v1/articles?limit=2')
    const { status, body } = await getJson(`/v1/articles?q=summit&cursor=${page.body.next_cursor}`)
    expect(status).toBe(400)
    expect(body.errors[0].field).toBe('cursor')
  })

  it.each([
    ['truncated', (c: string) => c.slice(0, -3)],
    ['tampered', (c: string) => c.slice(0, 5) + (c[5] === 'A' ? 'B' : 'A') + c.slice(6)],
    ['forged with a bad date', () => encodeCursor({ k: 't', v: 'yesterday', id: 1 } as any)],
    ['forged with a negative id', () => encodeCursor({ k: 't', v: '2026-01-01T00:00:00.000Z', id: -1 })],
    ['padded base64', (c: string) => `${c}==`],
    ['not base64 at all', () => '%%%'],
  ])('answers 400 for a %s cursor', async (_, mangle) => {
    const page = await getJson('/v1/articles?limit=2')
    const { status, body } = await getJson(`/v1/articles?limit=2&cursor=${encodeURIComponent(mangle(page.body.next_cursor))}`)
    expect(status).toBe(400)
    expect(body.errors[0].field).toBe('cursor')
  })
})
