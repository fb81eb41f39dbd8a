import { createExecutionContext, createMessageBatch, getQueueResult } from 'cloudflare:test'
import { env } from 'cloudflare:workers'
import { describe, expect, it } from 'vitest'
import worker from '../src/index.ts'
import { MAIL_NAME_MAX } from '../src/mail/confirmation.ts'
import type { SignupMessage } from '../src/schemas/subscription.ts'

/** Delivers one sign-up to the queue consumer, as the queue would, and returns the mail it sent. */
async function confirmationFor(email: string, name: string) {
  const now = new Date().toISOString()
  const body: SignupMessage = {
    v: 1,
    email,
    name,
    newsletters: ['daily'],
    consent: { wording_version: '2026-11-01', at: now },
    source: null,
    received_at: now,
    request_id: 'test',
    ip_hash: null,
  }
  const batch = createMessageBatch('newsroom-subscriptions', [{ id: crypto.randomUUID(), timestamp: new Date(), attempts: 1, body }])
  const ctx = createExecutionContext()
  await worker.queue(batch, env, ctx)
  expect((await getQueueResult(batch, ctx)).explicitAcks).toHaveLength(1)
  return (await env.DB.prepare('SELECT text_body, html_body FROM outbox WHERE to_address = ?1')
    .bind(email)
    .first<{ text_body: string; html_body: string }>())!
}

describe('the confirmation e-mail', () => {
  it('repeats a name on one line: line breaks and control characters cannot inject text', async () => {
    const name = 'Ana\r\n\r\nYour account is locked. Call +1 555 0100\nBcc: victim@example.org\u0007\u2028\u202eevil'
    const mail = await confirmationFor('injected@example.org', name)
    const lines = mail.text_body.split('\n')
    expect(lines[0]).toMatch(/^Hello Ana Your account is locked\. Call \+1 555 0100 Bcc/)
    expect(lines.filter((line) => /Your account|Bcc:/.test(line))).toHaveLength(1)
    // biome-ignore lint/suspicious/noControlCharactersInRegex: no control character may reach the mail
    expect(mail.text_body).not.toMatch(/[\r\u0000-\u0009\u000b-\u001f\u007f\u2028\u202e]/)
    // biome-ignore lint/suspicious/noControlCharactersInRegex: nor the HTML part
    expect(mail.html_body).not.toMatch(/[\r\u0007\u2028\u202e]|Ana\s*\n/)
  })

  it(`repeats at most ${MAIL_NAME_MAX} characters of a name`, async () => {
    const mail = await confirmationFor('long-name@example.org', 'x'.repeat(100))
    const greeting = mail.text_body.split('\n')[0]!
    expect(greeting).toBe(`Hello ${'x'.repeat(MAIL_NAME_MAX - 1)}…,`)
  })

  it('keeps an ordinary name as it was typed', async () => {
    const mail = await confirmationFor('plain-name@example.org', 'Ana Ćosić-Müller')
    expect(mail.text_body.split('\n')[0]).toBe('Hello Ana Ćosić-Müller,')
  })
})
