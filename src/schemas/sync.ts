import { z } from '@hono/zod-openapi'
import { Article } from './article.ts'
import { AuthorSummary } from './author.ts'
import { LangQuery, Link, Timestamp } from './common.ts'
import { Publication } from './publication.ts'
import { Section, Tag } from './taxonomy.ts'

export const AuthorRecord = AuthorSummary.extend({ bio: z.string(), links: z.array(Link), updated_at: Timestamp }).openapi('AuthorRecord')

export const Change = z
  .object({
    seq: z.number().int().openapi({ description: 'The position of this change in the log.' }),
    type: z.enum(['article', 'author', 'section', 'tag', 'publication']),
    op: z.enum(['upsert', 'delete']),
    slug: z.string(),
    data: z
      .union([Article, AuthorRecord, Section, Tag, Publication])
      .optional()
      .openapi({ description: "Upserts: the resource's current public representation. Deletes (tombstones) have none." }),
  })
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
