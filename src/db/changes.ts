import type { Database } from './client.ts'

export type ChangeType = 'article' | 'author' | 'section' | 'tag' | 'publication'

export interface ChangeRow {
  seq: number
  type: ChangeType
  slug: string
  op: 'upsert' | 'delete'
  at: string
}

/** A change of public state, for the sync log; batch it with the write that makes it. */
export function recordChangeStatement(db: Database, type: ChangeType, slug: string, op: 'upsert' | 'delete', now: string) {
  return db.prepare('INSERT INTO changes (type, slug, op, at) VALUES (?1, ?2, ?3, ?4)').bind(type, slug, op, now)
}

/**
 * Changes after `seq`, oldest first. With `lang`: the changes of articles in that language and
 * every change that is not an article's (authors, sections, tags, the publication), as a merge of
 * two ranges of changes_by_language in seq order, stopped after `limit` rows.
 */
export function changesAfterStatement(db: Database, seq: number, limit: number, lang?: string) {
  if (!lang) return db.prepare('SELECT seq, type, slug, op, at FROM changes WHERE seq > ?1 ORDER BY seq LIMIT ?2').bind(seq, limit)
  return db
    .prepare(
      `SELECT seq, type, slug, op, at FROM changes WHERE language = ?3 AND seq > ?1
       UNION ALL
       SELECT seq, type, slug, op, at FROM changes WHERE language IS NULL AND seq > ?1
       ORDER BY seq LIMIT ?2`,
    )
    .bind(seq, limit, lang)
}
