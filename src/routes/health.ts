import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi'
import type { AppEnv } from '../context.ts'
import { errorResponses, validationHook } from '../errors.ts'

const Health = z.object({ status: z.literal('ok'), checks: z.object({ d1: z.literal('ok') }) }).openapi('Health')

const getHealthRoute = createRoute({
  operationId: 'getHealth',
  method: 'get',
  path: '/health',
  tags: ['Operations'],
  summary: 'Health check',
  description: 'Answers 200 when D1 answers a query, 503 otherwise. Never cached.',
  request: { query: z.object({}).strict() },
  responses: {
    200: { description: 'Healthy.', content: { 'application/json': { schema: Health } } },
    400: errorResponses[400],
    500: errorResponses[500],
    503: errorResponses[503],
  },
})

export const health = new OpenAPIHono<AppEnv>({ defaultHook: validationHook }).openapi(getHealthRoute, async (c) => {
  // A D1 failure surfaces as a StorageError, which onError answers with 503 and Retry-After.
  await c.get('db').ping()
  c.header('cache-control', 'no-store')
  return c.json({ status: 'ok', checks: { d1: 'ok' } } as const, 200)
})
