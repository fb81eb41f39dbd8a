import { env } from 'cloudflare:workers'
import { describe, expect, it } from 'vitest'
import { listArticlesQuery, nextEmbargoStatement, publishDueStatements, type ArticleFilter } from '../src/db/articles.ts'
import { authorProfileStatement } from '../src/db/authors.ts'
import { Database } from '../src/db/client.ts'
import { newsArticlesStatement, sitemapChunksStatement, sitemapChunkStatement } from '../src/db/sitemaps.ts'
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

/** The SQL and parameters of the statements `build` prepares, through a stand-in for D1. */
function statementsOf(build: (db: Database) => unknown): { sql: string; params: unknown[] }[] {
  const prepared: { sql: string; params: unknown[] }[] = []
  const d1 = {
    prepare(sql: string) {
      const statement = { sql, params: [] as unknown[], bind: (...params: unknown[]) => ((statement.params = params), statement) }
      prepared.push(statement)
      return statement
    },
  }
  build(new Database(d1 as unknown as D1Database))
  return prepared
}

async function planOf({ sql, params }: { sql: string; params: unknown[] }) {
  const rows = await env.DB.prepare(`EXPLAIN QUERY PLAN ${sql}`).bind(...params).all<{ detail: string }>()
  return rows.results.map((row) => row.detail).join('\n')
}

// Queries that run by themselves (crawlers, the cron, cache invalidation) must not read the
// archive either: each is a range of an index, as long as what it returns.
describe('the queries beside the lists', () => {
  const now = new Date().toISOString()

  it('the sitemap index: a few steps of articles_sitemap per chunk', async () => {
    const [statement] = statementsOf((db) => sitemapChunksStatement(db, now))
    const text = await planOf(statement!)
    expect(text).toMatch(/SEARCH articles USING INDEX articles_sitemap \(<expr>=\? AND <expr><\?\)/)
    expect(text).not.toMatch(/SCAN articles\b/)
    expect(text).not.toContain('TEMP B-TREE')
  })

  it('an article sitemap chunk: a range of article ids', async () => {
    const [statement] = statementsOf((db) => sitemapChunkStatement(db, now, 3))
    const text = await planOf(statement!)
    expect(text).toMatch(/SEARCH articles USING INTEGER PRIMARY KEY \(rowid>\? AND rowid<\?\)/)
    expect(text).not.toContain('TEMP B-TREE')
  })

  it('the news sitemap: a range of articles_latest', async () => {
    const [statement] = statementsOf((db) => newsArticlesStatement(db, now))
    const text = await planOf(statement!)
    expect(text).toMatch(/SEARCH articles USING INDEX articles_latest \(published_at>\? AND published_at<\?\)/)
    expect(text).not.toContain('TEMP B-TREE')
  })

  it("the scheduler's due articles: ranges of articles_scheduled and articles_latest", async () => {
    const statements = statementsOf((db) => publishDueStatements(db, 'publish-scheduled', now, now))
    for (const statement of statements.slice(0, 4)) {
      const text = await planOf(statement)
      expect(text, statement.sql).not.toMatch(/SCAN articles\b/)
      expect(text, statement.sql).toContain('articles_scheduled (published_at<?)')
    }
    for (const statement of statements.slice(0, 2)) {
      expect(await planOf(statement)).toContain('articles_latest (published_at>? AND published_at<?)')
    }
  })

  it("an author's article count: the kept count, less a range of article_authors_feed after now", async () => {
    const [statement] = statementsOf((db) => authorProfileStatement(db, 'elena-varga', now))
    const text = await planOf(statement!)
    expect(text).toContain('article_authors_feed (author_id=? AND published_at>?)')
    expect(text).not.toMatch(/SCAN/)
  })

  it('the next embargo to lift: one step of articles_embargo', async () => {
    const [statement] = statementsOf((db) => nextEmbargoStatement(db, now))
    expect(await planOf(statement!)).toMatch(/^SEARCH articles USING INDEX articles_embargo \(published_at>\?\)$/)
  })
})
