import { log } from '../lib/log.ts'
import type { HubPingMessage } from '../schemas/websub.ts'
import { settingsOf } from '../settings.ts'

/**
 * WebSub publishing: which feeds an article appears in, and the one announcer that tells the hub
 * they changed, whoever changed them (an editor's write, the cron). Topic URLs are always on
 * API_URL, the API's configured public origin, never on the origin a request came in on: the hub
 * and its subscribers know the feeds by the URLs the feeds themselves advertise as rel="self".
 * The pings themselves are sent by the queue's consumer (src/queue/websub.ts).
 */

const FEED_FILES = ['rss.xml', 'atom.xml', 'feed.json'] as const

/** What decides the feeds an article is in. */
export interface FeedMembership {
  section: string
  tags: string[]
  authors: string[]
  /** Its language: it is in that language's feeds too. */
  language?: string
}

/**
 * The absolute URLs of every feed an article appears in: the publication's own three, and the
 * three of its section, of each tag and of each author; with its language, the same feeds of that
 * language too (`/feeds/fr/…`). Deduplicated, in that order.
 */
export function feedTopics(apiOrigin: string, article: FeedMembership): string[] {
  const root = `${apiOrigin.replace(/\/+$/, '')}/feeds`
  const dirs = [root, ...(article.language ? [`${root}/${encodeURIComponent(article.language)}`] : [])].flatMap((base) => [
    base,
    `${base}/sections/${encodeURIComponent(article.section)}`,
    ...article.tags.map((tag) => `${base}/tags/${encodeURIComponent(tag)}`),
    ...article.authors.map((author) => `${base}/authors/${encodeURIComponent(author)}`),
  ])
  return [...new Set(dirs.flatMap((dir) => FEED_FILES.map((file) => `${dir}/${file}`)))]
}

/**
 * The queue messages that announce these articles' feeds to the hub: one per 100 topics (the
 * message schema's limit), all the feeds of all the articles, deduplicated.
 */
export function hubPingMessages(
  hub: string,
  apiOrigin: string,
  articles: FeedMembership[],
  reason: HubPingMessage['reason'],
  at: string,
): HubPingMessage[] {
  const topics = [...new Set(articles.flatMap((article) => feedTopics(apiOrigin, article)))]
  const messages: HubPingMessage[] = []
  for (let i = 0; i < topics.length; i += 100) messages.push({ v: 1, hub, topics: topics.slice(i, i + 100), reason, at })
  return messages
}

/**
 * Tells the WebSub hub, when one is configured (WEBSUB_HUB_URL), that these articles' feeds
 * changed. Through the WebSub queue, so that a slow hub never slows a write down; a failed send
 * is logged, not the writer's problem.
 */
export async function announceToHub(env: Env, articles: FeedMembership[], reason: HubPingMessage['reason'], at: string): Promise<void> {
  const { websubHub: hub, site } = settingsOf(env)
  if (!hub || articles.length === 0) return
  try {
    for (const message of hubPingMessages(hub, site.apiUrl, articles, reason, at)) await env.WEBSUB.send(message, { contentType: 'json' })
  } catch (error) {
    log('warn', 'websub ping not queued', { articles: articles.length, reason, error: String(error) })
  }
}
