import { fullColumns, type ArticleBodyRow } from './articles.ts'
import type { Database } from './client.ts'

/** An article as partners get it: the whole article, its version, and its rights. */
export interface SyndicationRow extends ArticleBodyRow {
  created_at: string
  copyright_holder: string | null
  usage_terms: string | null
  /** 1: partners may republish it (the default); 0: never in partner feeds, lists or pushes. */
  republish: number
}

export interface EventRow {
  id: number
  event_id: string
  type: EventType
  article_id: number
  slug: string
  embargoed_until: string | null
  /** The body as delivered; '' once archived (see `archived_at`). */
  payload: string
  at: string
  /** Set when the payload moved to the body store (src/bodies.ts `loadArchivedPayloads` reads it back). */
  archived_at: string | null
}

export type EventType = 'article.published' | 'article.updated' | 'article.corrected' | 'article.withdrawn'

const FROM = `articles a JOIN sections s ON s.id = a.section_id LEFT JOIN article_rights r ON r.article_id = a.id`
// Partners see the story's versions that are public now (the database's clock: these queries
// have no request clock; it is the same instant to the millisecond's rounding).
const COLUMNS = `${fullColumns("strftime('%Y-%m-%dT%H:%M:%fZ', 'now')")}, a.created_at, r.copyright_holder, r.usage_terms, coalesce(r.republish, 1) AS republish`

// Later than any time, larger than any id: "no cursor".
const END_OF_TIME = '9999-12-31T23:59:59.999Z'
const MAX_ID = Number.MAX_SAFE_INTEGER

/** An article in any state with its rights, or null: what events are built from. */
export function findSyndicationArticle(db: Database, slug: string) {
  return db.first<SyndicationRow>(db.prepare(`SELECT ${COLUMNS} FROM ${FROM} WHERE a.slug = ?1`).bind(slug))
}

/**
 * Published articles partners may republish, visible until `visibleUntil` (the request's time, or
 * the end of time for partners who see embargoed copy), newest first, one page after the cursor.
 * Walks the articles_latest index; articles that may not be republished are skipped on the way.
 */
export function partnerArticlesStatement(db: Database, visibleUntil: string, limit: number, after?: { v: string; id: number }) {
  return db
    .prepare(
      `SELECT ${COLUMNS} FROM ${FROM}
        WHERE a.status = 'published' AND a.published_at <= ?1 AND coalesce(r.republish, 1) = 1
          AND (a.published_at, a.id) < (?2, ?3)
        ORDER BY a.published_at DESC, a.id DESC
        LIMIT ?4`,
    )
    .bind(visibleUntil, after?.v ?? END_OF_TIME, after?.id ?? MAX_ID, limit)
}

/** Which of these article slugs partners may not republish. */
export async function notRepublishable(db: Database, slugs: string[]): Promise<Set<string>> {
  if (slugs.length === 0) return new Set()
  const rows = await db.all<{ slug: string }>(
    db
      .prepare(
        `SELECT a.slug FROM articles a JOIN article_rights r ON r.article_id = a.id
          WHERE a.slug IN (SELECT value FROM json_each(?1)) AND r.republish = 0`,
      )
      .bind(JSON.stringify(slugs)),
  )
  return new Set(rows.map((row) => row.slug))
}

export interface RightsWrite {
  copyright_holder: string | null
  usage_terms: string | null
  republish: boolean
}

/** Sets an article's rights; false when no article has the slug. */
export async function writeRights(db: Database, slug: string, rights: RightsWrite, now: string): Promise<boolean> {
  const result = await db.run(
    db
      .prepare(
        `INSERT INTO article_rights (article_id, copyright_holder, usage_terms, republish, updated_at)
         SELECT id, ?2, ?3, ?4, ?5 FROM articles WHERE slug = ?1
         ON CONFLICT (article_id) DO UPDATE SET copyright_holder = excluded.copyright_holder,
           usage_terms = excluded.usage_terms, republish = excluded.republish, updated_at = excluded.updated_at`,
      )
      .bind(slug, rights.copyright_holder, rights.usage_terms, rights.republish ? 1 : 0, now),
  )
  return result.meta.changes > 0
}

/** The last event partners were told about an article: what they believe its state is. */
export function lastEventOf(db: Database, articleId: number) {
  return db.first<Pick<EventRow, 'type' | 'embargoed_until'>>(
    db.prepare('SELECT type, embargoed_until FROM syndication_events WHERE article_id = ?1 ORDER BY id DESC LIMIT 1').bind(articleId),
  )
}

export function insertEvent(db: Database, event: Omit<EventRow, 'id' | 'archived_at'>) {
  return db.first<EventRow>(
    db
      .prepare(
        `INSERT INTO syndication_events (event_id, type, article_id, slug, embargoed_until, payload, at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7) RETURNING *`,
      )
      .bind(event.event_id, event.type, event.article_id, event.slug, event.embargoed_until, event.payload, event.at),
  )
}

/** Events after `seq`, oldest first; embargoed ones only when `embargo` is set. */
export function eventsAfterStatement(db: Database, seq: number, embargo: boolean, limit: number) {
  return db
    .prepare(
      `SELECT id, event_id, type, article_id, slug, embargoed_until, payload, at, archived_at FROM syndication_events
        WHERE id > ?1 AND (?2 = 1 OR embargoed_until IS NULL) ORDER BY id LIMIT ?3`,
    )
    .bind(seq, embargo ? 1 : 0, limit)
}

/** An event whose payload may move to the body store. */
export interface ArchivableEventRow {
  id: number
  event_id: string
  payload: string
}

/**
 * Up to `limit` events whose payload is still in D1, recorded before `before` (an ISO time), oldest
 * first (index syndication_events_unarchived, which holds only those: the walk never passes archived
 * ones). A D1 row is at most 2 MB: a page of 20 stays below D1's 50 MB result limit.
 */
export function archivableEventsStatement(db: Database, before: string, limit: number) {
  return db
    .prepare(
      `SELECT id, event_id, payload FROM syndication_events
        WHERE archived_at IS NULL AND at < ?1
        ORDER BY at
        LIMIT ?2`,
    )
    .bind(before, limit)
}

/**
 * Clears an event's payload once the body store holds it, and records when. Events never change,
 * so nothing can have been written since it was stored; `archived_at IS NULL` makes a second run a no-op.
 */
export function archiveEventStatement(db: Database, id: number, now: string) {
  return db.prepare(`UPDATE syndication_events SET payload = '', archived_at = ?2 WHERE id = ?1 AND archived_at IS NULL`).bind(id, now)
}
