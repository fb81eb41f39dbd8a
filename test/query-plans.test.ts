import { env } from 'cloudflare:workers'
import { describe, expect, it } from 'vitest'
import { listArticlesQuery, tagChangesSql, type ArticleFilter } from '../src/db/articles.ts'
import { archivableStatement, archiveStatement } from '../src/db/archive.ts'
import type { Database } from '../src/db/client.ts'
import { embeddersSql } from '../src/db/embedders.ts'
import { listTagsStatement, publicTagStatement } from '../src/db/taxonomy.ts'

async function plan(filter: ArticleFilter, after = false) {
  const { sql, params } = listArticlesQuery(filter, {
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

describe('search', () => {
  it('drives the query from the FTS index', async () => {
    const text = (await plan({ match: '"geneva"' })).join('\n')
    expect(text).toMatch(/VIRTUAL TABLE INDEX/)
    expect(text).toMatch(/SEARCH a USING INTEGER PRIMARY KEY/)
  })
})

/** The plan of one statement of the data layer, with its parameters. */
async function planOf(sql: string, params: unknown[]) {
  const rows = await env.DB.prepare(`EXPLAIN QUERY PLAN ${sql}`).bind(...params).all<{ detail: string }>()
  return rows.results.map((row) => row.detail).join('\n')
}

// Tags are public only while a public article uses them: each check is one probe of
// article_tags_feed, never a walk of the tag's articles, and the list walks tags in name order.
describe('public tags', () => {
  const now = new Date().toISOString()

  it('lists tags through tags_by_name, probing article_tags_feed per tag, without a sort', async () => {
    const text = await planOf(tagSql(listTagsStatement), ['', 0, 21, now])
    expect(text).toContain('tags_by_name')
    expect(text).toContain('article_tags_feed')
    expect(text).not.toContain('TEMP B-TREE')
    expect(text).not.toMatch(/SCAN x\b/)
  })

  it('finds one public tag by its slug', async () => {
    const text = await planOf(tagSql(publicTagStatement), ['diplomacy', now])
    expect(text).toMatch(/SEARCH t USING INDEX sqlite_autoindex_tags_1/)
    expect(text).toContain('article_tags_feed')
    expect(text).not.toMatch(/SCAN/)
  })

  // It reads the written articles' JSON (json_each) and dedupes the tags they name (a small sort of
  // at most their tags); every table is searched through an index.
  it('logs the tags a write makes public or private from the written articles and one probe each', async () => {
    const rows = JSON.stringify([{ slug: 'x', tags: ['diplomacy'], status: 'published', published_at: now }])
    const text = await planOf(tagChangesSql, [rows, now])
    expect(text).toContain('article_tags_feed')
    expect(text).not.toMatch(/SCAN (a|x|articles|article_tags|tags)\b(?! USING)/)
  })
})

describe.each(['author', 'section', 'tag', 'publication'] as const)('re-announcing the articles that show a renamed %s', (kind) => {
  it('walks the list index newest first, a chunk at a time, without a scan or a sort', async () => {
    const text = await planOf(embeddersSql(kind), [kind === 'publication' ? 'publication' : 'diplomacy', new Date().toISOString(), '9999', 1e15, '{"name":"x"}', 500])
    expect(text).toContain({ author: 'article_authors_feed', section: 'articles_by_section', tag: 'article_tags_feed', publication: 'articles_latest' }[kind])
    expect(text).not.toMatch(/SCAN (a|x|articles)\b(?! USING)/)
    expect(text).not.toContain('TEMP B-TREE FOR ORDER BY')
  })
})

/** The SQL text a statement function prepares (D1 statements do not expose it). */
function tagSql(fn: (db: any, ...args: any[]) => unknown): string {
  let sql = ''
  const db = { prepare: (text: string) => ((sql = text), { bind: () => ({}) }) }
  fn(db, '', '', 1)
  return sql
}

// The body store (src/bodies.ts): the archiver walks only the articles whose body is still in D1,
// oldest first, and clears one row by its key; the search index's triggers read one row's text.
describe('archiving bodies', () => {

  it('finds the next bodies to archive through articles_unarchived, without a scan or a sort', async () => {
    const { sql, params } = statementOf((db) => archivableStatement(db, new Date().toISOString(), 20))
    const text = await planOf(sql, params)
    expect(text).toContain('articles_unarchived')
    expect(text).not.toMatch(/SCAN articles\b(?! USING)/)
    expect(text).not.toContain('TEMP B-TREE')
  })

  it('clears an archived body by the primary key', async () => {
    const { sql, params } = statementOf((db) => archiveStatement(db, { id: 1, version: 1 }))
    expect(await planOf(sql, params)).toMatch(/SEARCH articles USING INTEGER PRIMARY KEY/)
  })

  it('derives one article’s search text by the primary key', async () => {
    const text = await planOf('SELECT id, headline, standfirst, body_text FROM article_search_text WHERE id = ?1', [1])
    expect(text).toMatch(/SEARCH a USING INTEGER PRIMARY KEY/)
    expect(text).not.toMatch(/SCAN a\b/)
  })
})

/** The SQL and parameters a data-layer function prepares, to EXPLAIN them. */
function statementOf(build: (db: Database) => unknown): { sql: string; params: unknown[] } {
  const captured = { sql: '', params: [] as unknown[] }
  const db = { prepare: (sql: string) => ((captured.sql = sql), { bind: (...params: unknown[]) => ((captured.params = params), {}) }) }
  build(db as unknown as Database)
  return captured
}
