import type { Database } from '../db/client.ts'
import { insertOutboxStatement, type OutboxMail } from '../db/outbox.ts'

/** A mail to send: what the outbox keeps is exactly that (headers: extra ones, e.g. List-Unsubscribe). */
export type Mail = OutboxMail

/** Sends mail. One interface, two transports: Cloudflare Email in production, a D1 outbox locally. */
export interface Mailer {
  send(mail: Mail): Promise<void>
}

/** Writes mail to the `outbox` table instead of sending it: for local development and tests. */
export class OutboxMailer implements Mailer {
  readonly db: Database

  constructor(db: Database) {
    this.db = db
  }

  async send(mail: Mail): Promise<void> {
    await this.db.run(insertOutboxStatement(this.db, mail, new Date().toISOString()))
  }
}

/**
 * Sends through Cloudflare Email Service's `send_email` binding, with its structured message
 * (the service builds the MIME message; custom headers such as List-Unsubscribe pass through).
 */
export class SendEmailMailer implements Mailer {
  readonly binding: SendEmail

  constructor(binding: SendEmail) {
    this.binding = binding
  }

  async send(mail: Mail): Promise<void> {
    await this.binding.send({
      from: mail.from,
      to: mail.to,
      subject: mail.subject,
      text: mail.text,
      html: mail.html,
      headers: mail.headers,
    })
  }
}
