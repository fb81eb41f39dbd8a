import type { Database } from './client.ts'
import type { Block } from '../schemas/blocks.ts'
import type { ArticleKind, ArticleStatus } from '../schemas/article.ts'
import type { Cursor } from '../lib/cursor.ts'
import { sortKey } from '../lib/collation.ts'
import type { SearchQuery } from '../lib/fts.ts'

/** An article row with its section, authors and tags folded in, as every read returns it. */
export interface ArticleRow {
  id: number
  slug: string
  headline: string
  standfirst: string
  dateline: string | null
  language: string
  image_url: string | null
  image_alt: string | null
  image_caption: string | null
  image_credit: string | null
  image_syndication: number
  status: ArticleStatus
  published_at: string | null
  updated_at: string
  section_slug: string
  section_name: string
  /** JSON: { [language]: { name, description } } */
  section_translations: string
  /** The publication's default language (null before it is set up): what names fall back to. */
  default_language: string | null
  /** JSON: [{ slug, name, job_title }] in byline order */
  authors: string
  /** JSON: [{ slug, name, translations }] in the editor's order */
  tags: string
  /** JSON: [kind, hero image width, hero image height] (article_presentation) */
  presentation: string
}

export interface ArticleBodyRow extends ArticleRow {
  /** JSON blocks, or '' when the body is in the body store: see loadArchivedBodies (src/bodies.ts). */
  body: string
  /** The body store's key names the version. */
  version: number
  word_count: number
  /** JSON: { name, url, logo_url } of the publication, for JSON-LD */
  publisher: string
  /** JSON: [{ text, at }], oldest first */
  corrections: string
  /** JSON: the other versions of the story (public ones only, except for editors), as TranslationRow */
  translations: string
  /** 1 when this version is the one the others were translated from */
  is_original: number
}

/** Another version of an article's story, as the translations column lists it. */
export interface TranslationRow {
  language: string
  slug: string
  headline: string
  status: ArticleStatus
  published_at: string | null
  /** 1 when this version is the original */
  original: number
}

/** What editors see besides the public fields. */
export interface EditorArticleRow extends ArticleBodyRow {
  created_at: string
}

/** Rows of a list; `tier` and `window_start` are set for full-text search results only. */
export type ListedRow = ArticleRow & { tier?: number; window_start?: number }

// Authors and tags come back with each article in the same statement, as JSON, so a page of
// articles is one query however many rows it has (no query per row).
const COLUMNS = `
  a.id, a.slug, a.headline, a.standfirst, a.dateline, a.language,
  a.image_url, a.image_alt, a.image_caption, a.image_credit, a.image_syndication,
  a.status, a.published_at, a.updated_at,
  s.slug AS section_slug, s.name AS section_name, s.translations AS section_translations,
  (SELECT language FROM publication WHERE id = 1) AS default_language,
  (SELECT json_group_array(json_object('slug', au.slug, 'name', au.name, 'job_title', au.job_title) ORDER BY aa.position)
     FROM article_authors aa JOIN authors au ON au.id = aa.author_id
    WHERE aa.article_id = a.id) AS authors,
  (SELECT json_group_array(json_object('slug', t.slug, 'name', t.name, 'translations', json(t.translations)) ORDER BY atg.position)
     FROM article_tags atg JOIN tags t ON t.id = atg.tag_id
    WHERE atg.article_id = a.id) AS tags,
  (SELECT json_array(p.kind, p.image_width, p.image_height) FROM article_presentation p WHERE p.article_id = a.id) AS presentation`

// The whole article: body, publisher, corrections and the other versions of the story besides
// the list columns. `now` is the SQL of the request's clock: versions public then are listed; with
// NULL (for editors), every version. The versions are one probe of articles_translation_group.
export const fullColumns = (now: string) => `${COLUMNS}, a.word_count, a.version,
  (SELECT json_object('name', name, 'url', url, 'logo_url', logo_url) FROM publication WHERE id = 1) AS publisher,
  (SELECT json_group_array(json_object('text', c.text, 'at', c.at) ORDER BY c.id)
     FROM article_corrections c WHERE c.article_id = a.id) AS corrections,
  (SELECT json_group_array(json_object('language', t.language, 'slug', t.slug, 'headline', t.headline, 'status', t.status,
            'published_at', t.published_at, 'original', t.id = t.translation_group) ORDER BY t.language)
     FROM articles t
    WHERE t.translation_group = a.translation_group AND t.id <> a.id
      AND (${now} IS NULL OR (t.status = 'published' AND t.published_at <= ${now}))) AS translations,
  coalesce(a.translation_group = a.id, 0) AS is_original,
  a.body`

/** A published article visible at `now` (an ISO timestamp), with its body. */
export async function findPublishedArticle(db: Database, slug: string, now: string) {
  return db.first<ArticleBodyRow>(publishedArticlesStatement(db, [slug], now))
}

/** The published articles visible at `now` among `slugs`, whole. */
export function publishedArticlesStatement(db: Database, slugs: string[], now: string) {
  return db
    .prepare(
      `SELECT ${fullColumns('?2')}
         FROM articles a JOIN sections s ON s.id = a.section_id
        WHERE a.slug IN (SELECT value FROM json_each(?1)) AND a.status = 'published' AND a.published_at <= ?2`,
    )
    .bind(JSON.stringify(slugs), now)
}

/**
 * Every version of the story that the article `slug` belongs to, itself included, in any state
 * (just the article when it has no group; nothing when there is no such article).
 */
export function storyVersionsStatement(db: Database, slug: string) {
  return db
    .prepare(
      `SELECT slug, language, status FROM articles WHERE slug = ?1
       UNION
       SELECT t.slug, t.language, t.status FROM articles a JOIN articles t ON t.translation_group = a.translation_group WHERE a.slug = ?1`,
    )
    .bind(slug)
}

/** An article in any state, with its version: what editors preview and edit. */
export function editorArticleStatement(db: Database, slug: string) {
  return db
    .prepare(
      `SELECT ${fullColumns('NULL')}, a.created_at
         FROM articles a JOIN sections s ON s.id = a.section_id
        WHERE a.slug = ?1`,
    )
    .bind(slug)
}

export async function findArticleForEditor(db: Database, slug: string) {
  return db.first<EditorArticleRow>(editorArticleStatement(db, slug))
}

/**
 * Vetoes the batch it leads unless the article's version is still `version` (null: the article
 * must not exist yet). A D1 batch is one transaction: the failed insert rolls back every write.
 */
export function versionGuardStatement(db: Database, slug: string, version: number | null) {
  return db
    .prepare(
      `INSERT INTO write_guards (reason)
       SELECT 'version changed' WHERE (SELECT version FROM articles WHERE slug = ?1) IS NOT ?2`,
    )
    .bind(slug, version)
}

/** Articles in one state, newest first (by update), for the editors' desk. */
export function listArticlesForEditorStatement(
  db: Database,
  status: ArticleStatus | null,
  limit: number,
  after?: { v: string; id: number },
) {
  return db
    .prepare(
      `SELECT ${COLUMNS}, a.version
         FROM articles a JOIN sections s ON s.id = a.section_id
        WHERE (?1 IS NULL OR a.status = ?1) AND (a.updated_at, a.id) < (?2, ?3)
        ORDER BY a.updated_at DESC, a.id DESC
        LIMIT ?4`,
    )
    .bind(status, after?.v ?? END_OF_TIME, after?.id ?? MAX_ID, limit)
}

export interface ArticleFilter {
  section?: string
  tag?: string
  author?: string
  /** Only articles in this language (BCP 47, as stored). */
  lang?: string
  /** FTS5 queries built by searchQuery(), never raw user input. */
  search?: SearchQuery
}

/**
 * How many of the most recent matches a search ranks by where the words are (see
 * listArticlesQuery); older matches follow, newest first.
 */
export const SEARCH_WINDOW = 200

/** How far back a search reaches: the most recent this many articles (by id). */
export const SEARCH_DEPTH = 50_000

export interface ListOptions {
  now: string
  /** Rows to fetch: callers ask for one more than a page to learn whether another page follows. */
  limit: number
  after?: Extract<Cursor, { k: 't' | 'r' }>
  /** Published at or after this instant (as toISOString writes it). */
  from?: string
  /** Published before this instant. */
  to?: string
  /** Whole articles (body, corrections) rather than summaries: for feeds. */
  full?: boolean
}

// Sentinels for "no cursor": later than any time, larger than any id.
const END_OF_TIME = '9999-12-31T23:59:59.999Z'
const MAX_ID = Number.MAX_SAFE_INTEGER

/**
 * Published articles visible at `now`, newest first (or by relevance when searching), one page
 * after the cursor. The filter that narrows the list most drives the query through its own index
 * (FTS, tag, author, section, or the latest-articles index); other filters are checked per
 * candidate row. Every value is a bound parameter; only fixed SQL fragments are joined.
 */
export function listArticlesStatement(db: Database, filter: ArticleFilter, options: ListOptions) {
  const { sql, params } = listArticlesQuery(filter, options)
  return db.prepare(sql).bind(...params)
}

/** The SQL and parameters of listArticlesStatement, apart so that tests can EXPLAIN them. */
export function listArticlesQuery(filter: ArticleFilter, options: ListOptions): { sql: string; params: unknown[] } {
  const params: unknown[] = []
  const p = (value: unknown) => {
    params.push(value)
    return `?${params.length}`
  }
  const now = p(options.now)
  if (filter.search) return { sql: searchArticlesSql(filter, filter.search, options, now, p), params }
  const where: string[] = []
  let from: string
  const after = options.after?.k === 't' ? options.after : undefined

  // x: the table whose index yields this list newest first (the link table of a tag or
  // author; articles itself otherwise). The language filter is on that table too: the link
  // tables carry a copy of the article's language, and each has an index that leads with it.
  let x = 'x'
  let id = 'x.article_id'
  if (filter.tag) {
    from = 'article_tags x JOIN articles a ON a.id = x.article_id'
    where.push(`x.tag_id = (SELECT id FROM tags WHERE slug = ${p(filter.tag)})`, 'x.published = 1')
  } else if (filter.author) {
    from = 'article_authors x JOIN articles a ON a.id = x.article_id'
    where.push(`x.author_id = (SELECT id FROM authors WHERE slug = ${p(filter.author)})`, 'x.published = 1')
  } else {
    // Named, for one language: SQLite's planner (without statistics) prefers the language-blind
    // section index, which would read every language's articles of the section.
    from = filter.lang
      ? `articles a INDEXED BY ${filter.section ? 'articles_by_language_section' : 'articles_latest_by_language'}`
      : 'articles a'
    x = 'a'
    id = 'a.id'
    if (filter.section) where.push(`a.section_id = (SELECT id FROM sections WHERE slug = ${p(filter.section)})`)
    where.push(`a.status = 'published'`)
  }
  if (filter.lang) where.push(`${x}.language = ${p(filter.lang)}`)
  where.push(`${x}.published_at <= ${now}`)
  // A range narrows the same index walk: it starts at `to` and stops at `from`.
  if (options.from) where.push(`${x}.published_at >= ${p(options.from)}`)
  if (options.to) where.push(`${x}.published_at < ${p(options.to)}`)
  where.push(`(${x}.published_at, ${id}) < (${p(after ? after.v : END_OF_TIME)}, ${p(after ? after.id : MAX_ID)})`)
  where.push(...secondaryFilters(filter, p))

  const sql = `SELECT ${options.full ? fullColumns(now) : COLUMNS}
    FROM ${from} JOIN sections s ON s.id = a.section_id
   WHERE ${where.join('\n     AND ')}
   ORDER BY ${x}.published_at DESC, ${id} DESC
   LIMIT ${p(options.limit)}`
  return { sql, params }
}

/** The filters that do not drive the query, checked on each candidate row `a`. */
function secondaryFilters(filter: ArticleFilter, p: (value: unknown) => string): string[] {
  const where: string[] = []
  if (filter.section && (filter.search || filter.tag || filter.author)) {
    where.push(`a.section_id = (SELECT id FROM sections WHERE slug = ${p(filter.section)})`)
  }
  if (filter.tag && filter.search) {
    where.push(
      `EXISTS (SELECT 1 FROM article_tags y WHERE y.article_id = a.id AND y.tag_id = (SELECT id FROM tags WHERE slug = ${p(filter.tag)}))`,
    )
  }
  if (filter.author && (filter.search || filter.tag)) {
    where.push(
      `EXISTS (SELECT 1 FROM article_authors y WHERE y.article_id = a.id AND y.author_id = (SELECT id FROM authors WHERE slug = ${p(filter.author)}))`,
    )
  }
  return where
}

/**
 * Search results, with a cost per page that does not grow with the number of matches.
 *
 * Ranking every match (FTS5's bm25) reads every match, and even bm25 of a single row counts each
 * word's matches across the whole index; a common word matches most of the archive. So a search
 * ranks only its window, the SEARCH_WINDOW most recent matches (by article id, which follows
 * creation time), in tiers: articles with every word in the headline (tier 0), then in the
 * headline and standfirst (1), then the others of the window (2); then come the older matches
 * (3), back to the SEARCH_DEPTH most recent articles. Within a tier, newest first. Each tier is
 * an FTS5 query read in rowid order from the cursor, bounded by the window (tiers 0 to 2) or the
 * depth (3) and stopped after a page: the work per page is bounded by the window plus the page
 * on the first pages, and by the depth at worst, for any number of matches and any archive size.
 * The window's start travels in the cursor, so the pages of one search agree on it.
 */
function searchArticlesSql(
  filter: ArticleFilter,
  search: SearchQuery,
  options: ListOptions,
  now: string,
  p: (value: unknown) => string,
): string {
  const after = options.after?.k === 'r' ? options.after : undefined
  // D1 binds JavaScript numbers as REAL, and FTS5 takes a rowid bound only when it is an
  // INTEGER (otherwise it reads the whole posting list and lets SQLite filter): hence the casts.
  const int = (value: number | null) => `CAST(${p(value)} AS INTEGER)`
  const tier = int(after?.t ?? 0)
  const afterId = int(after?.id ?? MAX_ID)
  const noId = int(MAX_ID)
  const limit = p(options.limit)
  const filters = [
    `a.status = 'published'`,
    `a.published_at <= ${now}`,
    // A date range filters the window's hits row by row: it never widens what a page reads.
    ...(options.from ? [`a.published_at >= ${p(options.from)}`] : []),
    ...(options.to ? [`a.published_at < ${p(options.to)}`] : []),
    ...(filter.lang ? [`a.language = ${p(filter.lang)}`] : []),
    ...secondaryFilters(filter, p),
  ].join(' AND ')
  // Each part gives FTS5 exactly one lower and one upper rowid bound, within the search depth:
  // FTS5 reads a posting list from its newest end to the upper bound, so a bound deep in the
  // archive costs a walk to it. Clamping keeps
  // a forged cursor inside the same bounds. CROSS JOIN keeps the FTS index the outer loop: with
  // a section filter SQLite would otherwise walk the section's index and probe FTS5 per article.
  // (A bare max(id) is one step to the end of the table; any expression around it inside the
  // subquery would make SQLite scan the table for it.)
  const lo = `(coalesce((SELECT max(id) FROM articles), 0) - ${SEARCH_DEPTH})`
  const w = '(SELECT w FROM win)'
  const inWindow = (t: number) => `f.rowid >= ${w} AND f.rowid < max(${w}, iif(${tier} = ${t}, ${afterId}, ${noId}))`
  const parts: [number, string, string][] = [
    [0, search.headline, inWindow(0)],
    [1, search.lead, inWindow(1)],
    [2, search.body, inWindow(2)],
    [3, search.all, `f.rowid >= ${lo} AND f.rowid < max(${lo}, min(${w}, ${afterId}))`],
  ]
  const hits = parts
    .map(
      // LIMIT 0 (a tier the cursor is past) skips the loop before FTS5 reads anything.
      ([t, match, range]) => `SELECT * FROM (
        SELECT ${t} AS tier, f.rowid AS id FROM articles_fts f CROSS JOIN articles a ON a.id = f.rowid
         WHERE articles_fts MATCH ${p(match)} AND ${range}
           AND ${filters}
         ORDER BY f.rowid DESC LIMIT iif(${tier} <= ${t}, ${limit}, 0))`,
    )
    .join('\n      UNION ALL ')
  return `WITH win (w) AS (
      SELECT max(${lo}, coalesce(${int(after?.w ?? null)}, (SELECT min(rowid) FROM (
        SELECT rowid FROM articles_fts WHERE articles_fts MATCH ${p(search.all)} AND rowid >= ${lo}
         ORDER BY rowid DESC LIMIT ${SEARCH_WINDOW})), ${lo}))),
    hits (tier, id) AS (${hits})
    SELECT ${options.full ? fullColumns(now) : COLUMNS}, hits.tier AS tier, (SELECT w FROM win) AS window_start
      FROM hits JOIN articles a ON a.id = hits.id JOIN sections s ON s.id = a.section_id
     ORDER BY hits.tier, hits.id DESC
     LIMIT ${limit}`
}

/** The cursor that continues a list after `row`. */
export function cursorAfter(row: ListedRow): Cursor {
  return row.tier === undefined ? { k: 't', v: row.published_at!, id: row.id } : { k: 'r', w: row.window_start!, t: row.tier, id: row.id }
}

export interface ArticleWrite {
  slug: string
  headline: string
  kind: ArticleKind
  standfirst: string
  dateline: string | null
  language: string
  section: string
  tags: string[]
  authors: string[]
  image: {
    url: string
    width: number
    height: number
    alt: string
    caption: string | null
    credit: string | null
    syndication_allowed: boolean
  } | null
  body: Block[]
  word_count: number
  status: ArticleStatus
  published_at: string | null
  /** A public correction to append with this write. */
  correction?: string | null
  /** Join the translation group of the article with this slug; null: leave the group; absent: stay. */
  translation_of?: string | null
}

/**
 * The statements that create or replace articles with their bylines and tags, to run in one batch
 * (one transaction): readers never see an article without its authors. However many articles,
 * it is the same ten statements, each taking the articles as one JSON parameter, so bulk imports
 * cost a round trip per batch rather than per row. Unknown tags are created; an unknown section
 * or author makes the batch fail, so check them first where the input comes from a person. So
 * does a `translation_of` naming no article (in the database or the same write), or a group that
 * already has a version in the article's language.
 */
export function writeArticlesStatements(db: Database, articles: ArticleWrite[], now: string): D1PreparedStatement[] {
  const rows = JSON.stringify(
    articles.map((article) => ({
      ...article,
      body: JSON.stringify(article.body),
      image_syndication: article.image?.syndication_allowed ? 1 : 0,
      new_tags: article.tags.map((slug) => {
        const name = tagNameFromSlug(slug)
        return { slug, name, sort_key: sortKey(name) }
      }),
    })),
  )
  const slugs = "SELECT a.id FROM articles a JOIN json_each(?1) j ON a.slug = j.value ->> 'slug'"
  const visibleAfter = "(j.value ->> 'status' = 'published' AND j.value ->> 'published_at' <= ?2)"
  // The public versions of the same stories (not written here): what they show of the written
  // ones (the `translations` list) may change, so they are logged as upserts. After the write, for
  // the story a written article is in when it is public then; before the write, for the story a
  // public article leaves (translation_of null, or another story's slug) or stops being public in.
  const siblings = (before: boolean) =>
    db
      .prepare(
        `INSERT INTO changes (type, slug, op, at, language)
         SELECT DISTINCT 'article', s.slug, 'upsert', ?2, s.language
           FROM json_each(?1) j JOIN articles a ON a.slug = j.value ->> 'slug'
           JOIN articles s ON s.translation_group = a.translation_group AND s.id <> a.id
          WHERE s.status = 'published' AND s.published_at <= ?2
            AND s.slug NOT IN (SELECT value ->> 'slug' FROM json_each(?1))
            AND ${before ? `a.status = 'published' AND a.published_at <= ?2 AND (NOT coalesce(${visibleAfter}, 0) OR ${LEAVING})` : visibleAfter}
          ORDER BY a.id, s.language`,
      )
      .bind(rows, now)
  return [
    // The sync log, first, while the old state is still there to compare with: a change is
    // recorded when the article is public before or after the write; drafts never appear.
    db
      .prepare(
        `INSERT INTO changes (type, slug, op, at, language)
         SELECT 'article', j.value ->> 'slug', iif(${visibleAfter}, 'upsert', 'delete'), ?2, j.value ->> 'language'
           FROM json_each(?1) j
          WHERE ${visibleAfter}
             OR EXISTS (SELECT 1 FROM articles a WHERE a.slug = j.value ->> 'slug' AND a.status = 'published' AND a.published_at <= ?2)`,
      )
      .bind(rows, now),
    // A public article whose language changes leaves its old language's sync log.
    db
      .prepare(
        `INSERT INTO changes (type, slug, op, at, language)
         SELECT 'article', a.slug, 'delete', ?2, a.language FROM json_each(?1) j JOIN articles a ON a.slug = j.value ->> 'slug'
          WHERE a.language <> j.value ->> 'language' AND a.status = 'published' AND a.published_at <= ?2`,
      )
      .bind(rows, now),
    siblings(true),
    tagChangesStatement(db, rows, now),
    db
      .prepare(
        `INSERT INTO tags (slug, name, sort_key, created_at, updated_at)
         SELECT t.value ->> 'slug', t.value ->> 'name', t.value ->> 'sort_key', ?2, ?2 FROM json_each(?1) j, json_each(j.value, '$.new_tags') t
          WHERE true
         ON CONFLICT (slug) DO NOTHING`,
      )
      .bind(rows, now),
    db
      .prepare(
        `INSERT INTO articles (slug, headline, standfirst, dateline, language, section_id,
           image_url, image_alt, image_caption, image_credit, image_syndication,
           body, word_count, status, published_at, created_at, updated_at)
         SELECT j.value ->> 'slug', j.value ->> 'headline', j.value ->> 'standfirst', j.value ->> 'dateline',
           j.value ->> 'language', (SELECT id FROM sections WHERE slug = j.value ->> 'section'),
           j.value ->> '$.image.url', j.value ->> '$.image.alt', j.value ->> '$.image.caption',
           j.value ->> '$.image.credit', j.value ->> 'image_syndication',
           j.value ->> 'body', j.value ->> 'word_count', j.value ->> 'status',
           j.value ->> 'published_at', ?2, ?2
           FROM json_each(?1) j
          WHERE true
         ON CONFLICT (slug) DO UPDATE SET
           headline = excluded.headline, standfirst = excluded.standfirst, dateline = excluded.dateline,
           language = excluded.language, section_id = excluded.section_id,
           image_url = excluded.image_url, image_alt = excluded.image_alt, image_caption = excluded.image_caption,
           image_credit = excluded.image_credit, image_syndication = excluded.image_syndication,
           body = excluded.body, word_count = excluded.word_count,
           status = excluded.status, published_at = excluded.published_at, updated_at = excluded.updated_at,
           version = articles.version + 1`,
      )
      .bind(rows, now),
    // What the article is, and its hero image's size: a table of its own (see migration 0008).
    db
      .prepare(
        `INSERT INTO article_presentation (article_id, kind, image_width, image_height)
         SELECT a.id, j.value ->> 'kind', j.value ->> '$.image.width', j.value ->> '$.image.height'
           FROM json_each(?1) j JOIN articles a ON a.slug = j.value ->> 'slug'
          WHERE true
         ON CONFLICT (article_id) DO UPDATE SET
           kind = excluded.kind, image_width = excluded.image_width, image_height = excluded.image_height`,
      )
      .bind(rows),
    db.prepare(`DELETE FROM article_authors WHERE article_id IN (${slugs})`).bind(rows),
    db.prepare(`DELETE FROM article_tags WHERE article_id IN (${slugs})`).bind(rows),
    db
      .prepare(
        `INSERT INTO article_authors (article_id, author_id, position)
         SELECT a.id, (SELECT id FROM authors WHERE slug = x.value), x.key
           FROM json_each(?1) j JOIN articles a ON a.slug = j.value ->> 'slug', json_each(j.value, '$.authors') x`,
      )
      .bind(rows),
    db
      .prepare(
        `INSERT INTO article_tags (article_id, tag_id, position)
         SELECT a.id, (SELECT id FROM tags WHERE slug = x.value), x.key
           FROM json_each(?1) j JOIN articles a ON a.slug = j.value ->> 'slug', json_each(j.value, '$.tags') x`,
      )
      .bind(rows),
    db
      .prepare(
        `INSERT INTO article_corrections (article_id, text, at)
         SELECT a.id, j.value ->> 'correction', ?2
           FROM json_each(?1) j JOIN articles a ON a.slug = j.value ->> 'slug'
          WHERE j.value ->> 'correction' IS NOT NULL`,
      )
      .bind(rows, now),
    ...translationLinkStatements(db, rows),
    siblings(false),
  ]
}

// A written article (j, stored as a) leaves its story: for another one, or for none.
const LEAVING = `(json_type(j.value, '$.translation_of') = 'null'
  OR (j.value ->> 'translation_of' IS NOT NULL
      AND a.translation_group IS NOT (SELECT translation_group FROM articles WHERE slug = j.value ->> 'translation_of')))`

/**
 * Translation groups for written articles (`rows`, as writeArticlesStatements encodes them), after
 * they are stored: `translation_of: null` leaves the group; a slug joins that article's group,
 * which starts (named after that article, the original) if it had none. A slug naming no article
 * vetoes the batch. Leaving or moving the original renames its group (see migration 0011).
 */
function translationLinkStatements(db: Database, rows: string): D1PreparedStatement[] {
  const linking = "SELECT j.value ->> 'slug' FROM json_each(?1) j WHERE j.value ->> 'translation_of' IS NOT NULL"
  return [
    db
      .prepare(
        `INSERT INTO write_guards (reason)
         SELECT 'translation_of names no article' FROM json_each(?1) j
          WHERE j.value ->> 'translation_of' IS NOT NULL
            AND NOT EXISTS (SELECT 1 FROM articles WHERE slug = j.value ->> 'translation_of')
          LIMIT 1`,
      )
      .bind(rows),
    db
      .prepare(
        `UPDATE articles SET translation_group = NULL
          WHERE slug IN (SELECT j.value ->> 'slug' FROM json_each(?1) j WHERE json_type(j.value, '$.translation_of') = 'null')`,
      )
      .bind(rows),
    db
      .prepare(
        `UPDATE articles SET translation_group = id
          WHERE translation_group IS NULL
            AND slug IN (SELECT j.value ->> 'translation_of' FROM json_each(?1) j WHERE j.value ->> 'translation_of' IS NOT NULL)`,
      )
      .bind(rows),
    db
      .prepare(
        `UPDATE articles SET translation_group = (
           SELECT t.translation_group FROM json_each(?1) j JOIN articles t ON t.slug = j.value ->> 'translation_of'
            WHERE j.value ->> 'slug' = articles.slug)
          WHERE slug IN (${linking})`,
      )
      .bind(rows),
  ]
}

/**
 * The sync log's tag entries for a write of articles (`rows`, as writeArticlesStatements encodes
 * them), computed before the write: a tag is public while a public article uses it, so the write
 * makes a tag public (an upsert) or private (a delete) when the articles it writes were the only
 * public ones using it, before or after. Each tag named by the written articles, now or before,
 * is judged by its public articles outside the write (one probe of article_tags_feed, passing at
 * most the articles written) and by the written articles before and after. Tags whose state does
 * not change are not logged.
 */
export function tagChangesStatement(db: Database, rows: string, now: string) {
  return db.prepare(tagChangesSql).bind(rows, now)
}

export const tagChangesSql = `
  WITH written AS (SELECT j.value ->> 'slug' AS slug, j.value AS v FROM json_each(?1) j),
  named AS (
    SELECT t.value AS tag FROM written w, json_each(w.v, '$.tags') t
    UNION
    SELECT tg.slug FROM written w JOIN articles a ON a.slug = w.slug JOIN article_tags x ON x.article_id = a.id JOIN tags tg ON tg.id = x.tag_id
  ),
  judged AS (
    SELECT n.tag,
      EXISTS (SELECT 1 FROM article_tags x JOIN articles a ON a.id = x.article_id
               WHERE x.tag_id = (SELECT id FROM tags WHERE slug = n.tag) AND x.published = 1 AND x.published_at <= ?2
                 AND a.slug NOT IN (SELECT slug FROM written)) AS elsewhere,
      EXISTS (SELECT 1 FROM written w JOIN articles a ON a.slug = w.slug JOIN article_tags x ON x.article_id = a.id
               WHERE x.tag_id = (SELECT id FROM tags WHERE slug = n.tag) AND x.published = 1 AND x.published_at <= ?2) AS before,
      EXISTS (SELECT 1 FROM written w, json_each(w.v, '$.tags') t
               WHERE t.value = n.tag AND w.v ->> 'status' = 'published' AND w.v ->> 'published_at' <= ?2) AS after
      FROM named n
  )
  INSERT INTO changes (type, slug, op, at)
  SELECT 'tag', tag, iif(elsewhere OR after, 'upsert', 'delete'), ?2 FROM judged
   WHERE (elsewhere OR before) <> (elsewhere OR after)`

/** "eu-council" -> "Eu council": a placeholder name for a tag first seen on an article. */
function tagNameFromSlug(slug: string): string {
  const words = slug.replace(/-/g, ' ')
  return words.charAt(0).toUpperCase() + words.slice(1)
}

/** The next moment a published or scheduled article's embargo lifts, if any. */
export async function nextEmbargo(db: Database, now: string): Promise<string | null> {
  const row = await db.first<{ at: string | null }>(nextEmbargoStatement(db, now))
  return row?.at ?? null
}

/** nextEmbargo's query: one step into the articles_embargo partial index. */
export function nextEmbargoStatement(db: Database, now: string) {
  return db
    .prepare(
      `SELECT min(published_at) AS at FROM articles
        WHERE status IN ('published', 'scheduled') AND published_at > ?1`,
    )
    .bind(now)
}

/**
 * The scheduler's transaction, in order: the slugs becoming public (scheduled ones due, and
 * embargoed published ones whose time came since the job's last run, or `firstRun`), their sync
 * log entries, their tags', the other public versions of their stories (returned, for the cache),
 * the audit entries, the status flip, and the job's own clock.
 */
export function publishDueStatements(db: Database, job: string, now: string, firstRun: string) {
  const lastRun = 'coalesce((SELECT last_run_at FROM jobs WHERE name = ?2), ?3)'
  // Two ranges of two partial indexes (articles_scheduled, articles_latest), each as long as what
  // it returns: an OR of the two states in one WHERE clause would read every article instead.
  const due = `SELECT slug FROM articles WHERE status = 'scheduled' AND published_at <= ?1
     UNION ALL
     SELECT slug FROM articles WHERE status = 'published' AND published_at <= ?1 AND published_at > ${lastRun}`
  return [
    db.prepare(due).bind(now, job, firstRun),
    db.prepare(`INSERT INTO changes (type, slug, op, at) SELECT 'article', slug, 'upsert', ?1 FROM (${due})`).bind(now, job, firstRun),
    // Tags that these articles make public: no article using them was public at the last run.
    db
      .prepare(
        `INSERT INTO changes (type, slug, op, at)
         SELECT DISTINCT 'tag', t.slug, 'upsert', ?1
           FROM article_tags x JOIN tags t ON t.id = x.tag_id
          WHERE x.article_id IN (SELECT id FROM articles WHERE slug IN (${due}))
            AND NOT EXISTS (SELECT 1 FROM article_tags y WHERE y.tag_id = x.tag_id AND y.published = 1 AND y.published_at <= ${lastRun})`,
      )
      .bind(now, job, firstRun),
    // The other public versions of their stories: their translations lists gain these.
    db
      .prepare(
        `INSERT INTO changes (type, slug, op, at, language)
         SELECT DISTINCT 'article', s.slug, 'upsert', ?1, s.language
           FROM articles d JOIN articles s ON s.translation_group = d.translation_group AND s.id <> d.id
          WHERE d.slug IN (${due}) AND s.slug NOT IN (${due})
            AND s.status = 'published' AND s.published_at <= ?1
         RETURNING slug`,
      )
      .bind(now, job, firstRun),
    db
      .prepare(
        `INSERT INTO audit_log (at, actor, action, target_type, target_slug, version_before, version_after)
         SELECT ?1, 'scheduler', 'article.published', 'article', slug, version, version + 1
           FROM articles WHERE status = 'scheduled' AND published_at <= ?1`,
      )
      .bind(now),
    db
      .prepare(
        `UPDATE articles SET status = 'published', version = version + 1, updated_at = ?1
          WHERE status = 'scheduled' AND published_at <= ?1`,
      )
      .bind(now),
    db
      .prepare('INSERT INTO jobs (name, last_run_at) VALUES (?2, ?1) ON CONFLICT (name) DO UPDATE SET last_run_at = excluded.last_run_at')
      .bind(now, job),
  ]
}

/** Each article's section, tag and author slugs and its language: which feeds it appears in. */
export async function feedMembershipsOf(db: Database, slugs: string[]) {
  const rows = await db.all<{ section: string; tags: string; authors: string; language: string }>(
    db
      .prepare(
        `SELECT s.slug AS section, a.language,
                (SELECT json_group_array(t.slug) FROM article_tags x JOIN tags t ON t.id = x.tag_id WHERE x.article_id = a.id) AS tags,
                (SELECT json_group_array(au.slug) FROM article_authors x JOIN authors au ON au.id = x.author_id WHERE x.article_id = a.id) AS authors
           FROM articles a JOIN sections s ON s.id = a.section_id
          WHERE a.slug IN (SELECT value FROM json_each(?1))`,
      )
      .bind(JSON.stringify(slugs)),
  )
  return rows.map((row) => ({
    section: row.section,
    language: row.language,
    tags: JSON.parse(row.tags) as string[],
    authors: JSON.parse(row.authors) as string[],
  }))
}
