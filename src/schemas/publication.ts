import { z } from '@hono/zod-openapi'
import { Link, Timestamp, WebUrl } from './common.ts'

export const Publication = z
  .object({
    name: z.string().openapi({ example: 'The European Daily' }),
    url: WebUrl,
    description: z.string().openapi({ description: 'A one-line description, for feeds and search results.' }),
    about: z.string().openapi({ description: '"About us": plain text, paragraphs separated by a blank line.' }),
    language: z.string().openapi({ example: 'en' }),
    logo_url: WebUrl.nullable(),
    links: z.array(Link),
    updated_at: Timestamp,
  })
  .openapi('Publication')

export const PublicationInput = Publication.omit({ updated_at: true })
  .extend({ logo_url: WebUrl.nullable().default(null), links: z.array(Link).max(20).default([]) })
  .strict()
  .openapi('PublicationInput')

export type Publication = z.infer<typeof Publication>
export type PublicationInput = z.input<typeof PublicationInput>
