import type { Database } from './client.ts'

/**
 * The local outbox: mail the outbox mailer (MAIL_TRANSPORT = "outbox") keeps instead of sending,
 * for developers and tests to read. Erasing a subscriber deletes their mail here too (ON DELETE
 * CASCADE).
 */

/** A mail as the outbox keeps it. */
export interface OutboxMail {
  /** Whose mail this is, so that erasure can remove it. */
  subscriberId: number
  to: string
  from: string
  subject: string
  text: string
  html: string
  headers: Record<string, string>
}

/** Keeps a mail in the outbox instead of sending it. */
export function insertOutboxStatement(db: Database, mail: OutboxMail, now: string) {
  return db
    .prepare(
      `INSERT INTO outbox (subscriber_id, to_address, from_address, subject, text_body, html_body, headers, created_at)
       VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)`,
    )
    .bind(mail.subscriberId, mail.to, mail.from, mail.subject, mail.text, mail.html, JSON.stringify(mail.headers), now)
}
