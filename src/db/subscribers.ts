import type { Database } from './client.ts'
import type { SignupMessage } from '../schemas/subscription.ts'

export interface SubscriptionRow {
  subscriber_id: number
  email: string
  newsletter: string
  status: 'pending' | 'confirmed' | 'unsubscribed'
  confirmation_sent_at: string | null
}

export interface TokenRow {
  subscriber_id: number
  purpose: 'confirm' | 'unsubscribe'
  newsletters: string
  expires_at: string | null
  used_at: string | null
}

export async function isProcessed(db: Database, messageId: string): Promise<boolean> {
  return (await db.first(db.prepare('SELECT 1 FROM processed_messages WHERE message_id = ?1').bind(messageId))) !== null
}

/**
 * Records a sign-up in one transaction: the subscriber (one row per address, whatever the number
 * of sign-ups), each newsletter's state (new or unsubscribed -> pending; pending and confirmed
 * stay), and the consent. Returns the states of the requested newsletters afterwards.
 */
export async function recordSignup(
  db: Database,
  message: SignupMessage,
  emailHash: string,
  messageId: string,
  now: string,
): Promise<SubscriptionRow[]> {
  const newsletters = JSON.stringify(message.newsletters)
  const results = await db.batch<SubscriptionRow>([
    db
      .prepare(
        `INSERT INTO subscribers (email_hash, email, name, created_at, updated_at) VALUES (?1, ?2, ?3, ?4, ?4)
         ON CONFLICT (email_hash) DO UPDATE SET
           email = excluded.email, name = coalesce(excluded.name, subscribers.name), updated_at = excluded.updated_at`,
      )
      .bind(emailHash, message.email.trim(), message.name, now),
    db
      .prepare(
        `INSERT INTO subscriptions (subscriber_id, newsletter, status, requested_at)
         SELECT s.id, n.value, 'pending', ?3 FROM subscribers s, json_each(?2) n WHERE s.email_hash = ?1
         ON CONFLICT (subscriber_id, newsletter) DO UPDATE SET
           -- re-subscribing after unsubscribing starts a new double opt-in
           requested_at = iif(status = 'unsubscribed', excluded.requested_at, requested_at),
           confirmation_sent_at = iif(status = 'unsubscribed', NULL, confirmation_sent_at),
           unsubscribed_at = iif(status = 'unsubscribed', NULL, unsubscribed_at),
           status = iif(status = 'unsubscribed', 'pending', status)`,
      )
      .bind(emailHash, newsletters, now),
    db
      .prepare(
        `INSERT INTO consents (subscriber_id, message_id, newsletters, wording_version, consented_at, source, ip_hash, request_id)
         SELECT id, ?2, ?3, ?4, ?5, ?6, ?7, ?8 FROM subscribers WHERE email_hash = ?1
         ON CONFLICT (message_id) DO NOTHING`,
      )
      .bind(
        emailHash,
        messageId,
        newsletters,
        message.consent.wording_version,
        message.consent.at,
        message.source,
        message.ip_hash,
        message.request_id,
      ),
    db
      .prepare(
        `SELECT s.id AS subscriber_id, s.email, x.newsletter, x.status, x.confirmation_sent_at
           FROM subscribers s JOIN subscriptions x ON x.subscriber_id = s.id
          WHERE s.email_hash = ?1 AND x.newsletter IN (SELECT value FROM json_each(?2))`,
      )
      .bind(emailHash, newsletters),
  ])
  return results[3]!.results
}

export function insertTokenStatement(
  db: Database,
  token: { hash: string; subscriberId: number; purpose: 'confirm' | 'unsubscribe'; newsletters: string[]; expiresAt: string | null },
  now: string,
) {
  return db
    .prepare(
      `INSERT INTO subscriber_tokens (token_hash, subscriber_id, purpose, newsletters, created_at, expires_at)
       VALUES (?1, ?2, ?3, ?4, ?5, ?6)`,
    )
    .bind(token.hash, token.subscriberId, token.purpose, JSON.stringify(token.newsletters), now, token.expiresAt)
}

/** After the confirmation e-mail left: the cool-down starts, and the message counts as handled. */
export function markConfirmationSentStatements(db: Database, subscriberId: number, newsletters: string[], messageId: string, now: string) {
  return [
    db
      .prepare(
        `UPDATE subscriptions SET confirmation_sent_at = ?3
          WHERE subscriber_id = ?1 AND newsletter IN (SELECT value FROM json_each(?2))`,
      )
      .bind(subscriberId, JSON.stringify(newsletters), now),
    markProcessedStatement(db, messageId, now),
  ]
}

export function markProcessedStatement(db: Database, messageId: string, now: string) {
  return db.prepare('INSERT INTO processed_messages (message_id, processed_at) VALUES (?1, ?2) ON CONFLICT DO NOTHING').bind(messageId, now)
}

export async function findToken(db: Database, hash: string) {
  return db.first<TokenRow>(
    db.prepare('SELECT subscriber_id, purpose, newsletters, expires_at, used_at FROM subscriber_tokens WHERE token_hash = ?1').bind(hash),
  )
}

/** Confirms the token's pending newsletters and spends the token, in one transaction. */
export async function confirmSubscriptions(db: Database, hash: string, token: TokenRow, now: string) {
  await db.batch([
    db
      .prepare(
        `UPDATE subscriptions SET status = 'confirmed', confirmed_at = ?3
          WHERE subscriber_id = ?1 AND status = 'pending' AND newsletter IN (SELECT value FROM json_each(?2))`,
      )
      .bind(token.subscriber_id, token.newsletters, now),
    db.prepare('UPDATE subscriber_tokens SET used_at = ?2 WHERE token_hash = ?1').bind(hash, now),
  ])
}

export async function unsubscribe(db: Database, hash: string, token: TokenRow, now: string) {
  await db.batch([
    db
      .prepare(
        `UPDATE subscriptions SET status = 'unsubscribed', unsubscribed_at = ?3
          WHERE subscriber_id = ?1 AND status != 'unsubscribed' AND newsletter IN (SELECT value FROM json_each(?2))`,
      )
      .bind(token.subscriber_id, token.newsletters, now),
    db.prepare('UPDATE subscriber_tokens SET used_at = coalesce(used_at, ?2) WHERE token_hash = ?1').bind(hash, now),
  ])
}

/**
 * Erasure (GDPR art. 17): the subscriber row goes, and with it (ON DELETE CASCADE) their
 * subscriptions, tokens and mail in the outbox. Consent records stay, unlinked and address-free.
 */
export async function eraseSubscriber(db: Database, subscriberId: number) {
  await db.run(db.prepare('DELETE FROM subscribers WHERE id = ?1').bind(subscriberId))
}
