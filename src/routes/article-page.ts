import type { Context } from 'hono'
import type { AppEnv } from '../context.ts'
import { cursorAfter, listArticlesStatement, toArticleSummary, type ArticleFilter, type ListedRow } from '../db/articles.ts'
import { invalid } from '../errors.ts'
import { ftsQuery } from '../lib/fts.ts'
import { readCursor, toPage } from '../lib/paging.ts'
import { omittedParts, withoutParts } from '../lib/fields.ts'
import { toTimestamp, type ArticleSummary } from '../schemas/article.ts'

export interface ArticlePageQuery {
  limit: number
  cursor?: string
  q?: string
  from?: string
  to?: string
  /** A valid `fields` value (SummaryFields): the parts each summary leaves out. */
  fields?: string
}

/**
 * A page of published articles for any list route, loaded in one D1 round trip together with
 * `alongside`: the statements the route needs beside the list (the author, the section...), whose
 * results come back in the same order.
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
  const list = listArticlesStatement(
    db,
    { ...filter, match },
    {
      now: c.get('now'),
      limit: query.limit + 1,
      after,
      from: query.from === undefined ? undefined : toTimestamp(query.from),
      to: query.to === undefined ? undefined : toTimestamp(query.to),
    },
  )
  const results = await db.batch([...alongside, list])
  const rows = (results.pop()?.results ?? []) as ListedRow[]
  const siteUrl = c.get('site').url
  const omitted = omittedParts(query.fields)
  const page = toPage(rows, query.limit, cursorAfter, (row) => withoutParts(toArticleSummary(row, siteUrl), omitted))
  return { page, results }
}
