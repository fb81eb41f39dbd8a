import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi'
import type { Context } from 'hono'
import type { AppEnv } from '../../context.ts'
import { auditStatement, createToken, listTokens, revokeToken } from '../../db/editors.ts'
import { ApiError, validationHook } from '../../errors.ts'
import { newToken, sha256Hex } from '../../lib/tokens.ts'
import { requireRole } from '../../middleware/auth.ts'
import { TokenCreate, TokenCreated, TokenInfo } from '../../schemas/admin.ts'
import { adminErrors, bearer } from './common.ts'

const createRouteDef = createRoute({
  operationId: 'adminCreateToken',
  method: 'post',
  path: '/v1/admin/tokens',
  tags: ['Editorial'],
  summary: 'Issue a token to an editor',
  description: 'The token is in this response only; D1 keeps its SHA-256.',
  security: bearer,
  middleware: [requireRole('admin')] as const,
  request: { body: { required: true, content: { 'application/json': { schema: TokenCreate } } } },
  responses: { 201: { description: 'Issued.', content: { 'application/json': { schema: TokenCreated } } }, ...adminErrors },
})

const listRouteDef = createRoute({
  operationId: 'adminListTokens',
  method: 'get',
  path: '/v1/admin/tokens',
  tags: ['Editorial'],
  summary: 'Tokens issued, revoked ones included',
  description: 'Every editor token with its role, who issued it and when it was revoked; never the tokens themselves.',
  security: bearer,
  middleware: [requireRole('admin')] as const,
  request: { query: z.object({}).strict() },
  responses: { 200: { description: 'The tokens (never their values).', content: { 'application/json': { schema: z.object({ data: z.array(TokenInfo) }) } } }, ...adminErrors },
})

const revokeRouteDef = createRoute({
  operationId: 'adminRevokeToken',
  method: 'delete',
  path: '/v1/admin/tokens/{id}',
  tags: ['Editorial'],
  summary: 'Revoke a token',
  description: 'The token stops working at once. Revoking twice is harmless.',
  security: bearer,
  middleware: [requireRole('admin')] as const,
  request: { params: z.object({ id: z.coerce.number().int().positive() }) },
  responses: { 204: { description: 'Revoked.' }, ...adminErrors },
})

function audit(c: Context<AppEnv>, action: string, id: string, now: string) {
  return auditStatement(c.get('db'), { actor: c.get('editor'), action, type: 'token', slug: id, before: null, after: null, requestId: c.get('requestId') }, now)
}

export const adminTokens = new OpenAPIHono<AppEnv>({ defaultHook: validationHook })
  .openapi(createRouteDef, async (c) => {
    const { name, role } = c.req.valid('json')
    const token = newToken()
    const db = c.get('db')
    const now = new Date().toISOString()
    const row = await createToken(db, { name, role, hash: await sha256Hex(token), createdBy: c.get('editor').name }, now)
    await db.run(audit(c, 'token.create', String(row!.id), now))
    return c.json({ ...row!, token }, 201)
  })
  .openapi(listRouteDef, async (c) => c.json({ data: await listTokens(c.get('db')) }, 200))
  .openapi(revokeRouteDef, async (c) => {
    const { id } = c.req.valid('param')
    const db = c.get('db')
    const now = new Date().toISOString()
    if (!(await revokeToken(db, id, now))) throw new ApiError(404, `No active token has the id ${id}.`)
    await db.run(audit(c, 'token.revoke', String(id), now))
    return c.body(null, 204)
  })
