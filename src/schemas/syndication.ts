import { z } from '@hono/zod-openapi'
import { NextCursor, PageQuery, Slug, Timestamp } from './common.ts'
import { Ninjs } from './ninjs.ts'

/** What partners can be told about an article. */
export const EventType = z.enum(['article.published', 'article.updated', 'article.corrected', 'article.withdrawn']).openapi({
  description: 'published: it may be used (or, under embargo, prepared); updated/corrected: a new version; withdrawn: remove it.',
})

/**
 * The body of every push, and of every entry of the partner event log: the Standard Webhooks
 * envelope (`type`, `timestamp`, `data`) around the article's ninjs.
 */
export const WebhookPayload = z
  .object({
    type: EventType,
    timestamp: Timestamp,
    data: Ninjs,
    correction: z
      .object({ text: z.string(), at: Timestamp })
      .optional()
      .openapi({ description: 'article.corrected only: the correction as published with the article.' }),
  })
  .openapi('WebhookPayload')

export type WebhookPayload = z.infer<typeof WebhookPayload>

export const PartnerEvent = z
  .object({
    id: z.string().openapi({
      description: 'The event id: the `webhook-id` of its pushes. Stable across retries.',
      example: 'evt_3f1c0c2a9b7e4d7a8e0f1b2c3d4e5f60',
    }),
    seq: z.number().int(),
    payload: WebhookPayload,
  })
  .openapi('PartnerEvent')

export const PartnerEventPage = z
  .object({
    events: z.array(PartnerEvent),
    next_cursor: z.string().openapi({ description: 'Where to continue: now if has_more, or at the next poll.' }),
    has_more: z.boolean(),
  })
  .openapi('PartnerEventPage')

export const NinjsPage = z.object({ data: z.array(Ninjs), next_cursor: NextCursor }).openapi('NinjsPage')

export const PartnerKeyQuery = {
  key: z.string().optional().openapi({ description: "The partner's key, for tools that cannot send `Authorization: Bearer`." }),
}

export const NinjsListQuery = z.object({ ...PageQuery, ...PartnerKeyQuery }).strict()
export const EventQuery = z
  .object({
    cursor: z.string().max(512).optional().openapi({ description: 'From a previous page; absent: from the beginning.' }),
    limit: z.coerce.number().int().min(1).max(100).default(50),
    ...PartnerKeyQuery,
  })
  .strict()

/** The queue message of one delivery: the rest is in D1, so a retry resends exactly the same body. */
export const DeliveryMessage = z.object({ v: z.literal(1), delivery: z.number().int().positive() })
export type DeliveryMessage = z.infer<typeof DeliveryMessage>

const Language = z.string().regex(/^[a-z]{2,3}(-[A-Z]{2})?$/, 'must be a language tag such as en or pt-BR')

export const EndpointInput = z
  .object({
    url: z.string().max(2048).openapi({ example: 'https://partner.example.net/hooks/newsroom' }),
    events: z.array(EventType).min(1).max(4),
    sections: z.array(Slug).max(50).default([]).openapi({ description: 'Only articles in these sections (empty: all).' }),
    tags: z.array(Slug).max(50).default([]).openapi({ description: 'Only articles with one of these tags (empty: all).' }),
    languages: z.array(Language).max(20).default([]).openapi({ description: 'Only articles in these languages (empty: all).' }),
  })
  .strict()
  .openapi('EndpointInput')

export const EndpointChange = z
  .object({
    url: EndpointInput.shape.url.optional(),
    events: EndpointInput.shape.events.optional(),
    sections: z.array(Slug).max(50).optional(),
    tags: z.array(Slug).max(50).optional(),
    languages: z.array(Language).max(20).optional(),
    state: z
      .enum(['active', 'disabled'])
      .optional()
      .openapi({ description: '`active` re-enables an endpoint and clears its failure count.' }),
  })
  .strict()
  .openapi('EndpointChange')

export const Endpoint = z
  .object({
    id: z.number().int(),
    partner_id: z.number().int(),
    url: z.string(),
    events: z.array(EventType),
    sections: z.array(z.string()),
    tags: z.array(z.string()),
    languages: z.array(z.string()),
    state: z.enum(['active', 'disabled']),
    disabled_reason: z.string().nullable(),
    disabled_at: Timestamp.nullable(),
    consecutive_failures: z
      .number()
      .int()
      .openapi({ description: 'Deliveries in a row that failed for good; at 5 the endpoint is disabled.' }),
    previous_secret_until: Timestamp.nullable().openapi({ description: 'Until then the previous secret signs too (rotation overlap).' }),
    created_at: Timestamp,
    updated_at: Timestamp,
  })
  .openapi('WebhookEndpoint')

export const EndpointCreated = Endpoint.extend({
  secret: z.string().openapi({ description: 'The signing secret (`whsec_...`). Shown once.' }),
}).openapi('WebhookEndpointCreated')

export const SecretRotation = z
  .object({
    overlap_seconds: z.coerce
      .number()
      .int()
      .min(0)
      .max(7 * 86_400)
      .default(86_400)
      .openapi({ description: 'How long the old secret keeps signing beside the new one (default a day, at most a week).' }),
  })
  .strict()

export const DeliveryAttempt = z
  .object({
    id: z.number().int(),
    event_id: z.string(),
    type: EventType,
    slug: z.string(),
    endpoint_id: z.number().int(),
    attempt: z.number().int(),
    at: Timestamp,
    status: z
      .enum(['delivered', 'retrying', 'failed', 'dead'])
      .openapi({ description: 'dead: out of retries, sent to the dead-letter queue.' }),
    response_code: z.number().int().nullable(),
    latency_ms: z.number().int(),
    error: z.string().nullable(),
    next_retry_at: Timestamp.nullable(),
  })
  .openapi('DeliveryAttempt')

export const DeliveryPage = z.object({ data: z.array(DeliveryAttempt), next_cursor: NextCursor }).openapi('DeliveryPage')

export const RightsInput = z
  .object({
    copyright_holder: z.string().trim().min(1).max(200).nullable().default(null).openapi({ description: 'Null: the publication.' }),
    usage_terms: z.string().trim().min(1).max(2000).nullable().default(null).openapi({ description: 'Null: the default terms.' }),
    republish: z.boolean().openapi({ description: 'Whether partners may republish the article at all.' }),
  })
  .strict()
  .openapi('ArticleRights')
