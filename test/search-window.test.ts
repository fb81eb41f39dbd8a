import { env } from 'cloudflare:workers'
import { beforeAll, describe, expect, it } from 'vitest'
import { listArticlesQuery, SEARCH_WINDOW } from '../src/db/articles.ts'
import { MAX_TERMS, searchQuery } from '../src/lib/fts.ts'
import { article, basics, getJson, seed, walkSlugs } from './helpers.ts'

// More matches than the search window: every tenth article has the word in its headline, every
// tenth plus one in its standfirst, the others in the body only. Written oldest first, so that
// ids follow publication time.
const MATCHES = SEARCH_WINDOW + 60
const where = (i: number) => (i % 10 === 0 ? 'headline' : i % 10 === 1 ? 'standfirst' : 'body')
const zeppelins = (from: number, count: number) =>
  Array.from({ length: count }, (_, k) => {
    const i = from + k
    return article({
      slug: `zeppelin-${i}`,
      headline: where(i) === 'headline' ? `Zeppelin number ${i} lands` : `Airship number ${i} lands`,
      standfirst: where(i) === 'standfirst' ? 'A zeppelin over Brussels.' : 'An airship over Brussels.',
      body: [{ type: 'paragraph', content: [{ text: 'The zeppelin flew low.' }] }],
      published_at: new Date(Date.UTC(2026, 0, 1) + i * 60_000).toISOString(),
    })
  })

beforeAll(async () => {
  await seed({ ...basics, articles: zeppelins(0, MATCHES) })
}, 60_000)

/** What one page of a search reads in D1 (rows_read of the statement the route runs). */
async function rowsRead(after?: { k: 'r'; w: number; t: number; id: number }) {
  // One segment, whatever the batches were written in, so that the figures compare.
  await env.DB.prepare("INSERT INTO articles_fts (articles_fts) VALUES ('optimize')").run()
  const { sql, params } = listArticlesQuery({ search: searchQuery(['zeppelin']) }, { now: new Date().toISOString(), limit: 21, after })
  const result = await env.DB.prepare(sql)
    .bind(...params)
    .all<{ id: number; tier: number; window_start: number }>()
  const last = result.results[result.results.length - 1]!
  return { read: result.meta.rows_read, next: { k: 'r' as const, w: last.window_start, t: last.tier, id: last.id } }
}

describe('search beyond its window', () => {
  it('ranks the most recent matches by where the words are, then gives the older ones newest first, each once', async () => {
    const seen = await walkSlugs('/v1/articles?q=zeppelin', { limit: 25 })
    const newestFirst = Array.from({ length: MATCHES }, (_, k) => MATCHES - 1 - k)
    const window = newestFirst.slice(0, SEARCH_WINDOW)
    const expected = [
      ...window.filter((i) => where(i) === 'headline'),
      ...window.filter((i) => where(i) === 'standfirst'),
      ...window.filter((i) => where(i) === 'body'),
      ...newestFirst.slice(SEARCH_WINDOW),
    ].map((i) => `zeppelin-${i}`)
    expect(seen).toEqual(expected)
  })

  it('reads about as much per page with four times the matches', async () => {
    const first = await rowsRead()
    let deep = first.next
    for (let page = 0; page < 10 && deep.t < 3; page++) deep = (await rowsRead(deep)).next
    expect(deep.t).toBe(3)
    const before = { first: first.read, deep: (await rowsRead(deep)).read }

    await seed({ articles: zeppelins(MATCHES, 3 * MATCHES) })
    const after = await rowsRead()
    expect(after.read).toBeLessThan(before.first * 1.25)
    // The same position in the older matches: one page past the same article.
    expect((await rowsRead({ ...deep, w: after.next.w })).read).toBeLessThan(before.deep * 1.25)
  }, 60_000)
})

describe('search input', () => {
  it(`takes up to ${MAX_TERMS} different words, and refuses more with a problem naming q`, async () => {
    const words = Array.from({ length: MAX_TERMS + 1 }, (_, i) => `word${i}`)
    expect((await getJson(`/v1/articles?q=${words.slice(0, MAX_TERMS).join('%20')}`)).status).toBe(200)
    // The same word again is no new word.
    expect((await getJson(`/v1/articles?q=${[...words.slice(0, MAX_TERMS), 'WORD1'].join('%20')}`)).status).toBe(200)
    const { status, body, headers } = await getJson(`/v1/articles?q=${words.join('%20')}`)
    expect(status).toBe(400)
    expect(headers.get('content-type')).toBe('application/problem+json')
    expect(body.errors).toEqual([expect.objectContaining({ field: 'q', in: 'query' })])
  })

  it('refuses a search of more than 200 characters with a problem naming q', async () => {
    const { status, body } = await getJson(`/v1/articles?q=${'a'.repeat(201)}`)
    expect(status).toBe(400)
    expect(body.errors[0].field).toBe('q')
  })

  it('gives the same answer to the spellings of one search', async () => {
    const pages = await Promise.all(
      ['zeppelin%20lands', 'Zeppelin%20lands%20', 'LANDS%20%20zeppelin', '%22zeppelin%22,lands'].map((q) =>
        getJson(`/v1/articles?q=${q}&limit=5`),
      ),
    )
    for (const page of pages) expect(page.body).toEqual(pages[0]!.body)
  })
})
