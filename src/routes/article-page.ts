import type { Context } from 'hono'
import type { AppEnv } from '../context.ts'
import { cursorAfter, listArticlesStatement, toArticleSummary, type ArticleFilter, type ListedRow } from '../db/articles.ts'
import { languagesStatement, publishesIn, type LanguagesRow } from '../db/publication.ts'
import { invalid } from '../errors.ts'
import { ftsQuery } from '../lib/fts.ts'
import { readCursor, toPage } from '../lib/paging.ts'
import type { ArticleSummary } from '../schemas/article.ts'

export interface ArticlePageQuery {
  limit: number
  cursor?: string
  q?: string
  /** Only articles in this language; it must be one the publication publishes in. */
  lang?: string
}

/**
 * A page of published articles for any list route, loaded in one D1 round trip together with
 * `alongside`: the statements the route needs beside the list (the author, the section...), whose
 * results come back in the same order. With `lang`, the publication's languages come in the same
 * round trip, and a language it does not publish in is a 400 naming `lang`.
 */
export async function loadArticlePage(
  c: Context<AppEnv>,
  filter: Omit<ArticleFilter, 'match'>,
  query: ArticlePageQuery,
  alongside: D1PreparedStatement[] = [],
): Promise<{ page: { data: ArticleSummary[]; next_cursor: string | null }; results: D1Result[] }> {
  let match: string | undefined
  if (query.q !== undefined) {
    match = ftsQuery(query.q) ?? undefined
    if (!match) throw invalid([{ field: 'q', in: 'query', detail: 'must contain at least one letter or digit' }])
  }
  const after = match ? readCursor(query.cursor, 'r') : readCursor(query.cursor, 't')
  const db = c.get('db')
  const lang = query.lang
  const list = listArticlesStatement(db, { ...filter, match, lang }, { now: c.get('now'), limit: query.limit + 1, after })
  const results = await db.batch([...alongside, ...(lang ? [languagesStatement(db)] : []), list])
  const rows = (results.pop()?.results ?? []) as ListedRow[]
  if (lang && !publishesIn(results.pop()?.results[0] as LanguagesRow | undefined, lang)) throw unknownLanguage(lang)
  const siteUrl = c.get('site').url
  const page = toPage(rows, query.limit, cursorAfter, (row) => toArticleSummary(row, siteUrl))
  return { page, results }
}

/** The 400 for a well-formed `lang` that the publication does not publish in. */
export function unknownLanguage(lang: string) {
  return invalid([{ field: 'lang', in: 'query', detail: `the publication does not publish in '${lang}' (see GET /v1/publication, languages)` }])
}
