import { app } from './app.ts'
import { memoryHit } from './middleware/read-through.ts'
import { log } from './lib/log.ts'
import { archiveOldBodies } from './jobs/archive-bodies.ts'
import { archiveOldEventPayloads } from './jobs/archive-event-payloads.ts'
import { publishScheduled } from './jobs/publish-scheduled.ts'
import { consumeResync } from './queue/resync.ts'
import { consumeSignups } from './queue/subscriptions.ts'
import { consumeHubPings } from './queue/websub.ts'
import { consumeDeliveries } from './queue/webhooks.ts'

export type { AppType } from './app.ts'

export default {
  fetch(request: Request, env: Env, ctx: ExecutionContext) {
    // Hot URLs this isolate has just served are answered before routing (see memoryHit).
    return memoryHit(request, env) ?? app.fetch(request, env, ctx)
  },

  async queue(batch, env, _ctx) {
    if (batch.queue === 'newsroom-subscriptions') return consumeSignups(batch, env)
    if (batch.queue === 'newsroom-websub') return consumeHubPings(batch, env)
    if (batch.queue === 'newsroom-resync') return consumeResync(batch, env)
    if (batch.queue === 'newsroom-webhooks') return consumeDeliveries(batch, env)
    log('error', 'message batch from an unknown queue left unacknowledged', { queue: batch.queue, messages: batch.messages.length })
  },

  async scheduled(controller, env) {
    const at = new Date(controller.scheduledTime)
    // Independent jobs: archiving failing (the body store down, say) must not hold up publishing.
    const [published, archived, archivedEvents] = await Promise.allSettled([
      publishScheduled(env, at),
      archiveOldBodies(env, at),
      archiveOldEventPayloads(env, at),
    ])
    if (archived.status === 'rejected') log('warn', 'archiving bodies failed', { error: String(archived.reason) })
    if (archivedEvents.status === 'rejected') log('warn', 'archiving event payloads failed', { error: String(archivedEvents.reason) })
    if (published.status === 'rejected') throw published.reason
  },
} satisfies ExportedHandler<Env>
