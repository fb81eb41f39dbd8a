import type { Context } from 'hono'
import type { AppEnv } from '../../context.ts'
import type { Database } from '../../db/client.ts'
import { auditWriteStatement } from '../../db/editors.ts'
import { notFound } from '../../errors.ts'
import { newToken, sha256Hex } from '../../lib/tokens.ts'

/**
 * Editor tokens and partner keys are one thing to an admin: a secret issued once (D1 keeps its
 * SHA-256, the response shows it once), listed without it, and revoked. What differs is the
 * table and the fields; the handlers below are the same. Every write goes to D1 in one batch with
 * its audit entry, so a token never exists, nor stops working, without the entry that says who
 * did it.
 */
export interface IssuedCredential<Input, _Row> {
  /** The audit entries' target type and the prefix of their actions (`token.create`). */
  type: 'token' | 'partner'
  /** What a 404 calls it: "No active {noun} has the id 7." */
  noun: string
  /** The insert, RETURNING the new row. */
  insert: (db: Database, values: Input & { hash: string; createdBy: string }, now: string) => D1PreparedStatement
  /** The revocation of an active one, RETURNING its id (nothing when there is none). */
  revoke: (db: Database, id: number, now: string) => D1PreparedStatement
}

/**
 * Runs `write` and its audit entry (`type.action`) in one batch; the row it RETURNED, or null when
 * it changed nothing (then no entry is written either). A null `id` means the row `write` inserts.
 */
export async function writeWithAudit<Row>(
  c: Context<AppEnv>,
  write: D1PreparedStatement,
  type: string,
  action: string,
  id: number | null,
): Promise<Row | null> {
  const db = c.get('db')
  const entry = {
    actor: c.get('editor'),
    action: `${type}.${action}`,
    type,
    slug: id === null ? null : String(id),
    requestId: c.get('requestId'),
  }
  const [written] = await db.batch<Row>([write, auditWriteStatement(db, entry, c.get('now'))])
  return written!.results[0] ?? null
}

/** Issues a new secret: its row (with its audit entry) and the secret itself, to show once. */
export async function issueCredential<Input, Row>(
  c: Context<AppEnv>,
  kind: IssuedCredential<Input, Row>,
  input: Input,
): Promise<{ row: Row; secret: string }> {
  const secret = newToken()
  const values = { ...input, hash: await sha256Hex(secret), createdBy: c.get('editor').name }
  const row = await writeWithAudit<Row>(c, kind.insert(c.get('db'), values, c.get('now')), kind.type, 'create', null)
  return { row: row!, secret }
}

/** Revokes an active secret at once (with its audit entry); 404 when there is no such active one. */
export async function revokeCredential<Input, Row>(c: Context<AppEnv>, kind: IssuedCredential<Input, Row>, id: number): Promise<void> {
  const revoked = await writeWithAudit(c, kind.revoke(c.get('db'), id, c.get('now')), kind.type, 'revoke', id)
  if (!revoked) throw notFound(`No active ${kind.noun} has the id ${id}.`)
}
