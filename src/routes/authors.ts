import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi'
import type { Context } from 'hono'
import type { AppEnv } from '../context.ts'
import { authorProfileStatement, listAuthorsStatement, type AuthorRow, type SortedAuthorRow } from '../db/authors.ts'
import { errorResponses, notFound, validationHook } from '../errors.ts'
import { readCursor, toPage } from '../lib/paging.ts'
import { toAuthor, toAuthorSummary } from '../present/authors.ts'
import { ArticlePage, ArticlePageQuery } from '../schemas/article.ts'
import { Author, AuthorPage } from '../schemas/author.ts'
import { AuthorSlug, PageQuery } from '../schemas/common.ts'
import { loadArticlePage, type ArticlePageQuery as PageOfArticles } from './article-page.ts'

const params = z.object({ slug: AuthorSlug })
const pageQuery = z.object(PageQuery).strict()

const listAuthorsRoute = createRoute({
  operationId: 'listAuthors',
  method: 'get',
  path: '/v1/authors',
  tags: ['Authors'],
  summary: 'List authors',
  description: 'A–Z by name as people read it (case and accents do not count: "Łukasz" sorts with L), keyset-paginated.',
  request: { query: pageQuery },
  responses: {
    200: { description: 'A page of authors.', content: { 'application/json': { schema: AuthorPage } } },
    ...errorResponses,
  },
})

const getAuthorRoute = createRoute({
  operationId: 'getAuthor',
  method: 'get',
  path: '/v1/authors/{slug}',
  tags: ['Authors'],
  summary: "Get an author's profile",
  description: 'The profile with the number of published articles and the first page of the latest ones (with `lang`, in that language).',
  request: { params, query: ArticlePageQuery },
  responses: {
    200: { description: 'The author.', content: { 'application/json': { schema: Author } } },
    ...errorResponses,
  },
})

const listAuthorArticlesRoute = createRoute({
  operationId: 'listAuthorArticles',
  method: 'get',
  path: '/v1/authors/{slug}/articles',
  tags: ['Authors'],
  summary: "List an author's articles",
  description: 'Newest first, keyset-paginated like the article list: follow `next_cursor` until it is null.',
  request: { params, query: ArticlePageQuery },
  responses: {
    200: { description: 'A page of article summaries.', content: { 'application/json': { schema: ArticlePage } } },
    ...errorResponses,
  },
})

/** The author and a page of their articles, in one round trip; 404 when no author has the slug. */
async function loadAuthor(c: Context<AppEnv>, slug: string, query: PageOfArticles) {
  const profile = authorProfileStatement(c.get('db'), slug, c.get('now'))
  const { page, results } = await loadArticlePage(c, { author: slug }, query, [profile])
  const author = results[0]!.results[0] as (AuthorRow & { article_count: number }) | undefined
  if (!author) throw notFound(`No author has the slug '${slug}'.`)
  return { author, page }
}

export const authors = new OpenAPIHono<AppEnv>({ defaultHook: validationHook })
  .openapi(listAuthorsRoute, async (c) => {
    const { limit, cursor } = c.req.valid('query')
    const db = c.get('db')
    const rows = await db.all<SortedAuthorRow>(listAuthorsStatement(db, limit + 1, readCursor(cursor, 'n')))
    const siteUrl = c.get('site').url
    const page = toPage(
      rows,
      limit,
      (row) => ({ k: 'n', v: row.sort_key, id: row.id }),
      (row) => toAuthorSummary(row, siteUrl),
    )
    return c.json(page, 200)
  })
  .openapi(getAuthorRoute, async (c) => {
    const { author, page } = await loadAuthor(c, c.req.valid('param').slug, c.req.valid('query'))
    return c.json(toAuthor(author, c.get('site').url, page), 200)
  })
  .openapi(listAuthorArticlesRoute, async (c) => {
    const { page } = await loadAuthor(c, c.req.valid('param').slug, c.req.valid('query'))
    return c.json(page, 200)
  })
