import { createRoute, OpenAPIHono } from '@hono/zod-openapi'
import type { AppEnv } from '../context.ts'
import { loadArchivedBodies } from '../bodies.ts'
import { publishedArticlesStatement, type ArticleBodyRow } from '../db/articles.ts'
import { authorsBySlugsStatement, type AuthorRow } from '../db/authors.ts'
import { changesAfterStatement, type ChangeRow, type ChangeType } from '../db/changes.ts'
import { languagesStatement, publicationStatement, publishesIn, type LanguagesRow, type PublicationRow } from '../db/publication.ts'
import { sectionsBySlugsStatement, tagsBySlugsStatement, type SectionRow, type TagRow } from '../db/taxonomy.ts'
import { errorResponses, validationHook } from '../errors.ts'
import { encodeCursor } from '../lib/cursor.ts'
import { countWithinBytes, readCursor } from '../lib/paging.ts'
import { toArticle } from '../present/articles.ts'
import { toAuthorRecord } from '../present/authors.ts'
import { toPublication } from '../present/publication.ts'
import { toSection, toTag } from '../present/taxonomy.ts'
import { SyncPage, SyncQuery, type Change } from '../schemas/sync.ts'
import { unknownLanguage } from './article-page.ts'

const syncRoute = createRoute({
  operationId: 'sync',
  method: 'get',
  path: '/v1/sync',
  tags: ['Sync'],
  summary: 'What changed since a cursor',
  description:
    'The log of public changes in a strict order: upserts carry the current public representation, deletes are tombstones. ' +
    'Start without a cursor, follow `next_cursor` while `has_more`, keep the last `next_cursor` and poll with it later. ' +
    'Drafts never appear; an unpublished article appears as a delete. A page holds at most `limit` changes and at most ' +
    '1 MiB of JSON: a page cut short by its size has `has_more` true. ' +
    'With `lang`: only articles in that language (an article that moves to another language appears as a delete), with every ' +
    'author, section, tag and publication change, sections and tags named in that language where they have a name in it. ' +
    'Keep one cursor per `lang`: cursors of different languages are not interchangeable.',
  request: { query: SyncQuery },
  responses: { 200: { description: 'A page of changes.', content: { 'application/json': { schema: SyncPage } } }, ...errorResponses },
})

const slugsOf = (changes: ChangeRow[], type: ChangeType) => [...new Set(changes.filter((c) => c.type === type).map((c) => c.slug))]

export const sync = new OpenAPIHono<AppEnv>({ defaultHook: validationHook }).openapi(syncRoute, async (c) => {
  const { cursor, limit, lang } = c.req.valid('query')
  const after = readCursor(cursor, 's')?.id ?? 0
  const db = c.get('db')
  const now = c.get('now')
  const [changed, languages] = await db.batch([changesAfterStatement(db, after, limit + 1, lang), languagesStatement(db)])
  if (lang && !publishesIn(languages!.results[0] as LanguagesRow | undefined, lang)) throw unknownLanguage(lang)
  const rows = changed!.results as ChangeRow[]
  const page = rows.slice(0, limit)

  // The current state of everything the page names, in one more round trip.
  const [articles, authors, sections, tags, publication] = await db.batch([
    publishedArticlesStatement(db, slugsOf(page, 'article'), now),
    authorsBySlugsStatement(db, slugsOf(page, 'author')),
    sectionsBySlugsStatement(db, slugsOf(page, 'section')),
    tagsBySlugsStatement(db, slugsOf(page, 'tag'), now),
    publicationStatement(db),
  ])
  const site = c.get('site')
  const current = new Map<string, Change['data']>()
  // Archived articles' bodies from the body store: one R2 read each, concurrently.
  for (const row of await loadArchivedBodies(c.env.BODIES, articles!.results as ArticleBodyRow[])) {
    // In a language's log, an article now in another language is gone from it.
    if (!lang || row.language === lang) current.set(`article:${row.slug}`, toArticle(row, site))
  }
  for (const row of authors!.results as AuthorRow[]) current.set(`author:${row.slug}`, toAuthorRecord(row, site.url))
  for (const row of sections!.results as SectionRow[]) current.set(`section:${row.slug}`, toSection(row, site.url, lang))
  for (const row of tags!.results as TagRow[]) current.set(`tag:${row.slug}`, toTag(row, site.url, lang))
  for (const row of publication!.results as PublicationRow[]) current.set('publication:publication', toPublication(row))

  const all = page.map((change) => {
    // What the client must hold now: the current public state, or nothing. (`current` is keyed by
    // type, so `data` is of the change's type: the cast only tells the compiler so.)
    const data = current.get(`${change.type}:${change.slug}`)
    return (
      data === undefined
        ? { seq: change.seq, type: change.type, op: 'delete' as const, slug: change.slug }
        : { seq: change.seq, type: change.type, op: 'upsert' as const, slug: change.slug, data }
    ) as Change
  })
  // At most MAX_PAGE_BYTES of changes, whatever the limit: the rest comes on the next page.
  const changes = all.slice(0, countWithinBytes(all))
  const last = changes[changes.length - 1]?.seq ?? after
  c.header('cache-control', 'no-store')
  return c.json({ changes, next_cursor: encodeCursor({ k: 's', id: last }), has_more: rows.length > changes.length }, 200)
})
