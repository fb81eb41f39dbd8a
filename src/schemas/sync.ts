import { z } from '@hono/zod-openapi'
import { Article } from './article.ts'
import { AuthorSummary } from './author.ts'
import { LangQuery, Link, Timestamp } from './common.ts'
import { Publication } from './publication.ts'
import { Section, Tag } from './taxonomy.ts'

export const AuthorRecord = AuthorSummary.extend({ bio: z.string(), links: z.array(Link), updated_at: Timestamp }).openapi('AuthorRecord')

/** One type of change: `data` is that type's current public representation. */
function changeOf<T extends string, D extends z.ZodType>(type: T, data: D, name: string) {
  return z
    .object({
      seq: z.number().int().openapi({ description: 'The position of this change in the log.' }),
      type: z.literal(type),
      op: z.enum(['upsert', 'delete']),
      slug: z.string(),
      data: data
        .optional()
        .openapi({ description: "Upserts: the resource's current public representation. Deletes (tombstones) have none." }),
    })
    .openapi(name)
}

/**
 * A change, discriminated on `type`, so that a generated client knows what `data` holds without a
 * cast. A new type of change is one more member here.
 */
export const Change = z
  .discriminatedUnion('type', [
    changeOf('article', Article, 'ArticleChange'),
    changeOf('author', AuthorRecord, 'AuthorChange'),
    changeOf('section', Section, 'SectionChange'),
    changeOf('tag', Tag, 'TagChange'),
    changeOf('publication', Publication, 'PublicationChange'),
  ])
  .openapi('Change')

export const SyncPage = z
  .object({
    changes: z.array(Change),
    next_cursor: z.string().openapi({ description: 'Where to continue: now if has_more, or at the next poll.' }),
    has_more: z.boolean(),
  })
  .openapi('SyncPage')

export const SyncQuery = z
  .object({
    cursor: z.string().max(512).optional().openapi({ description: 'From a previous page; absent: from the beginning.' }),
    limit: z.coerce.number().int().min(1).max(500).default(100),
    ...LangQuery,
  })
  .strict()

export type Change = z.infer<typeof Change>
export type AuthorRecord = z.infer<typeof AuthorRecord>
