import { z } from '@hono/zod-openapi'

/** URL-safe identifier used in every path: lowercase letters, digits and single hyphens. */
export const Slug = z
  .string()
  .min(1)
  .max(120)
  .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'must be lowercase letters, digits and single hyphens')
  .openapi({ example: 'eu-and-russian-envoys-resume-talks-in-geneva' })

// Each kind's slug, with an example from the demo newspaper (scripts/demo-content.ts), so that
// "Test request" in /docs answers 200 on a fresh `npm start`.
export const ArticleSlug = Slug.openapi({ example: 'eu-and-russian-envoys-resume-talks-in-geneva' })
export const AuthorSlug = Slug.openapi({ example: 'elena-varga' })
export const SectionSlug = Slug.openapi({ example: 'europe' })
export const TagSlug = Slug.openapi({ example: 'diplomacy' })

/** An instant in UTC, written exactly as JavaScript's toISOString() writes it. */
export const Timestamp = z.iso.datetime({ precision: 3 }).openapi({ example: '2026-11-24T08:30:00.000Z' })

/** Only web links: no javascript:, data: or other schemes that could run in a reader's browser. */
export const WebUrl = z
  .url({ protocol: /^https?$/, hostname: z.regexes.domain })
  .max(2048)
  .openapi({ example: 'https://www.example-daily.eu/articles/eu-and-russian-envoys-resume-talks-in-geneva' })

export const Link = z
  .object({
    label: z.string().min(1).max(60).openapi({ example: 'Mastodon' }),
    url: WebUrl,
  })
  .openapi('Link')

export const PageQuery = {
  limit: z.coerce.number().int().min(1).max(100).default(20).openapi({
    description: 'Items per page, 1 to 100; a page also stops before 1 MiB of JSON (then `next_cursor` continues it).',
    example: 20,
  }),
  cursor: z.string().max(512).optional().openapi({ description: "Opaque cursor from a previous page's `next_cursor`." }),
}

export const NextCursor = z.string().nullable().openapi({ description: 'Pass as `cursor` to get the next page; null on the last page.' })

export type Page<T> = { data: T[]; next_cursor: string | null }

/**
 * A BCP 47 language tag of the forms this API stores: a 2 or 3 letter language, optionally a
 * region (`en`, `fr`, `nl`, `de`, `fr-BE`, `pt-BR`). Case is normalized first (`FR-be` is
 * `fr-BE`), as BCP 47 tags are case-insensitive.
 */
export const LanguageTag = z
  .string()
  .max(12)
  .transform((tag) =>
    tag.replace(/^([a-zA-Z]+)(?:-([a-zA-Z]+))?$/, (_, lang: string, region?: string) =>
      region ? `${lang.toLowerCase()}-${region.toUpperCase()}` : lang.toLowerCase(),
    ),
  )
  .pipe(z.string().regex(/^[a-z]{2,3}(-[A-Z]{2})?$/, 'must be a BCP 47 language tag such as en, fr or fr-BE'))
  .openapi({ type: 'string', example: 'fr' })

/** The `lang` filter of lists, feeds and sync. */
export const LangQuery = {
  lang: LanguageTag.optional().openapi({
    type: 'string',
    description:
      "Only articles in this language (one of the publication's `languages`; an unknown one is a 400). Without it, every language.",
    example: 'fr',
  }),
}
