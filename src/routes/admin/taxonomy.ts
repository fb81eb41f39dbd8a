import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi'
import type { Context } from 'hono'
import { invalidate } from '../../cache.ts'
import type { AppEnv } from '../../context.ts'
import { authorProfileStatement, toAuthorSummary, writeAuthorStatement, type AuthorRow } from '../../db/authors.ts'
import { recordChangeStatement, type ChangeType } from '../../db/changes.ts'
import { auditStatement } from '../../db/editors.ts'
import { findPublication, toPublication, writePublicationStatement } from '../../db/publication.ts'
import { findSectionStatement, findTagStatement, toSection, toTag, writeSectionStatement, writeTagStatement, type SectionRow, type TagRow } from '../../db/taxonomy.ts'
import { ApiError, validationHook } from '../../errors.ts'
import { requireRole } from '../../middleware/auth.ts'
import { AuthorInput, AuthorSummary } from '../../schemas/author.ts'
import { Slug } from '../../schemas/common.ts'
import { Publication, PublicationInput } from '../../schemas/publication.ts'
import { Section, SectionInput, Tag, TagInput } from '../../schemas/taxonomy.ts'
import { adminErrors, bearer, conflictError } from './common.ts'

const params = z.object({ slug: Slug })
const json = <S extends z.ZodType>(schema: S) => ({ 'application/json': { schema } })

/** A PUT and a DELETE route for one kind of thing, by slug (admins only). */
function routesFor<S extends z.ZodType>(kind: 'authors' | 'sections' | 'tags', name: string, input: S, output: z.ZodType) {
  const put = createRoute({
    operationId: `adminPut${name}`,
    method: 'put',
    path: `/v1/admin/${kind}/{slug}`,
    tags: ['Editorial'],
    summary: `Create or replace a ${name.toLowerCase()}`,
    security: bearer,
    middleware: [requireRole('admin')] as const,
    request: { params, body: { required: true, content: json(input) } },
    responses: { 200: { description: 'Replaced.', content: json(output) }, 201: { description: 'Created.', content: json(output) }, ...adminErrors },
  })
  const del = createRoute({
    operationId: `adminDelete${name}`,
    method: 'delete',
    path: `/v1/admin/${kind}/{slug}`,
    tags: ['Editorial'],
    summary: `Delete a ${name.toLowerCase()} that no article uses`,
    security: bearer,
    middleware: [requireRole('admin')] as const,
    request: { params },
    responses: { 204: { description: 'Deleted.' }, ...conflictError, ...adminErrors },
  })
  return { put, del }
}

const authorRoutes = routesFor('authors', 'Author', AuthorInput.omit({ slug: true }), AuthorSummary)
const sectionRoutes = routesFor('sections', 'Section', SectionInput.omit({ slug: true }), Section)
const tagRoutes = routesFor('tags', 'Tag', TagInput.omit({ slug: true }), Tag)

const putPublication = createRoute({
  operationId: 'adminPutPublication',
  method: 'put',
  path: '/v1/admin/publication',
  tags: ['Editorial'],
  summary: 'Replace the publication ("about us")',
  security: bearer,
  middleware: [requireRole('admin')] as const,
  request: { body: { required: true, content: json(PublicationInput) } },
  responses: { 200: { description: 'Replaced.', content: json(Publication) }, ...adminErrors },
})

/** Writes with the sync log and the audit entry in one batch, then invalidates every cached page. */
async function writeThing(c: Context<AppEnv>, type: ChangeType, slug: string, op: 'upsert' | 'delete', write: D1PreparedStatement, existed: boolean) {
  const db = c.get('db')
  const now = new Date().toISOString()
  await db.batch([
    write,
    recordChangeStatement(db, type, slug, op, now),
    auditStatement(db, { actor: c.get('editor').name, action: `${type}.${op === 'delete' ? 'delete' : existed ? 'replace' : 'create'}`, type, slug, before: null, after: null, requestId: c.get('requestId') }, now),
  ])
  await invalidate(c.env.CACHE, db, { everything: true })
}

const inUse = (what: string, count: number) =>
  new ApiError(409, `${count} article${count === 1 ? '' : 's'} still use${count === 1 ? 's' : ''} this ${what}: reassign them first.`)

export const adminTaxonomy = new OpenAPIHono<AppEnv>({ defaultHook: validationHook })
  .openapi(authorRoutes.put, async (c) => {
    const { slug } = c.req.valid('param')
    const db = c.get('db')
    const existed = (await db.first(db.prepare('SELECT 1 FROM authors WHERE slug = ?1').bind(slug))) !== null
    const body = AuthorInput.parse({ ...c.req.valid('json'), slug })
    await writeThing(c, 'author', slug, 'upsert', writeAuthorStatement(db, body, new Date().toISOString()), existed)
    const row = (await db.first<AuthorRow>(authorProfileStatement(db, slug, c.get('now'))))!
    return c.json(toAuthorSummary(row, c.get('site').url), existed ? 200 : 201)
  })
  .openapi(authorRoutes.del, async (c) => {
    const { slug } = c.req.valid('param')
    const db = c.get('db')
    const row = await db.first<{ n: number }>(
      db.prepare('SELECT (SELECT count(*) FROM article_authors x WHERE x.author_id = authors.id) AS n FROM authors WHERE slug = ?1').bind(slug),
    )
    if (!row) throw new ApiError(404, `No author has the slug '${slug}'.`)
    if (row.n > 0) throw inUse('author', row.n)
    await writeThing(c, 'author', slug, 'delete', db.prepare('DELETE FROM authors WHERE slug = ?1').bind(slug), true)
    return c.body(null, 204)
  })
  .openapi(sectionRoutes.put, async (c) => {
    const { slug } = c.req.valid('param')
    const db = c.get('db')
    const existed = (await db.first(findSectionStatement(db, slug))) !== null
    const body = SectionInput.parse({ ...c.req.valid('json'), slug })
    await writeThing(c, 'section', slug, 'upsert', writeSectionStatement(db, body, new Date().toISOString()), existed)
    const row = (await db.first<SectionRow>(findSectionStatement(db, slug)))!
    return c.json(toSection(row, c.get('site').url), existed ? 200 : 201)
  })
  .openapi(sectionRoutes.del, async (c) => {
    const { slug } = c.req.valid('param')
    const db = c.get('db')
    const row = await db.first<{ n: number }>(
      db.prepare('SELECT (SELECT count(*) FROM articles a WHERE a.section_id = sections.id) AS n FROM sections WHERE slug = ?1').bind(slug),
    )
    if (!row) throw new ApiError(404, `No section has the slug '${slug}'.`)
    if (row.n > 0) throw inUse('section', row.n)
    await writeThing(c, 'section', slug, 'delete', db.prepare('DELETE FROM sections WHERE slug = ?1').bind(slug), true)
    return c.body(null, 204)
  })
  .openapi(tagRoutes.put, async (c) => {
    const { slug } = c.req.valid('param')
    const db = c.get('db')
    const existed = (await db.first(findTagStatement(db, slug))) !== null
    const body = TagInput.parse({ ...c.req.valid('json'), slug })
    await writeThing(c, 'tag', slug, 'upsert', writeTagStatement(db, body, new Date().toISOString()), existed)
    const row = (await db.first<TagRow>(findTagStatement(db, slug)))!
    return c.json(toTag(row, c.get('site').url), existed ? 200 : 201)
  })
  .openapi(tagRoutes.del, async (c) => {
    const { slug } = c.req.valid('param')
    const db = c.get('db')
    const row = await db.first<{ n: number }>(
      db.prepare('SELECT (SELECT count(*) FROM article_tags x WHERE x.tag_id = tags.id) AS n FROM tags WHERE slug = ?1').bind(slug),
    )
    if (!row) throw new ApiError(404, `No tag has the slug '${slug}'.`)
    if (row.n > 0) throw inUse('tag', row.n)
    await writeThing(c, 'tag', slug, 'delete', db.prepare('DELETE FROM tags WHERE slug = ?1').bind(slug), true)
    return c.body(null, 204)
  })
  .openapi(putPublication, async (c) => {
    const db = c.get('db')
    const body = c.req.valid('json')
    await writeThing(c, 'publication', 'publication', 'upsert', writePublicationStatement(db, body, new Date().toISOString()), true)
    return c.json(toPublication((await findPublication(db))!), 200)
  })
