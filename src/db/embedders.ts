import type { Database } from './client.ts'

/**
 * Re-announcing the articles that embed something. A public article shows its authors (name, job
 * title), its section's and tags' names, and, in its JSON-LD, the publication (name, URL, logo):
 * when one of those changes, every public article that shows it is logged for sync again, so a
 * client that applies /v1/sync holds what the endpoints show. The articles are walked newest first
 * through the list index of what they embed, one bounded chunk at a time (see src/queue/resync.ts).
 */

/** What articles embed: an author, a section, a tag (by slug) or the publication. */
export type Embedded = { kind: 'author' | 'section' | 'tag'; slug: string } | { kind: 'publication'; slug: 'publication' }

/** Where a walk of the public articles that embed something continues: after this (published_at, id). */
export interface EmbedCursor {
  at: string
  id: number
}

/** Articles re-announced per statement: in the write's own batch, then per queue message. */
export const REANNOUNCE_CHUNK = 500

/** What public articles show of each kind: a change to any of these re-announces them. */
const SHOWN_FIELDS: Record<Embedded['kind'], string[]> = {
  author: ['name', 'job_title'],
  section: ['name'],
  tag: ['name'],
  publication: ['name', 'url', 'logo_url'],
}

/** The fields of a written value that articles show: `changingTo` for reannounceStatements. */
export function embeddedValues(kind: Embedded['kind'], value: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(SHOWN_FIELDS[kind].map((key) => [key, value[key] ?? null]))
}

// Per kind: the public articles that embed it (the index that lists them newest first) and, for the
// write's own batch, the stored values articles show, unchanged when they equal the new ones (?5,
// JSON). ?1 is the slug (unused by the publication, but bound for the same parameter count).
const WALKS: Record<Embedded['kind'], { from: string; where: string; at: string; id: string; unchanged: string }> = {
  author: {
    from: 'article_authors x JOIN articles a ON a.id = x.article_id',
    where: 'x.author_id = (SELECT id FROM authors WHERE slug = ?1) AND x.published = 1',
    at: 'x.published_at',
    id: 'x.article_id',
    unchanged: "SELECT 1 FROM authors WHERE slug = ?1 AND name IS ?5 ->> 'name' AND job_title IS ?5 ->> 'job_title'",
  },
  tag: {
    from: 'article_tags x JOIN articles a ON a.id = x.article_id',
    where: 'x.tag_id = (SELECT id FROM tags WHERE slug = ?1) AND x.published = 1',
    at: 'x.published_at',
    id: 'x.article_id',
    unchanged: "SELECT 1 FROM tags WHERE slug = ?1 AND name IS ?5 ->> 'name'",
  },
  section: {
    from: 'articles a',
    where: "a.section_id = (SELECT id FROM sections WHERE slug = ?1) AND a.status = 'published'",
    at: 'a.published_at',
    id: 'a.id',
    unchanged: "SELECT 1 FROM sections WHERE slug = ?1 AND name IS ?5 ->> 'name'",
  },
  publication: {
    from: 'articles a',
    where: "a.status = 'published' AND ?1 IS NOT NULL",
    at: 'a.published_at',
    id: 'a.id',
    unchanged: "SELECT 1 FROM publication WHERE id = 1 AND name IS ?5 ->> 'name' AND url IS ?5 ->> 'url' AND logo_url IS ?5 ->> 'logo_url'",
  },
}

// Sentinels for "from the newest": later than any time, larger than any id.
const END_OF_TIME = '9999-12-31T23:59:59.999Z'
const MAX_ID = Number.MAX_SAFE_INTEGER

/** The SQL of one chunk: the public articles that embed ?1 (of this kind) after the cursor, newest first. */
export function embeddersSql(kind: Embedded['kind']): string {
  const s = WALKS[kind]
  return `SELECT ${s.at} AS at, ${s.id} AS id, a.slug AS slug
            FROM ${s.from}
           WHERE ${s.where} AND ${s.at} <= ?2 AND (${s.at}, ${s.id}) < (?3, ?4)
             AND (?5 IS NULL OR NOT EXISTS (${s.unchanged}))
           ORDER BY ${s.at} DESC, ${s.id} DESC
           LIMIT ?6`
}

/**
 * Two statements for one batch: the chunk's articles (for the cursor of the next chunk) and the
 * sync log entries that announce them again, at `now`. With `changingTo` (the values about to be
 * written), both are empty unless those values differ from the stored ones: put them before the
 * write in its batch. Without it (a follow-up chunk), they cover the chunk unconditionally.
 */
export function reannounceStatements(
  db: Database,
  embedded: Embedded,
  now: string,
  options: { after?: EmbedCursor; changingTo?: Record<string, unknown>; limit?: number } = {},
): [D1PreparedStatement, D1PreparedStatement] {
  const sql = embeddersSql(embedded.kind)
  const params = [
    embedded.slug,
    now,
    options.after?.at ?? END_OF_TIME,
    options.after?.id ?? MAX_ID,
    options.changingTo ? JSON.stringify(options.changingTo) : null,
    options.limit ?? REANNOUNCE_CHUNK,
  ]
  return [
    db.prepare(sql).bind(...params),
    db.prepare(`INSERT INTO changes (type, slug, op, at) SELECT 'article', slug, 'upsert', ?2 FROM (${sql})`).bind(...params),
  ]
}

/** The cursor after a chunk's rows, or null when the chunk was the last (shorter than a chunk). */
export function nextEmbedCursor(rows: { at: string; id: number }[], limit = REANNOUNCE_CHUNK): EmbedCursor | null {
  const last = rows[rows.length - 1]
  return rows.length >= limit && last ? { at: last.at, id: last.id } : null
}

/**
 * Announces the rest of the articles that embed something after `after`, chunk by chunk, in this invocation: for
 * tools (the local importer), which have no request deadline and no queue. Each chunk is still one
 * bounded statement.
 */
export async function reannounceRest(db: Database, embedded: Embedded, now: string, after: EmbedCursor | null): Promise<void> {
  for (let cursor = after; cursor; ) {
    const [chunk] = await db.batch<EmbedCursor>(reannounceStatements(db, embedded, now, { after: cursor }))
    cursor = nextEmbedCursor(chunk!.results)
  }
}
