import type { Database } from './client.ts'

export interface EditorTokenRow {
  id: number
  name: string
  role: 'editor' | 'admin'
  created_at: string
  created_by: string
  revoked_at: string | null
}

export async function findActiveToken(db: Database, hash: string) {
  return db.first<EditorTokenRow>(activeTokenStatement(db, hash))
}

/** The unrevoked editor token with this SHA-256, as a statement to batch (no row: none). */
export function activeTokenStatement(db: Database, hash: string) {
  return db
    .prepare('SELECT id, name, role, created_at, created_by, revoked_at FROM editor_tokens WHERE token_hash = ?1 AND revoked_at IS NULL')
    .bind(hash)
}

/** Issues a token: the insert, whose RETURNING row is the token's record (never the token). */
export function createTokenStatement(
  db: Database,
  token: { name: string; role: 'editor' | 'admin'; hash: string; createdBy: string },
  now: string,
) {
  return db
    .prepare(
      `INSERT INTO editor_tokens (name, role, token_hash, created_at, created_by) VALUES (?1, ?2, ?3, ?4, ?5)
       RETURNING id, name, role, created_at, created_by, revoked_at`,
    )
    .bind(token.name, token.role, token.hash, now, token.createdBy)
}

export async function listTokens(db: Database) {
  return db.all<EditorTokenRow>(db.prepare('SELECT id, name, role, created_at, created_by, revoked_at FROM editor_tokens ORDER BY id'))
}

/** Revokes a token: RETURNING its id, or nothing when there is no such active token. */
export function revokeTokenStatement(db: Database, id: number, now: string) {
  return db.prepare('UPDATE editor_tokens SET revoked_at = ?2 WHERE id = ?1 AND revoked_at IS NULL RETURNING id').bind(id, now)
}

/** Who acted, as the audit log records it: the request's editor satisfies it. */
export interface AuditActor {
  /** The editor_tokens row, or null for the bootstrap token. */
  tokenId: number | null
  name: string
}

/**
 * One audit entry. `actor` is the credential that acted: its name and its editor_tokens id (null
 * for the bootstrap ADMIN_TOKEN secret), so that a token named "bootstrap" is never taken for it.
 */
export function auditStatement(
  db: Database,
  entry: { actor: AuditActor; action: string; type: string; slug: string; before: number | null; after: number | null; requestId: string },
  now: string,
) {
  return db
    .prepare(
      `INSERT INTO audit_log (at, actor, actor_token_id, action, target_type, target_slug, version_before, version_after, request_id)
       VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)`,
    )
    .bind(now, entry.actor.name, entry.actor.tokenId, entry.action, entry.type, entry.slug, entry.before, entry.after, entry.requestId)
}

/**
 * The audit entry of the write just before it in the same batch (one transaction): written only
 * when that write changed a row (`changes()`), so a revocation of nothing leaves no entry. A null
 * `slug` names the row that write inserted (`last_insert_rowid()`), whose id is not known before
 * the batch runs. So a row and its entry are written together or not at all.
 */
export function auditWriteStatement(
  db: Database,
  entry: { actor: AuditActor; action: string; type: string; slug: string | null; requestId: string },
  now: string,
) {
  return db
    .prepare(
      `INSERT INTO audit_log (at, actor, actor_token_id, action, target_type, target_slug, request_id)
       SELECT ?1, ?2, ?3, ?4, ?5, coalesce(?6, CAST(last_insert_rowid() AS TEXT)), ?7
        WHERE changes() > 0`,
    )
    .bind(now, entry.actor.name, entry.actor.tokenId, entry.action, entry.type, entry.slug, entry.requestId)
}
