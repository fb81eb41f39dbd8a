import type { Database } from './client.ts'

/** An article whose body may move to the body store: the body as stored, at this version. */
export interface ArchivableRow {
  id: number
  version: number
  body: string
}

/**
 * Up to `limit` articles whose body is still in D1, published before `before` (an ISO time), oldest
 * first (index articles_unarchived, which holds only unarchived rows: the walk never passes archived
 * ones). Drafts have no publication time and stay. A body is at most 1 MiB: a page of 20 stays far
 * below D1's 50 MB result limit.
 */
export function archivableStatement(db: Database, before: string, limit: number) {
  return db
    .prepare(
      `SELECT id, version, body FROM articles
        WHERE body <> '' AND published_at < ?1
        ORDER BY published_at
        LIMIT ?2`,
    )
    .bind(before, limit)
}

/**
 * Clears an article's body once the body store holds it, only if the article is still at the
 * version that was stored (a write since then keeps its new body in D1). No public state changes:
 * no version bump, no sync entry, no cache invalidation, and the search index keeps its entry.
 */
export function archiveStatement(db: Database, row: { id: number; version: number }) {
  return db.prepare(`UPDATE articles SET body = '' WHERE id = ?1 AND version = ?2 AND body <> ''`).bind(row.id, row.version)
}
