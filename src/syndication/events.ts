import type { Database } from '../db/client.ts'
import { findSyndicationArticle, insertEvent, lastEventOf, type EventRow, type EventType, type SyndicationRow } from '../db/syndication.ts'
import { activeEndpoints, endpointsThatReceived, insertDeliveries, type EndpointRow } from '../db/webhooks.ts'
import { log } from '../lib/log.ts'
import { toArticle } from '../present/articles.ts'
import { toNinjs, withdrawnNinjs } from '../render/ninjs.ts'
import { loadArchivedBodies } from '../bodies.ts'
import type { DeliveryMessage } from '../schemas/syndication.ts'
import { settingsOf } from '../settings.ts'

/**
 * What partners are told, and when. Each article has a state as partners may see it (hidden,
 * embargoed, public), and the event log remembers the last state they were told. An event is
 * recorded when the two differ, or when a partner-visible article was edited:
 *
 *   told \ now   hidden       embargoed                public
 *   hidden       -            published (withheld)     published (usable)
 *   embargoed    withdrawn    updated/corrected        published (usable)
 *   public       withdrawn    withdrawn                updated/corrected
 *
 * Comparing with the log rather than with the previous row makes the scheduler and the editors'
 * writes agree: an article published by an editor is not announced again by the every-minute
 * job, and an embargo that lifts is announced once, whoever notices first.
 *
 * Embargoed events reach only partners with the embargo permission; a withdrawal reaches every
 * endpoint that was sent anything about the article, whatever events it subscribed to.
 */

export type PartnerState = 'hidden' | 'embargoed' | 'public'

/** How partners may see the article now: never when they may not republish it. */
export function partnerState(row: Pick<SyndicationRow, 'status' | 'published_at' | 'republish'> | null, now: string): PartnerState {
  if (row?.status !== 'published' || row.published_at === null || row.republish !== 1) return 'hidden'
  return row.published_at <= now ? 'public' : 'embargoed'
}

function toldState(last: { type: EventType; embargoed_until: string | null } | null): PartnerState {
  if (!last || last.type === 'article.withdrawn') return 'hidden'
  return last.embargoed_until ? 'embargoed' : 'public'
}

export interface SyndicateOptions {
  now: string
  /** An edit was saved (not only the clock moving): partner-visible articles get an update. */
  changed: boolean
  /** The correction saved with this edit, if any. */
  correction?: string | null
}

/** Messages per Queue sendBatch call (the platform's limit). */
const SEND_BATCH = 100

/**
 * Records the events these articles call for and queues their deliveries. Failures to queue are
 * logged, not thrown: the event is in the log (partners polling see it) and an admin can retry.
 */
export async function syndicate(env: Env, db: Database, slugs: string[], options: SyndicateOptions): Promise<EventRow[]> {
  const events: EventRow[] = []
  for (const slug of slugs) {
    const event = await recordEvent(env, db, slug, options)
    if (event) events.push(event)
  }
  return events
}

async function recordEvent(env: Env, db: Database, slug: string, options: SyndicateOptions): Promise<EventRow | null> {
  const { now } = options
  const row = await findSyndicationArticle(db, slug)
  if (!row) return null
  const last = await lastEventOf(db, row.id)
  const told = toldState(last)
  const state = partnerState(row, now)
  const type = eventType(told, state, options)
  if (!type) return null

  const { site } = settingsOf(env)
  const correction = type === 'article.corrected' ? { text: options.correction!, at: now } : undefined
  let data: ReturnType<typeof toNinjs> | ReturnType<typeof withdrawnNinjs>
  let embargoedUntil: string | null
  if (type === 'article.withdrawn') {
    data = withdrawnNinjs({ id: row.id, version: row.version, slug: row.slug, at: now }, site.url)
    // A story withdrawn while still under embargo concerns only those who could see it.
    embargoedUntil = told === 'embargoed' ? last!.embargoed_until : null
  } else {
    embargoedUntil = state === 'embargoed' ? row.published_at : null
    await loadArchivedBodies(env.BODIES, [row])
    data = toNinjs(
      { id: row.id, version: row.version, created_at: row.created_at, article: toArticle(row, site), rights: row },
      {
        siteUrl: site.url,
        publisher: site.name,
        pubStatus: embargoedUntil ? 'withheld' : 'usable',
        embargoedUntil,
        edNote: correction
          ? `Correction: ${correction.text}`
          : embargoedUntil
            ? `Embargoed: not for publication before ${embargoedUntil}.`
            : undefined,
      },
    )
  }
  const payload = JSON.stringify({ type, timestamp: now, data, ...(correction ? { correction } : {}) })
  const event = (await insertEvent(db, {
    event_id: `evt_${crypto.randomUUID().replace(/-/g, '')}`,
    type,
    article_id: row.id,
    slug: row.slug,
    embargoed_until: embargoedUntil,
    payload,
    at: now,
  }))!
  await fanOut(env, db, event, row, now)
  return event
}

function eventType(told: PartnerState, state: PartnerState, options: SyndicateOptions): EventType | null {
  if (state === 'hidden') return told === 'hidden' ? null : 'article.withdrawn'
  if (told === 'public' && state === 'embargoed') return 'article.withdrawn'
  if (told === state) return options.changed ? (options.correction ? 'article.corrected' : 'article.updated') : null
  return 'article.published'
}

/** Whether an endpoint asked for this event about this article. */
export function wants(
  endpoint: EndpointRow & { embargo: number },
  event: Pick<EventRow, 'type' | 'embargoed_until'>,
  article: SyndicationRow,
): boolean {
  const list = (json: string) => JSON.parse(json) as string[]
  if (!list(endpoint.events).includes(event.type)) return false
  if (event.embargoed_until && endpoint.embargo !== 1) return false
  const sections = list(endpoint.sections)
  if (sections.length && !sections.includes(article.section_slug)) return false
  const tags = list(endpoint.tags)
  const articleTags = (JSON.parse(article.tags) as { slug: string }[]).map((tag) => tag.slug)
  if (tags.length && !tags.some((tag) => articleTags.includes(tag))) return false
  const languages = list(endpoint.languages)
  // "en" asks for en-GB too; "pt-BR" only for pt-BR.
  if (languages.length && !languages.some((lang) => article.language === lang || article.language.startsWith(`${lang}-`))) return false
  return true
}

async function fanOut(env: Env, db: Database, event: EventRow, article: SyndicationRow, now: string) {
  const active = await activeEndpoints(db)
  let targets: { endpoint_id: number; partner_id: number }[]
  if (event.type === 'article.withdrawn') {
    const activeIds = new Set(active.map((endpoint) => endpoint.id))
    targets = (await endpointsThatReceived(db, article.id)).filter((target) => activeIds.has(target.endpoint_id))
  } else {
    targets = active
      .filter((endpoint) => wants(endpoint, event, article))
      .map((endpoint) => ({ endpoint_id: endpoint.id, partner_id: endpoint.partner_id }))
  }
  if (targets.length === 0) return
  const deliveries = await insertDeliveries(db, event.id, targets, now)
  await queueDeliveries(
    env,
    deliveries.map((delivery) => delivery.id),
    { event: event.event_id },
  )
}

/** Puts deliveries on the webhooks queue; a failure is logged (the deliveries stay pending, retryable). */
export async function queueDeliveries(env: Env, ids: number[], context: Record<string, unknown> = {}): Promise<boolean> {
  try {
    for (let i = 0; i < ids.length; i += SEND_BATCH) {
      await env.WEBHOOKS.sendBatch(
        ids
          .slice(i, i + SEND_BATCH)
          .map((delivery) => ({ body: { v: 1, delivery } satisfies DeliveryMessage, contentType: 'json' as const })),
      )
    }
    return true
  } catch (error) {
    log('warn', 'webhook deliveries not queued', { ...context, deliveries: ids.length, error: String(error) })
    return false
  }
}

/**
 * syndicate(), for callers whose own write is already committed (an editor's save, the
 * scheduler): a failure is logged, never thrown, and partners can still poll what was recorded.
 */
export async function announceToPartners(env: Env, db: Database, slugs: string[], options: SyndicateOptions): Promise<void> {
  try {
    await syndicate(env, db, slugs, options)
  } catch (error) {
    log('error', 'partner events not recorded', { slugs: slugs.length, error: error instanceof Error ? error.message : String(error) })
  }
}
