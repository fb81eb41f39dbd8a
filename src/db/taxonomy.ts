import type { Database } from './client.ts'
import { sortKey } from '../lib/collation.ts'

export interface SectionRow {
  id: number
  slug: string
  name: string
  description: string
  position: number
  updated_at: string
  /** JSON: { [language]: { name, description } } */
  translations: string
  /** The publication's default language, the one `name` is in (null before it is set up) */
  default_language: string | null
}

export interface TagRow {
  id: number
  slug: string
  name: string
  updated_at: string
  /** JSON: { [language]: { name } } */
  translations: string
  default_language: string | null
}

/** A tag as the A–Z list reads it, with the key it is sorted by. */
export type SortedTagRow = TagRow & { sort_key: string }

// Every section and tag read carries its names in other languages and the default language.
const LOCAL = `translations, (SELECT language FROM publication WHERE id = 1) AS default_language`
const SECTION_COLUMNS = `id, slug, name, description, position, updated_at, ${LOCAL}`
const TAG_COLUMNS = `id, slug, name, updated_at, ${LOCAL}`

export function listSectionsStatement(db: Database) {
  return db.prepare(`SELECT ${SECTION_COLUMNS} FROM sections ORDER BY position, name`)
}

export function findSectionStatement(db: Database, slug: string) {
  return db.prepare(`SELECT ${SECTION_COLUMNS} FROM sections WHERE slug = ?1`).bind(slug)
}

export function sectionsBySlugsStatement(db: Database, slugs: string[]) {
  return db.prepare(`SELECT ${SECTION_COLUMNS} FROM sections WHERE slug IN (SELECT value FROM json_each(?1))`).bind(JSON.stringify(slugs))
}

/**
 * A tag is public only while a public article uses it: until then its name may be a story's
 * secret subject. This is that condition for the tag row `t`, with `now` as parameter `now`: one
 * probe of the article_tags_feed index (the link table carries its article's published state).
 */
export const tagIsPublic = (t: string, now: string) =>
  `EXISTS (SELECT 1 FROM article_tags x WHERE x.tag_id = ${t}.id AND x.published = 1 AND x.published_at <= ${now})`

/** The public ones among these tags, at `now`. */
export function tagsBySlugsStatement(db: Database, slugs: string[], now: string) {
  return db
    .prepare(`SELECT ${TAG_COLUMNS} FROM tags t WHERE slug IN (SELECT value FROM json_each(?1)) AND ${tagIsPublic('t', '?2')}`)
    .bind(JSON.stringify(slugs), now)
}

/**
 * What articles are grouped by: a section, a tag, or an author. Each grouping has its page, its
 * list of articles (a filter of /v1/articles) and its feeds.
 */
export type Grouping = 'section' | 'tag' | 'author'

// Fixed table names by grouping: the only identifiers ever put into SQL text here.
const TABLES: Record<Grouping, string> = { section: 'sections', tag: 'tags', author: 'authors' }

// ?2 (the request's clock) is used by tags only, but bound for every grouping: `?2 IS NOT NULL`
// keeps the parameter count the same.
const PUBLIC_GROUPING_SQL: Record<Grouping, string> = {
  section: `SELECT name, description, ${LOCAL} FROM sections WHERE slug = ?1 AND ?2 IS NOT NULL`,
  tag: `SELECT name, '' AS description, ${LOCAL} FROM tags t WHERE slug = ?1 AND ${tagIsPublic('t', '?2')}`,
  author:
    "SELECT name, coalesce(job_title, '') AS description, '{}' AS translations, NULL AS default_language FROM authors WHERE slug = ?1 AND ?2 IS NOT NULL",
}

/**
 * A public section, tag or author by slug, as { name, description, translations, default_language }
 * (see localize() in src/present/taxonomy.ts): no row when there is none
 * (a tag that no article public at `now` uses counts as none).
 */
export function publicGroupingStatement(db: Database, grouping: Grouping, slug: string, now: string) {
  return db.prepare(PUBLIC_GROUPING_SQL[grouping]).bind(slug, now)
}

const USAGE_SQL: Record<Grouping, string> = {
  section: 'SELECT count(*) AS n FROM articles a JOIN sections t ON t.id = a.section_id WHERE t.slug = ?1',
  tag: 'SELECT count(*) AS n FROM article_tags x JOIN tags t ON t.id = x.tag_id WHERE t.slug = ?1',
  author: 'SELECT count(*) AS n FROM article_authors x JOIN authors t ON t.id = x.author_id WHERE t.slug = ?1',
}

/** How many articles, in any state, use this section, tag or author: { n }. */
export function usageStatement(db: Database, grouping: Grouping, slug: string) {
  return db.prepare(USAGE_SQL[grouping]).bind(slug)
}

export function deleteGroupingStatement(db: Database, grouping: Grouping, slug: string) {
  return db.prepare(`DELETE FROM ${TABLES[grouping]} WHERE slug = ?1`).bind(slug)
}

/** A tag in any state: what editors see. */
export function findTagStatement(db: Database, slug: string) {
  return db.prepare(`SELECT ${TAG_COLUMNS} FROM tags WHERE slug = ?1`).bind(slug)
}

/** A tag if it is public at `now`. */
export function publicTagStatement(db: Database, slug: string, now: string) {
  return db.prepare(`SELECT ${TAG_COLUMNS} FROM tags t WHERE slug = ?1 AND ${tagIsPublic('t', '?2')}`).bind(slug, now)
}

/**
 * Public tags A–Z as people read them (by sort key: see src/lib/collation.ts), after (sort_key,
 * id): a walk of the sort-key index with one index probe per tag to skip those no public article
 * uses yet.
 */
export function listTagsStatement(db: Database, now: string, limit: number, after?: { v: string; id: number }) {
  return db
    .prepare(
      `SELECT ${TAG_COLUMNS}, sort_key FROM tags t
        WHERE (sort_key, id) > (?1, ?2) AND ${tagIsPublic('t', '?4')}
        ORDER BY sort_key, id LIMIT ?3`,
    )
    .bind(after?.v ?? '', after?.id ?? 0, limit, now)
}

/**
 * Logs a tag's upsert for sync if it is public at `now` (a tag no public article uses stays out of
 * the log: its name may be a story's secret subject). Batch it after the write that changed it.
 */
export function recordTagChangeStatement(db: Database, slug: string, now: string) {
  return db
    .prepare(
      `INSERT INTO changes (type, slug, op, at) SELECT 'tag', slug, 'upsert', ?2 FROM tags t WHERE slug = ?1 AND ${tagIsPublic('t', '?2')}`,
    )
    .bind(slug, now)
}

export function writeSectionStatement(
  db: Database,
  section: {
    slug: string
    name: string
    description: string
    position: number
    translations?: Record<string, { name: string; description: string }>
  },
  now: string,
) {
  return db
    .prepare(
      `INSERT INTO sections (slug, name, description, position, created_at, updated_at, translations)
       VALUES (?1, ?2, ?3, ?4, ?5, ?5, ?6)
       ON CONFLICT (slug) DO UPDATE SET
         name = excluded.name, description = excluded.description, position = excluded.position,
         translations = excluded.translations, updated_at = excluded.updated_at`,
    )
    .bind(section.slug, section.name, section.description, section.position, now, JSON.stringify(section.translations ?? {}))
}

export function writeTagStatement(
  db: Database,
  tag: { slug: string; name: string; translations?: Record<string, { name: string }> },
  now: string,
) {
  return db
    .prepare(
      `INSERT INTO tags (slug, name, sort_key, created_at, updated_at, translations) VALUES (?1, ?2, ?4, ?3, ?3, ?5)
       ON CONFLICT (slug) DO UPDATE SET
         name = excluded.name, sort_key = excluded.sort_key, translations = excluded.translations, updated_at = excluded.updated_at`,
    )
    .bind(tag.slug, tag.name, now, sortKey(tag.name), JSON.stringify(tag.translations ?? {}))
}
