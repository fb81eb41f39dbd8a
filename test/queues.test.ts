import { env, exports } from 'cloudflare:workers'
import { afterEach, describe, expect, it, vi } from 'vitest'
import type { SignupMessage } from '../src/schemas/subscription.ts'
import type { HubPingMessage } from '../src/schemas/websub.ts'

/**
 * The Worker's `queue` handler (src/index.ts) hands each batch to its queue's consumer. These tests
 * send batches to the Worker's own entry point, as the Queues service does, and look for what only
 * the right consumer does: a sign-up's confirmation mail in the outbox, a ping at the WebSub hub.
 */

/** What `exports.default.queue()` answers: the acks and retries of the batch. */
interface QueueOutcome {
  outcome: string
  explicitAcks: string[]
  retryMessages: { msgId: string }[]
}

/** The entry point's queue() method, there under the test-only service_binding_extra_handlers flag. */
interface QueueDispatcher {
  queue(queue: string, messages: { id: string; timestamp: Date; attempts: number; body: unknown }[]): Promise<QueueOutcome>
}

/** Delivers these message bodies on `queue` to the Worker, as the Queues service would. */
async function deliver(queue: string, bodies: unknown[]): Promise<QueueOutcome & { ids: string[] }> {
  const messages = bodies.map((body) => ({ id: crypto.randomUUID(), timestamp: new Date(), attempts: 1, body }))
  const worker = exports.default as unknown as QueueDispatcher
  return { ...(await worker.queue(queue, messages)), ids: messages.map((message) => message.id) }
}

afterEach(() => {
  vi.restoreAllMocks()
})

describe("the Worker's queue handler", () => {
  it('hands newsroom-subscriptions to the sign-up consumer: the confirmation mail is written and the message acknowledged', async () => {
    const now = new Date().toISOString()
    const signup: SignupMessage = {
      v: 1,
      email: 'queue-dispatch@example.org',
      name: null,
      newsletters: ['daily'],
      consent: { wording_version: '2026-11-01', at: now },
      source: null,
      received_at: now,
      request_id: 'dispatch-test',
      ip_hash: null,
    }
    const result = await deliver('newsroom-subscriptions', [signup])
    expect(result.explicitAcks).toEqual(result.ids)
    expect(result.retryMessages).toEqual([])
    const mail = await env.DB.prepare('SELECT subject FROM outbox WHERE to_address = ?1').bind(signup.email).all<{ subject: string }>()
    expect(mail.results).toHaveLength(1)
    expect(mail.results[0]!.subject).toContain('Confirm your')
  })

  it('hands newsroom-websub to the WebSub consumer: every topic is pinged at the hub and the message acknowledged', async () => {
    const fetchSpy = vi.spyOn(globalThis, 'fetch').mockImplementation(async () => new Response(null, { status: 204 }))
    const ping: HubPingMessage = {
      v: 1,
      hub: 'https://hub.example.net/publish',
      topics: ['https://api.example-daily.eu/feeds/rss.xml', 'https://api.example-daily.eu/feeds/atom.xml'],
      reason: 'publish',
      at: new Date().toISOString(),
    }
    const result = await deliver('newsroom-websub', [ping])
    expect(result.explicitAcks).toEqual(result.ids)
    expect(result.retryMessages).toEqual([])
    const pinged = fetchSpy.mock.calls.map(([input, init]) => [String(input), new URLSearchParams(String(init?.body)).get('hub.url')])
    expect(pinged.sort()).toEqual(ping.topics.map((topic) => [ping.hub, topic]).sort())
  })

  it('leaves a batch from a queue it does not know unacknowledged, and says so in the log', async () => {
    const error = vi.spyOn(console, 'error').mockImplementation(() => {})
    const result = await deliver('newsroom-unknown', [{ anything: true }])
    expect(result.explicitAcks).toEqual([])
    expect(result.retryMessages).toEqual([])
    expect(JSON.parse(String(error.mock.calls[0]![0]))).toMatchObject({ queue: 'newsroom-unknown', messages: 1 })
  })
})
