import { env } from 'cloudflare:workers'
import { describe, expect, it } from 'vitest'
import { listArticlesQuery, type ArticleFilter } from '../src/db/articles.ts'
import { searchQuery } from '../src/lib/fts.ts'

async function plan(filter: ArticleFilter, after = false) {
  const { sql, params } = listArticlesQuery(filter, {
    now: new Date().toISOString(),
    limit: 21,
    after: after ? (filter.search ? { k: 'r', w: 5, t: 3, id: 4 } : { k: 't', v: '2026-01-01T00:00:00.000Z', id: 10 }) : undefined,
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

describe('search', () => {
  // FTS5's index number says how it reads: 0x40 in rowid order, 0x80 descending (consumed, so no
  // sort); the letters after the colon list the constraints it was given (M: MATCH, >/<: rowid).
  it.each([false, true])('reads each tier in rowid order between two bounds, sorting only the pages (after a cursor: %s)', async (after) => {
    for (const filter of [{}, { tag: 'diplomacy', section: 'europe' }]) {
      const steps = await plan({ ...filter, search: searchQuery(['geneva', 'talks']) }, after)
      const fts = steps.filter((step) => step.includes('VIRTUAL TABLE INDEX'))
      // the window (the most recent matches), then tiers 0, 1, 2 (inside it) and 3 (older)
      expect(fts).toHaveLength(5)
      for (const step of fts) expect(Number(/INDEX (\d+):/.exec(step)![1]) & 0xc0).toBe(0xc0)
      // the window and tier 3 stop at the search depth; tiers 0 to 2 at the window
      expect(fts.map((step) => step.replace(/.*INDEX \d+:M\d+/, '')).sort()).toEqual(['>', '><', '><', '><', '><'])
      const text = steps.join('\n')
      expect(text).not.toMatch(/SCAN (a|x|articles)\b(?! USING)/)
      // one sort: of the at most four pages the tiers return
      expect(text.match(/TEMP B-TREE FOR ORDER BY/g)).toHaveLength(1)
    }
  })
})
