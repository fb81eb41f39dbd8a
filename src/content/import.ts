import type { z } from 'zod'
import type { Database } from '../db/client.ts'
import { writeArticleStatements, type ArticleWrite } from '../db/articles.ts'
import { writeAuthorStatement } from '../db/authors.ts'
import { writePublicationStatement } from '../db/publication.ts'
import { writeSectionStatement, writeTagStatement } from '../db/taxonomy.ts'
import { fieldErrors, type FieldError } from '../errors.ts'
import { countWords, renderText } from '../render/blocks.ts'
import { ArticleInput } from '../schemas/article.ts'
import { AuthorInput } from '../schemas/author.ts'
import { PublicationInput } from '../schemas/publication.ts'
import { SectionInput, TagInput } from '../schemas/taxonomy.ts'

/** Content in the API's own input shapes, as the seed, the importer and editors provide it. */
export interface ContentBundle {
  publication?: unknown
  sections?: unknown[]
  tags?: unknown[]
  authors?: unknown[]
  articles?: unknown[]
}

type Kind = 'publication' | 'sections' | 'tags' | 'authors' | 'articles'

export interface ImportReport {
  written: Record<Kind, number>
  errors: { kind: Kind; index: number; slug?: string; errors: FieldError[] }[]
}

/** What is stored for an article: the validated input plus its plain text and word count. */
export function toArticleWrite(article: z.output<typeof ArticleInput>): ArticleWrite {
  const bodyText = renderText(article.body)
  return { ...article, body_text: bodyText, word_count: countWords(bodyText) }
}

interface Pending {
  kind: Kind
  index: number
  slug?: string
  statements: D1PreparedStatement[]
}

/**
 * Validates and writes a bundle of content, referenced things first (sections, tags, authors)
 * so that articles can point at them. Records are written in batches of `batchSize`, each batch
 * one D1 round trip and one transaction. A record that fails validation, or that the database
 * refuses (an article naming an unknown author, say), is reported and skipped; the rest go on.
 */
export async function importContent(
  db: Database,
  bundle: ContentBundle,
  options: { now?: string; batchSize?: number; onProgress?: (done: number, total: number) => void } = {},
): Promise<ImportReport> {
  const now = options.now ?? new Date().toISOString()
  const batchSize = options.batchSize ?? 50
  const report: ImportReport = {
    written: { publication: 0, sections: 0, tags: 0, authors: 0, articles: 0 },
    errors: [],
  }
  const pending: Pending[] = []

  function stage<S extends z.ZodType>(
    kind: Kind,
    schema: S,
    records: unknown[],
    write: (value: z.output<S>) => D1PreparedStatement[],
  ) {
    records.forEach((record, index) => {
      const slug = (record as { slug?: unknown } | null)?.slug
      const named = typeof slug === 'string' ? slug : undefined
      const parsed = schema.safeParse(record)
      if (parsed.success) pending.push({ kind, index, slug: named, statements: write(parsed.data) })
      else report.errors.push({ kind, index, slug: named, errors: fieldErrors(parsed.error, 'body') })
    })
  }

  stage('publication', PublicationInput, bundle.publication ? [bundle.publication] : [], (p) => [
    writePublicationStatement(db, p, now),
  ])
  stage('sections', SectionInput, bundle.sections ?? [], (s) => [writeSectionStatement(db, s, now)])
  stage('tags', TagInput, bundle.tags ?? [], (t) => [writeTagStatement(db, t, now)])
  stage('authors', AuthorInput, bundle.authors ?? [], (a) => [writeAuthorStatement(db, a, now)])
  stage('articles', ArticleInput, bundle.articles ?? [], (a) => writeArticleStatements(db, toArticleWrite(a), now))

  for (let i = 0; i < pending.length; i += batchSize) {
    const chunk = pending.slice(i, i + batchSize)
    try {
      await db.batch(chunk.flatMap((record) => record.statements))
      for (const record of chunk) report.written[record.kind] += 1
    } catch {
      // The batch rolled back as a whole: write its records one by one to find the bad ones.
      for (const record of chunk) {
        try {
          await db.batch(record.statements)
          report.written[record.kind] += 1
        } catch (error) {
          report.errors.push({
            kind: record.kind,
            index: record.index,
            slug: record.slug,
            errors: [{ field: '(record)', in: 'body', detail: refusal(error) }],
          })
        }
      }
    }
    options.onProgress?.(Math.min(i + batchSize, pending.length), pending.length)
  }
  return report
}

/** Why the database refused a record, in words an editor can act on. */
function refusal(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error)
  if (/NOT NULL constraint failed: articles\.section_id/.test(message)) return 'names a section that does not exist'
  if (/NOT NULL constraint failed: article_authors\.author_id/.test(message)) return 'names an author that does not exist'
  return 'was refused by the database'
}
