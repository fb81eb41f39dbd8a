import { z } from '@hono/zod-openapi'
import type { Context } from 'hono'
import type { AppEnv } from '../../context.ts'
import { PROBLEM_JSON, Problem } from '../../errors.ts'

/** What the newsletter routes answer: problems for programs, pages for people. */
export const problemContent = { [PROBLEM_JSON]: { schema: Problem } }
export const htmlContent = { 'text/html': { schema: z.string() } }

/** Whether the client asked for JSON (an app), rather than a page (a browser). */
export function wantsJson(c: Context<AppEnv>): boolean {
  return /application\/(problem\+)?json/.test(c.req.header('accept') ?? '')
}
