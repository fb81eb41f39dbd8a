import { createRoute, OpenAPIHono } from '@hono/zod-openapi'
import type { Context } from 'hono'
import type { AppEnv } from '../context.ts'
import { loadArchivedBodies } from '../bodies.ts'
import { publishedArticlesStatement, type ArticleBodyRow } from '../db/articles.ts'
import { authorsBySlugsStatement, type AuthorRow } from '../db/authors.ts'
import { changesAfterStatement, type ChangeRow, type ChangeType } from '../db/changes.ts'
import { languagesStatement, publicationStatement, publishesIn, type LanguagesRow, type PublicationRow } from '../db/publication.ts'
import { sectionsBySlugsStatement, tagsBySlugsStatement, type SectionRow, type TagRow } from '../db/taxonomy.ts'
import { errorResponses, validationHook } from '../errors.ts'
import { encodeCursor } from '../lib/cursor.ts'
import { jsonBytes, loadWithinBytes, readCursor } from '../lib/paging.ts'
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
  const [changed, languages] = await db.batch([changesAfterStatement(db, after, limit + 1, lang), languagesStatement(db)])
  if (lang && !publishesIn(languages!.results[0] as LanguagesRow | undefined, lang)) throw unknownLanguage(lang)
  const rows = changed!.results as ChangeRow[]
  const page = rows.slice(0, limit)

  // At most MAX_PAGE_BYTES of changes, whatever the limit: the rest comes on the next page. The
  // current state is loaded a chunk at a time and loading stops with the page, so what a page
  // reads is bounded by what it can show (plus one chunk), not by `limit`: ten articles of a
  // megabyte each must not be read to show one.
  const { items: changes } = await loadWithinBytes(
    page,
    async (chunk) => {
      const current = await currentState(c, chunk, lang)
      return chunk.map((change) => changeOf(change, current))
    },
    jsonBytes,
  )
  const last = changes[changes.length - 1]?.seq ?? after
  c.header('cache-control', 'no-store')
  return c.json({ changes, next_cursor: encodeCursor({ k: 's', id: last }), has_more: rows.length > changes.length }, 200)
})

/** The current public state of everything `changes` names, by `type:slug`, in one round trip (and R2 reads for archived bodies). */
async function currentState(c: Context<AppEnv>, changes: ChangeRow[], lang: string | undefined): Promise<Map<string, Change['data']>> {
  const db = c.get('db')
  const [articles, authors, sections, tags, publication] = await db.batch([
    publishedArticlesStatement(db, slugsOf(changes, 'article'), c.get('now')),
    authorsBySlugsStatement(db, slugsOf(changes, 'author')),
    sectionsBySlugsStatement(db, slugsOf(changes, 'section')),
    tagsBySlugsStatement(db, slugsOf(changes, 'tag'), c.get('now')),
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
  return current
}

/** What the client must hold now: the current public state, or nothing. */
function changeOf(change: ChangeRow, current: Map<string, Change['data']>): Change {
  // (`current` is keyed by type, so `data` is of the change's type: the cast only tells the compiler so.)
  const data = current.get(`${change.type}:${change.slug}`)
  return (
    data === undefined
      ? { seq: change.seq, type: change.type, op: 'delete' as const, slug: change.slug }
      : { seq: change.seq, type: change.type, op: 'upsert' as const, slug: change.slug, data }
  ) as Change
}
