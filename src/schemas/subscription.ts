import { z } from '@hono/zod-openapi'

/** What a sign-up says, from a form or an app, once parsed (see routes/subscriptions/sign-up-fields.ts). */
export function subscriptionRequest(newsletters: readonly [string, ...string[]]) {
  return z
    .object({
      email: z
        .string()
        .trim()
        .max(254)
        .pipe(z.email({ message: 'must be an e-mail address' }))
        .openapi({ example: 'reader@example.org' }),
      name: z.string().trim().max(100).optional(),
      newsletters: z
        .array(z.enum(newsletters, { message: `must be one of: ${newsletters.join(', ')}` }))
        .min(1)
        .max(newsletters.length)
        .optional()
        .openapi({ description: "Newsletter ids; the publication's default newsletter when absent." }),
      consent: z.literal(true, { message: 'must be given: tick the box, or send true' }),
      source: z.string().trim().max(500).optional().openapi({ description: 'The page URL or app that asked.' }),
      return_to: z.string().max(2048).optional().openapi({ description: 'Forms only: where to send the reader back.' }),
    })
    .strict()
}

export const SubscriptionBody = subscriptionRequest(['daily', 'breaking'])
  .extend({
    website: z.string().optional().openapi({ description: 'Leave empty. (A field that people never see nor fill.)' }),
    'cf-turnstile-response': z.string().optional().openapi({ description: 'The Turnstile token, when Turnstile is enabled.' }),
  })
  .openapi('SubscriptionRequest', {
    // What "Test request" in /docs sends: a real sign-up (the honeypot left empty).
    example: {
      email: 'reader@example.org',
      name: 'Ana Reader',
      newsletters: ['daily'],
      consent: true,
      source: 'https://www.example-daily.eu/newsletter',
    },
  })

export const SubscriptionAccepted = z
  .object({ status: z.literal('pending') })
  .openapi('SubscriptionAccepted', { description: 'Check your inbox: a confirmation link is on its way.' })

export const SubscriptionState = z
  .object({
    status: z.enum(['confirmed', 'unsubscribed']),
    newsletters: z.array(z.string()),
  })
  .openapi('SubscriptionState')

/**
 * The message on the subscriptions queue. Versioned: a consumer must be able to read what an
 * older producer sent while a deploy rolls out.
 */
export const SignupMessage = z.object({
  v: z.literal(1),
  email: z.string().max(254).pipe(z.email()),
  name: z.string().max(100).nullable(),
  newsletters: z.array(z.string().min(1).max(40)).min(1).max(20),
  consent: z.object({ wording_version: z.string().min(1).max(40), at: z.iso.datetime() }),
  source: z.string().max(500).nullable(),
  received_at: z.iso.datetime(),
  request_id: z.string().max(100),
  ip_hash: z.string().max(100).nullable(),
})

export type SignupMessage = z.infer<typeof SignupMessage>
