import { z } from '@hono/zod-openapi'
import { LanguageTag, Link, Timestamp, WebUrl } from './common.ts'

export const Publication = z
  .object({
    name: z.string().openapi({ example: 'The European Daily' }),
    url: WebUrl,
    description: z.string().openapi({ description: 'A one-line description, for feeds and search results.' }),
    about: z.string().openapi({ description: '"About us": plain text, paragraphs separated by a blank line.' }),
    language: z.string().openapi({
      description: 'The default language: the one section and tag names fall back to, and that `x-default` in sitemaps points at.',
      example: 'en',
    }),
    languages: z
      .array(z.string())
      .openapi({ description: 'Every language the publication publishes in, the default first.', example: ['en', 'fr', 'nl', 'de'] }),
    logo_url: WebUrl.nullable(),
    links: z.array(Link),
    updated_at: Timestamp,
  })
  .openapi('Publication')

export const PublicationInput = Publication.omit({ updated_at: true })
  .extend({
    language: LanguageTag,
    languages: z
      .array(LanguageTag)
      .max(30)
      .default([])
      .openapi({ description: 'The languages published in besides or including the default; the default is always one of them.' }),
    logo_url: WebUrl.nullable().default(null),
    links: z.array(Link).max(20).default([]),
  })
  .strict()
  .openapi('PublicationInput')

export type Publication = z.infer<typeof Publication>
export type PublicationInput = z.input<typeof PublicationInput>
