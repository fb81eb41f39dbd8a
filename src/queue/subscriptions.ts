import { Database } from '../db/client.ts'
import {
  insertTokenStatement,
  isProcessed,
  markConfirmationSentStatements,
  markProcessedStatement,
  recordSignup,
} from '../db/subscribers.ts'
import { log } from '../lib/log.ts'
import { retryDelaySeconds } from './retry.ts'
import { newsletterNames } from '../lib/newsletters.ts'
import { newToken, normalizeEmail, sha256Hex } from '../lib/tokens.ts'
import { confirmationMail } from '../mail/confirmation.ts'
import { mailerFor } from '../mail/transport.ts'
import { SignupMessage } from '../schemas/subscription.ts'
import { settingsOf } from '../settings.ts'

/** A pending newsletter gets at most one confirmation e-mail in this window, however often the address signs up. */
export const CONFIRMATION_COOL_DOWN_MS = 15 * 60_000
/** Confirmation links work for 7 days. */
export const CONFIRMATION_TTL_MS = 7 * 24 * 3_600_000

/**
 * The consumer of the subscriptions queue. Each message is acknowledged or retried on its own:
 * an invalid message is logged (without its address) and acknowledged, since retrying cannot fix
 * it; a failure of D1 or of the mailer is retried with exponential backoff, and after the
 * queue's max_retries the message goes to the dead-letter queue.
 */
export async function consumeSignups(batch: MessageBatch<unknown>, env: Env): Promise<void> {
  const db = new Database(env.DB, 'first-primary')
  for (const message of batch.messages) {
    const parsed = SignupMessage.safeParse(message.body)
    if (!parsed.success) {
      log('warn', 'invalid subscription message dropped', {
        message_id: message.id,
        // paths and codes only: the values may hold an address
        issues: parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.code}`),
      })
      message.ack()
      continue
    }
    try {
      await handleSignup(env, db, message.id, parsed.data)
      message.ack()
    } catch (error) {
      const delaySeconds = retryDelaySeconds(message.attempts)
      log('warn', 'subscription message failed, retrying', {
        message_id: message.id,
        attempts: message.attempts,
        delay_seconds: delaySeconds,
        error: error instanceof Error ? error.name : 'unknown',
      })
      message.retry({ delaySeconds })
    }
  }
}

async function handleSignup(env: Env, db: Database, messageId: string, signup: SignupMessage) {
  // Deliveries are at least once: a message seen before has nothing left to do.
  if (await isProcessed(db, messageId)) return
  const now = new Date()
  const emailHash = await sha256Hex(normalizeEmail(signup.email))
  const rows = await recordSignup(db, signup, emailHash, messageId, now.toISOString())
  rows.sort((a, b) => signup.newsletters.indexOf(a.newsletter) - signup.newsletters.indexOf(b.newsletter))
  const due = rows.filter(
    (row) =>
      row.status === 'pending' &&
      (row.confirmation_sent_at === null || now.getTime() - Date.parse(row.confirmation_sent_at) >= CONFIRMATION_COOL_DOWN_MS),
  )
  const first = rows[0]
  if (!first || due.length === 0) {
    await db.run(markProcessedStatement(db, messageId, now.toISOString()))
    return
  }

  const newsletters = due.map((row) => row.newsletter)
  const confirm = newToken()
  const unsubscribe = newToken()
  await db.batch([
    insertTokenStatement(
      db,
      {
        hash: await sha256Hex(confirm),
        subscriberId: first.subscriber_id,
        purpose: 'confirm',
        newsletters,
        expiresAt: new Date(now.getTime() + CONFIRMATION_TTL_MS).toISOString(),
      },
      now.toISOString(),
    ),
    insertTokenStatement(
      db,
      {
        hash: await sha256Hex(unsubscribe),
        subscriberId: first.subscriber_id,
        purpose: 'unsubscribe',
        newsletters: signup.newsletters,
        expiresAt: null,
      },
      now.toISOString(),
    ),
  ])
  const settings = settingsOf(env)
  const api = settings.site.apiUrl
  const mail = await confirmationMail(
    { from: settings.mailFrom, publication: settings.site.name },
    {
      to: first.email,
      name: signup.name,
      newsletters: newsletterNames(settings.newsletters, newsletters),
      confirmUrl: `${api}/v1/subscriptions/confirm?token=${confirm}`,
      unsubscribeUrl: `${api}/v1/subscriptions/unsubscribe?token=${unsubscribe}`,
      subscriberId: first.subscriber_id,
    },
  )
  await mailerFor(env, db).send(mail)
  // Only once the mail has left: a failure before this point retries the message, mail included.
  await db.batch(markConfirmationSentStatements(db, first.subscriber_id, newsletters, messageId, now.toISOString()))
}
