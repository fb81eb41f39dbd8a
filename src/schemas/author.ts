import { z } from '@hono/zod-openapi'
import { ArticlePage } from './article.ts'
import { Link, NextCursor, Slug, Timestamp, WebUrl } from './common.ts'

export const Photo = z.object({ url: WebUrl, alt: z.string().trim().max(500) }).openapi('Photo')

export const AuthorSummary = z
  .object({
    slug: Slug,
    name: z.string().openapi({ example: 'Elena Varga' }),
    job_title: z.string().nullable().openapi({ example: 'Diplomatic editor' }),
    url: WebUrl,
    photo: Photo.nullable(),
  })
  .openapi('AuthorSummary')

export const Author = AuthorSummary.extend({
  bio: z.string().openapi({ description: 'Plain text; paragraphs are separated by a blank line.' }),
  links: z.array(Link),
  article_count: z.number().int(),
  articles: ArticlePage,
  updated_at: Timestamp,
}).openapi('Author')

export const AuthorPage = z.object({ data: z.array(AuthorSummary), next_cursor: NextCursor }).openapi('AuthorPage')

export const AuthorInput = z
  .object({
    slug: Slug,
    name: z.string().trim().min(1).max(120),
    job_title: z.string().trim().min(1).max(120).nullable().default(null),
    bio: z.string().trim().max(10_000).default(''),
    photo: Photo.nullable().default(null),
    links: z.array(Link).max(20).default([]),
  })
  .strict()
  .openapi('AuthorInput')

export type AuthorSummary = z.infer<typeof AuthorSummary>
export type Author = z.infer<typeof Author>
export type AuthorInput = z.input<typeof AuthorInput>
