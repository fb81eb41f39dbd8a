import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi'
import type { AppEnv } from '../context.ts'
import { loadArchivedBodies } from '../bodies.ts'
import { findPublishedArticle } from '../db/articles.ts'
import { publicGroupingStatement } from '../db/taxonomy.ts'
import { errorResponses, invalid, notFound, validationHook, type FieldError } from '../errors.ts'
import { omittedParts, withoutParts } from '../lib/fields.ts'
import { toArticle } from '../present/articles.ts'
import { Article, ArticleFields, ArticleListQuery, ArticlePage } from '../schemas/article.ts'
import { ArticleSlug } from '../schemas/common.ts'
import { syndicatedArticle } from '../render/feeds.ts'
import { loadArticlePage } from './article-page.ts'

const listArticlesRoute = createRoute({
  operationId: 'listArticles',
  method: 'get',
  path: '/v1/articles',
  tags: ['Articles'],
  summary: 'List published articles',
  description:
    'Newest first, or by relevance with `q`. Filters combine. Pages are keyset-paginated: follow `next_cursor` until it is null.',
  request: { query: ArticleListQuery },
  responses: {
    200: { description: 'A page of article summaries.', content: { 'application/json': { schema: ArticlePage } } },
    ...errorResponses,
  },
})

const getArticleRoute = createRoute({
  operationId: 'getArticle',
  method: 'get',
  path: '/v1/articles/{slug}',
  tags: ['Articles'],
  summary: 'Get a published article',
  description:
    'The whole article: body blocks, rendered HTML, word count, reading time and schema.org JSON-LD, with its language ' +
    '(also in `Content-Language`) and the other public versions of the story in `translations`. Each version has its own ' +
    'slug: a version that does not exist, or is not public, is a 404 at its slug, never another language instead.',
  request: {
    params: z.object({ slug: ArticleSlug }),
    query: z
      .object({
        key: z.string().optional().openapi({ description: "A syndication partner's key (or send it as a Bearer token)." }),
        fields: ArticleFields,
      })
      .strict(),
  },
  responses: {
    200: {
      description: 'The article. For partners, without the images they may not republish.',
      headers: { 'content-language': { description: "The article's language (BCP 47).", schema: { type: 'string', example: 'fr' } } },
      content: { 'application/json': { schema: Article } },
    },
    401: { description: 'A partner key that is not valid or was revoked.', content: errorResponses[400].content },
    ...errorResponses,
  },
})

export const articles = new OpenAPIHono<AppEnv>({ defaultHook: validationHook })
  .openapi(listArticlesRoute, async (c) => {
    const query = c.req.valid('query')
    const db = c.get('db')
    const groupings = (['section', 'tag', 'author'] as const).filter((name) => query[name] !== undefined)
    // Filters that name something (a section, tag or author) must name something that exists.
    const checks = groupings.map((name) => publicGroupingStatement(db, name, query[name]!, c.get('now')))
    const { page, results } = await loadArticlePage(c, query, query, checks)
    const unknown: FieldError[] = groupings
      .filter((_, i) => results[i]!.results.length === 0)
      .map((name) => ({ field: name, in: 'query', detail: `no ${name} has this slug` }))
    if (unknown.length > 0) throw invalid(unknown)
    return c.json(page, 200)
  })
  .openapi(getArticleRoute, async (c) => {
    const { slug } = c.req.valid('param')
    const { fields } = c.req.valid('query')
    const row = await findPublishedArticle(c.get('db'), slug, c.get('now'))
    if (!row) throw notFound(`No published article has the slug '${slug}'.`)
    // An archived article's body is in the body store: one R2 read; a recent one's is in the row.
    await loadArchivedBodies(c.env.BODIES, [row])
    const article = toArticle(row, c.get('site'))
    c.header('content-language', article.language)
    return c.json(withoutParts(c.get('partner') ? syndicatedArticle(article) : article, omittedParts(fields)), 200)
  })
