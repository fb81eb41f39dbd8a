import type { Database } from './client.ts'

export interface PartnerRow {
  id: number
  name: string
  created_at: string
  created_by: string
  revoked_at: string | null
  last_used_at: string | null
  /** 1: may see embargoed copy before its time. */
  embargo: number
}

const COLUMNS = 'id, name, created_at, created_by, revoked_at, last_used_at, embargo'

/** The unrevoked partner key with this SHA-256, as a statement to batch (no row: none). */
export function activePartnerStatement(db: Database, hash: string) {
  return db.prepare(`SELECT ${COLUMNS} FROM partner_keys WHERE key_hash = ?1 AND revoked_at IS NULL`).bind(hash)
}

/** Gives a partner a key: the insert, whose RETURNING row is the partner's record (never the key). */
export function createPartnerStatement(
  db: Database,
  partner: { name: string; hash: string; createdBy: string; embargo?: boolean },
  now: string,
) {
  return db
    .prepare(`INSERT INTO partner_keys (name, key_hash, created_at, created_by, embargo) VALUES (?1, ?2, ?3, ?4, ?5) RETURNING ${COLUMNS}`)
    .bind(partner.name, partner.hash, now, partner.createdBy, partner.embargo ? 1 : 0)
}

export function findPartner(db: Database, id: number) {
  return db.first<PartnerRow>(db.prepare(`SELECT ${COLUMNS} FROM partner_keys WHERE id = ?1`).bind(id))
}

/** Grants or withdraws a partner's permission to see embargoed copy: RETURNING the partner, or nothing when no such partner. */
export function setPartnerEmbargoStatement(db: Database, id: number, embargo: boolean) {
  return db.prepare(`UPDATE partner_keys SET embargo = ?2 WHERE id = ?1 RETURNING ${COLUMNS}`).bind(id, embargo ? 1 : 0)
}

export function listPartners(db: Database) {
  return db.all<PartnerRow>(db.prepare(`SELECT ${COLUMNS} FROM partner_keys ORDER BY id`))
}

/** Revokes a partner's key: RETURNING its id, or nothing when there is no such active key. */
export function revokePartnerStatement(db: Database, id: number, now: string) {
  return db.prepare('UPDATE partner_keys SET revoked_at = ?2 WHERE id = ?1 AND revoked_at IS NULL RETURNING id').bind(id, now)
}

/** How precisely `last_used_at` is kept: feed readers poll often, and D1 writes are not free. */
export const LAST_USE_PRECISION_MS = 60_000

/** Whether a key's `last_used_at` is older than its precision, and worth a write. */
export function lastUseStale(row: PartnerRow, now: string): boolean {
  return row.last_used_at === null || Date.parse(row.last_used_at) <= Date.parse(now) - LAST_USE_PRECISION_MS
}

/** Records use, at most once a minute per key (the condition holds when two requests race to it). */
export function touchPartnerStatement(db: Database, id: number, now: string) {
  const minuteAgo = new Date(Date.parse(now) - LAST_USE_PRECISION_MS).toISOString()
  return db
    .prepare('UPDATE partner_keys SET last_used_at = ?2 WHERE id = ?1 AND (last_used_at IS NULL OR last_used_at < ?3)')
    .bind(id, now, minuteAgo)
}
