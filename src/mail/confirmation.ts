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
 * The double opt-in e-mail. It carries List-Unsubscribe with one-click POST (RFC 8058), so mail
 * clients can offer "Unsubscribe" themselves.
 */
export async function confirmationMail(config: { from: string; publication: string }, mail: ConfirmationMail): Promise<Mail> {
  const greeting = mail.name ? `Hello ${mail.name},` : 'Hello,'
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
