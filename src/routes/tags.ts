import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi'
import type { AppEnv } from '../context.ts'
import { listTagsStatement, publicTagStatement, type SortedTagRow, type TagRow } from '../db/taxonomy.ts'
import { errorResponses, notFound, validationHook } from '../errors.ts'
import { readCursor, toPage } from '../lib/paging.ts'
import { toTag } from '../present/taxonomy.ts'
import { ArticlePageQuery } from '../schemas/article.ts'
import { LangQuery, PageQuery, TagSlug } from '../schemas/common.ts'
import { TagPage, TagWithArticles } from '../schemas/taxonomy.ts'
import { loadArticlePage, unknownLanguage } from './article-page.ts'
import { languagesStatement, publishesIn, type LanguagesRow } from '../db/publication.ts'

const pageQuery = z.object({ ...LangQuery, ...PageQuery }).strict()

const listTagsRoute = createRoute({
  operationId: 'listTags',
  method: 'get',
  path: '/v1/tags',
  tags: ['Sections and tags'],
  summary: 'List tags',
  description:
    'A–Z by name as people read it (case and accents do not count: "Łukasz" sorts with L), keyset-paginated. ' +
    'Only tags that a published article uses: a tag is public from its first public article on. ' +
    'With `lang`, each named in that language where it has a name in it.',
  request: { query: pageQuery },
  responses: {
    200: { description: 'A page of tags.', content: { 'application/json': { schema: TagPage } } },
    ...errorResponses,
  },
})

const getTagRoute = createRoute({
  operationId: 'getTag',
  method: 'get',
  path: '/v1/tags/{slug}',
  tags: ['Sections and tags'],
  summary: 'Get a tag with its latest articles',
  description:
    'The tag and the first page of its articles, newest first; `articles.next_cursor` continues with `GET /v1/articles?tag=…`. ' +
    'With `lang`: the tag named in that language (where it has a name in it) and only its articles in that language.',
  request: { params: z.object({ slug: TagSlug }), query: ArticlePageQuery },
  responses: {
    200: { description: 'The tag and a page of its articles.', content: { 'application/json': { schema: TagWithArticles } } },
    ...errorResponses,
  },
})

export const tags = new OpenAPIHono<AppEnv>({ defaultHook: validationHook })
  .openapi(listTagsRoute, async (c) => {
    const { limit, cursor, lang } = c.req.valid('query')
    const db = c.get('db')
    const [list, languages] = await db.batch([
      listTagsStatement(db, c.get('now'), limit + 1, readCursor(cursor, 'n')),
      languagesStatement(db),
    ])
    if (lang && !publishesIn(languages!.results[0] as LanguagesRow | undefined, lang)) throw unknownLanguage(lang)
    const siteUrl = c.get('site').url
    const rows = list!.results as SortedTagRow[]
    return c.json(
      toPage(
        rows,
        limit,
        (row) => ({ k: 'n', v: row.sort_key, id: row.id }),
        (row) => toTag(row, siteUrl, lang),
      ),
      200,
    )
  })
  .openapi(getTagRoute, async (c) => {
    const { slug } = c.req.valid('param')
    const tag = publicTagStatement(c.get('db'), slug, c.get('now'))
    const { page, results } = await loadArticlePage(c, { tag: slug }, c.req.valid('query'), [tag])
    const row = results[0]!.results[0] as TagRow | undefined
    if (!row) throw notFound(`No tag has the slug '${slug}'.`)
    return c.json({ ...toTag(row, c.get('site').url, c.req.valid('query').lang), articles: page }, 200)
  })
