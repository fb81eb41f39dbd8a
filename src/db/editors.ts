import type { Editor } from '../context.ts'
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
  return db.first<EditorTokenRow>(
    db
      .prepare('SELECT id, name, role, created_at, created_by, revoked_at FROM editor_tokens WHERE token_hash = ?1 AND revoked_at IS NULL')
      .bind(hash),
  )
}

export async function createToken(db: Database, token: { name: string; role: 'editor' | 'admin'; hash: string; createdBy: string }, now: string) {
  return db.first<EditorTokenRow>(
    db
      .prepare(
        `INSERT INTO editor_tokens (name, role, token_hash, created_at, created_by) VALUES (?1, ?2, ?3, ?4, ?5)
         RETURNING id, name, role, created_at, created_by, revoked_at`,
      )
      .bind(token.name, token.role, token.hash, now, token.createdBy),
  )
}

export async function listTokens(db: Database) {
  return db.all<EditorTokenRow>(db.prepare('SELECT id, name, role, created_at, created_by, revoked_at FROM editor_tokens ORDER BY id'))
}

/** Revokes a token; false when there is no such active token. */
export async function revokeToken(db: Database, id: number, now: string) {
  const result = await db.run(db.prepare('UPDATE editor_tokens SET revoked_at = ?2 WHERE id = ?1 AND revoked_at IS NULL').bind(id, now))
  return result.meta.changes > 0
}

/**
 * One audit entry. `actor` is the credential that acted: its name and its editor_tokens id (null
 * for the bootstrap ADMIN_TOKEN secret), so that a token named "bootstrap" is never taken for it.
 */
export function auditStatement(
  db: Database,
  entry: { actor: Editor; action: string; type: string; slug: string; before: number | null; after: number | null; requestId: string },
  now: string,
) {
  return db
    .prepare(
      `INSERT INTO audit_log (at, actor, actor_token_id, action, target_type, target_slug, version_before, version_after, request_id)
       VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)`,
    )
    .bind(now, entry.actor.name, entry.actor.tokenId, entry.action, entry.type, entry.slug, entry.before, entry.after, entry.requestId)
}
