import { z } from '@hono/zod-openapi'
import { Timestamp } from './common.ts'

/**
 * The subset of IPTC ninjs 3.x (https://www.iptc.org/std/ninjs/) this API emits, field names as
 * the IPTC's published JSON Schema spells them (3.x: camelCase, e.g. `pubStatus`,
 * `versionCreated`, `embargoedUntil`). Strict, like the published schema
 * (`unevaluatedProperties: false`): a field we add by mistake fails the tests.
 */

const Text = z.object({ role: z.string().optional(), contentType: z.string().optional(), value: z.string() }).strict()

const Body = Text.extend({
  charCount: z.number().int().nonnegative(),
  wordCount: z.number().int().nonnegative(),
}).strict()

const Concept = z.object({ name: z.string(), rel: z.string(), uri: z.url().optional(), literal: z.string().optional() }).strict()

const Rendition = z
  .object({
    name: z.string(),
    href: z.url(),
    contentType: z.string().optional(),
    width: z.number().int().optional(),
    height: z.number().int().optional(),
  })
  .strict()

export const PubStatus = z
  .enum(['usable', 'withheld', 'canceled'])
  .openapi({ description: '`withheld`: embargoed, not to be published before `embargoedUntil`. `canceled`: withdrawn, remove it.' })

/** A picture associated with a story: only ones partners may republish appear. */
export const NinjsPicture = z
  .object({
    name: z.string().openapi({ description: '`featureimage` for the hero image, `image-1`, `image-2`... for those in the body.' }),
    uri: z.url(),
    type: z.literal('picture'),
    headlines: z.array(Text).optional(),
    descriptions: z.array(Text).optional(),
    by: z.string().optional(),
    usageTerms: z.string(),
    renditions: z.array(Rendition),
  })
  .strict()
  .openapi('NinjsPicture')

export const Ninjs = z
  .object({
    standard: z.object({ name: z.literal('ninjs'), version: z.string(), schema: z.url() }).strict(),
    uri: z.string().regex(/^tag:/).openapi({ description: 'Stable identifier (RFC 4151 tag URI), independent of the slug.' }),
    type: z.literal('text'),
    representationType: z.enum(['full', 'partial']),
    version: z.string().openapi({ description: "The article's version: bumped by every edit." }),
    firstCreated: Timestamp.optional(),
    versionCreated: Timestamp,
    contentCreated: Timestamp.optional(),
    embargoedUntil: Timestamp.optional(),
    pubStatus: PubStatus,
    language: z.string().optional(),
    slugline: z.string(),
    altIds: z.array(z.object({ role: z.string(), value: z.string() }).strict()),
    headlines: z.array(Text).optional(),
    descriptions: z.array(Text).optional(),
    bodies: z.array(Body).optional(),
    by: z.string().optional(),
    people: z.array(Concept).optional(),
    subjects: z.array(Concept).optional(),
    located: z.string().optional(),
    associations: z.array(NinjsPicture).optional(),
    renditions: z.array(Rendition).optional(),
    copyrightHolder: z.string().optional(),
    copyrightNotice: z.string().optional(),
    usageTerms: z.string().optional(),
    edNote: z.string().optional(),
  })
  .strict()
  .openapi('Ninjs', { description: 'An article as IPTC ninjs 3.x (News in JSON), as partners may republish it.' })

export type Ninjs = z.infer<typeof Ninjs>
