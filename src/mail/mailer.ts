import type { Database } from '../db/client.ts'
import { insertOutboxStatement } from '../db/outbox.ts'

export interface Mail {
  to: string
  from: string
  subject: string
  text: string
  html: string
  /** Extra headers, e.g. List-Unsubscribe. */
  headers: Record<string, string>
  /** Whose mail this is, so that erasure can remove it. */
  subscriberId: number
}

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
