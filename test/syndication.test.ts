import { createExecutionContext, createMessageBatch, getQueueResult } from 'cloudflare:test'
import { env } from 'cloudflare:workers'
import { Webhook } from 'standardwebhooks'
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest'
import worker from '../src/index.ts'
import { publishScheduled } from '../src/jobs/publish-scheduled.ts'
import { DISABLE_AFTER_FAILURES, MAX_ATTEMPTS } from '../src/queue/webhooks.ts'
import { Ninjs } from '../src/schemas/ninjs.ts'
import type { DeliveryMessage } from '../src/schemas/syndication.ts'
import { ADMIN_TOKEN, article, asEditor, basics, call, demo, seed, seedDemo } from './helpers.ts'

const QUEUE = 'newsroom-webhooks'
const RECEIVER = 'https://partner.example.net/hooks/newsroom'
const KEY_STORY = demo.articles[0]!
const FORBIDDEN_IMAGE = KEY_STORY.body.find((block) => block.type === 'image')!

interface Partner {
  id: number
  key: string
}

async function createPartner(name: string, embargo = false): Promise<Partner> {
  const res = await call('/v1/admin/partners', asEditor(ADMIN_TOKEN, 'POST', { name, embargo }))
  expect(res.status).toBe(201)
  return (await res.json()) as Partner
}

const asPartner = (partner: Partner): RequestInit => ({ headers: { authorization: `Bearer ${partner.key}` } })

interface Received {
  url: string
  body: string
  headers: Record<string, string>
}

/**
 * The outside world for the Worker's fetch: a DNS-over-HTTPS resolver (public addresses unless
 * told otherwise) and a partner's receiver, which records each POST and answers `answer()`.
 */
function world(
  answer: (received: Received) => Response | Promise<Response> = () => new Response(null, { status: 204 }),
  dns: Record<string, string> = {},
) {
  const received: Received[] = []
  const spy = vi.spyOn(globalThis, 'fetch').mockImplementation(async (input, init) => {
    const url = new URL(String(input instanceof Request ? input.url : input))
    if (url.hostname === 'cloudflare-dns.com') {
      const name = url.searchParams.get('name')!
      const type = url.searchParams.get('type') === 'A' ? 1 : 28
      const data = dns[name] ?? (type === 1 ? '93.184.215.14' : '2606:2800:21f:cb07:6820:80da:af6b:8b2c')
      return Response.json({ Status: 0, Answer: [{ name, type: data.includes(':') ? 28 : 1, TTL: 60, data }] })
    }
    const headers = Object.fromEntries(new Headers(init?.headers).entries())
    const item = { url: url.toString(), body: String(init?.body), headers }
    received.push(item)
    return answer(item)
  })
  return { received, spy }
}

/** Runs the webhooks consumer on these deliveries, as the queue would, at this attempt. */
async function consume(deliveries: number[], attempts = 1) {
  const batch = createMessageBatch<DeliveryMessage>(
    QUEUE,
    deliveries.map((delivery, i) => ({ id: `m-${delivery}-${i}`, timestamp: new Date(), attempts, body: { v: 1, delivery } })),
  )
  const retries = batch.messages.map((message) => vi.spyOn(message, 'retry'))
  const ctx = createExecutionContext()
  await worker.queue(batch as MessageBatch<unknown>, env, ctx)
  // The delays asked for, per retried message.
  const delays = retries.flatMap((spy) => spy.mock.calls.map(([options]) => options?.delaySeconds))
  return { batch, delays, result: await getQueueResult(batch, ctx) }
}

/** Performs `action` and returns the deliveries it put on the webhooks queue. */
async function queued(action: () => Promise<unknown>): Promise<number[]> {
  const send = vi.spyOn(env.WEBHOOKS, 'sendBatch')
  await action()
  const ids = send.mock.calls.flatMap(([messages]) => [...messages].map((m) => (m.body as DeliveryMessage).delivery))
  send.mockRestore()
  return ids
}

async function registerEndpoint(partner: Partner, body: Record<string, unknown> = {}) {
  world()
  const res = await call(
    `/v1/admin/partners/${partner.id}/endpoints`,
    asEditor(ADMIN_TOKEN, 'POST', {
      url: RECEIVER,
      events: ['article.published', 'article.updated', 'article.corrected', 'article.withdrawn'],
      ...body,
    }),
  )
  vi.restoreAllMocks()
  expect(res.status, await res.clone().text()).toBe(201)
  return (await res.json()) as { id: number; secret: string; state: string }
}

function putArticle(input: ReturnType<typeof article>, ifMatch?: string, extra: Record<string, unknown> = {}) {
  const { slug, ...body } = input
  return call(`/v1/admin/articles/${slug}`, asEditor(ADMIN_TOKEN, 'PUT', { ...body, ...extra }, ifMatch ? { 'if-match': ifMatch } : {}))
}

async function events(partner: Partner) {
  const res = await call('/v1/partner/events?limit=100', asPartner(partner))
  expect(res.status).toBe(200)
  return ((await res.json()) as { events: { id: string; payload: any }[] }).events
}

let wire: Partner
let _embargoPartner: Partner

beforeAll(async () => {
  await seedDemo()
  await seed(basics)
  wire = await createPartner('Wire partner')
  _embargoPartner = await createPartner('Agency with embargo', true)
})

afterEach(async () => {
  vi.restoreAllMocks()
  // Each test's endpoints hear only that test's events (storage is shared within the file).
  await env.DB.prepare("UPDATE webhook_endpoints SET state = 'disabled', disabled_reason = 'end of test'").run()
})

describe('ninjs for partners', () => {
  it('lists every published demo article as ninjs that the zod schema of the emitted subset accepts, page by page', async () => {
    const seen: any[] = []
    let cursor: string | null = null
    do {
      const res = await call(`/v1/partner/ninjs?limit=7${cursor ? `&cursor=${cursor}` : ''}`, asPartner(wire))
      expect(res.status).toBe(200)
      expect(res.headers.get('cache-control')).toBe('private, no-store')
      const page: any = await res.json()
      seen.push(...page.data)
      cursor = page.next_cursor
    } while (cursor)
    const visible = demo.articles.filter((a) => a.status === 'published' && a.hours_ago >= 0)
    expect(seen.map((n) => n.slugline).sort()).toEqual(expect.arrayContaining(visible.map((a) => a.slug)))
    for (const item of seen) {
      const parsed = Ninjs.safeParse(item)
      expect(parsed.success, `${item.slugline}: ${JSON.stringify(parsed.error?.issues)}`).toBe(true)
      expect(item.pubStatus).toBe('usable')
    }
  })

  it('gives one article by its slug: stable uri, headlines, bodies, people, subjects, located, rights', async () => {
    const res = await call(`/v1/partner/ninjs/${KEY_STORY.slug}?key=${wire.key}`)
    expect(res.status).toBe(200)
    const ninjs: any = await res.json()
    expect(ninjs).toMatchObject({
      standard: { name: 'ninjs', version: '3.1' },
      type: 'text',
      pubStatus: 'usable',
      language: KEY_STORY.language ?? 'en',
      headlines: [{ role: 'main', value: KEY_STORY.headline }],
      slugline: KEY_STORY.slug,
      copyrightHolder: 'The European Daily',
    })
    expect(ninjs.uri).toMatch(/^tag:www\.example-daily\.eu,2026:article:\d+$/)
    expect(ninjs.uri).not.toContain(KEY_STORY.slug)
    expect(ninjs.bodies.map((b: any) => b.contentType)).toEqual(['text/html', 'text/plain'])
    expect(ninjs.people.map((p: any) => p.literal)).toEqual(KEY_STORY.authors)
    expect(ninjs.subjects[0]).toMatchObject({ rel: 'section', literal: KEY_STORY.section })
    if (KEY_STORY.dateline) expect(ninjs.located).toBe(KEY_STORY.dateline)
    expect(ninjs.copyrightNotice).toMatch(/^© \d{4} The European Daily$/)
    expect(ninjs.usageTerms).toEqual(expect.any(String))
  })

  it('leaves out images partners may not republish, with their captions and credits', async () => {
    const text = await (await call(`/v1/partner/ninjs/${KEY_STORY.slug}`, asPartner(wire))).text()
    expect(text).not.toContain(FORBIDDEN_IMAGE.url)
    expect(text).not.toContain(FORBIDDEN_IMAGE.credit!)
    const withPhoto = demo.articles.find((a) => a.image?.syndication_allowed && a.status === 'published' && a.hours_ago >= 0)!
    const ninjs: any = await (await call(`/v1/partner/ninjs/${withPhoto.slug}`, asPartner(wire))).json()
    expect(ninjs.associations[0]).toMatchObject({
      name: 'featureimage',
      type: 'picture',
      uri: withPhoto.image!.url,
      by: withPhoto.image!.credit,
    })
  })

  it('answers 401 without a partner key, and to an editor token', async () => {
    expect((await call(`/v1/partner/ninjs/${KEY_STORY.slug}`)).status).toBe(401)
    expect((await call('/v1/partner/ninjs', { headers: { authorization: `Bearer ${ADMIN_TOKEN}` } })).status).toBe(401)
    expect((await call('/v1/partner/events?key=not-a-key')).status).toBe(401)
  })

  it('states the rate limit in RateLimit-Policy and RateLimit, and on a 429 beside Retry-After', async () => {
    const res = await call('/v1/partner/ninjs?limit=1', asPartner(wire))
    expect(res.headers.get('ratelimit-policy')).toBe('"partner";q=120;w=60')
    expect(res.headers.get('ratelimit')).toMatch(/^"partner";r=\d+;t=\d+$/)
    const feed = await call(`/feeds/rss.xml?key=${wire.key}`)
    expect(feed.headers.get('ratelimit-policy')).toBe('"partner";q=120;w=60')
    const limited = await call('/v1/partner/ninjs', asPartner(wire), { PARTNER_LIMITER: { limit: async () => ({ success: false }) } })
    expect(limited.status).toBe(429)
    expect(limited.headers.get('retry-after')).toBe('60')
    expect(limited.headers.get('ratelimit')).toBe('"partner";r=0;t=60')
    expect(limited.headers.get('ratelimit-policy')).toBe('"partner";q=120;w=60')
  })
})

describe('embargoes', () => {
  it('show an embargoed article to partners with the permission only, withheld, and announce it at its time', async () => {
    const partner = await createPartner('Embargo newsroom', true)
    const endpoint = await registerEndpoint(partner)
    const plain = await createPartner('Plain partner')
    await registerEndpoint(plain)
    const until = new Date(Date.now() + 3_600_000).toISOString()
    const story = article({ slug: 'embargoed-report', published_at: until })

    const ids = await queued(async () => expect((await putArticle(story)).status).toBe(201))
    expect(ids).toHaveLength(1)
    const { received } = world()
    await consume(ids)
    expect(received).toHaveLength(1)
    const pushed = JSON.parse(received[0]!.body)
    expect(pushed).toMatchObject({ type: 'article.published', data: { pubStatus: 'withheld', embargoedUntil: until } })
    expect(new Webhook(endpoint.secret).verify(received[0]!.body, received[0]!.headers)).toEqual(pushed)

    const early: any = await (await call('/v1/partner/ninjs/embargoed-report', asPartner(partner))).json()
    expect(early).toMatchObject({ pubStatus: 'withheld', embargoedUntil: until })
    expect((await call('/v1/partner/ninjs/embargoed-report', asPartner(plain))).status).toBe(404)
    expect((await call('/v1/articles/embargoed-report')).status).toBe(404)
    const list: any = await (await call('/v1/partner/ninjs?limit=100', asPartner(partner))).json()
    expect(list.data[0].slugline).toBe('embargoed-report')
    const plainList: any = await (await call('/v1/partner/ninjs?limit=100', asPartner(plain))).json()
    expect(plainList.data.map((n: any) => n.slugline)).not.toContain('embargoed-report')
    expect((await events(plain)).map((e) => e.payload.data.slugline)).not.toContain('embargoed-report')

    // At the time, the every-minute job announces it to everyone who asked, usable.
    const atTime = await queued(() => publishScheduled(env, new Date(Date.parse(until) + 1_000)))
    expect(atTime).toHaveLength(2)
    const again = world()
    await consume(atTime)
    expect(again.received.map((r) => JSON.parse(r.body))).toEqual([
      expect.objectContaining({
        type: 'article.published',
        data: expect.objectContaining({ pubStatus: 'usable', slugline: 'embargoed-report' }),
      }),
      expect.objectContaining({ type: 'article.published', data: expect.objectContaining({ pubStatus: 'usable' }) }),
    ])
    expect(JSON.parse(again.received[0]!.body).data.embargoedUntil).toBeUndefined()
    // The next run has nothing new to say.
    expect(await queued(() => publishScheduled(env, new Date(Date.parse(until) + 61_000)))).toHaveLength(0)
  })
})

describe('partner permissions', () => {
  it('lets an admin grant and withdraw the embargo permission, which takes effect on the next request', async () => {
    const partner = await createPartner('Promoted partner')
    await seed({ articles: [article({ slug: 'future-report', published_at: new Date(Date.now() + 7_200_000).toISOString() })] })
    expect((await call('/v1/partner/ninjs/future-report', asPartner(partner))).status).toBe(404)
    const res = await call(`/v1/admin/partners/${partner.id}`, asEditor(ADMIN_TOKEN, 'PATCH', { embargo: true }))
    expect(res.status).toBe(200)
    expect(await res.json()).toMatchObject({ id: partner.id, embargo: true })
    expect((await call('/v1/partner/ninjs/future-report', asPartner(partner))).status).toBe(200)
    await call(`/v1/admin/partners/${partner.id}`, asEditor(ADMIN_TOKEN, 'PATCH', { embargo: false }))
    expect((await call('/v1/partner/ninjs/future-report', asPartner(partner))).status).toBe(404)
    expect((await call(`/v1/admin/partners/${partner.id}`, asEditor(ADMIN_TOKEN, 'PATCH', { embargo: 'yes' }))).status).toBe(400)
    expect((await call('/v1/admin/partners/99999', asEditor(ADMIN_TOKEN, 'PATCH', { embargo: true }))).status).toBe(404)
  })
})

describe('signed push', () => {
  it('signs each delivery per Standard Webhooks: the library verifies it, and rejects a tampered body or an old timestamp', async () => {
    const partner = await createPartner('Signed partner')
    const endpoint = await registerEndpoint(partner)
    expect(endpoint.secret).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/)
    const ids = await queued(async () => expect((await putArticle(article({ slug: 'signed-story' }))).status).toBe(201))
    const { received } = world()
    const { result } = await consume(ids)
    expect(result.explicitAcks).toHaveLength(1)
    const [delivery] = received
    expect(delivery!.url).toBe(RECEIVER)
    expect(delivery!.headers['content-type']).toBe('application/json')
    expect(delivery!.headers['webhook-id']).toMatch(/^evt_[0-9a-f]{32}$/)
    const hook = new Webhook(endpoint.secret)
    const payload: any = hook.verify(delivery!.body, delivery!.headers)
    expect(payload).toMatchObject({ type: 'article.published', data: { slugline: 'signed-story', pubStatus: 'usable' } })
    expect(Ninjs.safeParse(payload.data).success).toBe(true)

    expect(() => hook.verify(delivery!.body.replace('signed-story', 'forged-story'), delivery!.headers)).toThrow(/signature/i)
    expect(() => new Webhook(`whsec_${btoa('x'.repeat(32))}`).verify(delivery!.body, delivery!.headers)).toThrow()
    const sent = Number(delivery!.headers['webhook-timestamp'])
    vi.spyOn(Date, 'now').mockReturnValue((sent + 5 * 60 + 1) * 1000)
    expect(() => hook.verify(delivery!.body, delivery!.headers)).toThrow(/too old/i)
  })

  it('keeps the secret encrypted at rest and never in logs', async () => {
    const partner = await createPartner('Careful partner')
    const log = vi.spyOn(console, 'log')
    const warn = vi.spyOn(console, 'warn')
    const endpoint = await registerEndpoint(partner)
    const row = await env.DB.prepare('SELECT secret FROM webhook_endpoints WHERE id = ?1').bind(endpoint.id).first<{ secret: string }>()
    expect(row!.secret).toMatch(/^v1\./)
    expect(row!.secret).not.toContain(endpoint.secret.slice(6, 20))
    const listed: any = await (await call(`/v1/admin/partners/${partner.id}/endpoints`, asEditor(ADMIN_TOKEN, 'GET'))).json()
    expect(JSON.stringify(listed)).not.toContain(endpoint.secret)
    expect(listed.data[0]).toMatchObject({ id: endpoint.id, state: 'active', url: RECEIVER })
    const ids = await queued(() => putArticle(article({ slug: 'quiet-story' })))
    world(() => new Response(null, { status: 503 }))
    await consume(ids)
    expect(JSON.stringify([...log.mock.calls, ...warn.mock.calls])).not.toContain(endpoint.secret.slice(6))
  })

  it('signs with both secrets during a rotation overlap', async () => {
    const partner = await createPartner('Rotating partner')
    const endpoint = await registerEndpoint(partner)
    const res = await call(
      `/v1/admin/partners/${partner.id}/endpoints/${endpoint.id}/secret`,
      asEditor(ADMIN_TOKEN, 'POST', { overlap_seconds: 3600 }),
    )
    expect(res.status).toBe(200)
    const rotated: any = await res.json()
    expect(rotated.secret).not.toBe(endpoint.secret)
    const ids = await queued(() => putArticle(article({ slug: 'rotation-story' })))
    const { received } = world()
    await consume(ids)
    const headers = received[0]!.headers
    expect(headers['webhook-signature']!.split(' ')).toHaveLength(2)
    expect(new Webhook(rotated.secret).verify(received[0]!.body, headers)).toBeTruthy()
    expect(new Webhook(endpoint.secret).verify(received[0]!.body, headers)).toBeTruthy()
    // With no overlap, only the new secret signs.
    await call(`/v1/admin/partners/${partner.id}/endpoints/${endpoint.id}/secret`, asEditor(ADMIN_TOKEN, 'POST', { overlap_seconds: 0 }))
    expect(
      (
        await call(
          `/v1/admin/partners/${partner.id}/endpoints/${endpoint.id}/secret`,
          asEditor(ADMIN_TOKEN, 'POST', { overlap_seconds: -1 }),
        )
      ).status,
    ).toBe(400)
  })

  it('filters by event, section, tag and language', async () => {
    const partner = await createPartner('Picky partner')
    await registerEndpoint(partner, { events: ['article.published'], sections: ['world'], languages: ['fr'] })
    expect(await queued(() => putArticle(article({ slug: 'wrong-section', section: 'europe', language: 'fr' })))).toHaveLength(0)
    expect(await queued(() => putArticle(article({ slug: 'wrong-language', section: 'world', language: 'en' })))).toHaveLength(0)
    expect(await queued(() => putArticle(article({ slug: 'just-right', section: 'world', language: 'fr' })))).toHaveLength(1)
    const tagged = await createPartner('Tag partner')
    await registerEndpoint(tagged, { events: ['article.updated'], tags: ['elections'] })
    expect(await queued(() => putArticle(article({ slug: 'tag-story', tags: ['elections'] })))).toHaveLength(0)
    const current: any = await (await call('/v1/admin/articles/tag-story', asEditor(ADMIN_TOKEN, 'GET'))).json()
    expect(
      await queued(() => putArticle(article({ slug: 'tag-story', tags: ['elections'], headline: 'Updated' }), `"v${current.version}"`)),
    ).toHaveLength(1)
  })
})

describe('retries, dead letters and disabling', () => {
  it('retries a receiver answering 500 with exponential backoff, and after the last try sends it to the dead-letter queue', async () => {
    const partner = await createPartner('Failing partner')
    await registerEndpoint(partner)
    const ids = await queued(() => putArticle(article({ slug: 'unlucky-story' })))
    const { received } = world(() => new Response('oops', { status: 500 }))
    const first = await consume(ids, 1)
    expect(first.result.retryMessages).toHaveLength(1)
    expect(first.delays).toEqual([30])
    const third = await consume(ids, 3)
    expect(third.delays).toEqual([120])
    const dlq = vi.spyOn(env.WEBHOOKS_DLQ, 'send')
    const last = await consume(ids, MAX_ATTEMPTS)
    expect(last.result.retryMessages).toHaveLength(0)
    expect(last.result.explicitAcks).toHaveLength(1)
    expect(dlq).toHaveBeenCalledTimes(1)
    expect(dlq.mock.calls[0]![0]).toMatchObject({ delivery: ids[0], last_status: 500 })
    expect(received).toHaveLength(3)

    const page: any = await (await call(`/v1/admin/partners/${partner.id}/deliveries?limit=2`, asEditor(ADMIN_TOKEN, 'GET'))).json()
    expect(page.data).toHaveLength(2)
    expect(page.data[0]).toMatchObject({
      status: 'dead',
      response_code: 500,
      attempt: 3,
      next_retry_at: null,
      slug: 'unlucky-story',
      type: 'article.published',
    })
    expect(page.data[0].latency_ms).toEqual(expect.any(Number))
    expect(page.data[1]).toMatchObject({ status: 'retrying', next_retry_at: expect.any(String) })
    const rest: any = await (
      await call(`/v1/admin/partners/${partner.id}/deliveries?limit=2&cursor=${page.next_cursor}`, asEditor(ADMIN_TOKEN, 'GET'))
    ).json()
    expect(rest.data).toHaveLength(1)
    expect(rest.next_cursor).toBeNull()

    // An admin re-sends it once the receiver is back.
    const retry = vi.spyOn(env.WEBHOOKS, 'sendBatch')
    const res = await call(`/v1/admin/partners/${partner.id}/deliveries/${page.data[0].event_id}/retry`, asEditor(ADMIN_TOKEN, 'POST'))
    expect(res.status).toBe(202)
    expect(retry).toHaveBeenCalledTimes(1)
    retry.mockRestore()
    vi.restoreAllMocks()
    world()
    await consume(ids)
    const after: any = await (await call(`/v1/admin/partners/${partner.id}/deliveries?limit=1`, asEditor(ADMIN_TOKEN, 'GET'))).json()
    expect(after.data[0]).toMatchObject({ status: 'delivered', response_code: 204 })
  })

  it('retries on 408, 429 (after Retry-After), timeouts and network errors, but not on other 4xx', async () => {
    const partner = await createPartner('Moody partner')
    await registerEndpoint(partner)
    const ids = await queued(() => putArticle(article({ slug: 'moody-story' })))
    world(() => new Response(null, { status: 429, headers: { 'retry-after': '900' } }))
    expect((await consume(ids)).delays).toEqual([900])
    vi.restoreAllMocks()
    world(() => new Response(null, { status: 408 }))
    expect((await consume(ids)).result.retryMessages).toHaveLength(1)
    vi.restoreAllMocks()
    world(() => Promise.reject(new TypeError('connection refused')))
    expect((await consume(ids)).result.retryMessages).toHaveLength(1)
    vi.restoreAllMocks()
    world(() => Promise.reject(new DOMException('timed out', 'TimeoutError')))
    expect((await consume(ids)).result.retryMessages).toHaveLength(1)
    vi.restoreAllMocks()
    world(() => new Response(null, { status: 400 }))
    const { result } = await consume(ids)
    expect(result.retryMessages).toHaveLength(0)
    expect(result.explicitAcks).toHaveLength(1)
    // Settled: a duplicate of the message sends nothing.
    vi.restoreAllMocks()
    const duplicate = world()
    await consume(ids)
    expect(duplicate.received).toHaveLength(0)
    vi.restoreAllMocks()
    const again = await queued(() => putArticle(article({ slug: 'redirected-story' })))
    world(() => new Response(null, { status: 302, headers: { location: 'http://169.254.169.254/' } }))
    const redirected = await consume(again)
    expect(redirected.result.retryMessages).toHaveLength(0)
    const page: any = await (await call(`/v1/admin/partners/${partner.id}/deliveries?limit=1`, asEditor(ADMIN_TOKEN, 'GET'))).json()
    expect(page.data[0]).toMatchObject({ status: 'failed', response_code: 302 })
  })

  it('disables an endpoint that answers 410 Gone, visibly, and delivers nothing more to it', async () => {
    const partner = await createPartner('Departed partner')
    const endpoint = await registerEndpoint(partner)
    const ids = await queued(() => putArticle(article({ slug: 'gone-story' })))
    world(() => new Response(null, { status: 410 }))
    const { result } = await consume(ids)
    expect(result.explicitAcks).toHaveLength(1)
    const list: any = await (await call(`/v1/admin/partners/${partner.id}/endpoints`, asEditor(ADMIN_TOKEN, 'GET'))).json()
    expect(list.data[0]).toMatchObject({
      id: endpoint.id,
      state: 'disabled',
      disabled_reason: expect.stringContaining('410'),
      disabled_at: expect.any(String),
    })
    expect(await queued(() => putArticle(article({ slug: 'after-gone' })))).toHaveLength(0)
    // Re-enabled by an admin, it gets events again.
    const res = await call(`/v1/admin/partners/${partner.id}/endpoints/${endpoint.id}`, asEditor(ADMIN_TOKEN, 'PATCH', { state: 'active' }))
    expect(await res.json()).toMatchObject({ state: 'active', disabled_reason: null, consecutive_failures: 0 })
    expect(await queued(() => putArticle(article({ slug: 'back-again' })))).toHaveLength(1)
  })

  it(`disables an endpoint after ${DISABLE_AFTER_FAILURES} deliveries in a row fail for good`, async () => {
    const partner = await createPartner('Broken partner')
    await registerEndpoint(partner)
    world(() => new Response(null, { status: 404 }))
    for (let i = 0; i < DISABLE_AFTER_FAILURES; i++) {
      const ids = await queued(() => putArticle(article({ slug: `broken-${i}` })))
      expect(ids).toHaveLength(1)
      await consume(ids)
    }
    const list: any = await (await call(`/v1/admin/partners/${partner.id}/endpoints`, asEditor(ADMIN_TOKEN, 'GET'))).json()
    expect(list.data[0]).toMatchObject({ state: 'disabled', consecutive_failures: DISABLE_AFTER_FAILURES })
  })
})

describe('endpoint URLs', () => {
  const register = (url: string, overrides: Record<string, unknown> = {}) =>
    call(`/v1/admin/partners/${wire.id}/endpoints`, asEditor(ADMIN_TOKEN, 'POST', { url, events: ['article.published'] }), overrides)

  it('must be https, public, and not resolve to a private address', async () => {
    world(undefined, { 'intranet.example.net': '10.1.2.3' })
    for (const url of [
      'http://partner.example.net/hook',
      'ftp://partner.example.net/',
      'https://127.0.0.1/hook',
      'https://[::1]/hook',
      'https://169.254.169.254/latest',
      'https://localhost/hook',
      'https://printer.local/',
      'https://user:pw@partner.example.net/',
      'https://intranet.example.net/hook',
      'not a url',
    ]) {
      const res = await register(url)
      expect(res.status, url).toBe(400)
      const problem: any = await res.json()
      expect(problem.errors[0].field, url).toBe('url')
    }
    expect((await register('https://partner.example.net/hook')).status).toBe(201)
  })

  it('may be http://localhost only in development', async () => {
    expect((await register('http://localhost:9000/hook')).status).toBe(400)
    expect((await register('http://localhost:9000/hook', { WEBHOOK_DEV: 'true' })).status).toBe(201)
    expect((await register('http://partner.example.net/hook', { WEBHOOK_DEV: 'true' })).status).toBe(400)
  })

  it('are never followed through redirects', async () => {
    const partner = await createPartner('Redirecting partner')
    await registerEndpoint(partner)
    const ids = await queued(() => putArticle(article({ slug: 'redirect-story' })))
    const { spy } = world(() => new Response(null, { status: 307, headers: { location: 'https://elsewhere.example/' } }))
    await consume(ids)
    const init = spy.mock.calls.find(([input]) => String(input) === RECEIVER)![1]
    expect(init?.redirect).toBe('manual')
  })
})

describe('rights, corrections and withdrawals', () => {
  it('sends article.corrected with the correction text', async () => {
    const partner = await createPartner('Correction partner')
    const endpoint = await registerEndpoint(partner)
    const story = article({ slug: 'corrected-story' })
    await queued(() => putArticle(story))
    const ids = await queued(() => putArticle(story, '"v1"', { correction: 'An earlier version misspelt the minister’s name.' }))
    const { received } = world()
    await consume(ids)
    const payload: any = new Webhook(endpoint.secret).verify(received[0]!.body, received[0]!.headers)
    expect(payload).toMatchObject({
      type: 'article.corrected',
      correction: { text: 'An earlier version misspelt the minister’s name.' },
      data: { pubStatus: 'usable', version: '2', edNote: expect.stringContaining('misspelt') },
    })
    expect(payload.data.bodies[1].value).toContain('misspelt')
  })

  it('withdraws an unpublished article from every endpoint that received it, and the partner log shows it', async () => {
    const partner = await createPartner('Kill partner')
    const endpoint = await registerEndpoint(partner)
    const late = await createPartner('Late partner')
    const story = article({ slug: 'withdrawn-story' })
    const first = await queued(() => putArticle(story))
    world()
    await consume(first)
    vi.restoreAllMocks()
    // Registered after the story went out, only for publications: it never received it.
    await registerEndpoint(late, { events: ['article.published'] })
    const ids = await queued(async () =>
      expect((await call('/v1/admin/articles/withdrawn-story', asEditor(ADMIN_TOKEN, 'DELETE'))).status).toBe(204),
    )
    expect(ids).toHaveLength(1)
    const { received } = world()
    await consume(ids)
    const payload: any = new Webhook(endpoint.secret).verify(received[0]!.body, received[0]!.headers)
    expect(payload).toMatchObject({ type: 'article.withdrawn', data: { pubStatus: 'canceled', slugline: 'withdrawn-story' } })
    expect(Ninjs.safeParse(payload.data).success).toBe(true)
    const log = await events(partner)
    expect(log.filter((e) => e.payload.data.slugline === 'withdrawn-story').map((e) => e.payload.type)).toEqual([
      'article.published',
      'article.withdrawn',
    ])
    expect((await call('/v1/partner/ninjs/withdrawn-story', asPartner(partner))).status).toBe(404)

    // The log pages in order with its cursor, and a poll from the last cursor has nothing new.
    const walked: string[] = []
    let cursor = ''
    for (let more = true; more; ) {
      const page: any = await (await call(`/v1/partner/events?limit=2${cursor ? `&cursor=${cursor}` : ''}`, asPartner(partner))).json()
      walked.push(...page.events.map((e: any) => e.id))
      cursor = page.next_cursor
      more = page.has_more
    }
    expect(walked).toEqual(log.map((e) => e.id))
    const later: any = await (await call(`/v1/partner/events?cursor=${cursor}`, asPartner(partner))).json()
    expect(later).toMatchObject({ events: [], has_more: false, next_cursor: cursor })
  })

  it('keeps an article partners may not republish out of partner feeds, ninjs lists and pushes', async () => {
    const partner = await createPartner('Rights partner')
    const endpoint = await registerEndpoint(partner)
    const story = article({ slug: 'exclusive-story', published_at: new Date(Date.now() - 1_000).toISOString() })
    const first = await queued(() => putArticle(story))
    world()
    await consume(first)
    vi.restoreAllMocks()

    const ids = await queued(async () => {
      const res = await call(
        '/v1/admin/articles/exclusive-story/rights',
        asEditor(ADMIN_TOKEN, 'PUT', { republish: false, copyright_holder: 'Exclusive Ltd' }),
      )
      expect(res.status).toBe(200)
    })
    const { received } = world()
    await consume(ids)
    expect(new Webhook(endpoint.secret).verify(received[0]!.body, received[0]!.headers)).toMatchObject({ type: 'article.withdrawn' })
    vi.restoreAllMocks()

    expect((await call('/v1/partner/ninjs/exclusive-story', asPartner(partner))).status).toBe(404)
    const list: any = await (await call('/v1/partner/ninjs?limit=100', asPartner(partner))).json()
    expect(list.data.map((n: any) => n.slugline)).not.toContain('exclusive-story')
    const feed = await (await call(`/feeds/feed.json?key=${partner.key}`)).text()
    expect(feed).not.toContain('exclusive-story')
    expect(await (await call('/feeds/feed.json')).text()).toContain('exclusive-story')
    const current: any = await (await call('/v1/admin/articles/exclusive-story', asEditor(ADMIN_TOKEN, 'GET'))).json()
    expect(await queued(() => putArticle({ ...story, headline: 'Edited' }, `"v${current.version}"`))).toHaveLength(0)

    // Cleared again: announced as published, with the rights stated.
    const back = await queued(() =>
      call(
        '/v1/admin/articles/exclusive-story/rights',
        asEditor(ADMIN_TOKEN, 'PUT', { republish: true, copyright_holder: 'Exclusive Ltd', usage_terms: 'Print only.' }),
      ),
    )
    expect(back).toHaveLength(1)
    const ninjs: any = await (await call('/v1/partner/ninjs/exclusive-story', asPartner(partner))).json()
    expect(ninjs).toMatchObject({ copyrightHolder: 'Exclusive Ltd', usageTerms: 'Print only.' })
    expect(await (await call('/v1/admin/articles/exclusive-story/rights', asEditor(ADMIN_TOKEN, 'GET'))).json()).toEqual({
      copyright_holder: 'Exclusive Ltd',
      usage_terms: 'Print only.',
      republish: true,
    })
  })
})

describe('who may call what', () => {
  it('keeps endpoints, deliveries and partner permissions to admins, rights to editors, and the partner API to partner keys', async () => {
    const created: any = await (
      await call('/v1/admin/tokens', asEditor(ADMIN_TOKEN, 'POST', { name: 'Desk editor', role: 'editor' }))
    ).json()
    const editor = created.token as string
    const adminOnly: [string, string, unknown?][] = [
      ['POST', `/v1/admin/partners/${wire.id}/endpoints`, { url: RECEIVER, events: ['article.published'] }],
      ['GET', `/v1/admin/partners/${wire.id}/endpoints`],
      ['PATCH', `/v1/admin/partners/${wire.id}/endpoints/1`, { state: 'active' }],
      ['POST', `/v1/admin/partners/${wire.id}/endpoints/1/secret`, {}],
      ['GET', `/v1/admin/partners/${wire.id}/deliveries`],
      ['POST', `/v1/admin/partners/${wire.id}/deliveries/evt_${'0'.repeat(32)}/retry`],
      ['PATCH', `/v1/admin/partners/${wire.id}`, { embargo: true }],
    ]
    const editorToo: [string, string, unknown?][] = [
      ['GET', `/v1/admin/articles/${KEY_STORY.slug}/rights`],
      ['PUT', `/v1/admin/articles/${KEY_STORY.slug}/rights`, { republish: true }],
    ]
    for (const [method, path, body] of [...adminOnly, ...editorToo]) {
      expect(
        (
          await call(path, {
            method,
            body: body === undefined ? undefined : JSON.stringify(body),
            headers: { 'content-type': 'application/json' },
          })
        ).status,
        `${method} ${path} without a token`,
      ).toBe(401)
      expect((await call(path, asEditor(wire.key, method, body))).status, `${method} ${path} with a partner key`).toBe(401)
      const asDesk = (await call(path, asEditor(editor, method, body))).status
      if (adminOnly.some(([m, p]) => m === method && p === path)) expect(asDesk, `${method} ${path} as an editor`).toBe(403)
      else expect(asDesk, `${method} ${path} as an editor`).toBe(200)
    }
    for (const path of ['/v1/partner/ninjs', `/v1/partner/ninjs/${KEY_STORY.slug}`, '/v1/partner/events']) {
      expect((await call(path)).status, path).toBe(401)
      expect((await call(path, { headers: { authorization: `Bearer ${editor}` } })).status, `${path} as an editor`).toBe(401)
      expect((await call(path, asPartner(wire))).status, `${path} as a partner`).toBe(200)
    }
  })
})
