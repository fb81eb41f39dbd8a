import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi'
import type { Context } from 'hono'
import { invalidate } from '../../cache.ts'
import type { AppEnv } from '../../context.ts'
import { findAuthorStatement, writeAuthorStatement, type AuthorRow } from '../../db/authors.ts'
import type { Database } from '../../db/client.ts'
import { recordChangeStatement, type ChangeType } from '../../db/changes.ts'
import { auditStatement } from '../../db/editors.ts'
import { findPublication, writePublicationStatement } from '../../db/publication.ts'
import {
  deleteGroupingStatement,
  findSectionStatement,
  findTagStatement,
  recordTagChangeStatement,
  usageStatement,
  writeSectionStatement,
  writeTagStatement,
  type SectionRow,
  type TagRow,
} from '../../db/taxonomy.ts'
import { toAuthorSummary } from '../../present/authors.ts'
import { toPublication } from '../../present/publication.ts'
import { toSection, toTag } from '../../present/taxonomy.ts'
import {
  embeddedValues,
  nextEmbedCursor,
  reannounceRest,
  reannounceStatements,
  type EmbedCursor,
  type Embedded,
} from '../../db/embedders.ts'
import { ApiError, validationHook } from '../../errors.ts'
import { log as logLine } from '../../lib/log.ts'
import type { ResyncMessage } from '../../schemas/resync.ts'
import { requireRole } from '../../middleware/auth.ts'
import { AuthorInput, AuthorSummary } from '../../schemas/author.ts'
import { Slug } from '../../schemas/common.ts'
import { Publication, PublicationInput } from '../../schemas/publication.ts'
import { Section, SectionInput, Tag, TagInput } from '../../schemas/taxonomy.ts'
import { adminErrors, bearer, conflictError } from './common.ts'

const params = z.object({ slug: Slug })
const json = <S extends z.ZodType>(schema: S) => ({ 'application/json': { schema } })

/**
 * What differs between authors, sections and tags: their names, schemas and statements. Their
 * routes and handlers are the same, built by `taxonomyRoutes` for each.
 */
interface TaxonomyResource<Plural extends 'authors' | 'sections' | 'tags', Input extends z.ZodObject<{ slug: typeof Slug }>, Row, Output> {
  type: 'author' | 'section' | 'tag'
  /** The path's segment (a type of its own, so that each resource's paths are typed apart). */
  plural: Plural
  name: 'Author' | 'Section' | 'Tag'
  /** The whole record; the body is this without `slug`, which the path carries. */
  input: Input
  output: z.ZodType<Output>
  find: (db: Database, slug: string) => D1PreparedStatement
  write: (db: Database, value: z.output<Input>, now: string) => D1PreparedStatement
  present: (row: Row, siteUrl: string) => Output
}

const authorResource: TaxonomyResource<'authors', typeof AuthorInput, AuthorRow, AuthorSummary> = {
  type: 'author',
  plural: 'authors',
  name: 'Author',
  input: AuthorInput,
  output: AuthorSummary,
  find: findAuthorStatement,
  write: writeAuthorStatement,
  present: toAuthorSummary,
}

const sectionResource: TaxonomyResource<'sections', typeof SectionInput, SectionRow, Section> = {
  type: 'section',
  plural: 'sections',
  name: 'Section',
  input: SectionInput,
  output: Section,
  find: findSectionStatement,
  write: writeSectionStatement,
  present: toSection,
}

const tagResource: TaxonomyResource<'tags', typeof TagInput, TagRow, Tag> = {
  type: 'tag',
  plural: 'tags',
  name: 'Tag',
  input: TagInput,
  output: Tag,
  find: findTagStatement,
  write: writeTagStatement,
  present: toTag,
}

const adminPutPublicationRoute = createRoute({
  operationId: 'adminPutPublication',
  method: 'put',
  path: '/v1/admin/publication',
  tags: ['Editorial'],
  summary: 'Replace the publication ("about us")',
  description:
    'The name, description, about text, language, logo and links used by the API, the feeds and JSON-LD. Every cached page is rebuilt.',
  security: bearer,
  middleware: [requireRole('admin')] as const,
  request: { body: { required: true, content: json(PublicationInput) } },
  responses: { 200: { description: 'Replaced.', content: json(Publication) }, ...adminErrors },
})

/**
 * Writes with the sync log and the audit entry in one batch, then invalidates every cached page.
 * The log: the thing itself (a tag only while public: while no public article uses it, its name
 * may be a story's secret subject, and deleting an unused tag is no public change), then, when an
 * upsert changes what articles show of it, the newest REANNOUNCE_CHUNK public articles that show
 * it, in the same transaction; older ones follow through the resync queue (src/queue/resync.ts).
 */
async function writeAndAnnounce(
  c: Context<AppEnv>,
  type: ChangeType,
  slug: string,
  op: 'upsert' | 'delete',
  write: D1PreparedStatement,
  existed: boolean,
  value?: Record<string, unknown>,
) {
  const db = c.get('db')
  const now = c.get('now')
  const embedded = { kind: type, slug } as Embedded
  const log =
    type === 'tag' ? (op === 'upsert' ? [recordTagChangeStatement(db, slug, now)] : []) : [recordChangeStatement(db, type, slug, op, now)]
  const changingTo = op === 'upsert' && existed && value ? embeddedValues(embedded.kind, value) : null
  // Compared with the stored values, so before the write.
  const reannounce = changingTo ? reannounceStatements(db, embedded, now, { changingTo }) : []
  const results = await db.batch([
    ...log,
    ...reannounce,
    write,
    auditStatement(
      db,
      {
        actor: c.get('editor'),
        action: `${type}.${op === 'delete' ? 'delete' : existed ? 'replace' : 'create'}`,
        type,
        slug,
        before: null,
        after: null,
        requestId: c.get('requestId'),
      },
      now,
    ),
  ])
  await invalidate(c.env.CACHE, db, { everything: true })
  const next = reannounce.length ? nextEmbedCursor(results[log.length]!.results as EmbedCursor[]) : null
  if (next) {
    try {
      await c.env.RESYNC.send({ v: 1, scope: embedded, after: next, at: now } satisfies ResyncMessage, { contentType: 'json' })
    } catch (error) {
      // The write stands and a retry would change nothing: announce the rest from here instead,
      // after the response, still one bounded statement per chunk.
      logLine('warn', 'resync not queued, re-announcing in this invocation', { kind: type, slug, error: String(error) })
      c.executionCtx.waitUntil(
        reannounceRest(db, embedded, now, next).catch((failure) =>
          logLine('error', 'resync failed: older articles keep their old embedding in sync', { kind: type, slug, error: String(failure) }),
        ),
      )
    }
  }
}

/**
 * The create-or-replace and delete routes of one taxonomy resource (operationIds adminPut{Name}
 * and adminDelete{Name}), on their own chained app.
 */
function taxonomyRoutes<Plural extends 'authors' | 'sections' | 'tags', Input extends z.ZodObject<{ slug: typeof Slug }>, Row, Output>(
  resource: TaxonomyResource<Plural, Input, Row, Output>,
) {
  const adminPutRoute = createRoute({
    operationId: `adminPut${resource.name}`,
    method: 'put',
    path: `/v1/admin/${resource.plural}/{slug}` as const,
    tags: ['Editorial'],
    summary: `Create or replace a ${resource.type}`,
    description: `Creates the ${resource.type} (201) or replaces it (200). Articles pointing at it show the change at once; every cached page is rebuilt.`,
    security: bearer,
    middleware: [requireRole('admin')] as const,
    request: { params, body: { required: true, content: json(resource.input.omit({ slug: true })) } },
    responses: {
      200: { description: 'Replaced.', content: json(resource.output) },
      201: { description: 'Created.', content: json(resource.output) },
      ...adminErrors,
    },
  })
  const adminDeleteRoute = createRoute({
    operationId: `adminDelete${resource.name}`,
    method: 'delete',
    path: `/v1/admin/${resource.plural}/{slug}` as const,
    tags: ['Editorial'],
    summary: `Delete a ${resource.type} that no article uses`,
    description: `Answers 409 while any article still uses the ${resource.type}. The sync log records a delete.`,
    security: bearer,
    middleware: [requireRole('admin')] as const,
    request: { params },
    responses: { 204: { description: 'Deleted.' }, ...adminErrors, ...conflictError },
  })

  return new OpenAPIHono<AppEnv>({ defaultHook: validationHook })
    .openapi(adminPutRoute, async (c) => {
      const { slug } = c.req.valid('param')
      const db = c.get('db')
      const existed = (await db.first(resource.find(db, slug))) !== null
      const value = resource.input.parse({ ...c.req.valid('json'), slug })
      await writeAndAnnounce(c, resource.type, slug, 'upsert', resource.write(db, value, c.get('now')), existed, value)
      const row = (await db.first<Row>(resource.find(db, slug)))!
      return c.json(resource.present(row, c.get('site').url), existed ? 200 : 201)
    })
    .openapi(adminDeleteRoute, async (c) => {
      const { slug } = c.req.valid('param')
      const db = c.get('db')
      const [found, usage] = await db.batch<{ n: number }>([resource.find(db, slug), usageStatement(db, resource.type, slug)])
      if (found!.results.length === 0) throw new ApiError(404, `No ${resource.type} has the slug '${slug}'.`)
      const count = usage!.results[0]?.n ?? 0
      if (count > 0) {
        throw new ApiError(
          409,
          `${count} article${count === 1 ? '' : 's'} still use${count === 1 ? 's' : ''} this ${resource.type}: reassign them first.`,
        )
      }
      await writeAndAnnounce(c, resource.type, slug, 'delete', deleteGroupingStatement(db, resource.type, slug), true)
      return c.body(null, 204)
    })
}

export const adminTaxonomy = new OpenAPIHono<AppEnv>({ defaultHook: validationHook })
  .route('/', taxonomyRoutes(authorResource))
  .route('/', taxonomyRoutes(sectionResource))
  .route('/', taxonomyRoutes(tagResource))
  .openapi(adminPutPublicationRoute, async (c) => {
    const db = c.get('db')
    const body = c.req.valid('json')
    await writeAndAnnounce(c, 'publication', 'publication', 'upsert', writePublicationStatement(db, body, c.get('now')), true, body)
    return c.json(toPublication((await findPublication(db))!), 200)
  })
