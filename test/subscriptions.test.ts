import { createExecutionContext, createMessageBatch, getQueueResult } from 'cloudflare:test'
import { env } from 'cloudflare:workers'
import { afterEach, describe, expect, it, vi } from 'vitest'
import worker from '../src/index.ts'
import { CONFIRMATION_TTL_MS } from '../src/queue/subscriptions.ts'
import type { SignupMessage } from '../src/schemas/subscription.ts'
import { call } from './helpers.ts'

const QUEUE = 'newsroom-subscriptions'
let ipCounter = 0
/** Each test signs up from its own address, so the per-IP rate limit only bites where tested. */
const freshIp = () => `203.0.113.${++ipCounter}`

function form(fields: Record<string, string | string[]>, headers: Record<string, string> = {}) {
  const body = new URLSearchParams()
  for (const [key, value] of Object.entries(fields)) for (const v of [value].flat()) body.append(key, v)
  return {
    method: 'POST',
    body,
    // Browsers send Origin with every form POST; the tests of a missing Origin remove it.
    headers: {
      'content-type': 'application/x-www-form-urlencoded',
      origin: 'https://www.example-daily.eu',
      'cf-connecting-ip': freshIp(),
      ...headers,
    },
  }
}

function json(body: unknown, headers: Record<string, string> = {}) {
  return {
    method: 'POST',
    body: JSON.stringify(body),
    headers: { 'content-type': 'application/json', 'cf-connecting-ip': freshIp(), ...headers },
  }
}

/** Signs up and returns what was put on the queue. */
async function signUp(init: RequestInit & { env?: Record<string, unknown> }) {
  const send = vi.spyOn(env.SUBSCRIPTIONS, 'send')
  const { env: overrides, ...request } = init
  const res = await call('/v1/subscriptions', request, overrides)
  const messages = send.mock.calls.map((args) => args[0] as SignupMessage)
  send.mockRestore()
  return { res, messages }
}

/** Runs the queue consumer on these messages, as the queue would deliver them. */
async function consume(bodies: unknown[], ids?: string[], attempts = 1) {
  const batch = createMessageBatch(
    QUEUE,
    bodies.map((body, i) => ({ id: ids?.[i] ?? crypto.randomUUID(), timestamp: new Date(), attempts, body })),
  )
  const ctx = createExecutionContext()
  await worker.queue(batch, env, ctx)
  return getQueueResult(batch, ctx)
}

async function outboxFor(email: string) {
  const rows = await env.DB.prepare('SELECT * FROM outbox WHERE to_address = ?1 ORDER BY id').bind(email).all<any>()
  return rows.results
}

async function stateOf(email: string) {
  const rows = await env.DB.prepare(
    `SELECT x.newsletter, x.status FROM subscribers s JOIN subscriptions x ON x.subscriber_id = s.id WHERE s.email = ?1 ORDER BY x.newsletter`,
  )
    .bind(email)
    .all<{ newsletter: string; status: string }>()
  return Object.fromEntries(rows.results.map((r) => [r.newsletter, r.status]))
}

/** The token in a link of the mail's text. */
function tokenIn(mail: { text_body: string }, path: 'confirm' | 'unsubscribe') {
  const match = mail.text_body.match(new RegExp(`/v1/subscriptions/${path}\\?token=([A-Za-z0-9_-]{43})`))
  if (!match) throw new Error(`no ${path} link in ${mail.text_body}`)
  return match[1]!
}

afterEach(() => {
  vi.restoreAllMocks()
  vi.useRealTimers()
})

describe('POST /v1/subscriptions from an HTML form', () => {
  it('redirects 303 to an allowed return_to with subscription=pending, and queues the sign-up', async () => {
    const { res, messages } = await signUp(
      form({
        email: ' Reader@Example.org ',
        name: 'Ana',
        consent: 'on',
        return_to: 'https://www.example-daily.eu/world/story',
        source: 'https://www.example-daily.eu/world/story',
      }),
    )
    expect(res.status).toBe(303)
    expect(res.headers.get('location')).toBe('https://www.example-daily.eu/world/story?subscription=pending')
    expect(messages).toHaveLength(1)
    expect(messages[0]).toMatchObject({
      v: 1,
      email: 'Reader@Example.org',
      name: 'Ana',
      newsletters: ['daily'],
      consent: { wording_version: '2026-11-01', at: expect.any(String) },
      source: 'https://www.example-daily.eu/world/story',
      request_id: res.headers.get('x-request-id'),
      ip_hash: expect.stringMatching(/^[A-Za-z0-9_-]{43}$/),
    })
    expect(JSON.stringify(messages[0])).not.toMatch(/203\.0\.113/)
  })

  it('accepts multipart forms and several newsletters', async () => {
    const body = new FormData()
    body.append('email', 'multi@example.org')
    body.append('newsletters', 'daily')
    body.append('newsletters', 'breaking')
    body.append('consent', 'yes')
    const { res, messages } = await signUp({
      method: 'POST',
      body,
      headers: { origin: 'http://localhost:3000', 'cf-connecting-ip': freshIp() },
    })
    expect(res.status).toBe(200) // no return_to and no thank-you URL: a page
    expect(res.headers.get('content-type')).toMatch(/^text\/html/)
    expect(await res.text()).toContain('Check your inbox')
    expect(messages[0]!.newsletters).toEqual(['daily', 'breaking'])
  })

  it('sends a disallowed return_to to the built-in page instead', async () => {
    const { res, messages } = await signUp(form({ email: 'a@example.org', consent: 'on', return_to: 'https://evil.example/phish' }))
    expect(res.status).toBe(200)
    expect(res.headers.get('location')).toBeNull()
    expect(messages).toHaveLength(1)
  })

  it('redirects invalid input back with the fields to fix, and queues nothing', async () => {
    const { res, messages } = await signUp(form({ email: 'not-an-address', return_to: 'http://localhost:3000/signup' }))
    expect(res.status).toBe(303)
    const location = new URL(res.headers.get('location')!)
    expect(location.searchParams.get('subscription')).toBe('error')
    expect(location.searchParams.get('fields')!.split(',').sort()).toEqual(['consent', 'email'])
    expect(messages).toHaveLength(0)
  })

  it('shows an HTML error page, not JSON, when it cannot redirect', async () => {
    const { res } = await signUp(form({ email: 'x@example.org', newsletters: 'gossip', consent: 'on' }))
    expect(res.status).toBe(400)
    expect(res.headers.get('content-type')).toMatch(/^text\/html/)
    expect(await res.text()).toContain('newsletters')
  })

  it('refuses a form posted from a foreign origin, whatever it asks to get back', async () => {
    const { res, messages } = await signUp(form({ email: 'a@example.org', consent: 'on' }, { origin: 'https://evil.example' }))
    expect(res.status).toBe(403)
    const asJson = await signUp(
      form({ email: 'a@example.org', consent: 'on' }, { origin: 'https://evil.example', accept: 'application/json' }),
    )
    expect(asJson.res.status).toBe(403)
    expect(asJson.res.headers.get('content-type')).toBe('application/problem+json')
    expect([...messages, ...asJson.messages]).toHaveLength(0)
    const allowed = await signUp(form({ email: 'a@example.org', consent: 'on' }, { origin: 'http://localhost:3000' }))
    expect(allowed.messages).toHaveLength(1)
  })

  it('refuses a form with no Origin unless its Referer is an allowed page (urlencoded and multipart)', async () => {
    const withoutOrigin = (headers: Record<string, string>) => {
      const init = form({ email: 'no-origin@example.org', consent: 'on' }, headers)
      delete (init.headers as Record<string, string>).origin
      return init
    }
    const bare = await signUp(withoutOrigin({}))
    expect(bare.res.status).toBe(403)
    expect(bare.res.headers.get('content-type')).toMatch(/^text\/html/)
    const foreign = await signUp(withoutOrigin({ referer: 'https://evil.example/page', accept: 'application/json' }))
    expect(foreign.res.status).toBe(403)
    expect(foreign.res.headers.get('content-type')).toBe('application/problem+json')
    const multipart = new FormData()
    multipart.append('email', 'no-origin@example.org')
    multipart.append('consent', 'on')
    const bareMultipart = await signUp({ method: 'POST', body: multipart, headers: { 'cf-connecting-ip': freshIp() } })
    expect(bareMultipart.res.status).toBe(403)
    expect([...bare.messages, ...foreign.messages, ...bareMultipart.messages]).toHaveLength(0)

    const fromOurPage = await signUp(withoutOrigin({ referer: 'https://www.example-daily.eu/world/story?x=1' }))
    expect(fromOurPage.res.status).toBe(200)
    expect(fromOurPage.messages).toHaveLength(1)
  })

  it('needs neither Origin nor Referer for a JSON sign-up (apps)', async () => {
    const { res, messages } = await signUp(json({ email: 'app-no-origin@example.org', consent: true }))
    expect(res.status).toBe(202)
    expect(messages).toHaveLength(1)
  })

  it('answers a filled honeypot exactly like success, and queues nothing', async () => {
    const real = await signUp(form({ email: 'a@example.org', consent: 'on', return_to: 'http://localhost:3000/x' }))
    const bot = await signUp(
      form({ email: 'bot@example.org', consent: 'on', website: 'http://spam.example', return_to: 'http://localhost:3000/x' }),
    )
    expect(bot.res.status).toBe(real.res.status)
    expect(bot.res.headers.get('location')).toBe(real.res.headers.get('location'))
    expect(bot.messages).toHaveLength(0)
  })
})

describe('POST /v1/subscriptions from an app', () => {
  it('answers 202 pending', async () => {
    const { res, messages } = await signUp(json({ email: 'app@example.org', consent: true, newsletters: ['breaking'], source: 'ios-app' }))
    expect(res.status).toBe(202)
    expect(await res.json()).toEqual({ status: 'pending' })
    expect(messages[0]).toMatchObject({ email: 'app@example.org', newsletters: ['breaking'], source: 'ios-app' })
  })

  it.each([
    [{ consent: true }, ['email']],
    [{ email: 'a@example.org' }, ['consent']],
    [{ email: 'a@example.org', consent: 'yes' }, ['consent']],
    [{ email: `${'a'.repeat(250)}@example.org`, consent: true }, ['email']],
    [{ email: 'a@example.org', consent: true, name: 'n'.repeat(101) }, ['name']],
    [{ email: 'a@example.org', consent: true, newsletters: ['gossip'] }, ['newsletters.0']],
    [{ email: 'a@example.org', consent: true, admin: true }, ['admin']],
  ])('answers 400 naming the fields for %j', async (body, fields) => {
    const { res, messages } = await signUp(json(body))
    expect(res.status).toBe(400)
    expect(res.headers.get('content-type')).toBe('application/problem+json')
    const problem: any = await res.json()
    expect(problem.errors.map((e: any) => e.field)).toEqual(fields)
    expect(messages).toHaveLength(0)
  })

  it.each([
    ['bad JSON', { body: '{"email": ', headers: { 'content-type': 'application/json' } }, 400],
    ['a JSON array', { body: '[]', headers: { 'content-type': 'application/json' } }, 400],
    [
      'a missing multipart boundary',
      { body: 'email=a', headers: { 'content-type': 'multipart/form-data', origin: 'http://localhost:3000' } },
      400,
    ],
    ['a wrong content type', { body: 'email=a', headers: { 'content-type': 'text/plain' } }, 415],
    ['no content type', { body: 'email=a', headers: {} }, 415],
  ])('answers %s with a 4xx problem, never a 500', async (_, init, status) => {
    const res = await call('/v1/subscriptions', {
      method: 'POST',
      ...init,
      headers: { ...init.headers, 'cf-connecting-ip': freshIp(), accept: 'application/json' },
    })
    expect(res.status).toBe(status)
    expect(res.headers.get('content-type')).toBe('application/problem+json')
  })

  it('refuses bodies over 16 KiB with a 413 problem, by Content-Length and when chunked', async () => {
    const tooLarge = `{"email":"a@example.org","consent":true,"source":"${'y'.repeat(20_000)}"}`
    // Declared: refused from the header alone.
    const declared = await call('/v1/subscriptions', json(JSON.parse(tooLarge), { 'content-length': String(tooLarge.length) }))
    expect(declared.status).toBe(413)
    expect(declared.headers.get('content-type')).toBe('application/problem+json')
    // Streamed without Content-Length (as every body in these tests is): refused once 16 KiB are read.
    const streamed = (text: string) =>
      new ReadableStream({
        start(controller) {
          controller.enqueue(new TextEncoder().encode(text))
          controller.close()
        },
      })
    const chunked = await call('/v1/subscriptions', {
      method: 'POST',
      body: streamed(tooLarge),
      headers: { 'content-type': 'application/json', 'cf-connecting-ip': freshIp() },
      // @ts-expect-error: a streamed body, sent without Content-Length
      duplex: 'half',
    })
    expect(chunked.status).toBe(413)
    expect(chunked.headers.get('content-type')).toBe('application/problem+json')
    expect(((await chunked.json()) as any).detail).toBe('The body is over 16 KiB.')
    // A form's gets the error page instead.
    const chunkedForm = await call('/v1/subscriptions', {
      method: 'POST',
      body: streamed(`email=a%40example.org&consent=on&source=${'y'.repeat(20_000)}`),
      headers: { 'content-type': 'application/x-www-form-urlencoded', origin: 'http://localhost:3000', 'cf-connecting-ip': freshIp() },
      // @ts-expect-error: a streamed body, sent without Content-Length
      duplex: 'half',
    })
    expect(chunkedForm.status).toBe(413)
    expect(chunkedForm.headers.get('content-type')).toMatch(/^text\/html/)
    // Just under the limit, streamed, goes through.
    const fits = `{"email":"a@example.org","consent":true,"source":"${'y'.repeat(400)}"}`
    const small = await call('/v1/subscriptions', {
      method: 'POST',
      body: streamed(fits),
      headers: { 'content-type': 'application/json', 'cf-connecting-ip': freshIp() },
      // @ts-expect-error: a streamed body, sent without Content-Length
      duplex: 'half',
    })
    expect(small.status).toBe(202)
  })

  it('answers 503 with Retry-After and claims nothing when the queue fails', async () => {
    vi.spyOn(env.SUBSCRIPTIONS, 'send').mockRejectedValue(new Error('queue unavailable'))
    const res = await call('/v1/subscriptions', json({ email: 'a@example.org', consent: true }))
    expect(res.status).toBe(503)
    expect(res.headers.get('retry-after')).toBe('30')
    const viaForm = await call('/v1/subscriptions', form({ email: 'a@example.org', consent: 'on', return_to: 'http://localhost:3000/x' }))
    expect(viaForm.status).toBe(303)
    expect(viaForm.headers.get('location')).toContain('subscription=error')
    expect(viaForm.headers.get('location')).not.toContain('pending')
  })

  it('limits sign-ups per client IP, answering 429 with Retry-After', async () => {
    const headers = { 'cf-connecting-ip': '198.51.100.7' }
    const statuses = []
    for (let i = 0; i < 5; i++)
      statuses.push((await call('/v1/subscriptions', json({ email: `r${i}@example.org`, consent: true }, headers))).status)
    expect(statuses).toEqual([202, 202, 202, 202, 202])
    // 5 a minute in fixed windows: sign-ups that straddle the turn of a window need up to twice
    // that before one is refused.
    let res = await call('/v1/subscriptions', json({ email: 'r@example.org', consent: true }, headers))
    for (let i = 0; i < 6 && res.status !== 429; i++)
      res = await call('/v1/subscriptions', json({ email: 'r@example.org', consent: true }, headers))
    expect(res.status).toBe(429)
    expect(res.headers.get('retry-after')).toBe('60')
  })

  it('verifies Turnstile tokens server-side when a secret is configured', async () => {
    const fetchSpy = vi.spyOn(globalThis, 'fetch').mockImplementation(async (input, init) => {
      expect(String(input)).toBe('https://challenges.cloudflare.com/turnstile/v0/siteverify')
      const sent = new URLSearchParams(String(init?.body))
      expect(sent.get('secret')).toBe('turnstile-secret')
      return Response.json({ success: sent.get('response') === 'good-token' })
    })
    const withSecret = { TURNSTILE_SECRET: 'turnstile-secret' }
    const pass = await signUp({
      ...json({ email: 't@example.org', consent: true, 'cf-turnstile-response': 'good-token' }),
      env: withSecret,
    })
    expect(pass.res.status).toBe(202)
    expect(pass.messages).toHaveLength(1)
    const fail = await signUp({ ...json({ email: 't@example.org', consent: true, 'cf-turnstile-response': 'forged' }), env: withSecret })
    expect(fail.res.status).toBe(403)
    expect(fail.messages).toHaveLength(0)
    const missing = await signUp({ ...json({ email: 't@example.org', consent: true }), env: withSecret })
    expect(missing.res.status).toBe(403)
    expect(fetchSpy).toHaveBeenCalledTimes(2)
  })
})

describe('the queue consumer', () => {
  it('keeps a pending subscriber and sends a confirmation e-mail with working links', async () => {
    const { messages } = await signUp(
      json({ email: 'Flow@Example.org', name: 'Ana Ćosić', consent: true, newsletters: ['daily', 'breaking'] }),
    )
    const result = await consume(messages)
    expect(result.explicitAcks).toHaveLength(1)
    expect(await stateOf('Flow@Example.org')).toEqual({ breaking: 'pending', daily: 'pending' })

    const [mail] = await outboxFor('Flow@Example.org')
    expect(mail.subject).toContain('Confirm')
    expect(JSON.parse(mail.headers)).toMatchObject({
      'List-Unsubscribe': expect.stringMatching(/^<http:\/\/localhost:8787\/v1\/subscriptions\/unsubscribe\?token=.{43}>$/),
      'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click',
    })
    expect(mail.html_body).toContain('Ana Ćosić')

    // The link in the mail shows a page and changes nothing...
    const confirm = tokenIn(mail, 'confirm')
    const page = await call(`/v1/subscriptions/confirm?token=${confirm}`)
    expect(page.status).toBe(200)
    expect(await page.text()).toContain('method="post"')
    expect(await stateOf('Flow@Example.org')).toEqual({ breaking: 'pending', daily: 'pending' })
    // ...its button confirms.
    const confirmed = await call(`/v1/subscriptions/confirm?token=${confirm}`, { method: 'POST', headers: { accept: 'application/json' } })
    expect(confirmed.status).toBe(200)
    expect(await confirmed.json()).toEqual({ status: 'confirmed', newsletters: ['daily', 'breaking'] })
    expect(await stateOf('Flow@Example.org')).toEqual({ breaking: 'confirmed', daily: 'confirmed' })

    // Used once: a second click says so clearly.
    const again = await call(`/v1/subscriptions/confirm?token=${confirm}`, { method: 'POST' })
    expect(again.status).toBe(410)
    expect(again.headers.get('content-type')).toMatch(/^text\/html/)

    // One click unsubscribes (RFC 8058): 200, no redirect; the GET page changes nothing.
    const unsubscribeToken = tokenIn(mail, 'unsubscribe')
    expect((await call(`/v1/subscriptions/unsubscribe?token=${unsubscribeToken}`)).status).toBe(200)
    expect(await stateOf('Flow@Example.org')).toEqual({ breaking: 'confirmed', daily: 'confirmed' })
    const oneClick = await call(`/v1/subscriptions/unsubscribe?token=${unsubscribeToken}`, {
      method: 'POST',
      body: 'List-Unsubscribe=One-Click',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    })
    expect(oneClick.status).toBe(200)
    expect(await stateOf('Flow@Example.org')).toEqual({ breaking: 'unsubscribed', daily: 'unsubscribed' })
    expect((await call(`/v1/subscriptions/unsubscribe?token=${unsubscribeToken}`, { method: 'POST' })).status).toBe(200)
  })

  it('keeps personal tokens out of every cache and log: no-store, no Referer, nothing in KV', async () => {
    const logged: unknown[][] = []
    for (const level of ['log', 'info', 'warn', 'error', 'debug'] as const) {
      vi.spyOn(console, level).mockImplementation((...args: unknown[]) => void logged.push(args))
    }
    const { messages } = await signUp(json({ email: 'private@example.org', consent: true }))
    await consume(messages)
    const [mail] = await outboxFor('private@example.org')
    const tokens = [tokenIn(mail, 'confirm'), tokenIn(mail, 'unsubscribe')]
    const visits = [
      await call(`/v1/subscriptions/confirm?token=${tokens[0]}`),
      await call(`/v1/subscriptions/unsubscribe?token=${tokens[1]}`),
      await call(`/v1/subscriptions/confirm?token=${tokens[0]}`, { method: 'POST' }),
      await call(`/v1/subscriptions/unsubscribe?token=${tokens[1]}`, { method: 'POST' }),
      await call(`/v1/subscriptions/confirm?token=${'A'.repeat(43)}`),
    ]
    for (const res of visits) {
      expect(res.headers.get('cache-control'), res.url).toBe('no-store')
      expect(res.headers.get('referrer-policy'), res.url).toBe('no-referrer')
    }
    const keys = (await env.CACHE.list()).keys.map((key) => key.name)
    const values = await Promise.all(keys.map((key) => env.CACHE.get(key)))
    for (const token of tokens) {
      expect(keys.filter((key) => key.includes(token))).toEqual([])
      expect(values.filter((value) => value?.includes(token))).toEqual([])
      expect(logged.filter((args) => JSON.stringify(args).includes(token))).toEqual([])
    }
  })

  it('stores tokens only as hashes', async () => {
    const { messages } = await signUp(json({ email: 'hash@example.org', consent: true }))
    await consume(messages)
    const [mail] = await outboxFor('hash@example.org')
    const token = tokenIn(mail, 'confirm')
    const rows = await env.DB.prepare('SELECT token_hash FROM subscriber_tokens').all<{ token_hash: string }>()
    expect(rows.results.some((r) => r.token_hash === token)).toBe(false)
    expect(rows.results.every((r) => /^[0-9a-f]{64}$/.test(r.token_hash))).toBe(true)
  })

  it('is idempotent: a re-delivered message and a second sign-up leave one row and one e-mail', async () => {
    const { messages } = await signUp(json({ email: 'twice@example.org', consent: true }))
    const id = crypto.randomUUID()
    await consume(messages, [id])
    await consume(messages, [id])
    const second = await signUp(json({ email: 'TWICE@example.org ', consent: true }))
    await consume(second.messages)
    const count = await env.DB.prepare(
      "SELECT count(*) AS n FROM subscribers WHERE email_hash IN (SELECT email_hash FROM subscribers WHERE lower(email) = 'twice@example.org')",
    ).first<{ n: number }>()
    expect(count!.n).toBe(1)
    const mails = await env.DB.prepare("SELECT count(*) AS n FROM outbox WHERE lower(to_address) = 'twice@example.org'").first<{
      n: number
    }>()
    expect(mails!.n).toBe(1)
    const consents = await env.DB.prepare('SELECT count(*) AS n FROM consents WHERE message_id = ?1').bind(id).first<{ n: number }>()
    expect(consents!.n).toBe(1)
  })

  it('starts a new double opt-in when someone re-subscribes after unsubscribing', async () => {
    const first = await signUp(json({ email: 'back@example.org', consent: true }))
    await consume(first.messages)
    const [mail] = await outboxFor('back@example.org')
    await call(`/v1/subscriptions/unsubscribe?token=${tokenIn(mail, 'unsubscribe')}`, { method: 'POST' })
    expect(await stateOf('back@example.org')).toEqual({ daily: 'unsubscribed' })
    const again = await signUp(json({ email: 'back@example.org', consent: true }))
    await consume(again.messages)
    expect(await stateOf('back@example.org')).toEqual({ daily: 'pending' })
    expect(await outboxFor('back@example.org')).toHaveLength(2)
  })

  it('acknowledges a poison message once, without logging the address, instead of retrying it forever', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {})
    const result = await consume([{ v: 1, email: 'poison@example.org' }, 'not even an object'])
    expect(result.explicitAcks).toHaveLength(2)
    expect(result.retryMessages).toHaveLength(0)
    expect(JSON.stringify(warn.mock.calls)).not.toContain('poison@example.org')
  })

  it('retries with exponential backoff when D1 fails', async () => {
    const { messages } = await signUp(json({ email: 'retry@example.org', consent: true }))
    vi.spyOn(env.DB, 'batch').mockRejectedValue(new Error('D1 overloaded'))
    vi.spyOn(console, 'warn').mockImplementation(() => {})
    const batch = createMessageBatch(QUEUE, [{ id: 'm-1', timestamp: new Date(), attempts: 3, body: messages[0] }])
    const retry = vi.spyOn(batch.messages[0]!, 'retry')
    const ctx = createExecutionContext()
    await worker.queue(batch, env, ctx)
    const result = await getQueueResult(batch, ctx)
    expect(retry).toHaveBeenCalledWith({ delaySeconds: 8 })
    expect(result.retryMessages.map((m) => m.msgId)).toEqual(['m-1'])
    expect(result.explicitAcks).toHaveLength(0)
  })

  it('answers an expired confirmation link with 410', async () => {
    const { messages } = await signUp(json({ email: 'late@example.org', consent: true }))
    await consume(messages)
    const [mail] = await outboxFor('late@example.org')
    vi.useFakeTimers({ toFake: ['Date'], now: Date.now() + CONFIRMATION_TTL_MS + 60_000 })
    const res = await call(`/v1/subscriptions/confirm?token=${tokenIn(mail, 'confirm')}`, {
      method: 'POST',
      headers: { accept: 'application/json' },
    })
    expect(res.status).toBe(410)
    expect(res.headers.get('content-type')).toBe('application/problem+json')
    expect(await stateOf('late@example.org')).toEqual({ daily: 'pending' })
  })

  it.each(['/v1/subscriptions/confirm?token=short', '/v1/subscriptions/confirm', `/v1/subscriptions/unsubscribe?token=${'A'.repeat(43)}`])(
    'answers a bad link %s with a clear 4xx, not a 500',
    async (path) => {
      const res = await call(path, { method: 'POST' })
      expect(res.status).toBeGreaterThanOrEqual(400)
      expect(res.status).toBeLessThan(500)
    },
  )
})

describe('an incomplete e-mail link', () => {
  it.each([
    ['GET', '/v1/subscriptions/confirm', 'This confirmation link is incomplete.'],
    ['GET', '/v1/subscriptions/unsubscribe?token=short', 'This unsubscribe link is incomplete.'],
    ['POST', `/v1/subscriptions/confirm?token=${'A'.repeat(42)}!`, 'This link is incomplete.'],
    ['POST', '/v1/subscriptions/unsubscribe', 'This link is incomplete.'],
  ])('%s %s is a 400 page saying so, or a 400 problem for programs', async (method, path, sentence) => {
    const page = await call(path, { method })
    expect(page.status).toBe(400)
    expect(page.headers.get('content-type')).toMatch(/^text\/html/)
    expect(await page.text()).toContain(sentence)
    const problem = await call(path, { method, headers: { accept: 'application/json' } })
    expect(problem.status).toBe(400)
    expect(problem.headers.get('content-type')).toBe('application/problem+json')
    expect(((await problem.json()) as any).detail).toContain(sentence)
  })

  it('erasing with something that is not a token is a 400 problem naming the token', async () => {
    const res = await call('/v1/subscriptions/not-a-token', { method: 'DELETE' })
    expect(res.status).toBe(400)
    expect(res.headers.get('content-type')).toBe('application/problem+json')
    expect(((await res.json()) as any).errors).toEqual([{ field: 'token', in: 'path', detail: 'is not a token from our e-mails' }])
  })
})

describe('erasure', () => {
  it('removes the address, subscriptions, tokens and mail, keeping an address-free consent record', async () => {
    const { messages } = await signUp(json({ email: 'forget-me@example.org', consent: true }))
    await consume(messages)
    const [mail] = await outboxFor('forget-me@example.org')
    const res = await call(`/v1/subscriptions/${tokenIn(mail, 'unsubscribe')}`, { method: 'DELETE' })
    expect(res.status).toBe(204)
    const dump = JSON.stringify(
      await Promise.all(
        ['subscribers', 'subscriptions', 'subscriber_tokens', 'outbox', 'consents'].map(
          async (table) => (await env.DB.prepare(`SELECT * FROM ${table}`).all()).results,
        ),
      ),
    )
    expect(dump).not.toContain('forget-me@example.org')
    const consent = await env.DB.prepare('SELECT subscriber_id FROM consents WHERE request_id = ?1').bind(messages[0]!.request_id).first()
    expect(consent).toEqual({ subscriber_id: null })
    expect((await call(`/v1/subscriptions/${tokenIn(mail, 'unsubscribe')}`, { method: 'DELETE' })).status).toBe(404)
  })
})

describe('the production mailer', () => {
  it('sends the confirmation through the send_email binding with the unsubscribe headers', async () => {
    const sent: any[] = []
    const mailEnv = {
      ...env,
      MAIL_TRANSPORT: 'send_email',
      EMAIL: { send: async (message: unknown) => void sent.push(message) },
    } as unknown as Env
    const { messages } = await signUp(json({ email: 'prod@example.org', consent: true }))
    const batch = createMessageBatch(QUEUE, [{ id: crypto.randomUUID(), timestamp: new Date(), attempts: 1, body: messages[0] }])
    const ctx = createExecutionContext()
    await worker.queue(batch, mailEnv, ctx)
    expect(sent).toEqual([
      expect.objectContaining({
        from: 'newsletter@example-daily.eu',
        to: 'prod@example.org',
        subject: expect.stringContaining('Confirm'),
        headers: {
          'List-Unsubscribe': expect.stringMatching(/^<.+unsubscribe\?token=.+>$/),
          'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click',
        },
      }),
    ])
    expect(await outboxFor('prod@example.org')).toHaveLength(0)
  })
})
