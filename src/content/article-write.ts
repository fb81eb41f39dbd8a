import type { z } from 'zod'
import type { ArticleWrite } from '../db/articles.ts'
import { countWords, renderText } from '../render/blocks.ts'
import type { ArticleInput } from '../schemas/article.ts'

/**
 * What is stored for an article: the validated input plus its word count. (Search indexes the
 * body's text, derived from the blocks in SQL: migrations/0010_body_store.sql.) Used by
 * every writer of articles: the importer, editors (PUT, PATCH, DELETE) and the benchmark's generator.
 * `published` without a time means published at `now`: an article with status published and no
 * published_at would match no public query and never become visible (published "into limbo").
 */
export function toArticleWrite(article: z.output<typeof ArticleInput>, now: string): ArticleWrite {
  const publishedAt = article.status === 'published' ? (article.published_at ?? now) : article.published_at
  return { ...article, published_at: publishedAt, word_count: countWords(renderText(article.body)) }
}
