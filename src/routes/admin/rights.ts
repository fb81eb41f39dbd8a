import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi'
import type { AppEnv } from '../../context.ts'
import { auditStatement } from '../../db/editors.ts'
import { findSyndicationArticle, writeRights } from '../../db/syndication.ts'
import { notFound, validationHook } from '../../errors.ts'
import { requireRole } from '../../middleware/auth.ts'
import { Slug } from '../../schemas/common.ts'
import { RightsInput } from '../../schemas/syndication.ts'
import { syndicate } from '../../syndication/events.ts'
import { adminErrors, bearer } from './common.ts'

const params = z.object({ slug: Slug })
const Rights = RightsInput.openapi('ArticleRights')

const adminGetRightsRoute = createRoute({
  operationId: 'adminGetRights',
  method: 'get',
  path: '/v1/admin/articles/{slug}/rights',
  tags: ['Editorial'],
  summary: "An article's rights for partners",
  description: 'Who holds the copyright, the usage terms partners see, and whether partners may republish the article at all.',
  security: bearer,
  middleware: [requireRole('editor')] as const,
  request: { params },
  responses: {
    200: { description: 'The rights (nulls: the publication and its default terms).', content: { 'application/json': { schema: Rights } } },
    ...adminErrors,
  },
})

const adminPutRightsRoute = createRoute({
  operationId: 'adminPutRights',
  method: 'put',
  path: '/v1/admin/articles/{slug}/rights',
  tags: ['Editorial'],
  summary: "Set an article's rights for partners",
  description:
    '`republish: false` takes a published article out of partner feeds, ninjs lists and pushes; endpoints that received it get article.withdrawn. ' +
    'Setting it back to true announces it as article.published.',
  security: bearer,
  middleware: [requireRole('editor')] as const,
  request: { params, body: { required: true, content: { 'application/json': { schema: RightsInput } } } },
  responses: { 200: { description: 'The rights.', content: { 'application/json': { schema: Rights } } }, ...adminErrors },
})

export const adminRights = new OpenAPIHono<AppEnv>({ defaultHook: validationHook })
  .openapi(adminGetRightsRoute, async (c) => {
    const { slug } = c.req.valid('param')
    const row = await findSyndicationArticle(c.get('db'), slug)
    if (!row) throw notFound(`No article has the slug '${slug}'.`)
    return c.json({ copyright_holder: row.copyright_holder, usage_terms: row.usage_terms, republish: row.republish === 1 }, 200)
  })
  .openapi(adminPutRightsRoute, async (c) => {
    const { slug } = c.req.valid('param')
    const rights = c.req.valid('json')
    const db = c.get('db')
    const now = c.get('now')
    if (!(await writeRights(db, slug, rights, now))) throw notFound(`No article has the slug '${slug}'.`)
    await db.run(
      auditStatement(
        db,
        {
          actor: c.get('editor'),
          action: 'article.rights',
          type: 'article',
          slug,
          before: null,
          after: null,
          requestId: c.get('requestId'),
        },
        now,
      ),
    )
    await syndicate(c.env, db, [slug], { now, changed: true })
    return c.json(rights, 200)
  })
