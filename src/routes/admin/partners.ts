import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi'
import type { AppEnv } from '../../context.ts'
import { auditStatement } from '../../db/editors.ts'
import { createPartner, listPartners, revokePartner } from '../../db/partners.ts'
import { ApiError, validationHook } from '../../errors.ts'
import { newToken, sha256Hex } from '../../lib/tokens.ts'
import { requireRole } from '../../middleware/auth.ts'
import { Timestamp } from '../../schemas/common.ts'
import { adminErrors, bearer } from './common.ts'

const Partner = z
  .object({
    id: z.number().int(),
    name: z.string(),
    created_at: Timestamp,
    created_by: z.string(),
    revoked_at: Timestamp.nullable(),
    last_used_at: Timestamp.nullable(),
  })
  .openapi('Partner')

const createPartnerRoute = createRoute({
  operationId: 'adminCreatePartner',
  method: 'post',
  path: '/v1/admin/partners',
  tags: ['Editorial'],
  summary: 'Give a syndication partner a key',
  description: 'The key is in this response only; D1 keeps its SHA-256. Partners get full text and rights-cleared images.',
  security: bearer,
  middleware: [requireRole('admin')] as const,
  request: { body: { required: true, content: { 'application/json': { schema: z.object({ name: z.string().trim().min(1).max(100) }).strict() } } } },
  responses: {
    201: { description: 'Created.', content: { 'application/json': { schema: Partner.extend({ key: z.string() }).openapi('PartnerCreated') } } },
    ...adminErrors,
  },
})

const listPartnersRoute = createRoute({
  operationId: 'adminListPartners',
  method: 'get',
  path: '/v1/admin/partners',
  tags: ['Editorial'],
  summary: 'Partners and when their keys were last used',
  security: bearer,
  middleware: [requireRole('admin')] as const,
  request: { query: z.object({}).strict() },
  responses: { 200: { description: 'The partners (never their keys).', content: { 'application/json': { schema: z.object({ data: z.array(Partner) }) } } }, ...adminErrors },
})

const revokePartnerRoute = createRoute({
  operationId: 'adminRevokePartner',
  method: 'delete',
  path: '/v1/admin/partners/{id}',
  tags: ['Editorial'],
  summary: "Revoke a partner's key",
  security: bearer,
  middleware: [requireRole('admin')] as const,
  request: { params: z.object({ id: z.coerce.number().int().positive() }) },
  responses: { 204: { description: 'Revoked.' }, ...adminErrors },
})

export const adminPartners = new OpenAPIHono<AppEnv>({ defaultHook: validationHook })
  .openapi(createPartnerRoute, async (c) => {
    const db = c.get('db')
    const now = new Date().toISOString()
    const key = newToken()
    const row = (await createPartner(db, { name: c.req.valid('json').name, hash: await sha256Hex(key), createdBy: c.get('editor').name }, now))!
    await db.run(auditStatement(db, { actor: c.get('editor').name, action: 'partner.create', type: 'partner', slug: String(row.id), before: null, after: null, requestId: c.get('requestId') }, now))
    return c.json({ ...row, key }, 201)
  })
  .openapi(listPartnersRoute, async (c) => c.json({ data: await listPartners(c.get('db')) }, 200))
  .openapi(revokePartnerRoute, async (c) => {
    const { id } = c.req.valid('param')
    const db = c.get('db')
    const now = new Date().toISOString()
    if (!(await revokePartner(db, id, now))) throw new ApiError(404, `No active partner key has the id ${id}.`)
    await db.run(auditStatement(db, { actor: c.get('editor').name, action: 'partner.revoke', type: 'partner', slug: String(id), before: null, after: null, requestId: c.get('requestId') }, now))
    return c.body(null, 204)
  })
