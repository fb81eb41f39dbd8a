import type { z } from 'zod'
import { invalidate } from '../cache.ts'
import { recordChangeStatement } from '../db/changes.ts'
import type { Database } from '../db/client.ts'
import { embeddedValues, nextEmbedCursor, reannounceRest, reannounceStatements, type EmbedCursor, type Embedded } from '../db/embedders.ts'
import { writeArticlesStatements } from '../db/articles.ts'
import { writeAuthorStatement } from '../db/authors.ts'
import { writePublicationStatement } from '../db/publication.ts'
import { recordTagChangeStatement, writeSectionStatement, writeTagStatement } from '../db/taxonomy.ts'
import { fieldErrors, type FieldError } from '../errors.ts'
import { archiveAllBodies } from '../jobs/archive-bodies.ts'
import { toArticleWrite } from './article-write.ts'
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

/** One list of a bundle (the publication counts as a list of one). */
export type BundlePart = keyof ContentBundle

export interface ImportReport {
  written: Record<BundlePart, number>
  errors: { part: BundlePart; index: number; slug?: string; errors: FieldError[] }[]
}

interface Staged<T = unknown> {
  part: BundlePart
  index: number
  slug?: string
  value: T
}

/**
 * Validates and writes a bundle of content, referenced things first (sections, tags, authors)
 * so that articles can point at them. Records are written in batches of `batchSize`, each batch
 * one D1 round trip and one transaction. A record that fails validation, or that the database
 * refuses (an article naming an unknown author, say), is reported and skipped; the rest go on.
 * The cache is invalidated once at the end, not per record (KV takes one write a second per key).
 */
export async function importContent(
  db: Database,
  bundle: ContentBundle,
  options: {
    /** The response cache to invalidate once everything is written. */
    cache: KVNamespace
    /**
     * The body store: when given, the bodies of the articles published more than
     * ARCHIVE_AFTER_DAYS ago move there at once (src/bodies.ts), as the cron would move them, so
     * that an archive larger than D1 can be imported.
     */
    bodies?: R2Bucket
    now?: string
    batchSize?: number
    onProgress?: (done: number, total: number) => void
  },
): Promise<ImportReport> {
  const now = options.now ?? new Date().toISOString()
  const batchSize = options.batchSize ?? 50
  const report: ImportReport = {
    written: { publication: 0, sections: 0, tags: 0, authors: 0, articles: 0 },
    errors: [],
  }

  function stage<S extends z.ZodType>(part: BundlePart, schema: S, records: unknown[]): Staged<z.output<S>>[] {
    return records.flatMap((record, index) => {
      const slug = (record as { slug?: unknown } | null)?.slug
      const named = typeof slug === 'string' ? slug : undefined
      const parsed = schema.safeParse(record)
      if (parsed.success) return [{ part, index, slug: named, value: parsed.data }]
      report.errors.push({ part, index, slug: named, errors: fieldErrors(parsed.error, 'body') })
      return []
    })
  }

  /** Writes in batches; `written` runs after each batch that went in, with its results. */
  async function write<T>(
    staged: Staged<T>[],
    statements: (values: T[]) => D1PreparedStatement[],
    written?: (values: T[], results: D1Result[]) => Promise<void>,
  ) {
    for (let i = 0; i < staged.length; i += batchSize) {
      const chunk = staged.slice(i, i + batchSize)
      try {
        const values = chunk.map((record) => record.value)
        const results = await db.batch(statements(values))
        for (const record of chunk) report.written[record.part] += 1
        await written?.(values, results)
      } catch {
        // The batch rolled back as a whole: write its records one by one to find the bad ones.
        for (const record of chunk) {
          try {
            const results = await db.batch(statements([record.value]))
            report.written[record.part] += 1
            await written?.([record.value], results)
          } catch (error) {
            const { part, index, slug } = record
            report.errors.push({ part, index, slug, errors: [{ field: '(record)', in: 'body', detail: refusal(error) }] })
          }
        }
      }
      options.onProgress?.(i + chunk.length, staged.length)
    }
  }

  const publication = stage('publication', PublicationInput, bundle.publication ? [bundle.publication] : [])
  const sections = stage('sections', SectionInput, bundle.sections ?? [])
  const tags = stage('tags', TagInput, bundle.tags ?? [])
  const authors = stage('authors', AuthorInput, bundle.authors ?? [])
  const articles = stage('articles', ArticleInput, bundle.articles ?? [])

  /**
   * Each record's batch statements: its sync log entry, then (compared with the stored values, so
   * before the write) the newest public articles that show what the record changes, then the
   * write. The articles past the first chunk are announced after the batch (see `reannounced`).
   */
  const embedded =
    <T extends object>(kind: Embedded['kind'], logged: (value: T) => D1PreparedStatement, written: (value: T) => D1PreparedStatement) =>
    (values: T[]) =>
      values.flatMap((value) => [
        logged(value),
        ...reannounceStatements(db, embeddedOf(kind, value), now, { changingTo: embeddedValues(kind, value as Record<string, unknown>) }),
        written(value),
      ])
  const reannounced =
    <T extends object>(kind: Embedded['kind']) =>
    async (values: T[], results: D1Result[]) => {
      for (const [i, value] of values.entries()) {
        await reannounceRest(db, embeddedOf(kind, value), now, nextEmbedCursor(results[i * 4 + 1]!.results as EmbedCursor[]))
      }
    }

  // Articles log their own changes: see writeArticlesStatements.
  await write(
    publication,
    embedded(
      'publication',
      () => recordChangeStatement(db, 'publication', 'publication', 'upsert', now),
      (p) => writePublicationStatement(db, p, now),
    ),
    reannounced('publication'),
  )
  await write(
    sections,
    embedded(
      'section',
      (s) => recordChangeStatement(db, 'section', s.slug, 'upsert', now),
      (s) => writeSectionStatement(db, s, now),
    ),
    reannounced('section'),
  )
  // A tag is logged only if public already (a public article uses it); otherwise its first public
  // article logs it.
  await write(
    tags,
    embedded(
      'tag',
      (t) => recordTagChangeStatement(db, t.slug, now),
      (t) => writeTagStatement(db, t, now),
    ),
    reannounced('tag'),
  )
  await write(
    authors,
    embedded(
      'author',
      (a) => recordChangeStatement(db, 'author', a.slug, 'upsert', now),
      (a) => writeAuthorStatement(db, a, now),
    ),
    reannounced('author'),
  )
  // With a body store, old articles' bodies leave D1 after each batch: D1 never holds them all.
  const bodies = options.bodies
  await write(
    linkedLast(articles),
    (values) =>
      writeArticlesStatements(
        db,
        values.map((value) => toArticleWrite(value, now)),
        now,
      ),
    bodies && (async () => void (await archiveAllBodies(db, bodies, new Date(now)))),
  )

  const { written } = report
  await invalidate(options.cache, db, {
    everything: written.publication + written.sections + written.tags + written.authors > 0,
    articles: articles.map((record) => record.value.slug),
  })
  return report
}

/**
 * Articles ready to write in order: `translation_of` that names another article of the bundle
 * which itself is a translation is pointed at the start of that chain (A of B of C: A and B join
 * C's story), and the articles that join a story come after those that do not, so the version
 * they name exists by the time they are written, whatever the bundle's order.
 */
function linkedLast<T extends { value: { slug: string; translation_of?: string | null } }>(staged: T[]): T[] {
  const bySlug = new Map(staged.map((record) => [record.value.slug, record.value]))
  const resolved = staged.map((record) => {
    let target = record.value.translation_of
    const seen = new Set([record.value.slug])
    while (target && !seen.has(target) && bySlug.get(target)?.translation_of) {
      seen.add(target)
      target = bySlug.get(target)!.translation_of
    }
    return target === record.value.translation_of ? record : { ...record, value: { ...record.value, translation_of: target } }
  })
  return [...resolved.filter((record) => !record.value.translation_of), ...resolved.filter((record) => record.value.translation_of)]
}

const embeddedOf = (kind: Embedded['kind'], value: object): Embedded =>
  kind === 'publication' ? { kind, slug: 'publication' } : { kind, slug: (value as { slug: string }).slug }

/** Why the database refused a record, in words an editor can act on. */
function refusal(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error)
  if (/NOT NULL constraint failed: articles\.section_id/.test(message)) return 'names a section that does not exist'
  if (/NOT NULL constraint failed: article_authors\.author_id/.test(message)) return 'names an author that does not exist'
  if (/UNIQUE constraint failed: articles\.translation_group/.test(message)) return 'its story already has a version in this language'
  if (/CHECK constraint failed/.test(message)) return 'names in translation_of an article that does not exist'
  return 'was refused by the database'
}
