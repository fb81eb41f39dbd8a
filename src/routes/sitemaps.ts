import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi'
import type { Context } from 'hono'
import type { AppEnv } from '../context.ts'
import { CHUNK_SIZE, listSitemapChunks, loadNewsSitemap, sitemapChunkStatement, type SitemapUrlRow } from '../db/sitemaps.ts'
import { languagesStatement, type LanguagesRow } from '../db/publication.ts'
import { FALLBACK_LANGUAGE } from '../lib/languages.ts'
import { errorResponses, notFound, validationHook } from '../errors.ts'
import { webUrl } from '../lib/site.ts'
import {
  hreflangAlternates,
  renderNewsSitemap,
  renderSitemapIndex,
  renderUrlset,
  XML_CONTENT_TYPE,
  type UrlEntry,
} from '../render/sitemaps.ts'

const xmlContent = { 'application/xml': { schema: z.string() } }

// Crawlers fetch sitemaps rarely, and news sitemaps every few minutes at most; shared caches may
// keep them a while. A new article appears in the news sitemap within a minute.
const NEWS_CACHE = 'public, max-age=60'
const ARCHIVE_CACHE = 'public, max-age=3600'

const newsSitemapRoute = createRoute({
  operationId: 'newsSitemap',
  method: 'get',
  path: '/sitemaps/news.xml',
  tags: ['Syndication'],
  summary: 'Google News sitemap',
  description:
    'Articles published in the last two days, newest first, at most 1,000: web URL, publication name, language, ' +
    'publication date and headline (https://developers.google.com/search/docs/crawling-indexing/sitemaps/news-sitemap).',
  responses: {
    200: { description: 'The news sitemap.', content: xmlContent },
    ...errorResponses,
  },
})

const sitemapIndexRoute = createRoute({
  operationId: 'sitemapIndex',
  method: 'get',
  path: '/sitemap.xml',
  tags: ['Syndication'],
  summary: 'Sitemap index',
  description:
    'Lists the article sitemaps (`/sitemaps/articles-{n}.xml`, at most 50,000 URLs each, with the time of their newest change) ' +
    'and the news sitemap.',
  responses: {
    200: { description: 'The sitemap index.', content: xmlContent },
    ...errorResponses,
  },
})

// The file name carries the number ("articles-2.xml"): OpenAPI can template part of a segment,
// but Hono's router cannot. So the document has this definition, at its OpenAPI path, and the
// chain routes it as articleSitemapRouting below. Anything but a positive integer (0, -1, 01,
// abc) is a 404.
const articleSitemapRoute = createRoute({
  operationId: 'articleSitemap',
  method: 'get',
  path: '/sitemaps/articles-{n}.xml',
  tags: ['Syndication'],
  summary: 'One article sitemap',
  description:
    'Chunk `n` of the published articles: those whose internal id is in ((n - 1) × 50,000, n × 50,000], in the order ' +
    'they were written, with web URL and time of the last change. New articles are added to the last chunk, and an ' +
    'article never moves to another chunk. ' +
    'An article whose story has other public versions lists them all (itself included) as `xhtml:link rel="alternate" hreflang` entries, plus `x-default` for the ' +
    "version in the publication's default language when there is one; every version's own entry lists the same set.",
  request: {
    params: z.object({
      n: z
        .string()
        .regex(/^[1-9][0-9]*$/)
        .openapi({ param: { name: 'n', in: 'path' }, description: 'The chunk number, from 1.', example: '1' }),
    }),
  },
  responses: {
    200: { description: 'The article sitemap.', content: xmlContent },
    ...errorResponses,
  },
})

// The same operation as Hono routes it, with the same responses: over the whole segment, by
// Hono's own pattern, and hidden from the document (which has it at its OpenAPI path, above).
const articleSitemapRouting = createRoute({
  ...articleSitemapRoute,
  hide: true,
  path: '/sitemaps/:file{articles-[^/]+\\.xml}',
  request: { params: z.object({ file: z.string() }) },
})

function xml(c: Context<AppEnv>, body: string, cacheControl: string) {
  return c.body(body, 200, { 'content-type': XML_CONTENT_TYPE, 'cache-control': cacheControl })
}

/** The number in "articles-12.xml", or null when it is not a positive integer. */
function chunkNumber(file: string): number | null {
  const match = /^articles-([1-9][0-9]{0,8})\.xml$/.exec(file)
  return match ? Number(match[1]) : null
}

const app = new OpenAPIHono<AppEnv>({ defaultHook: validationHook })
app.openAPIRegistry.registerPath(articleSitemapRoute)

export const sitemaps = app
  .openapi(newsSitemapRoute, async (c) => {
    const site = c.get('site')
    const { publicationName, articles } = await loadNewsSitemap(c.get('db'), c.get('now'))
    const body = renderNewsSitemap(
      publicationName ?? site.name,
      articles.map((row) => ({
        loc: webUrl(site.url, 'articles', row.slug),
        title: row.headline,
        language: row.language,
        publishedAt: row.published_at,
      })),
    )
    return xml(c, body, NEWS_CACHE)
  })
  .openapi(sitemapIndexRoute, async (c) => {
    const chunks = await listSitemapChunks(c.get('db'), c.get('now'), CHUNK_SIZE)
    // From API_URL, never from the request's Host: this answer is cached and served to everyone.
    const origin = c.get('site').apiUrl
    const newest = chunks.reduce<string | undefined>(
      (max, chunk) => (max === undefined || chunk.lastmod > max ? chunk.lastmod : max),
      undefined,
    )
    const entries: UrlEntry[] = [
      ...chunks.map((chunk) => ({ loc: `${origin}/sitemaps/articles-${chunk.chunk}.xml`, lastmod: chunk.lastmod })),
      // The news sitemap changes whenever an article is published or edited: the newest change of all.
      { loc: `${origin}/sitemaps/news.xml`, lastmod: newest },
    ]
    return xml(c, renderSitemapIndex(entries), ARCHIVE_CACHE)
  })
  .openapi(articleSitemapRouting, async (c) => {
    const { file } = c.req.valid('param')
    const n = chunkNumber(file)
    if (n === null) throw notFound(`No sitemap is named '${file}': chunks are numbered from 1.`)
    const db = c.get('db')
    const [chunk, languages] = await db.batch([sitemapChunkStatement(db, c.get('now'), n, CHUNK_SIZE), languagesStatement(db)])
    const rows = chunk!.results as SitemapUrlRow[]
    if (rows.length === 0) throw notFound(`There is no article sitemap number ${n}.`)
    const siteUrl = c.get('site').url
    const defaultLanguage = (languages!.results[0] as LanguagesRow | undefined)?.language ?? FALLBACK_LANGUAGE
    const entries = rows.map((row) => {
      const versions = (JSON.parse(row.versions) as { language: string; slug: string }[]).map((v) => ({
        language: v.language,
        url: webUrl(siteUrl, 'articles', v.slug),
      }))
      return { loc: webUrl(siteUrl, 'articles', row.slug), lastmod: row.lastmod, alternates: hreflangAlternates(versions, defaultLanguage) }
    })
    return xml(c, renderUrlset(entries), ARCHIVE_CACHE)
  })
