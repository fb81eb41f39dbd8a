import type { ArticleWrite } from './articles.ts'

/**
 * Bulk loading of new articles, straight into a SQLite file (the benchmark's million articles:
 * scripts/generate.ts). One prepared INSERT per row, run inside the caller's transaction: the
 * triggers (full-text index, the link tables' copy of status and time) and indexes do the rest,
 * as they do for every write. writeArticlesStatements does the same through D1 with one JSON
 * parameter per statement, which suits round trips but re-reads the whole batch per statement.
 * The articles must be new (no upsert), their section, authors and tags must exist.
 */
export const BULK_STATEMENTS = {
  article: `INSERT INTO articles (slug, headline, standfirst, dateline, language, section_id,
      image_url, image_alt, image_caption, image_credit, image_syndication,
      body, word_count, status, published_at, created_at, updated_at)
    VALUES (?1, ?2, ?3, ?4, ?5, (SELECT id FROM sections WHERE slug = ?6), ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?16)`,
  author: 'INSERT INTO article_authors (article_id, author_id, position) VALUES (?1, (SELECT id FROM authors WHERE slug = ?2), ?3)',
  tag: 'INSERT INTO article_tags (article_id, tag_id, position) VALUES (?1, (SELECT id FROM tags WHERE slug = ?2), ?3)',
  // What the article is and its hero image's size (migration 0008: the row is made by a trigger).
  presentation: 'UPDATE article_presentation SET kind = ?2, image_width = ?3, image_height = ?4 WHERE article_id = ?1',
  change: "INSERT INTO changes (type, slug, op, at) VALUES ('article', ?1, 'upsert', ?2)",
} as const

export type BulkParams = (string | number | null)[]

/** An article's parameters for the bulk statements (plain values: cheap to pass between threads). */
export interface BulkArticle {
  article: BulkParams
  /** kind, hero image width and height */
  presentation: BulkParams
  authors: string[]
  tags: string[]
  /** Public now: the sync log records it. */
  logged: boolean
}

export function toBulkArticle(a: ArticleWrite, now: string): BulkArticle {
  return {
    article: [
      a.slug,
      a.headline,
      a.standfirst,
      a.dateline,
      a.language,
      a.section,
      a.image?.url ?? null,
      a.image?.alt ?? null,
      a.image?.caption ?? null,
      a.image?.credit ?? null,
      a.image?.syndication_allowed ? 1 : 0,
      JSON.stringify(a.body),
      a.word_count,
      a.status,
      a.published_at,
      now,
    ],
    presentation: [a.kind, a.image?.width ?? null, a.image?.height ?? null],
    authors: a.authors,
    tags: a.tags,
    logged: a.status === 'published' && a.published_at !== null && a.published_at <= now,
  }
}

/** Runs the bulk statements for `articles`; `run(sql, params)` returns the new row's id. */
export function bulkInsertArticles(articles: BulkArticle[], now: string, run: (sql: string, params: BulkParams) => number) {
  for (const a of articles) {
    const id = run(BULK_STATEMENTS.article, a.article)
    run(BULK_STATEMENTS.presentation, [id, ...a.presentation])
    for (const [position, slug] of a.authors.entries()) run(BULK_STATEMENTS.author, [id, slug, position])
    for (const [position, slug] of a.tags.entries()) run(BULK_STATEMENTS.tag, [id, slug, position])
    if (a.logged) run(BULK_STATEMENTS.change, [a.article[0]!, now])
  }
}
