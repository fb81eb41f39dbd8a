import { html } from 'hono/html'
import type { Mail } from './mailer.ts'

export interface ConfirmationMail {
  to: string
  name: string | null
  /** The newsletters' names, as readers read them: "The daily briefing, Breaking news". */
  newsletters: string
  confirmUrl: string
  unsubscribeUrl: string
  subscriberId: number
}

/**
 * The most characters of a reader's name that a mail repeats: enough for real names, too few to
 * carry a message of someone else's making to whatever address they typed.
 */
export const MAIL_NAME_MAX = 60

// Control characters (C0, DEL, C1: CR and LF among them), line and paragraph separators, and the
// invisible format characters that reorder or hide text (bidi overrides and isolates, zero widths).
const UNSAFE_IN_MAIL = /[\p{Cc}\u2028\u2029\u200b-\u200f\u202a-\u202e\u2060-\u2069\ufeff]/gu

/**
 * Text a reader typed, made fit to echo into an e-mail: one line (no injected lines, headers or
 * paragraphs), no control or invisible characters, spaces collapsed, at most `max` characters
 * (an ellipsis marks a cut).
 */
export function mailSafe(text: string, max: number): string {
  const line = text.replace(UNSAFE_IN_MAIL, ' ').replace(/\s+/g, ' ').trim()
  const chars = Array.from(line)
  return chars.length <= max
    ? line
    : `${chars
        .slice(0, max - 1)
        .join('')
        .trimEnd()}…`
}

/**
 * The double opt-in e-mail. It carries List-Unsubscribe with one-click POST (RFC 8058), so mail
 * clients can offer "Unsubscribe" themselves.
 */
export async function confirmationMail(config: { from: string; publication: string }, mail: ConfirmationMail): Promise<Mail> {
  const name = mail.name ? mailSafe(mail.name, MAIL_NAME_MAX) : ''
  const greeting = name ? `Hello ${name},` : 'Hello,'
  const text = [
    greeting,
    '',
    `Please confirm that you want ${config.publication} newsletters at this address. You will receive: ${mail.newsletters}.`,
    'Confirm here:',
    mail.confirmUrl,
    '',
    'If you did not ask for this, ignore this e-mail: nothing will be sent to you.',
    `The link works for 7 days. To opt out at any time: ${mail.unsubscribeUrl}`,
  ].join('\n')
  const body = await html`<!doctype html><html lang="en"><body style="font-family:system-ui,sans-serif">
<p>${greeting}</p>
<p>Please confirm that you want ${config.publication} newsletters at this address. You will receive: ${mail.newsletters}.</p>
<p><a href="${mail.confirmUrl}">Confirm my subscription</a></p>
<p>If you did not ask for this, ignore this e-mail: nothing will be sent to you. The link works for 7 days.</p>
<p><a href="${mail.unsubscribeUrl}">Unsubscribe</a></p>
</body></html>`
  return {
    to: mail.to,
    from: config.from,
    subject: `Confirm your ${config.publication} newsletter subscription`,
    text,
    html: body.toString(),
    headers: {
      'List-Unsubscribe': `<${mail.unsubscribeUrl}>`,
      'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click',
    },
    subscriberId: mail.subscriberId,
  }
}
