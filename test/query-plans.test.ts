import { env } from 'cloudflare:workers'
import { describe, expect, it } from 'vitest'
import {
  listArticlesQuery,
  nextEmbargoStatement,
  publishDueStatements,
  publishedArticlesStatement,
  storyVersionsStatement,
  tagChangesSql,
  type ArticleFilter,
} from '../src/db/articles.ts'
import { authorProfileStatement, listAuthorsStatement } from '../src/db/authors.ts'
import { archivableStatement, archiveStatement } from '../src/db/archive.ts'
import { Database } from '../src/db/client.ts'
import { changesAfterStatement } from '../src/db/changes.ts'
import { embeddersSql } from '../src/db/embedders.ts'
import { newsArticlesStatement, sitemapChunksStatement, sitemapChunkStatement } from '../src/db/sitemaps.ts'
import { listTagsStatement, publicTagStatement } from '../src/db/taxonomy.ts'
import { searchQuery } from '../src/lib/fts.ts'

async function plan(filter: ArticleFilter, after = false, range: { from?: string; to?: string } = {}) {
  const { sql, params } = listArticlesQuery(filter, {
    ...range,
    now: new Date().toISOString(),
    limit: 21,
    after: after ? (filter.search ? { k: 'r', w: 5, t: 3, id: 4 } : { k: 't', v: '2026-01-01T00:00:00.000Z', id: 10 }) : undefined,
  })
  const rows = await env.DB.prepare(`EXPLAIN QUERY PLAN ${sql}`)
    .bind(...params)
    .all<{ detail: string }>()
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
  // Per language: an index that leads with the language, so the other languages cost nothing.
  ['latest in one language', { lang: 'fr' }, 'articles_latest_by_language'],
  ['a section in one language', { section: 'europe', lang: 'fr' }, 'articles_by_language_section'],
  ['a tag in one language', { tag: 'diplomacy', lang: 'fr' }, 'article_tags_feed_by_language'],
  ['an author in one language', { author: 'elena-varga', lang: 'nl' }, 'article_authors_feed_by_language'],
  ['a tag and a section in one language', { tag: 'diplomacy', section: 'europe', lang: 'de' }, 'article_tags_feed_by_language'],
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
  // FTS5's index number says how it reads: 0x40 in rowid order, 0x80 descending (consumed, so no
  // sort); the letters after the colon list the constraints it was given (M: MATCH, >/<: rowid).
  it.each([false, true])(
    'reads each tier in rowid order between two bounds, sorting only the pages (after a cursor: %s)',
    async (after) => {
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
    },
  )

  it('in one language, still drives each tier from the FTS index, the language checked per match', async () => {
    const steps = await plan({ search: searchQuery(['geneve']), lang: 'fr' })
    expect(steps.filter((step) => step.includes('VIRTUAL TABLE INDEX'))).toHaveLength(5)
    const text = steps.join('\n')
    expect(text).toMatch(/SEARCH a USING INTEGER PRIMARY KEY/)
    expect(text).not.toMatch(/SCAN (a|x|articles)\b(?! USING)/)
  })
})

describe('languages', () => {
  const now = new Date().toISOString()

  it("finds an article's other versions with one probe of articles_translation_group", async () => {
    const text = await planOf(statementsOf((db) => publishedArticlesStatement(db, ['x'], now))[0]!)
    expect(text).toContain('articles_translation_group')
    expect(text).not.toMatch(/SCAN (a|t|articles)\b(?! USING)/)
  })

  it("finds a story's versions for editors through articles_translation_group", async () => {
    const text = await planOf(statementsOf((db) => storyVersionsStatement(db, 'x'))[0]!)
    expect(text).toContain('articles_translation_group')
    expect(text).not.toMatch(/SCAN (a|t|articles)\b(?! USING)/)
  })

  it('syncs one language by merging two ranges of changes_by_language in order, without a sort', async () => {
    const text = await planOf(statementsOf((db) => changesAfterStatement(db, 0, 101, 'fr'))[0]!)
    expect(text).toContain('MERGE (UNION ALL)')
    expect(text.match(/SEARCH changes USING INDEX changes_by_language/g)).toHaveLength(2)
    expect(text).not.toContain('TEMP B-TREE')
  })

  it('lists the public versions of each sitemap article through articles_translation_group', async () => {
    const text = await planOf(statementsOf((db) => sitemapChunkStatement(db, now, 1, 50_000))[0]!)
    expect(text).toContain('articles_translation_group')
    expect(text).not.toMatch(/SCAN (t|articles)\b(?! USING)/)
  })
})

/** The SQL and parameters of the statements `build` prepares, through a stand-in for D1. */
function statementsOf(build: (db: Database) => unknown): { sql: string; params: unknown[] }[] {
  const prepared: { sql: string; params: unknown[] }[] = []
  const d1 = {
    prepare(sql: string) {
      const statement = {
        sql,
        params: [] as unknown[],
        bind: (...params: unknown[]) => {
          statement.params = params
          return statement
        },
      }
      prepared.push(statement)
      return statement
    },
  }
  build(new Database(d1 as unknown as D1Database))
  return prepared
}

async function planOf({ sql, params }: { sql: string; params: unknown[] }) {
  const rows = await env.DB.prepare(`EXPLAIN QUERY PLAN ${sql}`)
    .bind(...params)
    .all<{ detail: string }>()
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
    // No sort of the chunk; only each article's versions are put in language order (a few rows).
    expect(text).not.toContain('TEMP B-TREE FOR ORDER BY')
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

// A stand-in for the data layer's Database that hands back a statement's SQL and parameters.
type Captured = { sql: string; params: unknown[] }
const capture = { prepare: (sql: string) => ({ bind: (...params: unknown[]) => ({ sql, params }) }) } as unknown as Database

// A–Z lists walk the sort-key index from the cursor: no scan of the table, no sort.
describe.each([['authors', listAuthorsStatement, 'authors_by_sort_key']] as const)('the A–Z list of %s', (_, statement, index) => {
  it.each([false, true])(`uses ${index} (after a cursor: %s)`, async (after) => {
    const { sql, params } = statement(capture, 21, after ? { v: 'lukasz wrobel', id: 10 } : undefined) as unknown as Captured
    const rows = await env.DB.prepare(`EXPLAIN QUERY PLAN ${sql}`)
      .bind(...params)
      .all<{ detail: string }>()
    const text = rows.results.map((row) => row.detail).join('\n')
    expect(text).toContain(index)
    expect(text).not.toMatch(/SCAN (tags|authors)\b(?! USING)/)
    expect(text).not.toContain('TEMP B-TREE FOR ORDER BY')
  })
})

// Tags are public only while a public article uses them: each check is one probe of
// article_tags_feed, never a walk of the tag's articles, and the list walks tags A–Z by sort key.
describe('public tags', () => {
  const now = new Date().toISOString()

  it.each([false, true])(
    'lists tags through tags_by_sort_key, probing article_tags_feed per tag, without a sort (after a cursor: %s)',
    async (after) => {
      const { sql, params } = listTagsStatement(capture, now, 21, after ? { v: 'eu council', id: 10 } : undefined) as unknown as Captured
      const text = await planOf({ sql, params })
      expect(text).toContain('tags_by_sort_key')
      expect(text).toContain('article_tags_feed')
      expect(text).not.toContain('TEMP B-TREE')
      expect(text).not.toMatch(/SCAN x\b/)
    },
  )

  it('finds one public tag by its slug', async () => {
    const text = await planOf({ sql: tagSql(publicTagStatement), params: ['diplomacy', now] })
    expect(text).toMatch(/SEARCH t USING INDEX sqlite_autoindex_tags_1/)
    expect(text).toContain('article_tags_feed')
    expect(text).not.toMatch(/SCAN/)
  })

  // It reads the written articles' JSON (json_each) and dedupes the tags they name (a small sort of
  // at most their tags); every table is searched through an index.
  it('logs the tags a write makes public or private from the written articles and one probe each', async () => {
    const rows = JSON.stringify([{ slug: 'x', tags: ['diplomacy'], status: 'published', published_at: now }])
    const text = await planOf({ sql: tagChangesSql, params: [rows, now] })
    expect(text).toContain('article_tags_feed')
    expect(text).not.toMatch(/SCAN (a|x|articles|article_tags|tags)\b(?! USING)/)
  })
})

describe.each(['author', 'section', 'tag', 'publication'] as const)('re-announcing the articles that show a renamed %s', (kind) => {
  it('walks the list index newest first, a chunk at a time, without a scan or a sort', async () => {
    const text = await planOf({
      sql: embeddersSql(kind),
      params: [kind === 'publication' ? 'publication' : 'diplomacy', new Date().toISOString(), '9999', 1e15, '{"name":"x"}', 500],
    })
    expect(text).toContain(
      { author: 'article_authors_feed', section: 'articles_by_section', tag: 'article_tags_feed', publication: 'articles_latest' }[kind],
    )
    expect(text).not.toMatch(/SCAN (a|x|articles)\b(?! USING)/)
    expect(text).not.toContain('TEMP B-TREE FOR ORDER BY')
  })
})

/** The SQL text a statement function prepares (D1 statements do not expose it). */
function tagSql(fn: (db: any, ...args: any[]) => unknown): string {
  let sql = ''
  const db = {
    prepare: (text: string) => {
      sql = text
      return { bind: () => ({}) }
    },
  }
  fn(db, '', '', 1)
  return sql
}

// The body store (src/bodies.ts): the archiver walks only the articles whose body is still in D1,
// oldest first, and clears one row by its key; the search index's triggers read one row's text.
describe('archiving bodies', () => {
  it('finds the next bodies to archive through articles_unarchived, without a scan or a sort', async () => {
    const [statement] = statementsOf((db) => archivableStatement(db, new Date().toISOString(), 20))
    const text = await planOf(statement!)
    expect(text).toContain('articles_unarchived')
    expect(text).not.toMatch(/SCAN articles\b(?! USING)/)
    expect(text).not.toContain('TEMP B-TREE')
  })

  it('clears an archived body by the primary key', async () => {
    const [statement] = statementsOf((db) => archiveStatement(db, { id: 1, version: 1 }))
    expect(await planOf(statement!)).toMatch(/SEARCH articles USING INTEGER PRIMARY KEY/)
  })

  it('derives one article’s search text by the primary key', async () => {
    const text = await planOf({ sql: 'SELECT id, headline, standfirst, body_text FROM article_search_text WHERE id = ?1', params: [1] })
    expect(text).toMatch(/SEARCH a USING INTEGER PRIMARY KEY/)
    expect(text).not.toMatch(/SCAN a\b/)
  })
})
