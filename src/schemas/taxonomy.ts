import { z } from '@hono/zod-openapi'
import { ArticlePage } from './article.ts'
import { NextCursor, Slug, WebUrl } from './common.ts'

export const Section = z
  .object({
    slug: Slug,
    name: z.string().openapi({ example: 'Europe' }),
    description: z.string(),
    url: WebUrl,
  })
  .openapi('Section')

export const SectionWithArticles = Section.extend({ articles: ArticlePage }).openapi('SectionWithArticles')
export const SectionList = z.object({ data: z.array(Section) }).openapi('SectionList')

export const Tag = z
  .object({ slug: Slug, name: z.string().openapi({ example: 'Diplomacy' }), url: WebUrl })
  .openapi('Tag')

export const TagWithArticles = Tag.extend({ articles: ArticlePage }).openapi('TagWithArticles')
export const TagPage = z.object({ data: z.array(Tag), next_cursor: NextCursor }).openapi('TagPage')

export const SectionInput = z
  .object({
    slug: Slug,
    name: z.string().trim().min(1).max(80),
    description: z.string().trim().max(1000).default(''),
    position: z.number().int().min(0).max(1000).default(0),
  })
  .strict()
  .openapi('SectionInput')

export const TagInput = z
  .object({ slug: Slug, name: z.string().trim().min(1).max(80) })
  .strict()
  .openapi('TagInput')

export type Section = z.infer<typeof Section>
export type Tag = z.infer<typeof Tag>
export type SectionInput = z.input<typeof SectionInput>
export type TagInput = z.input<typeof TagInput>
