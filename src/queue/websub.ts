import { log } from '../lib/log.ts'
import { retryDelaySeconds } from './retry.ts'
import { HubPingMessage } from '../schemas/websub.ts'

/** At most this many pings of one message are in flight at once. */
export const PING_CONCURRENCY = 6
/** A hub that has not answered by then counts as failed; the message is retried. */
export const PING_TIMEOUT_MS = 10_000

/**
 * Tells a WebSub hub that a topic changed (W3C WebSub, publishing: `hub.mode=publish`).
 * A 2xx answer is success; anything else, a network error or a timeout throws an Error
 * that names the status, never the body.
 */
export async function pingHub(hub: string, topic: string, fetcher = fetch): Promise<void> {
  let res: Response
  try {
    res = await fetcher(hub, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ 'hub.mode': 'publish', 'hub.url': topic }).toString(),
      signal: AbortSignal.timeout(PING_TIMEOUT_MS),
    })
  } catch (error) {
    throw new Error(`hub ping failed: no answer (${error instanceof Error ? error.name : 'unknown error'})`)
  }
  // The body is not needed; release the connection.
  await res.body?.cancel().catch(() => {})
  if (res.status < 200 || res.status > 299) throw new Error(`hub ping failed: status ${res.status}`)
}

/** Runs `task` on every item, at most `limit` at once; settles like Promise.allSettled. */
async function settleAll<T>(items: readonly T[], limit: number, task: (item: T) => Promise<void>): Promise<PromiseSettledResult<void>[]> {
  const results: PromiseSettledResult<void>[] = new Array(items.length)
  let next = 0
  const worker = async () => {
    while (next < items.length) {
      const i = next++
      try {
        await task(items[i]!)
        results[i] = { status: 'fulfilled', value: undefined }
      } catch (reason) {
        results[i] = { status: 'rejected', reason }
      }
    }
  }
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker))
  return results
}

/**
 * The consumer of the WebSub queue. Each message is acknowledged or retried on its own: an
 * invalid message is logged (by id only) and acknowledged, since retrying cannot fix it; if any
 * of its topics could not be pinged, the whole message is retried with exponential backoff
 * (WebSub pings are idempotent, so re-pinging the topics that did succeed is harmless), and after
 * the queue's max_retries it goes to the dead-letter queue.
 */
export async function consumeHubPings(batch: MessageBatch<unknown>, _env: Env): Promise<void> {
  for (const message of batch.messages) {
    const parsed = HubPingMessage.safeParse(message.body)
    if (!parsed.success) {
      log('warn', 'invalid hub ping message dropped', { message_id: message.id })
      message.ack()
      continue
    }
    const { hub, topics } = parsed.data
    const results = await settleAll(topics, PING_CONCURRENCY, (topic) => pingHub(hub, topic))
    const failed = results.filter((result) => result.status === 'rejected').length
    if (failed === 0) {
      message.ack()
      continue
    }
    const delaySeconds = retryDelaySeconds(message.attempts)
    log('warn', 'hub ping failed, retrying', {
      message_id: message.id,
      hub: new URL(hub).origin,
      failed_topics: failed,
      topics: topics.length,
      attempts: message.attempts,
      delay_seconds: delaySeconds,
    })
    message.retry({ delaySeconds })
  }
}
