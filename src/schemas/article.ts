import { z } from '@hono/zod-openapi'
import { Body, Image } from './blocks.ts'
import { LangQuery, LanguageTag, NextCursor, PageQuery, Slug, Timestamp, WebUrl } from './common.ts'

export const ArticleStatus = z
  .enum(['draft', 'scheduled', 'published', 'unpublished'])
  .openapi({ description: 'Only `published` articles whose `published_at` has passed are public.' })

const Ref = z.object({ slug: Slug, name: z.string() })
const LocalizedRef = Ref.extend({
  language: z.string().openapi({ description: "The language of `name`: the article's when the name exists in it, else the publication's default.", example: 'en' }),
})
export const SectionRef = LocalizedRef.openapi('SectionRef')
export const TagRef = LocalizedRef.openapi('TagRef')
export const AuthorRef = Ref.extend({ job_title: z.string().nullable(), url: WebUrl }).openapi('AuthorRef')

export const ArticleSummary = z
  .object({
    slug: Slug,
    url: WebUrl.openapi({ description: "The article's page on the newspaper's site." }),
    headline: z.string().openapi({ example: 'EU and Russia resume talks in Geneva' }),
    standfirst: z.string(),
    dateline: z.string().nullable().openapi({ example: 'Geneva' }),
    language: z.string().openapi({ description: 'BCP 47 language tag of this version of the story.', example: 'en' }),
    section: SectionRef,
    tags: z.array(TagRef),
    authors: z.array(AuthorRef),
    image: Image.nullable(),
    published_at: Timestamp,
    updated_at: Timestamp,
  })
  .openapi('ArticleSummary')

export const Correction = z
  .object({ text: z.string(), at: Timestamp })
  .openapi('Correction', { description: 'A public correction, appended by the editors.' })

export const Translation = z
  .object({
    language: z.string().openapi({ example: 'fr' }),
    slug: Slug,
    url: WebUrl,
    headline: z.string(),
  })
  .openapi('Translation', { description: 'Another public version of the same story, in another language.' })

export const Article = ArticleSummary.extend({
  translations: z.array(Translation).openapi({
    description: 'The other versions of this story that are public now, by language; drafts, scheduled and embargoed versions never appear.',
  }),
  body: Body,
  body_html: z.string().openapi({ description: 'The body rendered as escaped, safe HTML.' }),
  word_count: z.number().int(),
  reading_time_minutes: z.number().int(),
  corrections: z.array(Correction).openapi({ description: 'Corrections, oldest first; empty when there are none.' }),
  jsonld: z
    .record(z.string(), z.unknown())
    .openapi({ description: 'A schema.org NewsArticle object, for code that reads it. To put it in a page, use `jsonld_script`.' }),
  jsonld_script: z.string().openapi({
    description:
      'The same `jsonld`, serialized to be placed as is as the text of an `application/ld+json` script element in a page: ' +
      'the characters less-than, greater-than, ampersand, U+2028 and U+2029 are escaped (as `\\u003c` …), so no headline can close the element.',
    example: '{"@context":"https://schema.org","@type":"NewsArticle","headline":"Talks \\u0026 envoys"}',
  }),
}).openapi('Article')

export const ArticlePage = z
  .object({ data: z.array(ArticleSummary), next_cursor: NextCursor })
  .openapi('ArticlePage')

export const ArticleListQuery = z
  .object({
    section: Slug.optional().openapi({ description: 'Only articles in this section.' }),
    tag: Slug.optional().openapi({ description: 'Only articles with this tag.' }),
    author: Slug.optional().openapi({ description: 'Only articles by this author.' }),
    q: z
      .string()
      .trim()
      .min(1)
      .max(200)
      .optional()
      .openapi({
        description:
          'Full-text search over headline, standfirst and body, ranked by relevance. Words are matched as words: quotes and operators have no special meaning.',
        example: 'Geneva talks',
      }),
    ...LangQuery,
    ...PageQuery,
  })
  .strict()

/**
 * A list of slugs in which each appears once: a repeat is a 400 naming its position (`tags.1`),
 * not a write that the link table's primary key would refuse.
 */
const distinctSlugs = () =>
  z.array(Slug).superRefine((slugs, ctx) => {
    slugs.forEach((slug, i) => {
      const first = slugs.indexOf(slug)
      if (first < i) ctx.addIssue({ code: 'custom', path: [i], message: `repeats '${slug}' (already at position ${first})` })
    })
  })

/** What an editor (or the seed) writes: references by slug, times as ISO strings. */
export const ArticleInput = z
  .object({
    slug: Slug,
    headline: z.string().trim().min(1).max(300),
    standfirst: z.string().trim().max(1000).default(''),
    dateline: z.string().trim().min(1).max(100).nullable().default(null),
    language: LanguageTag.default('en'),
    translation_of: Slug.nullable()
      .optional()
      .openapi({
        description:
          'Makes this article a version of the story that the article with this slug belongs to (any version of it). ' +
          '`null` takes it out of its translation group; left out, the article stays where it is.',
        example: 'eu-russia-talks-resume-in-geneva',
      }),
    section: Slug,
    tags: distinctSlugs().max(30).default([]),
    authors: distinctSlugs().min(1).max(20),
    image: Image.nullable().default(null),
    body: Body,
    status: ArticleStatus.default('draft'),
    published_at: Timestamp.nullable().default(null),
  })
  .strict()
  .openapi('ArticleInput')

export type ArticleSummary = z.infer<typeof ArticleSummary>
export type Article = z.infer<typeof Article>
export type ArticleInput = z.input<typeof ArticleInput>
export type ArticleStatus = z.infer<typeof ArticleStatus>
export type Translation = z.infer<typeof Translation>
