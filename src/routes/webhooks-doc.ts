import { z, type OpenAPIHono } from '@hono/zod-openapi'
import { WebhookPayload } from '../schemas/syndication.ts'

/**
 * The pushes partners receive, for the OpenAPI document's `webhooks` section (OpenAPI 3.1): one
 * entry per event type, each a POST of the Standard Webhooks envelope around the ninjs.
 */

const signatureHeaders = z.object({
  'webhook-id': z.string().openapi({ description: 'The event id: the same for every retry of this event. Deduplicate on it.' }),
  'webhook-timestamp': z
    .string()
    .openapi({ description: 'Seconds since the epoch when this attempt was signed. Reject if older than 5 minutes.' }),
  'webhook-signature': z.string().openapi({
    description: 'Space-separated `v1,<base64 HMAC-SHA256 of id.timestamp.body>`: two during a secret rotation. Accept if one matches.',
  }),
})

const EVENTS = {
  'article.published':
    'An article may be used (`pubStatus: usable`), or, for partners with the embargo permission, prepared (`withheld` until `embargoedUntil`).',
  'article.updated': 'A new version of an article already sent.',
  'article.corrected': 'A new version with a public correction; `correction` carries its text.',
  'article.withdrawn': 'A kill: remove the article everywhere (`pubStatus: canceled`). Sent to every endpoint that received it.',
} as const

type Registry = OpenAPIHono['openAPIRegistry']

export function registerWebhooks(registry: Registry) {
  for (const [event, description] of Object.entries(EVENTS)) {
    registry.registerWebhook({
      method: 'post',
      path: event,
      operationId: `webhook${event.replace(/^article\.(\w)/, (_, c: string) => `Article${c.toUpperCase()}`)}`,
      summary: event,
      description,
      tags: ['Syndication'],
      request: { headers: signatureHeaders, body: { required: true, content: { 'application/json': { schema: WebhookPayload } } } },
      responses: {
        200: { description: 'Any 2xx acknowledges the delivery.' },
        410: { description: 'Gone: the endpoint is disabled at once.' },
        429: { description: 'Retried, after Retry-After when given.' },
        500: { description: 'Any 5xx, 408, timeout (10 s) or network error is retried with exponential backoff, 8 tries in all.' },
      },
    })
  }
}
