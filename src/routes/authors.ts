import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi'
import type { Context } from 'hono'
import type { AppEnv } from '../context.ts'
import { authorProfileStatement, listAuthorsStatement, toAuthorSummary, type AuthorRow } from '../db/authors.ts'
import { errorResponses, notFound, validationHook } from '../errors.ts'
import { readCursor, toPage } from '../lib/paging.ts'
import { ArticlePage } from '../schemas/article.ts'
import { Author, AuthorPage } from '../schemas/author.ts'
import { LangQuery, PageQuery, Slug } from '../schemas/common.ts'
import { loadArticlePage, type ArticlePageQuery } from './article-page.ts'

const params = z.object({ slug: Slug })
const pageQuery = z.object(PageQuery).strict()
const articlesQuery = z.object({ ...LangQuery, ...PageQuery }).strict()

const listAuthors = createRoute({
  operationId: 'listAuthors',
  method: 'get',
  path: '/v1/authors',
  tags: ['Authors'],
  summary: 'List authors',
  description: 'Alphabetical by name, keyset-paginated.',
  request: { query: pageQuery },
  responses: {
    200: { description: 'A page of authors.', content: { 'application/json': { schema: AuthorPage } } },
    ...errorResponses,
  },
})

const getAuthor = createRoute({
  operationId: 'getAuthor',
  method: 'get',
  path: '/v1/authors/{slug}',
  tags: ['Authors'],
  summary: "Get an author's profile",
  description: 'The profile with the number of published articles and the first page of the latest ones (with `lang`, in that language).',
  request: { params, query: articlesQuery },
  responses: {
    200: { description: 'The author.', content: { 'application/json': { schema: Author } } },
    ...errorResponses,
  },
})

const listAuthorArticles = createRoute({
  operationId: 'listAuthorArticles',
  method: 'get',
  path: '/v1/authors/{slug}/articles',
  tags: ['Authors'],
  summary: "List an author's articles",
  request: { params, query: articlesQuery },
  responses: {
    200: { description: 'A page of article summaries.', content: { 'application/json': { schema: ArticlePage } } },
    ...errorResponses,
  },
})

/** The author and a page of their articles, in one round trip; 404 when no author has the slug. */
async function loadAuthor(c: Context<AppEnv>, slug: string, query: ArticlePageQuery) {
  const profile = authorProfileStatement(c.get('db'), slug, c.get('now'))
  const { page, results } = await loadArticlePage(c, { author: slug }, query, [profile])
  const author = results[0]!.results[0] as (AuthorRow & { article_count: number }) | undefined
  if (!author) throw notFound(`No author has the slug '${slug}'.`)
  return { author, page }
}

export const authors = new OpenAPIHono<AppEnv>({ defaultHook: validationHook })
  .openapi(listAuthors, async (c) => {
    const { limit, cursor } = c.req.valid('query')
    const db = c.get('db')
    const rows = await db.all<AuthorRow>(listAuthorsStatement(db, limit + 1, readCursor(cursor, 'n')))
    const siteUrl = c.get('site').url
    const page = toPage(rows, limit, (row) => ({ k: 'n', v: row.name, id: row.id }), (row) => toAuthorSummary(row, siteUrl))
    return c.json(page, 200)
  })
  .openapi(getAuthor, async (c) => {
    const { author, page } = await loadAuthor(c, c.req.valid('param').slug, c.req.valid('query'))
    const summary = toAuthorSummary(author, c.get('site').url)
    return c.json(
      {
        ...summary,
        bio: author.bio,
        links: JSON.parse(author.links),
        article_count: author.article_count,
        articles: page,
        updated_at: author.updated_at,
      },
      200,
    )
  })
  .openapi(listAuthorArticles, async (c) => {
    const { page } = await loadAuthor(c, c.req.valid('param').slug, c.req.valid('query'))
    return c.json(page, 200)
  })
