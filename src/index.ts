import { app } from './app.ts'
import { log } from './lib/log.ts'
import { publishScheduled } from './jobs/publish-scheduled.ts'
import { consumeSignups } from './queue/subscriptions.ts'

export type { AppType } from './app.ts'

export default {
  fetch: app.fetch,

  async queue(batch, env, _ctx) {
    if (batch.queue.startsWith('newsroom-subscriptions') && !batch.queue.endsWith('-dlq')) return consumeSignups(batch, env)
    log('error', 'message batch from an unknown queue left unacknowledged', { queue: batch.queue, messages: batch.messages.length })
  },

  async scheduled(controller, env) {
    await publishScheduled(env, new Date(controller.scheduledTime))
  },
} satisfies ExportedHandler<Env>
