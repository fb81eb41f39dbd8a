import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi'
import type { AppEnv } from '../context.ts'
import { findSectionStatement, listSectionsStatement, type SectionRow } from '../db/taxonomy.ts'
import { errorResponses, notFound, validationHook } from '../errors.ts'
import { toSection } from '../present/taxonomy.ts'
import { ArticlePageQuery } from '../schemas/article.ts'
import { LangQuery, SectionSlug } from '../schemas/common.ts'
import { SectionList, SectionWithArticles } from '../schemas/taxonomy.ts'
import { loadArticlePage, unknownLanguage } from './article-page.ts'
import { languagesStatement, publishesIn, type LanguagesRow } from '../db/publication.ts'

const listSectionsRoute = createRoute({
  operationId: 'listSections',
  method: 'get',
  path: '/v1/sections',
  tags: ['Sections and tags'],
  summary: 'List sections',
  description: "All sections, in the newspaper's own order. With `lang`, named in that language where they have a name in it.",
  request: { query: z.object(LangQuery).strict() },
  responses: {
    200: { description: 'Every section.', content: { 'application/json': { schema: SectionList } } },
    ...errorResponses,
  },
})

const getSectionRoute = createRoute({
  operationId: 'getSection',
  method: 'get',
  path: '/v1/sections/{slug}',
  tags: ['Sections and tags'],
  summary: 'Get a section with its latest articles',
  description:
    'The section and the first page of its articles, newest first; `articles.next_cursor` continues with `GET /v1/articles?section=…`. ' +
    'With `lang`: the section named in that language (where it has a name in it) and only its articles in that language.',
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
  .openapi(listSectionsRoute, async (c) => {
    const db = c.get('db')
    const { lang } = c.req.valid('query')
    const [rows, languages] = await db.batch([listSectionsStatement(db), languagesStatement(db)])
    if (lang && !publishesIn(languages!.results[0] as LanguagesRow | undefined, lang)) throw unknownLanguage(lang)
    const siteUrl = c.get('site').url
    return c.json({ data: (rows!.results as SectionRow[]).map((row) => toSection(row, siteUrl, lang)) }, 200)
  })
  .openapi(getSectionRoute, async (c) => {
    const { slug } = c.req.valid('param')
    const section = findSectionStatement(c.get('db'), slug)
    const { page, results } = await loadArticlePage(c, { section: slug }, c.req.valid('query'), [section])
    const row = results[0]!.results[0] as SectionRow | undefined
    if (!row) throw notFound(`No section has the slug '${slug}'.`)
    return c.json({ ...toSection(row, c.get('site').url, c.req.valid('query').lang), articles: page }, 200)
  })
