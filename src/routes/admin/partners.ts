import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi'
import type { AppEnv } from '../../context.ts'
import {
  createPartnerStatement,
  listPartners,
  revokePartnerStatement,
  setPartnerEmbargoStatement,
  type PartnerRow,
} from '../../db/partners.ts'
import { notFound, validationHook } from '../../errors.ts'
import { requireRole } from '../../middleware/auth.ts'
import { Timestamp } from '../../schemas/common.ts'
import { adminErrors, bearer } from './common.ts'
import { issueCredential, revokeCredential, writeWithAudit, type IssuedCredential } from './issued-credentials.ts'

const Partner = z
  .object({
    id: z.number().int(),
    name: z.string(),
    created_at: Timestamp,
    created_by: z.string(),
    revoked_at: Timestamp.nullable(),
    last_used_at: Timestamp.nullable(),
    embargo: z.boolean().openapi({ description: 'Whether the partner receives embargoed articles before their time (marked withheld).' }),
  })
  .openapi('Partner')

const embargoField = z.boolean().openapi({ description: 'May see embargoed articles before their time.' })
const toPartner = (row: PartnerRow) => ({ ...row, embargo: row.embargo === 1 })

const adminCreatePartnerRoute = createRoute({
  operationId: 'adminCreatePartner',
  method: 'post',
  path: '/v1/admin/partners',
  tags: ['Editorial'],
  summary: 'Give a syndication partner a key',
  description: 'The key is in this response only; D1 keeps its SHA-256. Partners get full text and rights-cleared images.',
  security: bearer,
  middleware: [requireRole('admin')] as const,
  request: {
    body: {
      required: true,
      content: {
        'application/json': {
          schema: z.object({ name: z.string().trim().min(1).max(100), embargo: embargoField.default(false) }).strict(),
        },
      },
    },
  },
  responses: {
    201: {
      description: 'Created.',
      content: { 'application/json': { schema: Partner.extend({ key: z.string() }).openapi('PartnerCreated') } },
    },
    ...adminErrors,
  },
})

const adminListPartnersRoute = createRoute({
  operationId: 'adminListPartners',
  method: 'get',
  path: '/v1/admin/partners',
  tags: ['Editorial'],
  summary: 'Partners and when their keys were last used',
  description: 'Every syndication partner, with when its key was last used; never the keys themselves.',
  security: bearer,
  middleware: [requireRole('admin')] as const,
  request: { query: z.object({}).strict() },
  responses: {
    200: {
      description: 'The partners (never their keys).',
      content: { 'application/json': { schema: z.object({ data: z.array(Partner) }) } },
    },
    ...adminErrors,
  },
})

const adminRevokePartnerRoute = createRoute({
  operationId: 'adminRevokePartner',
  method: 'delete',
  path: '/v1/admin/partners/{id}',
  tags: ['Editorial'],
  summary: "Revoke a partner's key",
  description: 'The key stops working at once: its next request answers 401.',
  security: bearer,
  middleware: [requireRole('admin')] as const,
  request: { params: z.object({ id: z.coerce.number().int().positive() }) },
  responses: { 204: { description: 'Revoked.' }, ...adminErrors },
})

const adminChangePartnerRoute = createRoute({
  operationId: 'adminChangePartner',
  method: 'patch',
  path: '/v1/admin/partners/{id}',
  tags: ['Editorial'],
  summary: "Change a partner's permissions",
  description:
    "Turns early access to embargoed articles on or off. Takes effect on the partner's next request and next push; " +
    'the key stays the same.',
  security: bearer,
  middleware: [requireRole('admin')] as const,
  request: {
    params: z.object({ id: z.coerce.number().int().positive() }),
    body: { required: true, content: { 'application/json': { schema: z.object({ embargo: embargoField }).strict() } } },
  },
  responses: { 200: { description: 'The partner.', content: { 'application/json': { schema: Partner } } }, ...adminErrors },
})

const partnerKeys: IssuedCredential<{ name: string; embargo: boolean }, PartnerRow> = {
  type: 'partner',
  noun: 'partner key',
  insert: createPartnerStatement,
  revoke: revokePartnerStatement,
}

export const adminPartners = new OpenAPIHono<AppEnv>({ defaultHook: validationHook })
  .openapi(adminCreatePartnerRoute, async (c) => {
    const { row, secret } = await issueCredential(c, partnerKeys, c.req.valid('json'))
    return c.json({ ...toPartner(row), key: secret }, 201)
  })
  .openapi(adminListPartnersRoute, async (c) => c.json({ data: (await listPartners(c.get('db'))).map(toPartner) }, 200))
  .openapi(adminChangePartnerRoute, async (c) => {
    const { id } = c.req.valid('param')
    const row = await writeWithAudit<PartnerRow>(
      c,
      setPartnerEmbargoStatement(c.get('db'), id, c.req.valid('json').embargo),
      'partner',
      'change',
      id,
    )
    if (!row) throw notFound(`No partner has the id ${id}.`)
    return c.json(toPartner(row), 200)
  })
  .openapi(adminRevokePartnerRoute, async (c) => {
    await revokeCredential(c, partnerKeys, c.req.valid('param').id)
    return c.body(null, 204)
  })
