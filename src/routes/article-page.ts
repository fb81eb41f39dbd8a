import type { Context } from 'hono'
import type { AppEnv } from '../context.ts'
import { othersActiveSince, othersWaiting } from '../db/traffic.ts'
import { cursorAfter, listArticlesStatement, type ArticleFilter, type ListedRow } from '../db/articles.ts'
import { languagesStatement, publishesIn, type LanguagesRow } from '../db/publication.ts'
import { invalid } from '../errors.ts'
import { MAX_TERMS, searchQuery, searchWords, type SearchQuery } from '../lib/fts.ts'
import { Gate } from '../lib/gate.ts'
import { readCursor, toPage } from '../lib/paging.ts'
import { omittedParts, withoutParts } from '../lib/fields.ts'
import { toArticleSummary } from '../present/articles.ts'
import { toTimestamp, type ArticleSummary } from '../schemas/article.ts'

export interface ArticlePageQuery {
  limit: number
  cursor?: string
  q?: string
  from?: string
  to?: string
  /** A valid `fields` value (SummaryFields): the parts each summary leaves out. */
  fields?: string
  /** Only articles in this language; it must be one the publication publishes in. */
  lang?: string
}

/** Uncached searches in D1 at once, per isolate. */
export const SEARCHES_AT_ONCE = 1
/** The most of D1's time searches take while other requests use it, per isolate. */
export const SEARCH_SHARE = 1 / 4
/** Searches give way to every other request (README, "Search"). */
const SEARCHES = new Gate(SEARCHES_AT_ONCE, { yieldTo: { waiting: othersWaiting, activeSince: othersActiveSince }, share: SEARCH_SHARE })

/**
 * A page of published articles for any list route, loaded in one D1 round trip together with
 * `alongside`: the statements the route needs beside the list (the author, the section...), whose
 * results come back in the same order. With `lang`, the publication's languages come in the same
 * round trip, and a language it does not publish in is a 400 naming `lang`.
 */
export async function loadArticlePage(
  c: Context<AppEnv>,
  filter: Omit<ArticleFilter, 'search'>,
  query: ArticlePageQuery,
  alongside: D1PreparedStatement[] = [],
): Promise<{ page: { data: ArticleSummary[]; next_cursor: string | null }; results: D1Result[] }> {
  const search = query.q === undefined ? undefined : searchOf(query.q)
  const after = search ? readCursor(query.cursor, 'r') : readCursor(query.cursor, 't')
  const db = c.get('db')
  const lang = query.lang
  const list = listArticlesStatement(
    db,
    { ...filter, search, lang },
    {
      now: c.get('now'),
      limit: query.limit + 1,
      after,
      from: query.from === undefined ? undefined : toTimestamp(query.from),
      to: query.to === undefined ? undefined : toTimestamp(query.to),
    },
  )
  const statements = [...alongside, ...(lang ? [languagesStatement(db)] : []), list]
  // Searches take their turn: a page of one costs about two list pages in D1, and many at once
  // would queue every other reader behind them (README, "Search").
  const results = search
    ? await SEARCHES.run(
        () => db.batch(statements),
        (work) => c.executionCtx.waitUntil(work),
      )
    : await db.batch(statements)
  const rows = (results.pop()?.results ?? []) as ListedRow[]
  if (lang && !publishesIn(results.pop()?.results[0] as LanguagesRow | undefined, lang)) throw unknownLanguage(lang)
  const siteUrl = c.get('site').url
  const omitted = omittedParts(query.fields)
  const page = toPage(rows, query.limit, cursorAfter, (row) => withoutParts(toArticleSummary(row, siteUrl), omitted))
  return { page, results }
}

/** The FTS5 queries for `q`, or a 400 naming `q` when it has no word or too many. */
function searchOf(q: string): SearchQuery {
  const words = searchWords(q)
  if (words.length === 0) throw invalid([{ field: 'q', in: 'query', detail: 'must contain at least one letter or digit' }])
  if (words.length > MAX_TERMS) throw invalid([{ field: 'q', in: 'query', detail: `must have at most ${MAX_TERMS} different words` }])
  return searchQuery(words)
}

/** The 400 for a well-formed `lang` that the publication does not publish in. */
export function unknownLanguage(lang: string) {
  return invalid([
    { field: 'lang', in: 'query', detail: `the publication does not publish in '${lang}' (see GET /v1/publication, languages)` },
  ])
}
