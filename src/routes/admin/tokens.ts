import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi'
import type { AppEnv } from '../../context.ts'
import { createTokenStatement, listTokens, revokeTokenStatement, type EditorTokenRow } from '../../db/editors.ts'
import { validationHook } from '../../errors.ts'
import { requireRole } from '../../middleware/auth.ts'
import { TokenCreate, TokenCreated, TokenInfo } from '../../schemas/admin.ts'
import { adminErrors, bearer } from './common.ts'
import { issueCredential, revokeCredential, type IssuedCredential } from './issued-credentials.ts'

const adminCreateTokenRoute = createRoute({
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

const adminListTokensRoute = createRoute({
  operationId: 'adminListTokens',
  method: 'get',
  path: '/v1/admin/tokens',
  tags: ['Editorial'],
  summary: 'Tokens issued, revoked ones included',
  description: 'Every editor token with its role, who issued it and when it was revoked; never the tokens themselves.',
  security: bearer,
  middleware: [requireRole('admin')] as const,
  request: { query: z.object({}).strict() },
  responses: {
    200: {
      description: 'The tokens (never their values).',
      content: { 'application/json': { schema: z.object({ data: z.array(TokenInfo) }) } },
    },
    ...adminErrors,
  },
})

const adminRevokeTokenRoute = createRoute({
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

const editorTokens: IssuedCredential<{ name: string; role: 'editor' | 'admin' }, EditorTokenRow> = {
  type: 'token',
  noun: 'token',
  insert: createTokenStatement,
  revoke: revokeTokenStatement,
}

export const adminTokens = new OpenAPIHono<AppEnv>({ defaultHook: validationHook })
  .openapi(adminCreateTokenRoute, async (c) => {
    const { row, secret } = await issueCredential(c, editorTokens, c.req.valid('json'))
    return c.json({ ...row, token: secret }, 201)
  })
  .openapi(adminListTokensRoute, async (c) => c.json({ data: await listTokens(c.get('db')) }, 200))
  .openapi(adminRevokeTokenRoute, async (c) => {
    await revokeCredential(c, editorTokens, c.req.valid('param').id)
    return c.body(null, 204)
  })
