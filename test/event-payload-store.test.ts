import {
  createExecutionContext,
  createMessageBatch,
  createScheduledController,
  getQueueResult,
  waitOnExecutionContext,
} from 'cloudflare:test'
import { env } from 'cloudflare:workers'
import { Webhook } from 'standardwebhooks'
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest'
import { eventPayloadKey } from '../src/bodies.ts'
import { Database } from '../src/db/client.ts'
import worker from '../src/index.ts'
import { archiveEventPayloads } from '../src/jobs/archive-event-payloads.ts'
import type { DeliveryMessage } from '../src/schemas/syndication.ts'
import { ADMIN_TOKEN, article, asEditor, basics, call, editorDraft, seed } from './helpers.ts'

// The payloads of events older than 60 days live in R2 beside the archived bodies (src/bodies.ts):
// partners polling the event log and receivers of a re-sent delivery get the same bytes as before,
// and a body store that fails is a 503 (or a retried message), never a 500 or a missing payload.

// A public address: the endpoint needs no DNS lookup, and the receiver below answers for it.
const RECEIVER = 'https://93.184.215.14/hooks/newsroom'
const daysAgo = (days: number) => new Date(Date.now() - days * 86_400_000).toISOString()

interface EventInD1 {
  id: number
  event_id: string
  slug: string
  payload: string
  archived_at: string | null
}

const eventsInD1 = async (slug: string) =>
  (
    await env.DB.prepare('SELECT id, event_id, slug, payload, archived_at FROM syndication_events WHERE slug = ?1 ORDER BY id')
      .bind(slug)
      .all<EventInD1>()
  ).results

/** Records an event for each story, as an editor's save does, and makes its events `days` old. */
async function publishStories(slugs: string[], days = 0): Promise<number[]> {
  const send = vi.spyOn(env.WEBHOOKS, 'sendBatch')
  for (const slug of slugs) {
    const res = await call(`/v1/admin/articles/${slug}`, asEditor(ADMIN_TOKEN, 'PUT', editorDraft({ headline: `The story of ${slug}` })))
    expect(res.status, slug).toBe(201)
    if (days > 0) await env.DB.prepare('UPDATE syndication_events SET at = ?1 WHERE slug = ?2').bind(daysAgo(days), slug).run()
  }
  const deliveries = send.mock.calls.flatMap(([messages]) => [...messages].map((m) => (m.body as DeliveryMessage).delivery))
  send.mockRestore()
  return deliveries
}

/** Runs the every-minute cron as Cloudflare would. */
async function cron() {
  const ctx = createExecutionContext()
  await worker.scheduled(createScheduledController({ scheduledTime: Date.now(), cron: '* * * * *' }), env)
  await waitOnExecutionContext(ctx)
}

interface Received {
  body: string
  headers: Record<string, string>
}

/** The partner's receiver: records each POST and answers 204. */
function receiver(): Received[] {
  const received: Received[] = []
  vi.spyOn(globalThis, 'fetch').mockImplementation(async (_input, init) => {
    received.push({ body: String(init?.body), headers: Object.fromEntries(new Headers(init?.headers).entries()) })
    return new Response(null, { status: 204 })
  })
  return received
}

/** Runs the webhooks consumer on these deliveries, as the queue would. */
async function consume(deliveries: number[]) {
  const batch = createMessageBatch<DeliveryMessage>(
    'newsroom-webhooks',
    deliveries.map((delivery, i) => ({ id: `m-${delivery}-${i}`, timestamp: new Date(), attempts: 1, body: { v: 1, delivery } })),
  )
  const ctx = createExecutionContext()
  await worker.queue(batch as MessageBatch<unknown>, env, ctx)
  return getQueueResult(batch, ctx)
}

/** An admin re-sends an event to the partner; returns the deliveries put on the queue. */
async function retryDelivery(eventId: string): Promise<number[]> {
  const send = vi.spyOn(env.WEBHOOKS, 'sendBatch')
  const res = await call(`/v1/admin/partners/${partner.id}/deliveries/${eventId}/retry`, asEditor(ADMIN_TOKEN, 'POST'))
  expect(res.status).toBe(202)
  const deliveries = send.mock.calls.flatMap(([messages]) => [...messages].map((m) => (m.body as DeliveryMessage).delivery))
  send.mockRestore()
  return deliveries
}

const eventLog = (query = 'limit=100') => call(`/v1/partner/events?${query}`, { headers: { authorization: `Bearer ${partner.key}` } })

let partner: { id: number; key: string }
let secret: string
/** The first delivery of old-treaty's event, as the receiver got it when the event was new. */
let firstDelivery: Received
/** The event log as partners saw it before the cron moved anything. */
let before: any

afterEach(() => {
  vi.restoreAllMocks()
})

beforeAll(async () => {
  await seed(basics)
  partner = (await (await call('/v1/admin/partners', asEditor(ADMIN_TOKEN, 'POST', { name: 'Archive partner' }))).json()) as any
  const endpoint = await call(
    `/v1/admin/partners/${partner.id}/endpoints`,
    asEditor(ADMIN_TOKEN, 'POST', { url: RECEIVER, events: ['article.published', 'article.updated'] }),
  )
  expect(endpoint.status).toBe(201)
  secret = ((await endpoint.json()) as { secret: string }).secret

  const deliveries = await publishStories(['old-treaty'], 100)
  const received = receiver()
  await consume(deliveries)
  vi.restoreAllMocks()
  firstDelivery = received[0]!
  await publishStories(['older-summit'], 400)
  await publishStories(['fresh-news'])

  const res = await eventLog()
  expect(res.status).toBe(200)
  before = await res.json()
  await cron()
})

describe('the event payload store', () => {
  it('holds the payloads of events older than 60 days, and D1 keeps the rest', async () => {
    for (const slug of ['old-treaty', 'older-summit']) {
      const [event] = await eventsInD1(slug)
      expect(event!.payload, slug).toBe('')
      expect(event!.archived_at, slug).toEqual(expect.any(String))
      const object = await env.BODIES.get(eventPayloadKey(event!.event_id))
      const shown = before.events.find((e: any) => e.id === event!.event_id)
      expect(JSON.parse(await object!.text()), slug).toEqual(shown.payload)
    }
    const [fresh] = await eventsInD1('fresh-news')
    expect(fresh!.archived_at).toBeNull()
    expect(JSON.parse(fresh!.payload)).toMatchObject({ type: 'article.published', data: { slugline: 'fresh-news' } })
  })

  it('keeps the object byte for byte what was delivered', async () => {
    const [event] = await eventsInD1('old-treaty')
    expect(await (await env.BODIES.get(eventPayloadKey(event!.event_id)))!.text()).toBe(firstDelivery.body)
  })

  it('serves the event log as before, with one R2 read per archived event on the page', async () => {
    const get = vi.spyOn(env.BODIES, 'get')
    const res = await eventLog()
    expect(res.status).toBe(200)
    expect(await res.json()).toEqual(before)
    expect(get).toHaveBeenCalledTimes(2)

    get.mockClear()
    const first: any = await (await eventLog('limit=1')).json()
    expect(first.events).toEqual(before.events.slice(0, 1))
    expect(get).toHaveBeenCalledTimes(1)
  })

  it('is idempotent: a second run moves nothing', async () => {
    const put = vi.spyOn(env.BODIES, 'put')
    expect(await archiveEventPayloads(new Database(env.DB), env.BODIES, new Date())).toBe(0)
    expect(put).not.toHaveBeenCalled()
  })

  it('re-sends an archived event, on an admin’s retry, with the identical body, signed', async () => {
    const [event] = await eventsInD1('old-treaty')
    const deliveries = await retryDelivery(event!.event_id)
    const received = receiver()
    const result = await consume(deliveries)
    expect(result.explicitAcks).toHaveLength(1)
    expect(received).toHaveLength(1)
    expect(received[0]!.body).toBe(firstDelivery.body)
    expect(received[0]!.headers['webhook-id']).toBe(event!.event_id)
    const payload: any = new Webhook(secret).verify(received[0]!.body, received[0]!.headers)
    expect(payload).toMatchObject({ type: 'article.published', data: { slugline: 'old-treaty' } })
  })
})

describe('when the body store fails', () => {
  const r2Down = () => vi.spyOn(env.BODIES, 'get').mockRejectedValue(new Error('R2: we encountered an internal error'))

  it('answers 503, never 500, for a page of the event log with an archived payload', async () => {
    r2Down()
    const res = await eventLog()
    expect(res.status).toBe(503)
    expect(res.headers.get('content-type')).toBe('application/problem+json')
    expect(res.headers.get('retry-after')).toBe('5')
  })

  it('answers 503 when an archived payload is missing from R2', async () => {
    const [event] = await eventsInD1('older-summit')
    const object = await env.BODIES.get(eventPayloadKey(event!.event_id))
    const text = await object!.text()
    await env.BODIES.delete(eventPayloadKey(event!.event_id))
    try {
      expect((await eventLog()).status).toBe(503)
    } finally {
      await env.BODIES.put(eventPayloadKey(event!.event_id), text)
    }
  })

  it('keeps serving the pages of the event log whose payloads are in D1', async () => {
    const archived: any = await (await eventLog('limit=2')).json()
    r2Down()
    const res = await eventLog(`limit=100&cursor=${archived.next_cursor}`)
    expect(res.status).toBe(200)
    expect(await res.json()).toEqual({ ...before, events: before.events.slice(2) })
  })

  it('retries the delivery of an archived event later, and sends nothing meanwhile', async () => {
    const [event] = await eventsInD1('old-treaty')
    const deliveries = await retryDelivery(event!.event_id)
    const attempts = () => env.DB.prepare('SELECT count(*) AS n FROM webhook_attempts').first<number>('n')
    const attemptsBefore = await attempts()
    r2Down()
    const received = receiver()
    const result = await consume(deliveries)
    expect(result.retryMessages).toHaveLength(1)
    expect(result.explicitAcks).toHaveLength(0)
    expect(received).toHaveLength(0)
    expect(await attempts()).toBe(attemptsBefore)
  })

  it('leaves in D1 the payloads R2 refused, and moves them on the next run', async () => {
    await publishStories(['refused-story', 'taken-story'], 90)
    const [refused] = await eventsInD1('refused-story')
    const put = env.BODIES.put.bind(env.BODIES)
    vi.spyOn(env.BODIES, 'put').mockImplementation(async (key, value, options) => {
      if (key === eventPayloadKey(refused!.event_id)) throw new Error('R2 unavailable')
      return put(key, value, options)
    })
    await cron()
    expect((await eventsInD1('refused-story'))[0]).toEqual(refused)
    expect((await eventsInD1('taken-story'))[0]!.payload).toBe('')

    vi.restoreAllMocks()
    await cron()
    expect((await eventsInD1('refused-story'))[0]!.payload).toBe('')
    const object = await env.BODIES.get(eventPayloadKey(refused!.event_id))
    expect(await object!.text()).toBe(refused!.payload)
  })

  it('does not hold up the cron: scheduled articles are published while archiving fails', async () => {
    await seed({ articles: [article({ slug: 'due-now', status: 'scheduled', published_at: new Date(Date.now() + 1_000).toISOString() })] })
    await publishStories(['waiting-story'], 90)
    // D1 refuses the archiver's own query (its SQL is the only one to ask for events not archived).
    const prepare = env.DB.prepare.bind(env.DB)
    vi.spyOn(env.DB, 'prepare').mockImplementation((sql) => {
      if (sql.includes('archived_at IS NULL AND at <')) throw new Error('D1_ERROR: the archiver’s query failed')
      return prepare(sql)
    })
    await new Promise((resolve) => setTimeout(resolve, 1_100))
    await cron()
    vi.restoreAllMocks()
    expect((await call('/v1/articles/due-now')).status).toBe(200)
    expect((await eventsInD1('waiting-story'))[0]!.archived_at).toBeNull()
  })
})
