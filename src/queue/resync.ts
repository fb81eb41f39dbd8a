import { Database } from '../db/client.ts'
import { nextEmbedCursor, reannounceStatements } from '../db/embedders.ts'
import { log } from '../lib/log.ts'
import { retryDelaySeconds } from './retry.ts'
import { ResyncMessage } from '../schemas/resync.ts'

/**
 * The consumer of the resync queue: when an author, section, tag or the publication with more
 * public articles than one chunk (REANNOUNCE_CHUNK) changes, the write's own batch announces the
 * newest chunk and queues the rest here, one message per chunk. Each message announces its chunk
 * in one batch and queues the next, so no invocation does more than a chunk's work, however many
 * articles. Deliveries are at least once: a chunk announced twice is two identical upserts, which
 * a sync client applies twice to the same effect. Failures retry with backoff.
 */
export async function consumeResync(batch: MessageBatch<unknown>, env: Env): Promise<void> {
  const db = new Database(env.DB, 'first-primary')
  for (const message of batch.messages) {
    const parsed = ResyncMessage.safeParse(message.body)
    if (!parsed.success) {
      log('warn', 'invalid resync message dropped', { message_id: message.id })
      message.ack()
      continue
    }
    const { scope: embedded, after, at } = parsed.data
    try {
      const [chunk] = await db.batch<{ at: string; id: number }>(reannounceStatements(db, embedded, at, { after }))
      const next = nextEmbedCursor(chunk!.results)
      if (next) await env.RESYNC.send({ v: 1, scope: embedded, after: next, at } satisfies ResyncMessage, { contentType: 'json' })
      message.ack()
    } catch (error) {
      const delaySeconds = retryDelaySeconds(message.attempts)
      log('warn', 'resync chunk failed, retrying', {
        message_id: message.id,
        kind: embedded.kind,
        attempts: message.attempts,
        error: String(error),
      })
      message.retry({ delaySeconds })
    }
  }
}
