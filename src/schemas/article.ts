import { z } from '@hono/zod-openapi'
import { Body, BodyOutput, Image, ImageOutput } from './blocks.ts'
import { AuthorSlug, LangQuery, LanguageTag, NextCursor, PageQuery, SectionSlug, Slug, TagSlug, Timestamp, WebUrl } from './common.ts'

export const ArticleStatus = z
  .enum(['draft', 'scheduled', 'published', 'unpublished'])
  .openapi({ description: 'Only `published` articles whose `published_at` has passed are public.' })

// Parts a client may leave out with `fields`: optional in the document, always there otherwise.
const LEFT_OUT = (part: string) => `Absent only when \`fields\` leaves it out (\`-${part}\`).`

/** What an article is, shown to readers and search engines (schema.org types in src/render/jsonld.ts). */
export const ArticleKind = z.enum(['news', 'analysis', 'opinion', 'review', 'sponsored']).openapi('ArticleKind', {
  description:
    "news: reporting; analysis: interpretation by a specialist; opinion: a columnist's or guest's view; " +
    "review: a critic's verdict; sponsored: paid for by an advertiser.",
  example: 'news',
})

/**
 * An image as answers show it: images stored before sizes were required (migration 0008) have a
 * null width and height until an editor saves them again with their size.
 */
// A whole object, not an extension: an allOf of ImageOutput could neither widen width to null nor be null.
const ShownImage = z
  .object({
    ...ImageOutput.shape,
    width: z.number().int().nullable().openapi({ description: 'Width in pixels; null only for images stored before sizes were required.' }),
    height: z
      .number()
      .int()
      .nullable()
      .openapi({ description: 'Height in pixels; null only for images stored before sizes were required.' }),
  })
  .openapi('ShownImage')

/** The language of a section's or tag's name as an article shows it. */
const NameLanguage = z.string().openapi({
  description: "The language of `name`: the article's when the name exists in it, else the publication's default.",
  example: 'en',
})
export const SectionRef = z
  .object({ slug: SectionSlug, name: z.string().openapi({ example: 'Europe' }), language: NameLanguage })
  .openapi('SectionRef')
export const TagRef = z
  .object({ slug: TagSlug, name: z.string().openapi({ example: 'Diplomacy' }), language: NameLanguage })
  .openapi('TagRef')
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
    kind: ArticleKind,
    standfirst: z
      .string()
      .optional()
      .openapi({ description: LEFT_OUT('standfirst') }),
    dateline: z.string().nullable().openapi({ example: 'Geneva' }),
    language: z.string().openapi({ description: 'BCP 47 language tag of this version of the story.', example: 'en' }),
    section: SectionRef,
    tags: z
      .array(TagRef)
      .optional()
      .openapi({ description: LEFT_OUT('tags') }),
    authors: z
      .array(AuthorRef)
      .optional()
      .openapi({ description: LEFT_OUT('authors') }),
    image: ShownImage.nullable()
      .optional()
      .openapi({ description: LEFT_OUT('image') }),
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
    description:
      'The other versions of this story that are public now, by language; drafts, scheduled and embargoed versions never appear.',
  }),
  body: BodyOutput.optional().openapi({ description: `The body as typed blocks. ${LEFT_OUT('body')}` }),
  body_html: z
    .string()
    .optional()
    .openapi({ description: `The body rendered as escaped, safe HTML. ${LEFT_OUT('body_html')}` }),
  word_count: z.number().int(),
  reading_time_minutes: z.number().int(),
  corrections: z
    .array(Correction)
    .optional()
    .openapi({ description: `Corrections, oldest first; empty when there are none. ${LEFT_OUT('corrections')}` }),
  jsonld: z
    .record(z.string(), z.unknown())
    .optional()
    .openapi({
      description: `A schema.org NewsArticle (or the subtype of its \`kind\`), for code that reads it. To put it in a page, use \`jsonld_script\`. ${LEFT_OUT('jsonld')}`,
    }),
  jsonld_script: z
    .string()
    .optional()
    .openapi({
      description:
        'The same `jsonld`, serialized to be placed as is as the text of an `application/ld+json` script element in a page: ' +
        'the characters less-than, greater-than, ampersand, U+2028 and U+2029 are escaped (as `\\u003c` …), so no headline can close the element. ' +
        LEFT_OUT('jsonld'),
      example: '{"@context":"https://schema.org","@type":"NewsArticle","headline":"Talks \\u0026 envoys"}',
    }),
}).openapi('Article')

export const ArticlePage = z.object({ data: z.array(ArticleSummary), next_cursor: NextCursor }).openapi('ArticlePage')

/**
 * `from` and `to` bound a list by published time: `from` inclusive, `to` exclusive. A date
 * (2026-11-24) is midnight UTC; a date-time needs its time zone (Z or an offset).
 */
const Instant = z
  .string()
  .max(40)
  .refine(
    (text) => z.iso.datetime({ offset: true }).safeParse(text).success || z.iso.date().safeParse(text).success,
    'must be an ISO 8601 date (2026-11-24) or date-time with a time zone (2026-11-24T08:30:00Z)',
  )

export const DateRange = {
  from: Instant.optional().openapi({ description: 'Only articles published at or after this time (ISO 8601).', example: '2026-11-01' }),
  to: Instant.optional().openapi({ description: 'Only articles published before this time (ISO 8601).', example: '2026-12-01T00:00:00Z' }),
}

/** An instant as the database writes it (toISOString), from a valid `from` or `to`. */
export const toTimestamp = (instant: string) => new Date(instant).toISOString()

/** Rejects a range that ends before it starts, naming `from`. */
function checkRange(query: { from?: string; to?: string }, ctx: z.RefinementCtx) {
  if (query.from === undefined || query.to === undefined) return
  const from = Date.parse(query.from)
  const to = Date.parse(query.to)
  if (!Number.isNaN(from) && !Number.isNaN(to) && from >= to) {
    ctx.addIssue({ code: 'custom', path: ['from'], message: 'must be earlier than `to`' })
  }
}

/**
 * `fields` leaves parts out of an answer: `-name` per part, comma-separated. Only the parts named
 * here can go, so every answer still has the fields a client needs to show and link an article.
 */
function fieldsParam<P extends string>(parts: readonly P[], example: string) {
  const name = `(?:${parts.join('|')})`
  return z
    .string()
    .max(200)
    .regex(
      new RegExp(`^-${name}(?:,-${name})*$`),
      `must list parts to leave out, each with a minus: ${parts.map((part) => `-${part}`).join(', ')}`,
    )
    .optional()
    .openapi({
      description: `Parts to leave out, comma-separated, each with a minus: ${parts.map((part) => `\`-${part}\``).join(', ')}.`,
      example,
    })
}

/** What `fields` may leave out of a whole article: the body in its forms, JSON-LD, corrections. */
export const ARTICLE_PARTS = ['body', 'body_html', 'jsonld', 'corrections'] as const
/** What `fields` may leave out of each summary in a list. */
export const SUMMARY_PARTS = ['standfirst', 'tags', 'authors', 'image'] as const

export const ArticleFields = fieldsParam(ARTICLE_PARTS, '-body,-body_html,-jsonld')
export const SummaryFields = fieldsParam(SUMMARY_PARTS, '-tags,-authors')

/** The query of every list of articles: a page, a published-time range, lighter summaries. */
export const ArticlePageQuery = z
  .object({ ...LangQuery, ...PageQuery, ...DateRange, fields: SummaryFields })
  .strict()
  .superRefine(checkRange)

export const ArticleListQuery = z
  .object({
    section: SectionSlug.optional().openapi({ description: 'Only articles in this section.' }),
    tag: TagSlug.optional().openapi({ description: 'Only articles with this tag.' }),
    author: AuthorSlug.optional().openapi({ description: 'Only articles by this author.' }),
    q: z.string().trim().min(1).max(200).optional().openapi({
      description:
        'Full-text search over headline, standfirst and body, ranked by relevance. Words are matched as words: quotes and operators have no special meaning.',
      example: 'Geneva talks',
    }),
    ...LangQuery,
    ...PageQuery,
    ...DateRange,
    fields: SummaryFields,
  })
  .strict()
  .superRefine(checkRange)

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
    kind: ArticleKind.default('news'),
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

/** A summary as built: every part there (`fields` removes some only on the way out). */
export type ArticleSummary = Required<z.infer<typeof ArticleSummary>>
export type Article = Required<z.infer<typeof Article>>
export type ArticleInput = z.input<typeof ArticleInput>
export type ArticleStatus = z.infer<typeof ArticleStatus>
export type ArticleKind = z.infer<typeof ArticleKind>
export type ShownImage = z.infer<typeof ShownImage>
export type Translation = z.infer<typeof Translation>
