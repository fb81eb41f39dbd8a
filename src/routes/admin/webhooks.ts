import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi'
import type { Context } from 'hono'
import type { AppEnv } from '../../context.ts'
import { auditStatement } from '../../db/editors.ts'
import { findPartner } from '../../db/partners.ts'
import {
  attemptsStatement,
  createEndpoint,
  deliveriesOfEvent,
  findEndpoint,
  listEndpoints,
  resetDeliveriesStatement,
  rotateSecretStatement,
  updateEndpoint,
  type AttemptRow,
  type EndpointRow,
} from '../../db/webhooks.ts'
import { ApiError, fieldErrors, invalid, notFound, validationHook } from '../../errors.ts'
import { log } from '../../lib/log.ts'
import { readCursor, toPage } from '../../lib/paging.ts'
import { requireRole } from '../../middleware/auth.ts'
import { PageQuery } from '../../schemas/common.ts'
import { DeliveryPage, Endpoint, EndpointChange, EndpointCreated, EndpointInput, SecretRotation } from '../../schemas/syndication.ts'
import { endpointUrlError, privateAddressesOf } from '../../syndication/endpoint-url.ts'
import { queueDeliveries } from '../../syndication/events.ts'
import { encryptSecret, newWebhookSecret } from '../../syndication/secrets.ts'
import { adminErrors, bearer, conflictError } from './common.ts'

const partnerParams = z.object({ id: z.coerce.number().int().positive() })
const endpointParams = partnerParams.extend({ endpoint: z.coerce.number().int().positive() })
const json = <T extends z.ZodType>(schema: T) => ({ 'application/json': { schema } })

const toEndpoint = (row: EndpointRow) => ({
  ...row,
  events: JSON.parse(row.events),
  sections: JSON.parse(row.sections),
  tags: JSON.parse(row.tags),
  languages: JSON.parse(row.languages),
})

const adminCreateWebhookEndpointRoute = createRoute({
  operationId: 'adminCreateWebhookEndpoint',
  method: 'post',
  path: '/v1/admin/partners/{id}/endpoints',
  tags: ['Editorial'],
  summary: "Register a partner's webhook endpoint",
  description:
    'The URL must be https (plain http only for localhost when WEBHOOK_DEV=true) and, in production, must not be or resolve to a ' +
    'loopback, private or link-local address. The signing secret is in this response only.',
  security: bearer,
  middleware: [requireRole('admin')] as const,
  request: { params: partnerParams, body: { required: true, content: json(EndpointInput) } },
  responses: { 201: { description: 'Registered.', content: json(EndpointCreated) }, ...adminErrors },
})

const adminListWebhookEndpointsRoute = createRoute({
  operationId: 'adminListWebhookEndpoints',
  method: 'get',
  path: '/v1/admin/partners/{id}/endpoints',
  tags: ['Editorial'],
  summary: "A partner's webhook endpoints and their state",
  description: 'Every endpoint of the partner with its filters, whether it is active or disabled (and why), never its signing secret.',
  security: bearer,
  middleware: [requireRole('admin')] as const,
  request: { params: partnerParams },
  responses: {
    200: { description: 'The endpoints (never their secrets).', content: json(z.object({ data: z.array(Endpoint) })) },
    ...adminErrors,
  },
})

const adminChangeWebhookEndpointRoute = createRoute({
  operationId: 'adminChangeWebhookEndpoint',
  method: 'patch',
  path: '/v1/admin/partners/{id}/endpoints/{endpoint}',
  tags: ['Editorial'],
  summary: 'Change, disable or re-enable an endpoint',
  description:
    'Only the fields sent change. A new URL follows the same rules as at registration. `state: active` re-enables an endpoint ' +
    'disabled after repeated failures and clears its failure count; `state: disabled` stops its deliveries.',
  security: bearer,
  middleware: [requireRole('admin')] as const,
  request: { params: endpointParams, body: { required: true, content: json(EndpointChange) } },
  responses: { 200: { description: 'The endpoint.', content: json(Endpoint) }, ...adminErrors },
})

const adminRotateWebhookSecretRoute = createRoute({
  operationId: 'adminRotateWebhookSecret',
  method: 'post',
  path: '/v1/admin/partners/{id}/endpoints/{endpoint}/secret',
  tags: ['Editorial'],
  summary: "Rotate an endpoint's signing secret",
  description: 'Deliveries are signed with both the new and the old secret (two signatures in `webhook-signature`) until the overlap ends.',
  security: bearer,
  middleware: [requireRole('admin')] as const,
  // Read by the handler: an absent body is allowed (the default overlap).
  request: { params: endpointParams },
  responses: {
    200: {
      description: 'The new secret, shown once.',
      content: json(z.object({ secret: z.string(), previous_secret_until: z.string() }).openapi('SecretRotated')),
    },
    ...adminErrors,
  },
})

const adminListDeliveriesRoute = createRoute({
  operationId: 'adminListDeliveries',
  method: 'get',
  path: '/v1/admin/partners/{id}/deliveries',
  tags: ['Editorial'],
  summary: "Delivery attempts to a partner's endpoints, newest first",
  description:
    "Every try of every delivery with its answer status and outcome, for diagnosing a partner's endpoint; paged by `next_cursor`, never cached.",
  security: bearer,
  middleware: [requireRole('admin')] as const,
  request: { params: partnerParams, query: z.object(PageQuery).strict() },
  responses: { 200: { description: 'A page of attempts.', content: json(DeliveryPage) }, ...adminErrors },
})

const adminRetryDeliveryRoute = createRoute({
  operationId: 'adminRetryDelivery',
  method: 'post',
  path: '/v1/admin/partners/{id}/deliveries/{event}/retry',
  tags: ['Editorial'],
  summary: "Send an event to the partner's endpoints again",
  description:
    'Every delivery of the event to this partner goes back on the queue, with a fresh set of tries. Disabled endpoints must be re-enabled first (409).',
  security: bearer,
  middleware: [requireRole('admin')] as const,
  request: { params: partnerParams.extend({ event: z.string().regex(/^evt_[0-9a-f]{32}$/, 'must be an event id (evt_...)') }) },
  responses: {
    202: { description: 'Queued.', content: json(z.object({ queued: z.number().int() })) },
    ...conflictError,
    ...adminErrors,
  },
})

async function partnerOr404(c: Context<AppEnv>, id: number) {
  const row = await findPartner(c.get('db'), id)
  if (!row || row.revoked_at) throw notFound(`No active partner has the id ${id}.`)
  return row
}

/** The static URL rules, then (in production) where the host resolves to. */
async function checkUrl(c: Context<AppEnv>, url: string) {
  const dev = c.get('settings').webhookDev
  const error = endpointUrlError(url, dev)
  if (error) throw invalid([error])
  const host = new URL(url).hostname.replace(/^\[|\]$/g, '')
  if (dev && (host === 'localhost' || host === '127.0.0.1' || host === '::1')) return
  let privateAddresses: string[]
  try {
    privateAddresses = await privateAddressesOf(host)
  } catch (error) {
    log('warn', 'webhook endpoint DNS check failed', { error: String(error) })
    throw new ApiError(503, 'The DNS check of this host did not answer. Try again shortly.', { headers: { 'retry-after': '5' } })
  }
  if (privateAddresses.length > 0)
    throw invalid([{ field: 'url', in: 'body', detail: 'resolves to a loopback, private or link-local address' }])
}

function audit(c: Context<AppEnv>, action: string, slug: string) {
  const db = c.get('db')
  return db.run(
    auditStatement(
      db,
      { actor: c.get('editor'), action, type: 'webhook_endpoint', slug, before: null, after: null, requestId: c.get('requestId') },
      c.get('now'),
    ),
  )
}

export const adminWebhooks = new OpenAPIHono<AppEnv>({ defaultHook: validationHook })
  .openapi(adminCreateWebhookEndpointRoute, async (c) => {
    const { id } = c.req.valid('param')
    const input = c.req.valid('json')
    await partnerOr404(c, id)
    await checkUrl(c, input.url)
    const secret = newWebhookSecret()
    const row = await createEndpoint(c.get('db'), id, input, await encryptSecret(c.env, secret), c.get('now'))
    await audit(c, 'webhook.create', String(row.id))
    return c.json({ ...toEndpoint(row), secret }, 201)
  })
  .openapi(adminListWebhookEndpointsRoute, async (c) => {
    const { id } = c.req.valid('param')
    await partnerOr404(c, id)
    return c.json({ data: (await listEndpoints(c.get('db'), id)).map(toEndpoint) }, 200)
  })
  .openapi(adminChangeWebhookEndpointRoute, async (c) => {
    const { id, endpoint } = c.req.valid('param')
    const change = c.req.valid('json')
    if (!(await findEndpoint(c.get('db'), id, endpoint))) throw notFound(`Partner ${id} has no endpoint ${endpoint}.`)
    if (change.url) await checkUrl(c, change.url)
    const row = (await updateEndpoint(c.get('db'), endpoint, change, c.get('now')))!
    await audit(c, change.state ? `webhook.${change.state === 'active' ? 'enable' : 'disable'}` : 'webhook.change', String(endpoint))
    return c.json(toEndpoint(row), 200)
  })
  .openapi(adminRotateWebhookSecretRoute, async (c) => {
    const { id, endpoint } = c.req.valid('param')
    // The body is optional: an empty one takes the default overlap.
    const text = await c.req.text()
    let raw: unknown = {}
    try {
      raw = text.trim() ? JSON.parse(text) : {}
    } catch {
      throw invalid([{ field: '(root)', in: 'body', detail: 'is not JSON' }])
    }
    const parsed = SecretRotation.safeParse(raw)
    if (!parsed.success) throw invalid(fieldErrors(parsed.error, 'body'))
    const body = parsed.data
    const db = c.get('db')
    if (!(await findEndpoint(db, id, endpoint))) throw notFound(`Partner ${id} has no endpoint ${endpoint}.`)
    const now = c.get('now')
    const until = new Date(Date.parse(now) + body.overlap_seconds * 1000).toISOString()
    const secret = newWebhookSecret()
    await db.run(rotateSecretStatement(db, endpoint, await encryptSecret(c.env, secret), until, now))
    await audit(c, 'webhook.rotate', String(endpoint))
    return c.json({ secret, previous_secret_until: until }, 200)
  })
  .openapi(adminListDeliveriesRoute, async (c) => {
    const { id } = c.req.valid('param')
    const { limit, cursor } = c.req.valid('query')
    await partnerOr404(c, id)
    const db = c.get('db')
    const rows = await db.all<AttemptRow>(attemptsStatement(db, id, limit + 1, readCursor(cursor, 's')?.id))
    const page = toPage(
      rows,
      limit,
      (row) => ({ k: 's', id: row.id }),
      ({ outcome, ...row }) => ({ ...row, status: outcome }),
    )
    c.header('cache-control', 'no-store')
    return c.json(page, 200)
  })
  .openapi(adminRetryDeliveryRoute, async (c) => {
    const { id, event } = c.req.valid('param')
    const db = c.get('db')
    await partnerOr404(c, id)
    const deliveries = await deliveriesOfEvent(db, id, event)
    if (deliveries.length === 0) throw notFound(`Event ${event} was not delivered to partner ${id}.`)
    const disabled = deliveries.filter((delivery) => delivery.state === 'disabled')
    if (disabled.length > 0)
      throw new ApiError(
        409,
        `Endpoint ${disabled.map((d) => d.endpoint_id).join(', ')} is disabled: re-enable it first (PATCH state=active).`,
      )
    const ids = deliveries.map((delivery) => delivery.id)
    await db.run(resetDeliveriesStatement(db, ids, c.get('now')))
    if (!(await queueDeliveries(c.env, ids, { event })))
      throw new ApiError(503, 'The delivery queue did not accept the retry. Try again shortly.', { headers: { 'retry-after': '5' } })
    await audit(c, 'webhook.retry', event)
    return c.json({ queued: ids.length }, 202)
  })
