import { createExecutionContext, createMessageBatch, getQueueResult } from 'cloudflare:test'
import { env } from 'cloudflare:workers'
import { describe, expect, it, vi } from 'vitest'
import worker from '../src/index.ts'
import { newsletterIds, newsletterNames, newslettersOf } from '../src/lib/newsletters.ts'
import type { SignupMessage } from '../src/schemas/subscription.ts'
import { call } from './helpers.ts'

// wrangler.toml: NEWSLETTERS = "daily:The daily briefing,breaking:Breaking news"

let ip = 0
async function signUp(body: unknown, overrides: Record<string, unknown> = {}) {
  const send = vi.spyOn(env.SUBSCRIPTIONS, 'send')
  const res = await call(
    '/v1/subscriptions',
    {
      method: 'POST',
      body: JSON.stringify(body),
      headers: { 'content-type': 'application/json', 'cf-connecting-ip': `198.51.100.${++ip}` },
    },
    overrides,
  )
  const messages = send.mock.calls.map((args) => args[0] as SignupMessage)
  send.mockRestore()
  return { res, messages }
}

async function consume(messages: SignupMessage[]) {
  const batch = createMessageBatch(
    'newsroom-subscriptions',
    messages.map((body) => ({ id: crypto.randomUUID(), timestamp: new Date(), attempts: 1, body })),
  )
  const ctx = createExecutionContext()
  await worker.queue(batch, env, ctx)
  return getQueueResult(batch, ctx)
}

describe('the NEWSLETTERS setting', () => {
  it('gives each id a display name', () => {
    expect(newslettersOf('daily:The daily briefing, breaking : Breaking news')).toEqual([
      { id: 'daily', name: 'The daily briefing' },
      { id: 'breaking', name: 'Breaking news' },
    ])
    expect(newslettersOf('weekly:Week: the review')).toEqual([{ id: 'weekly', name: 'Week: the review' }])
  })

  it('still takes plain ids, which are their own names', () => {
    expect(newslettersOf('daily,breaking')).toEqual([
      { id: 'daily', name: 'daily' },
      { id: 'breaking', name: 'breaking' },
    ])
    expect(newsletterIds(newslettersOf('daily, breaking:Breaking news,,'))).toEqual(['daily', 'breaking'])
    expect(newsletterIds(newslettersOf(''))).toEqual(['daily'])
  })

  it('names newsletters in the order asked, and leaves an id it does not know as it is', () => {
    expect(newsletterNames(newslettersOf('daily:The daily briefing,breaking:Breaking news'), ['breaking', 'daily', 'old'])).toBe(
      'Breaking news, The daily briefing, old',
    )
  })
})

describe('newsletters by name', () => {
  it('are named in the e-mail and on the confirmation and unsubscribe pages; programs keep the ids', async () => {
    const { res, messages } = await signUp({ email: 'names@example.org', consent: true, newsletters: ['daily', 'breaking'] })
    expect(res.status).toBe(202)
    expect(messages[0]!.newsletters).toEqual(['daily', 'breaking'])
    expect((await consume(messages)).explicitAcks).toHaveLength(1)

    const mail = (await env.DB.prepare("SELECT * FROM outbox WHERE to_address = 'names@example.org'").first<any>())!
    expect(mail.text_body).toContain('You will receive: The daily briefing, Breaking news.')
    expect(mail.html_body).toContain('You will receive: The daily briefing, Breaking news.')
    expect(mail.text_body).not.toMatch(/\bdaily, breaking\b/)

    const token = (path: string) => mail.text_body.match(new RegExp(`/v1/subscriptions/${path}\\?token=([A-Za-z0-9_-]{43})`))[1]
    const confirmed = await call(`/v1/subscriptions/confirm?token=${token('confirm')}`, { method: 'POST' })
    expect(await confirmed.text()).toContain('You will receive: The daily briefing, Breaking news.')
    const left = await call(`/v1/subscriptions/unsubscribe?token=${token('unsubscribe')}`, { method: 'POST' })
    expect(await left.text()).toContain('You will no longer receive: The daily briefing, Breaking news.')
    const asJson = await call(`/v1/subscriptions/unsubscribe?token=${token('unsubscribe')}`, {
      method: 'POST',
      headers: { accept: 'application/json' },
    })
    expect(await asJson.json()).toEqual({ status: 'unsubscribed', newsletters: ['daily', 'breaking'] })
  })

  it('take plain ids in the setting as before', async () => {
    const { res, messages } = await signUp({ email: 'plain@example.org', consent: true }, { NEWSLETTERS: 'daily,breaking' })
    expect(res.status).toBe(202)
    expect(messages[0]!.newsletters).toEqual(['daily'])
    const refused = await signUp({ email: 'plain@example.org', consent: true, newsletters: ['The daily briefing'] })
    expect(refused.res.status).toBe(400)
  })
})
