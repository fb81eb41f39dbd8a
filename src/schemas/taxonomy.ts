import { z } from '@hono/zod-openapi'
import { ArticlePage } from './article.ts'
import { NextCursor, Slug, WebUrl } from './common.ts'

export const Section = z
  .object({
    slug: Slug,
    name: z.string().openapi({ example: 'Europe' }),
    description: z.string(),
    language: z.string().openapi({
      description:
        "The language of `name` and `description`: the one asked for with `lang` when they exist in it, else the publication's default.",
      example: 'en',
    }),
    url: WebUrl,
  })
  .openapi('Section')

export const SectionWithArticles = Section.extend({ articles: ArticlePage }).openapi('SectionWithArticles')
export const SectionList = z.object({ data: z.array(Section) }).openapi('SectionList')

export const Tag = z
  .object({
    slug: Slug,
    name: z.string().openapi({ example: 'Diplomacy' }),
    language: z.string().openapi({ description: 'The language of `name` (see Section).', example: 'en' }),
    url: WebUrl,
  })
  .openapi('Tag')

export const TagWithArticles = Tag.extend({ articles: ArticlePage }).openapi('TagWithArticles')
export const TagPage = z.object({ data: z.array(Tag), next_cursor: NextCursor }).openapi('TagPage')

/** The key of a name in another language: a BCP 47 tag as stored (`fr`, `fr-BE`). */
const LanguageKey = z.string().regex(/^[a-z]{2,3}(-[A-Z]{2})?$/, 'must be a BCP 47 language tag such as fr or fr-BE')

/** A section's or tag's name (and description) in other languages than the publication's default. */
const translationsOf = <T extends z.ZodRawShape>(shape: T) =>
  z
    .record(LanguageKey, z.object(shape).strict())
    .refine((value) => Object.keys(value).length <= 20, 'at most 20 languages')
    .default({})
    .openapi({
      description:
        "By language: the name (and description) in that language. `name` and `description` themselves are in the publication's default language, the fallback.",
      example: { fr: { name: 'Europe' }, nl: { name: 'Europa' } },
    })

const localName = z.string().trim().min(1).max(80)

export const SectionInput = z
  .object({
    slug: Slug,
    name: z.string().trim().min(1).max(80),
    description: z.string().trim().max(1000).default(''),
    position: z.number().int().min(0).max(1000).default(0),
    translations: translationsOf({ name: localName, description: z.string().trim().max(1000).default('') }),
  })
  .strict()
  .openapi('SectionInput')

export const TagInput = z
  .object({ slug: Slug, name: localName, translations: translationsOf({ name: localName }) })
  .strict()
  .openapi('TagInput')

export type Section = z.infer<typeof Section>
export type Tag = z.infer<typeof Tag>
export type SectionInput = z.input<typeof SectionInput>
export type TagInput = z.input<typeof TagInput>
