import { z } from '@hono/zod-openapi'

/**
 * What /feeds/…/feed.json carries: a JSON Feed 1.1 (https://www.jsonfeed.org/version/1.1/), as
 * src/render/feeds.ts writes it. Only the members this API writes are listed; readers ignore others.
 */

const FeedAuthor = z.object({ name: z.string(), url: z.url().optional() })

export const JsonFeedItem = z
  .object({
    id: z.string().openapi({ description: "The article's URL, which never changes." }),
    url: z.url(),
    title: z.string(),
    summary: z.string(),
    content_html: z.string().optional().openapi({ description: "The full text, for partners' keys only." }),
    content_text: z.string().optional().openapi({ description: 'The standfirst, when the full text is not included.' }),
    image: z.url().optional().openapi({ description: 'The main image, when partners may republish it.' }),
    date_published: z.iso.datetime(),
    date_modified: z.iso.datetime(),
    authors: z.array(FeedAuthor),
    tags: z.array(z.string()).openapi({ description: 'The section, then the tags.' }),
  })
  .openapi('JsonFeedItem')

export const JsonFeed = z
  .object({
    version: z.literal('https://jsonfeed.org/version/1.1'),
    title: z.string(),
    home_page_url: z.url(),
    feed_url: z.url(),
    description: z.string().optional(),
    language: z.string().optional(),
    hubs: z.array(z.object({ type: z.string(), url: z.url() })).optional(),
    items: z.array(JsonFeedItem),
  })
  .openapi('JsonFeed')
