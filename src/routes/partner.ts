import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi'
import type { Context, MiddlewareHandler } from 'hono'
import type { AppEnv } from '../context.ts'
import {
  eventsAfterStatement,
  findSyndicationArticle,
  partnerArticlesStatement,
  type EventRow,
  type SyndicationRow,
} from '../db/syndication.ts'
import { ApiError, errorResponses, headerDocs, notFound, validationHook } from '../errors.ts'
import { encodeCursor } from '../lib/cursor.ts'
import { readCursor, toPage } from '../lib/paging.ts'
import { toArticle } from '../present/articles.ts'
import { toNinjs } from '../render/ninjs.ts'
import { loadArchivedBodies, loadArchivedPayloads } from '../bodies.ts'
import { Slug } from '../schemas/common.ts'
import { Ninjs } from '../schemas/ninjs.ts'
import { EventQuery, NinjsListQuery, NinjsPage, PartnerEventPage, PartnerKeyQuery, type WebhookPayload } from '../schemas/syndication.ts'
import { partnerState } from '../syndication/events.ts'

/**
 * The syndication API: for partners' keys only (Bearer, or `?key=` for tools that cannot send
 * headers), never cached, rate limited with RateLimit headers (the credentials middleware).
 * Articles partners may not republish never appear; embargoed ones appear, marked withheld, to
 * partners with the embargo permission, and to nobody else until their time.
 */

const END_OF_TIME = '9999-12-31T23:59:59.999Z'

const problem = errorResponses[400].content
const partnerErrors = {
  ...errorResponses,
  401: {
    description: 'No partner key, or a bad or revoked one.',
    headers: z.object({ 'www-authenticate': headerDocs['www-authenticate'] }),
    content: problem,
  },
  429: {
    description: 'Too many requests for this key: see Retry-After, RateLimit and RateLimit-Policy.',
    headers: z.object({ 'retry-after': headerDocs['retry-after'] }),
    content: problem,
  },
} as const
const rateLimitHeaders = z.object({
  ratelimit: z.string().openapi({ description: 'Remaining quota and seconds until it resets, e.g. `"partner";r=118;t=42`.' }),
  'ratelimit-policy': z.string().openapi({ description: 'The quota, e.g. `"partner";q=120;w=60` (120 requests a minute).' }),
})
const security = [{ partnerKey: [] }]

/** Partner routes answer partners only: an editor's token or no credential is a 401. */
function requirePartner(): MiddlewareHandler<AppEnv> {
  return async function requirePartner(c, next) {
    if (!c.get('partner')) {
      throw new ApiError(401, 'Send a partner key: Authorization: Bearer <key>, or ?key=<key>.', {
        headers: { 'www-authenticate': 'Bearer realm="partners"' },
      })
    }
    await next()
  }
}

const partnerGetNinjsRoute = createRoute({
  operationId: 'partnerGetNinjs',
  method: 'get',
  path: '/v1/partner/ninjs/{slug}',
  tags: ['Syndication'],
  summary: 'An article as IPTC ninjs 3.x',
  description:
    'Rights-cleared: images partners may not republish are left out. Embargoed articles answer only partners with the embargo permission, ' +
    'with `pubStatus: withheld` and `embargoedUntil`; 404 for everyone else until the time, as for articles partners may not republish.',
  security,
  middleware: [requirePartner()] as const,
  request: { params: z.object({ slug: Slug }), query: z.object(PartnerKeyQuery).strict() },
  responses: {
    200: { description: 'The ninjs.', headers: rateLimitHeaders, content: { 'application/json': { schema: Ninjs } } },
    ...partnerErrors,
  },
})

const partnerListNinjsRoute = createRoute({
  operationId: 'partnerListNinjs',
  method: 'get',
  path: '/v1/partner/ninjs',
  tags: ['Syndication'],
  summary: 'Articles as ninjs, newest first',
  description: 'Keyset-paginated: follow `next_cursor` until it is null. Embargoed articles come first for partners who may see them.',
  security,
  middleware: [requirePartner()] as const,
  request: { query: NinjsListQuery },
  responses: {
    200: { description: 'A page of ninjs items.', headers: rateLimitHeaders, content: { 'application/json': { schema: NinjsPage } } },
    ...partnerErrors,
  },
})

const partnerEventsRoute = createRoute({
  operationId: 'partnerEvents',
  method: 'get',
  path: '/v1/partner/events',
  tags: ['Syndication'],
  summary: 'Everything partners were told, in order (the pull side of the webhooks)',
  description:
    'The same events, ids and bodies as the webhooks push: published, updated, corrected, withdrawn (`pubStatus: canceled`). ' +
    'Start without a cursor, follow `next_cursor` while `has_more`, keep the last one and poll with it later.',
  security,
  middleware: [requirePartner()] as const,
  request: { query: EventQuery },
  responses: {
    200: { description: 'A page of events.', headers: rateLimitHeaders, content: { 'application/json': { schema: PartnerEventPage } } },
    ...partnerErrors,
  },
})

function ninjsOf(c: Context<AppEnv>, row: SyndicationRow) {
  const site = c.get('site')
  const embargoed = row.published_at! > c.get('now')
  return toNinjs(
    { id: row.id, version: row.version, created_at: row.created_at, article: toArticle(row, site), rights: row },
    {
      siteUrl: site.url,
      publisher: site.name,
      pubStatus: embargoed ? 'withheld' : 'usable',
      embargoedUntil: embargoed ? row.published_at : null,
      edNote: embargoed ? `Embargoed: not for publication before ${row.published_at}.` : undefined,
    },
  )
}

export const partner = new OpenAPIHono<AppEnv>({ defaultHook: validationHook })
  .openapi(partnerGetNinjsRoute, async (c) => {
    const { slug } = c.req.valid('param')
    const row = await findSyndicationArticle(c.get('db'), slug)
    const state = partnerState(row, c.get('now'))
    if (state === 'hidden' || (state === 'embargoed' && !c.get('partner')!.embargo))
      throw notFound(`No article partners may use has the slug '${slug}'.`)
    await loadArchivedBodies(c.env.BODIES, [row!])
    return c.json(ninjsOf(c, row!), 200)
  })
  .openapi(partnerListNinjsRoute, async (c) => {
    const { limit, cursor } = c.req.valid('query')
    const db = c.get('db')
    const until = c.get('partner')!.embargo ? END_OF_TIME : c.get('now')
    const rows = await db.all<SyndicationRow>(partnerArticlesStatement(db, until, limit + 1, readCursor(cursor, 't')))
    await loadArchivedBodies(c.env.BODIES, rows.slice(0, limit))
    return c.json(
      toPage(
        rows,
        limit,
        (row) => ({ k: 't', v: row.published_at!, id: row.id }),
        (row) => ninjsOf(c, row),
      ),
      200,
    )
  })
  .openapi(partnerEventsRoute, async (c) => {
    const { limit, cursor } = c.req.valid('query')
    const after = readCursor(cursor, 's')?.id ?? 0
    const db = c.get('db')
    const rows = await db.all<EventRow>(eventsAfterStatement(db, after, c.get('partner')!.embargo, limit + 1))
    // Payloads older than ARCHIVE_AFTER_DAYS are in the body store: at most a page of R2 reads, concurrently.
    const page = await loadArchivedPayloads(c.env.BODIES, rows.slice(0, limit))
    const events = page.map((row) => ({ id: row.event_id, seq: row.id, payload: JSON.parse(row.payload) as WebhookPayload }))
    const last = page[page.length - 1]?.id ?? after
    return c.json({ events, next_cursor: encodeCursor({ k: 's', id: last }), has_more: rows.length > limit }, 200)
  })
