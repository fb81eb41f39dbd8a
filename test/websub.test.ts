import { createExecutionContext, createMessageBatch, getQueueResult } from 'cloudflare:test'
import { env } from 'cloudflare:workers'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { consumeHubPings, pingHub } from '../src/queue/websub.ts'
import { feedTopics } from '../src/syndication/websub.ts'
import type { HubPingMessage } from '../src/schemas/websub.ts'

const QUEUE = 'newsroom-websub'
const HUB = 'https://hub.example.net/publish'
const API = 'https://api.example-daily.eu'

function ping(overrides: Partial<HubPingMessage> = {}): HubPingMessage {
  return {
    v: 1,
    hub: HUB,
    topics: [`${API}/feeds/rss.xml`, `${API}/feeds/atom.xml`, `${API}/feeds/sections/europe/feed.json`],
    reason: 'publish',
    at: '2026-11-20T08:00:00.000Z',
    ...overrides,
  }
}

function batchOf(bodies: unknown[], attempts = 1) {
  return createMessageBatch(
    QUEUE,
    bodies.map((body, i) => ({ id: `m-${i + 1}`, timestamp: new Date(), attempts, body })),
  )
}

async function run(batch: MessageBatch<unknown>) {
  const ctx = createExecutionContext()
  await consumeHubPings(batch, env)
  return getQueueResult(batch, ctx)
}

afterEach(() => {
  vi.restoreAllMocks()
})

describe('feedTopics', () => {
  it('lists every feed of the article: publication, section, each tag and each author, without duplicates', () => {
    // A section, two tags (one given twice) and two authors: (1 publication + 1 + 2 + 2) × 3 feeds = 18 URLs.
    const topics = feedTopics(`${API}/`, { section: 'europe', tags: ['diplomacy', 'eu', 'diplomacy'], authors: ['ana-cosic', 'jan-novak'] })
    const expected = ['', '/sections/europe', '/tags/diplomacy', '/tags/eu', '/authors/ana-cosic', '/authors/jan-novak'].flatMap((dir) =>
      ['rss.xml', 'atom.xml', 'feed.json'].map((file) => `${API}/feeds${dir}/${file}`),
    )
    expect(topics).toHaveLength(18)
    expect(new Set(topics).size).toBe(topics.length)
    expect([...topics].sort()).toEqual([...expected].sort())
    expect(topics).toContain(`${API}/feeds/sections/europe/rss.xml`)
  })
})

describe('pingHub', () => {
  it('POSTs hub.mode=publish and the URL-encoded topic as a form', async () => {
    const fetchSpy = vi.spyOn(globalThis, 'fetch').mockResolvedValue(new Response(null, { status: 204 }))
    const topic = `${API}/feeds/tags/a&b/rss.xml?x=1`
    await pingHub(HUB, topic)
    expect(fetchSpy).toHaveBeenCalledTimes(1)
    const [input, init] = fetchSpy.mock.calls[0]!
    expect(String(input)).toBe(HUB)
    expect(init?.method).toBe('POST')
    expect(new Headers(init?.headers).get('content-type')).toBe('application/x-www-form-urlencoded')
    const body = String(init?.body)
    expect(body).toBe(`hub.mode=publish&hub.url=${encodeURIComponent(topic).replace(/%20/g, '+')}`)
    expect(Object.fromEntries(new URLSearchParams(body))).toEqual({ 'hub.mode': 'publish', 'hub.url': topic })
  })

  it('throws with the status, not the body, on a non-2xx answer', async () => {
    vi.spyOn(globalThis, 'fetch').mockResolvedValue(new Response('secret hub internals', { status: 503 }))
    const error = await pingHub(HUB, `${API}/feeds/rss.xml`).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(Error)
    expect((error as Error).message).toContain('503')
    expect((error as Error).message).not.toContain('secret hub internals')
  })

  it('throws on a network error', async () => {
    vi.spyOn(globalThis, 'fetch').mockRejectedValue(new TypeError('connection refused'))
    await expect(pingHub(HUB, `${API}/feeds/rss.xml`)).rejects.toThrow(Error)
  })

  it('uses the fetcher it is given', async () => {
    const fetcher = vi.fn<typeof fetch>(async () => new Response(null, { status: 202 }))
    await pingHub(HUB, `${API}/feeds/rss.xml`, fetcher)
    expect(fetcher).toHaveBeenCalledTimes(1)
  })
})

describe('the WebSub queue consumer', () => {
  it('pings every topic and acks when the hub answers 204', async () => {
    const fetchSpy = vi.spyOn(globalThis, 'fetch').mockImplementation(async () => new Response(null, { status: 204 }))
    const message = ping()
    const result = await run(batchOf([message]))
    expect(result.explicitAcks).toEqual(['m-1'])
    expect(result.retryMessages).toHaveLength(0)
    const pinged = fetchSpy.mock.calls.map(([, init]) => new URLSearchParams(String(init?.body)).get('hub.url'))
    expect(pinged.sort()).toEqual([...message.topics].sort())
  })

  it('keeps at most 6 pings in flight at once', async () => {
    let inFlight = 0
    let peak = 0
    vi.spyOn(globalThis, 'fetch').mockImplementation(async () => {
      peak = Math.max(peak, ++inFlight)
      await new Promise((resolve) => setTimeout(resolve, 5))
      inFlight--
      return new Response(null, { status: 204 })
    })
    const topics = feedTopics(API, { section: 'europe', tags: ['a', 'b', 'c'], authors: ['d', 'e'] })
    const result = await run(batchOf([ping({ topics })]))
    expect(result.explicitAcks).toEqual(['m-1'])
    expect(peak).toBeGreaterThan(1)
    expect(peak).toBeLessThanOrEqual(6)
  })

  it('retries with delaySeconds 2**attempts when the hub answers 503, logging the count and hub origin only', async () => {
    vi.spyOn(globalThis, 'fetch').mockImplementation(async () => new Response('overloaded', { status: 503 }))
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {})
    const batch = batchOf([ping()], 3)
    const retry = vi.spyOn(batch.messages[0]!, 'retry')
    const result = await run(batch)
    expect(retry).toHaveBeenCalledWith({ delaySeconds: 8 })
    expect(result.retryMessages.map((m) => m.msgId)).toEqual(['m-1'])
    expect(result.explicitAcks).toHaveLength(0)
    const logged = JSON.parse(String(warn.mock.calls[0]![0]))
    expect(logged).toMatchObject({ message_id: 'm-1', hub: 'https://hub.example.net', failed_topics: 3 })
    expect(JSON.stringify(warn.mock.calls)).not.toContain('/feeds/')
  })

  it('caps the backoff at 600 seconds and retries when only some topics fail', async () => {
    vi.spyOn(globalThis, 'fetch').mockImplementation(async (_input, init) =>
      new URLSearchParams(String(init?.body)).get('hub.url')!.endsWith('atom.xml')
        ? Promise.reject(new TypeError('network'))
        : new Response(null, { status: 204 }),
    )
    vi.spyOn(console, 'warn').mockImplementation(() => {})
    const batch = batchOf([ping()], 12)
    const retry = vi.spyOn(batch.messages[0]!, 'retry')
    const result = await run(batch)
    expect(retry).toHaveBeenCalledWith({ delaySeconds: 600 })
    expect(result.retryMessages.map((m) => m.msgId)).toEqual(['m-1'])
  })

  it('acks and drops an invalid message without pinging, logging its id only', async () => {
    const fetchSpy = vi.spyOn(globalThis, 'fetch')
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {})
    const result = await run(batchOf([{ ...ping(), topics: [] }, { ...ping(), hub: 'not a url' }, 'nonsense']))
    expect(result.explicitAcks.sort()).toEqual(['m-1', 'm-2', 'm-3'])
    expect(result.retryMessages).toHaveLength(0)
    expect(fetchSpy).not.toHaveBeenCalled()
    expect(warn).toHaveBeenCalledTimes(3)
    expect(JSON.stringify(warn.mock.calls)).not.toContain('not a url')
  })
})
