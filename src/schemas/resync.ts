import { z } from '@hono/zod-openapi'

/**
 * The message on the resync queue: "announce the next chunk of the public articles that embed
 * this author, section, tag or the publication, after this cursor". Versioned: a consumer must be
 * able to read what an older producer sent while a deploy rolls out.
 */
export const ResyncMessage = z.object({
  v: z.literal(1),
  /** What the articles embed (an Embedded: src/db/embedders.ts); `scope` is its name on the wire. */
  scope: z.discriminatedUnion('kind', [
    z.object({ kind: z.enum(['author', 'section', 'tag']), slug: z.string().min(1).max(200) }),
    z.object({ kind: z.literal('publication'), slug: z.literal('publication') }),
  ]),
  after: z.object({ at: z.string().min(1).max(40), id: z.number().int() }),
  /** The time of the write that changed it: what "public" is judged against. */
  at: z.iso.datetime(),
})

export type ResyncMessage = z.infer<typeof ResyncMessage>
