import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi'
import type { Context } from 'hono'
import type { AppEnv } from '../context.ts'
import { loadArchivedBodies } from '../bodies.ts'
import { listArticlesStatement, publishedArticlesStatement, type ArticleBodyRow, type ArticleRow } from '../db/articles.ts'
import { publicationStatement, publishesIn, type LanguagesRow } from '../db/publication.ts'
import { notRepublishable } from '../db/syndication.ts'
import { publicGroupingStatement, type Grouping } from '../db/taxonomy.ts'
import { errorResponses, notFound, validationHook } from '../errors.ts'
import { loadWithinBytes, utf8Bytes } from '../lib/paging.ts'
import { webUrl } from '../lib/site.ts'
import { toArticle, toArticleSummary } from '../present/articles.ts'
import { localize } from '../present/taxonomy.ts'
import { renderFeed, syndicatedHtml, type FeedFormat, type FeedModel } from '../render/feeds.ts'
import { LanguageTag, SectionSlug } from '../schemas/common.ts'
import type { Article, ArticleSummary } from '../schemas/article.ts'
import { JsonFeed } from '../schemas/feed.ts'

/** The most article text (HTML bytes) a partner's full-text feed carries, whatever FEED_SIZE. */
export const FEED_TEXT_BYTES = 2 * 1_048_576

/** The latest articles a feed carries. */
export const FEED_SIZE = 50

const FILES = { 'rss.xml': 'rss', 'atom.xml': 'atom', 'feed.json': 'json' } as const satisfies Record<string, FeedFormat>
const CONTENT_TYPES: Record<FeedFormat, string> = {
  rss: 'application/rss+xml; charset=utf-8',
  atom: 'application/atom+xml; charset=utf-8',
  json: 'application/feed+json; charset=utf-8',
}
const SCOPES = { sections: 'section', authors: 'author', tags: 'tag' } as const satisfies Record<string, Grouping>

const file = z
  .enum(['rss.xml', 'atom.xml', 'feed.json'])
  .openapi({ description: 'RSS 2.0, Atom 1.0 or JSON Feed 1.1.', example: 'rss.xml' })
// Feed URLs travel through newsletters and feed readers, which append utm_* and the like: other
// parameters are ignored (and left out of the cache key), unlike the JSON API's.
const query = z
  .object({ key: z.string().optional().openapi({ description: "A partner's key, for readers that cannot send Authorization." }) })
  .loose()
const feedContent = {
  'application/rss+xml': { schema: z.string() },
  'application/atom+xml': { schema: z.string() },
  'application/feed+json': { schema: JsonFeed },
}
const partnerErrors = {
  401: { description: 'A partner key that is not valid or was revoked.', content: errorResponses[400].content },
  429: { description: 'Too many requests for this partner key.', content: errorResponses[400].content },
}

const latestFeedRoute = createRoute({
  operationId: 'latestFeed',
  method: 'get',
  path: '/feeds/{file}',
  tags: ['Syndication'],
  summary: 'The latest 50 articles as RSS, Atom or JSON Feed',
  description:
    'Without a key: headline, standfirst and link. With a partner key (`Authorization: Bearer` or `?key=`): the full text too. ' +
    'Images whose rights forbid syndication never appear, with their captions and credits.',
  request: { params: z.object({ file }), query },
  responses: { 200: { description: 'The feed.', content: feedContent }, ...partnerErrors, ...errorResponses },
})

const scopedFeedRoute = createRoute({
  operationId: 'scopedFeed',
  method: 'get',
  path: '/feeds/{scope}/{slug}/{file}',
  tags: ['Syndication'],
  summary: "A section's, author's or tag's latest 50 articles",
  description:
    'The same feed as `/feeds/{file}`, limited to one section, author or tag. Without a key: headline, standfirst and link; with a partner key: the full text too.',
  request: {
    params: z.object({ scope: z.enum(['sections', 'authors', 'tags']).openapi({ example: 'sections' }), slug: SectionSlug, file }),
    query,
  },
  responses: { 200: { description: 'The feed.', content: feedContent }, ...partnerErrors, ...errorResponses },
})

const languageFeedRoute = createRoute({
  operationId: 'languageFeed',
  method: 'get',
  path: '/feeds/{lang}/{file}',
  tags: ['Syndication'],
  summary: 'The latest 50 articles in one language',
  description:
    "Like `/feeds/{file}`, with only the articles in `lang` (one of the publication's languages; another is a 404). " +
    'The feed declares its language: `<language>` in RSS, `xml:lang` in Atom, `language` in JSON Feed.',
  request: { params: z.object({ lang: LanguageTag, file }), query },
  responses: { 200: { description: 'The feed.', content: feedContent }, ...partnerErrors, ...errorResponses },
})

const languageScopedFeedRoute = createRoute({
  operationId: 'languageScopedFeed',
  method: 'get',
  path: '/feeds/{lang}/{scope}/{slug}/{file}',
  tags: ['Syndication'],
  summary: "A section's, author's or tag's latest 50 articles in one language",
  description: 'Sections and tags are named in `lang` where they have a name in it.',
  request: {
    params: z.object({
      lang: LanguageTag,
      scope: z.enum(['sections', 'authors', 'tags']).openapi({ example: 'sections' }),
      slug: SectionSlug,
      file,
    }),
    query,
  },
  responses: { 200: { description: 'The feed.', content: feedContent }, ...partnerErrors, ...errorResponses },
})

type PublicationFeedRow = { name: string; description: string; language: string } & LanguagesRow

async function serveFeed(
  c: Context<AppEnv>,
  fileName: keyof typeof FILES,
  scope: { kind: Grouping; path: string; slug: string } | null,
  lang?: string,
) {
  const db = c.get('db')
  const site = c.get('site')
  const partner = c.get('partner')
  const filter = { ...(scope ? { [scope.kind]: scope.slug } : {}), lang }
  const statements = [
    publicationStatement(db),
    // A list page's columns: the public's feeds need no more, and partners' load the text after (partnerArticles).
    listArticlesStatement(db, filter, { now: c.get('now'), limit: FEED_SIZE }),
    ...(scope ? [publicGroupingStatement(db, scope.kind, scope.slug, c.get('now'))] : []),
  ]
  const [publication, list, named] = await db.batch(statements)
  const pubRow = publication!.results[0] as PublicationFeedRow | undefined
  // A language the publication does not publish in has no feed: never another language's instead.
  if (lang && !publishesIn(pubRow, lang)) throw notFound(`The publication has no feed in '${lang}'.`)
  const pub = pubRow ?? { name: site.name, description: '', language: 'en' }
  const scopeRow = named?.results[0] as ({ name: string; description: string } & Parameters<typeof localize>[0]) | undefined
  if (scope && !scopeRow) throw notFound(`No ${scope.kind} has the slug '${scope.slug}'.`)
  const scopeName = scopeRow ? localize(scopeRow, lang) : undefined

  // From API_URL, never from the request's Host: this answer is cached and served to everyone.
  const root = lang ? `${site.apiUrl}/feeds/${lang}` : `${site.apiUrl}/feeds`
  const base = scope ? `${root}/${scope.path}/${scope.slug}` : root
  const rows = list!.results as ArticleRow[]
  const full = partner ? await partnerArticles(c, rows) : null
  const articles: ArticleSummary[] = full?.map((item) => item.article) ?? rows.map((row) => toArticleSummary(row, site.url))
  const model: FeedModel = {
    title: scopeName ? `${pub.name}: ${scopeName.name}` : pub.name,
    description: scopeName?.description || pub.description,
    language: lang ?? pub.language,
    homeUrl: scope ? webUrl(site.url, scope.path as 'sections' | 'authors' | 'tags', scope.slug) : site.url,
    urls: { rss: `${base}/rss.xml`, atom: `${base}/atom.xml`, json: `${base}/feed.json` },
    hub: c.get('settings').websubHub,
    updated: articles.reduce((newest, a) => (a.updated_at > newest ? a.updated_at : newest), articles[0]?.updated_at ?? c.get('now')),
    items: articles.map((article, i) => ({
      url: article.url,
      title: article.headline,
      summary: article.standfirst,
      contentHtml: full ? full[i]!.html : null,
      published: article.published_at,
      updated: article.updated_at,
      authors: (article.authors ?? []).map((author) => ({ name: author.name, url: author.url })),
      categories: [article.section.name, ...(article.tags ?? []).map((tag) => tag.name)],
      kind: article.kind,
      image: article.image?.syndication_allowed ? article.image : null,
    })),
  }
  const format = FILES[fileName]
  const links = [`<${model.urls[format]}>; rel="self"`, ...(model.hub ? [`<${model.hub}>; rel="hub"`] : [])]
  return c.body(renderFeed(model, format), 200, { 'content-type': CONTENT_TYPES[format], link: links.join(', ') })
}

export const feeds = new OpenAPIHono<AppEnv>({ defaultHook: validationHook })
  .openapi(latestFeedRoute, (c) => serveFeed(c, c.req.valid('param').file, null))
  .openapi(scopedFeedRoute, (c) => {
    const { scope, slug, file: fileName } = c.req.valid('param')
    return serveFeed(c, fileName, { kind: SCOPES[scope], path: scope, slug })
  })
  .openapi(languageFeedRoute, (c) => {
    const { lang, file: fileName } = c.req.valid('param')
    return serveFeed(c, fileName, null, lang)
  })
  .openapi(languageScopedFeedRoute, (c) => {
    const { lang, scope, slug, file: fileName } = c.req.valid('param')
    return serveFeed(c, fileName, { kind: SCOPES[scope], path: scope, slug }, lang)
  })

/**
 * A partner's feed: the full articles, never one partners may not republish (one more query), archived
 * bodies from the body store, loaded a few at a time until FEED_TEXT_BYTES of text: a feed of long
 * reads stops early rather than read fifty megabyte bodies. (The partner event log is the complete record.)
 */
async function partnerArticles(c: Context<AppEnv>, rows: ArticleRow[]): Promise<{ article: Article; html: string }[]> {
  const db = c.get('db')
  const excluded = await notRepublishable(
    db,
    rows.map((row) => row.slug),
  )
  const slugs = rows.map((row) => row.slug).filter((slug) => !excluded.has(slug))
  const { items } = await loadWithinBytes(
    slugs,
    async (chunk) => {
      const found = await loadArchivedBodies(
        c.env.BODIES,
        await db.all<ArticleBodyRow>(publishedArticlesStatement(db, chunk, c.get('now'))),
      )
      const bySlug = new Map(found.map((row) => [row.slug, row]))
      // In the list's order; an article unpublished since the list was read is left out.
      return chunk.flatMap((slug) => {
        const row = bySlug.get(slug)
        if (!row) return []
        const article = toArticle(row, c.get('site'))
        return [{ article, html: syndicatedHtml(article.body, article.corrections) }]
      })
    },
    (item) => utf8Bytes(item.html),
    FEED_TEXT_BYTES,
  )
  return items
}
