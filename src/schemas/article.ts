import { z } from '@hono/zod-openapi'
import { Body, BodyOutput, Image, ImageOutput } from './blocks.ts'
import { AuthorSlug, NextCursor, PageQuery, SectionSlug, Slug, TagSlug, Timestamp, WebUrl } from './common.ts'

export const ArticleStatus = z
  .enum(['draft', 'scheduled', 'published', 'unpublished'])
  .openapi({ description: 'Only `published` articles whose `published_at` has passed are public.' })

export const SectionRef = z.object({ slug: SectionSlug, name: z.string().openapi({ example: 'Europe' }) }).openapi('SectionRef')
export const TagRef = z.object({ slug: TagSlug, name: z.string().openapi({ example: 'Diplomacy' }) }).openapi('TagRef')
export const AuthorRef = z
  .object({
    slug: AuthorSlug,
    name: z.string().openapi({ example: 'Elena Varga' }),
    job_title: z.string().nullable().openapi({ example: 'Diplomatic editor' }),
    url: WebUrl.openapi({ example: 'https://www.example-daily.eu/authors/elena-varga' }),
  })
  .openapi('AuthorRef')

export const ArticleSummary = z
  .object({
    slug: Slug,
    url: WebUrl.openapi({ description: "The article's page on the newspaper's site." }),
    headline: z.string().openapi({ example: 'EU and Russian envoys resume talks in Geneva after 18-month freeze' }),
    standfirst: z.string(),
    dateline: z.string().nullable().openapi({ example: 'Geneva' }),
    language: z.string().openapi({ example: 'en' }),
    section: SectionRef,
    tags: z.array(TagRef),
    authors: z.array(AuthorRef),
    image: ImageOutput.nullable(),
    published_at: Timestamp,
    updated_at: Timestamp,
  })
  .openapi('ArticleSummary')

export const Correction = z
  .object({ text: z.string(), at: Timestamp })
  .openapi('Correction', { description: 'A public correction, appended by the editors.' })

export const Article = ArticleSummary.extend({
  body: BodyOutput,
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
    section: SectionSlug.optional().openapi({ description: 'Only articles in this section.' }),
    tag: TagSlug.optional().openapi({ description: 'Only articles with this tag.' }),
    author: AuthorSlug.optional().openapi({ description: 'Only articles by this author.' }),
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
    language: z
      .string()
      .regex(/^[a-z]{2,3}(-[A-Z]{2})?$/)
      .default('en'),
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
