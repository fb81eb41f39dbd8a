import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi'
import type { AppEnv } from '../context.ts'
import { findSectionStatement, listSectionsStatement, toSection, type SectionRow } from '../db/taxonomy.ts'
import { errorResponses, notFound, validationHook } from '../errors.ts'
import { ArticlePageQuery } from '../schemas/article.ts'
import { SectionSlug } from '../schemas/common.ts'
import { SectionList, SectionWithArticles } from '../schemas/taxonomy.ts'
import { loadArticlePage } from './article-page.ts'

const listSections = createRoute({
  operationId: 'listSections',
  method: 'get',
  path: '/v1/sections',
  tags: ['Sections and tags'],
  summary: 'List sections',
  description: "All sections, in the newspaper's own order.",
  request: { query: z.object({}).strict() },
  responses: {
    200: { description: 'Every section.', content: { 'application/json': { schema: SectionList } } },
    ...errorResponses,
  },
})

const getSection = createRoute({
  operationId: 'getSection',
  method: 'get',
  path: '/v1/sections/{slug}',
  tags: ['Sections and tags'],
  summary: 'Get a section with its latest articles',
  description: 'The section and the first page of its articles, newest first; `articles.next_cursor` continues with `GET /v1/articles?section=…`.',
  request: { params: z.object({ slug: SectionSlug }), query: ArticlePageQuery },
  responses: {
    200: {
      description: 'The section and a page of its articles.',
      content: { 'application/json': { schema: SectionWithArticles } },
    },
    ...errorResponses,
  },
})

export const sections = new OpenAPIHono<AppEnv>({ defaultHook: validationHook })
  .openapi(listSections, async (c) => {
    const db = c.get('db')
    const rows = await db.all<SectionRow>(listSectionsStatement(db))
    const siteUrl = c.get('site').url
    return c.json({ data: rows.map((row) => toSection(row, siteUrl)) }, 200)
  })
  .openapi(getSection, async (c) => {
    const { slug } = c.req.valid('param')
    const section = findSectionStatement(c.get('db'), slug)
    const { page, results } = await loadArticlePage(c, { section: slug }, c.req.valid('query'), [section])
    const row = results[0]!.results[0] as SectionRow | undefined
    if (!row) throw notFound(`No section has the slug '${slug}'.`)
    return c.json({ ...toSection(row, c.get('site').url), articles: page }, 200)
  })
