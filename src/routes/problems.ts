import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi'
import { html } from 'hono/html'
import type { AppEnv } from '../context.ts'
import { errorResponses, PROBLEM_KINDS, problemType, validationHook, type ProblemKind } from '../errors.ts'
import { page } from '../render/pages.ts'

/**
 * The pages behind problems' `type` URIs: what each kind of problem means and what to do about
 * it, for the developer who follows the link from an error.
 */

const kinds = Object.keys(PROBLEM_KINDS) as [ProblemKind, ...ProblemKind[]]

const getProblemTypeRoute = createRoute({
  operationId: 'getProblemType',
  method: 'get',
  path: '/problems/{kind}',
  tags: ['Operations'],
  summary: 'What a kind of problem means',
  description:
    'Every error is an RFC 9457 problem whose `type` is this URL for its kind: branch on `type` rather than on `status`. ' +
    'The page explains the kind and what to do.',
  request: { params: z.object({ kind: z.enum(kinds).openapi({ example: 'not-found' }) }), query: z.object({}).strict() },
  responses: {
    200: { description: 'A short HTML page.', content: { 'text/html': { schema: z.string() } } },
    400: errorResponses[400],
    500: errorResponses[500],
  },
})

export const problems = new OpenAPIHono<AppEnv>({ defaultHook: validationHook }).openapi(getProblemTypeRoute, async (c) => {
  const { kind } = c.req.valid('param')
  const { status, title, explanation, advice } = PROBLEM_KINDS[kind]
  const body = await page({
    title: `${status} ${title}`,
    body: html`<p><code>${problemType(c.get('site').apiUrl, kind)}</code></p>
<p>${explanation}</p>
<p>${advice}</p>
<p>The problem's <code>detail</code> says what happened in this case; quote its <code>request_id</code> when reporting it.
<a href="/docs">API reference</a>.</p>`,
  })
  // The same for everyone, and rarely changed.
  return c.html(body, 200, { 'cache-control': 'public, max-age=86400' })
})
