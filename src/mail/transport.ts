import type { Database } from '../db/client.ts'
import { settingsOf } from '../settings.ts'
import { OutboxMailer, SendEmailMailer, type Mailer } from './mailer.ts'

/** The mailer MAIL_TRANSPORT names: "send_email" (the EMAIL binding) in production, "outbox" locally. */
export function mailerFor(env: Env, db: Database): Mailer {
  if (settingsOf(env).mailTransport === 'send_email') return new SendEmailMailer(env.EMAIL)
  return new OutboxMailer(db)
}
