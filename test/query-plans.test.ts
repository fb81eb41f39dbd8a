import { env } from 'cloudflare:workers'
import { describe, expect, it } from 'vitest'
import { listArticlesQuery, publishedArticlesStatement, storyVersionsStatement, tagChangesSql, type ArticleFilter } from '../src/db/articles.ts'
import { changesAfterStatement } from '../src/db/changes.ts'
import { sitemapChunkStatement } from '../src/db/sitemaps.ts'
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

describe('search', () => {
  it('drives the query from the FTS index', async () => {
    const text = (await plan({ match: '"geneva"' })).join('\n')
    expect(text).toMatch(/VIRTUAL TABLE INDEX/)
    expect(text).toMatch(/SEARCH a USING INTEGER PRIMARY KEY/)
  })

  it('in one language, still drives it from the FTS index, the language checked per match', async () => {
    const text = (await plan({ match: '"geneve"', lang: 'fr' })).join('\n')
    expect(text).toMatch(/VIRTUAL TABLE INDEX/)
    expect(text).toMatch(/SEARCH a USING INTEGER PRIMARY KEY/)
    expect(text).not.toMatch(/SCAN a\b/)
  })
})

describe('languages', () => {
  const now = new Date().toISOString()

  it("finds an article's other versions with one probe of articles_translation_group", async () => {
    const text = await planOf(sqlOf(publishedArticlesStatement, [], now), [JSON.stringify(['x']), now])
    expect(text).toContain('articles_translation_group')
    expect(text).not.toMatch(/SCAN (a|t|articles)\b(?! USING)/)
  })

  it("finds a story's versions for editors through articles_translation_group", async () => {
    const text = await planOf(sqlOf(storyVersionsStatement, 'x'), ['x'])
    expect(text).toContain('articles_translation_group')
    expect(text).not.toMatch(/SCAN (a|t|articles)\b(?! USING)/)
  })

  it("syncs one language by merging two ranges of changes_by_language in order, without a sort", async () => {
    const text = await planOf(sqlOf(changesAfterStatement, 0, 101, 'fr'), [0, 101, 'fr'])
    expect(text).toContain('MERGE (UNION ALL)')
    expect(text.match(/SEARCH changes USING INDEX changes_by_language/g)).toHaveLength(2)
    expect(text).not.toContain('TEMP B-TREE')
  })

  it('lists the public versions of each sitemap article through articles_translation_group', async () => {
    const text = await planOf(sqlOf(sitemapChunkStatement, now, 1, 50_000), [now, 50_000, 0])
    expect(text).toContain('articles_translation_group')
    expect(text).not.toMatch(/SCAN (t|articles)\b(?! USING)/)
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

/** The SQL text a statement function prepares with these arguments. */
function sqlOf(fn: (db: any, ...args: any[]) => unknown, ...args: unknown[]): string {
  let sql = ''
  const db = { prepare: (text: string) => ((sql = text), { bind: () => ({}) }) }
  fn(db, ...args)
  return sql
}

/** The SQL text a statement function prepares (D1 statements do not expose it). */
function tagSql(fn: (db: any, ...args: any[]) => unknown): string {
  let sql = ''
  const db = { prepare: (text: string) => ((sql = text), { bind: () => ({}) }) }
  fn(db, '', '', 1)
  return sql
}
