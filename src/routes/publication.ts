import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi'
import type { AppEnv } from '../context.ts'
import { findPublication } from '../db/publication.ts'
import { errorResponses, notFound, validationHook } from '../errors.ts'
import { toPublication } from '../present/publication.ts'
import { Publication } from '../schemas/publication.ts'

const getPublicationRoute = createRoute({
  operationId: 'getPublication',
  method: 'get',
  path: '/v1/publication',
  tags: ['Publication'],
  summary: 'About the publication',
  description: 'The newspaper itself: name, "about us", URL, language, logo and links.',
  request: { query: z.object({}).strict() },
  responses: {
    200: { description: 'The publication.', content: { 'application/json': { schema: Publication } } },
    ...errorResponses,
  },
})

export const publication = new OpenAPIHono<AppEnv>({ defaultHook: validationHook }).openapi(getPublicationRoute, async (c) => {
  const row = await findPublication(c.get('db'))
  if (!row) throw notFound('The publication has not been set up yet.')
  return c.json(toPublication(row), 200)
})
