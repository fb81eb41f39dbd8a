import { loadArchivedPayloads } from '../bodies.ts'
import { Database } from '../db/client.ts'
import { findDelivery, recordAttemptStatements, type Attempt, type DeliveryJob } from '../db/webhooks.ts'
import { log } from '../lib/log.ts'
import { DeliveryMessage } from '../schemas/syndication.ts'
import { decryptSecret, signatures } from '../syndication/secrets.ts'

/** Tries per delivery before it goes to the dead-letter queue (below the queue's max_retries). */
export const MAX_ATTEMPTS = 8
/** Deliveries in a row that fail for good before the endpoint is disabled. */
export const DISABLE_AFTER_FAILURES = 5
/** A receiver that has not answered by then has failed this attempt. */
export const DELIVERY_TIMEOUT_MS = 10_000
/** The longest delay a queue message may be given (Cloudflare Queues: 12 hours). */
const MAX_DELAY_SECONDS = 43_200

/** Exponential backoff: 30 s after the first try, doubling, at most 6 hours. */
export function backoffSeconds(attempt: number): number {
  return Math.min(30 * 2 ** (attempt - 1), 6 * 3_600)
}

/** Retry-After (RFC 9110 §10.2.3): delay-seconds or an HTTP date; null when absent or unreadable. */
export function retryAfterSeconds(value: string | null, now: number): number | null {
  if (!value) return null
  if (/^\d+$/.test(value.trim())) return Number(value.trim())
  const at = Date.parse(value)
  return Number.isNaN(at) ? null : Math.max(0, Math.ceil((at - now) / 1000))
}

/** Network errors, timeouts, 5xx, 408 and 429 may succeed later; other answers will not. */
const retryable = (code: number | null) => code === null || code === 408 || code === 429 || code >= 500

/**
 * The consumer of the webhooks queue: one signed POST per message (a delivery of one event to
 * one endpoint). Each message is acknowledged or retried on its own. A delivery that succeeds, or
 * fails for good (a 4xx other than 408 and 429; a redirect, which is never followed), is
 * acknowledged; a retryable failure is retried with exponential backoff (or after Retry-After,
 * if longer) until MAX_ATTEMPTS, then sent to the dead-letter queue. Every attempt is recorded.
 * A 410 Gone disables the endpoint at once; DISABLE_AFTER_FAILURES failed deliveries in a row do too.
 */
export async function consumeDeliveries(batch: MessageBatch<unknown>, env: Env): Promise<void> {
  const db = new Database(env.DB)
  for (const message of batch.messages) {
    const parsed = DeliveryMessage.safeParse(message.body)
    if (!parsed.success) {
      log('warn', 'invalid webhook delivery message dropped', { message_id: message.id })
      message.ack()
      continue
    }
    try {
      const result = await deliver(env, db, parsed.data.delivery, message.attempts)
      if (result.retryIn === null) message.ack()
      else message.retry({ delaySeconds: result.retryIn })
    } catch (error) {
      // D1, the body store, the key or the DLQ failed us, not the receiver: try the whole message again later.
      const delaySeconds = backoffSeconds(message.attempts)
      log('warn', 'webhook delivery could not be processed, retrying', {
        message_id: message.id,
        delivery: parsed.data.delivery,
        attempts: message.attempts,
        delay_seconds: delaySeconds,
        error: error instanceof Error ? error.name : 'unknown',
      })
      message.retry({ delaySeconds })
    }
  }
}

/** One attempt; `retryIn` is the delay before the next, or null when this delivery is settled. */
async function deliver(env: Env, db: Database, id: number, messageAttempts: number): Promise<{ retryIn: number | null }> {
  const job = await findDelivery(db, id)
  // Settled already (a duplicate message: queues deliver at least once). An admin's retry sets it pending again.
  if (!job || job.status === 'delivered' || job.status === 'failed' || job.status === 'dead') return { retryIn: null }
  const at = new Date()
  const base = { delivery: job, attempt: job.attempts + 1, at: at.toISOString(), nextRetryAt: null, disable: null }
  if (job.state === 'disabled') {
    await db.batch(
      recordAttemptStatements(db, {
        ...base,
        outcome: 'failed',
        responseCode: null,
        latencyMs: 0,
        error: 'endpoint disabled',
        failures: 'keep',
      }),
    )
    return { retryIn: null }
  }

  // An old event (an admin's retry, say) has its payload in the body store: send the same bytes.
  await loadArchivedPayloads(env.BODIES, [job])
  const { code, latencyMs, error, retryAfter } = await post(env, job, at)
  const fields = { event_id: job.event_id, endpoint: job.endpoint_id, attempt: base.attempt, status: code, latency_ms: latencyMs }
  let attempt: Attempt
  let retryIn: number | null = null
  const disableAfterFailure =
    job.consecutive_failures + 1 >= DISABLE_AFTER_FAILURES ? `${DISABLE_AFTER_FAILURES} deliveries in a row failed` : null
  if (code !== null && code >= 200 && code <= 299) {
    attempt = { ...base, outcome: 'delivered', responseCode: code, latencyMs, error: null, failures: 'reset' }
  } else if (code === 410) {
    attempt = {
      ...base,
      outcome: 'failed',
      responseCode: code,
      latencyMs,
      error,
      failures: 'bump',
      disable: 'the endpoint answered 410 Gone',
    }
  } else if (!retryable(code)) {
    attempt = { ...base, outcome: 'failed', responseCode: code, latencyMs, error, failures: 'bump', disable: disableAfterFailure }
  } else if (messageAttempts >= MAX_ATTEMPTS) {
    await env.WEBHOOKS_DLQ.send(
      { v: 1, delivery: job.id, event_id: job.event_id, endpoint_id: job.endpoint_id, last_status: code },
      { contentType: 'json' },
    )
    attempt = { ...base, outcome: 'dead', responseCode: code, latencyMs, error, failures: 'bump', disable: disableAfterFailure }
  } else {
    retryIn = Math.min(Math.max(backoffSeconds(messageAttempts), retryAfter ?? 0), MAX_DELAY_SECONDS)
    const nextRetryAt = new Date(at.getTime() + retryIn * 1000).toISOString()
    attempt = { ...base, outcome: 'retrying', responseCode: code, latencyMs, error, nextRetryAt, failures: 'keep' }
  }
  await db.batch(recordAttemptStatements(db, attempt))
  log(attempt.outcome === 'delivered' ? 'info' : 'warn', `webhook ${attempt.outcome}`, {
    ...fields,
    ...(attempt.disable ? { disabled: attempt.disable } : {}),
    ...(retryIn !== null ? { retry_in: retryIn } : {}),
  })
  return { retryIn }
}

/** The signed POST. Never follows a redirect; never reads more of the answer than its status. */
async function post(
  env: Env,
  job: DeliveryJob,
  at: Date,
): Promise<{ code: number | null; latencyMs: number; error: string | null; retryAfter: number | null }> {
  const secrets = [await decryptSecret(env, job.secret)]
  if (job.previous_secret && job.previous_secret_until && job.previous_secret_until > at.toISOString()) {
    secrets.push(await decryptSecret(env, job.previous_secret))
  }
  const started = Date.now()
  try {
    const res = await fetch(job.url, {
      method: 'POST',
      redirect: 'manual',
      headers: {
        'content-type': 'application/json',
        'user-agent': 'newsroom-api-webhooks/1',
        'webhook-id': job.event_id,
        'webhook-timestamp': String(Math.floor(at.getTime() / 1000)),
        'webhook-signature': signatures(secrets, job.event_id, at, job.payload),
      },
      body: job.payload,
      signal: AbortSignal.timeout(DELIVERY_TIMEOUT_MS),
    })
    await res.body?.cancel().catch(() => {})
    const latencyMs = Date.now() - started
    const ok = res.status >= 200 && res.status <= 299
    const error = ok
      ? null
      : res.status >= 300 && res.status <= 399
        ? `redirect to elsewhere not followed (status ${res.status})`
        : `status ${res.status}`
    return { code: res.status, latencyMs, error, retryAfter: retryAfterSeconds(res.headers.get('retry-after'), Date.now()) }
  } catch (error) {
    const timeout = error instanceof Error && (error.name === 'TimeoutError' || error.name === 'AbortError')
    return {
      code: null,
      latencyMs: Date.now() - started,
      error: timeout ? `no answer within ${DELIVERY_TIMEOUT_MS} ms` : 'network error',
      retryAfter: null,
    }
  }
}
