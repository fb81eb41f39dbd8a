import { env } from 'cloudflare:workers'
import { describe, expect, it } from 'vitest'
import { listArticlesQuery, type ArticleFilter } from '../src/db/articles.ts'
import { listAuthorsStatement } from '../src/db/authors.ts'
import type { Database } from '../src/db/client.ts'
import { listTagsStatement } from '../src/db/taxonomy.ts'

async function plan(filter: ArticleFilter, after = false, range: { from?: string; to?: string } = {}) {
  const { sql, params } = listArticlesQuery(filter, {
    ...range,
    now: new Date().toISOString(),
    limit: 21,
    after: after ? (filter.match ? { k: 'r', v: -1.5, id: 10 } : { k: 't', v: '2026-01-01T00:00:00.000Z', id: 10 }) : undefined,
  })
  const rows = await env.DB.prepare(`EXPLAIN QUERY PLAN ${sql}`).bind(...params).all<{ detail: string }>()
  return rows.results.map((row) => row.detail)
}

// A list must walk an index in order and stop after a page: never scan articles, never sort them.
// (Sorting the two or three bylines of each row for json_group_array is fine.)
describe.each([
  ['latest', {}, 'articles_latest'],
  ['a section', { section: 'europe' }, 'articles_by_section'],
  ['a tag', { tag: 'diplomacy' }, 'article_tags_feed'],
  ['an author', { author: 'elena-varga' }, 'article_authors_feed'],
  ['a tag and a section', { tag: 'diplomacy', section: 'europe' }, 'article_tags_feed'],
] as const)('the list of %s', (_, filter, index) => {
  it.each([false, true])(`uses ${index}, without a scan or a sort (after a cursor: %s)`, async (after) => {
    const steps = await plan(filter, after)
    const text = steps.join('\n')
    expect(text).toContain(index)
    expect(text).not.toMatch(/SCAN (a|x|articles)\b(?! USING)/)
    expect(text).not.toContain('TEMP B-TREE FOR ORDER BY')
  })
})

// A range of published time bounds the same index walk: it starts at `to` (or the cursor) and
// stops at `from`, rather than filtering every older row.
describe.each([
  ['latest', {}, 'articles_latest'],
  ['a section', { section: 'europe' }, 'articles_by_section'],
  ['a tag', { tag: 'diplomacy' }, 'article_tags_feed'],
  ['an author', { author: 'elena-varga' }, 'article_authors_feed'],
] as const)('the list of %s between two dates', (_, filter, index) => {
  it.each([false, true])(`walks ${index} from to to from (after a cursor: %s)`, async (after) => {
    const text = (await plan(filter, after, { from: '2025-01-01T00:00:00.000Z', to: '2026-06-01T00:00:00.000Z' })).join('\n')
    expect(text).toMatch(new RegExp(`USING (COVERING )?INDEX ${index} \\(.*published_at>\\?`))
    expect(text).not.toMatch(/SCAN (a|x|articles)\b(?! USING)/)
    expect(text).not.toContain('TEMP B-TREE FOR ORDER BY')
  })
})

describe('search', () => {
  it('drives the query from the FTS index', async () => {
    const text = (await plan({ match: '"geneva"' })).join('\n')
    expect(text).toMatch(/VIRTUAL TABLE INDEX/)
    expect(text).toMatch(/SEARCH a USING INTEGER PRIMARY KEY/)
  })
})

// A stand-in for the data layer's Database that hands back a statement's SQL and parameters.
type Captured = { sql: string; params: unknown[] }
const capture = { prepare: (sql: string) => ({ bind: (...params: unknown[]) => ({ sql, params }) }) } as unknown as Database

// A–Z lists walk the sort-key index from the cursor: no scan of the table, no sort.
describe.each([
  ['tags', listTagsStatement, 'tags_by_sort_key'],
  ['authors', listAuthorsStatement, 'authors_by_sort_key'],
] as const)('the A–Z list of %s', (_, statement, index) => {
  it.each([false, true])(`uses ${index} (after a cursor: %s)`, async (after) => {
    const { sql, params } = statement(capture, 21, after ? { v: 'lukasz wrobel', id: 10 } : undefined) as unknown as Captured
    const rows = await env.DB.prepare(`EXPLAIN QUERY PLAN ${sql}`).bind(...params).all<{ detail: string }>()
    const text = rows.results.map((row) => row.detail).join('\n')
    expect(text).toContain(index)
    expect(text).not.toMatch(/SCAN (tags|authors)\b(?! USING)/)
    expect(text).not.toContain('TEMP B-TREE FOR ORDER BY')
  })
})
