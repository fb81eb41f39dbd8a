import { z } from '@hono/zod-openapi'

/**
 * The message on the WebSub queue: one per hub and set of feeds that changed. Versioned: a
 * consumer must be able to read what an older producer sent while a deploy rolls out.
 */
export const HubPingMessage = z.object({
  v: z.literal(1),
  hub: z.url(),
  /** The feed URLs to announce; a producer with more than 100 sends several messages. */
  topics: z.array(z.url()).min(1).max(100),
  reason: z.enum(['publish', 'correction', 'unpublish']),
  at: z.iso.datetime(),
})

export type HubPingMessage = z.infer<typeof HubPingMessage>
