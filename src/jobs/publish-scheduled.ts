import { invalidate } from '../cache.ts'
import { feedMembershipsOf, publishDueStatements } from '../db/articles.ts'
import { Database } from '../db/client.ts'
import { log } from '../lib/log.ts'
import { announceToPartners } from '../syndication/events.ts'
import { announceToHub } from '../syndication/websub.ts'
import { settingsOf } from '../settings.ts'

const JOB = 'publish-scheduled'

/**
 * The every-minute cron: scheduled articles whose time has come become published, and embargoed
 * published articles whose time has come are logged for sync (public reads already show them) and
 * announced to partners.
 * One transaction; then the caches of every affected article and list are invalidated.
 * Returns the slugs that became public.
 */
export async function publishScheduled(env: Env, at: Date = new Date()): Promise<string[]> {
  const db = new Database(env.DB, 'first-primary')
  const now = at.toISOString()
  // The first run looks back one interval, not to the beginning of time.
  const firstRun = new Date(at.getTime() - 60_000).toISOString()
  const [becoming, , , siblings] = await db.batch<{ slug: string }>(publishDueStatements(db, JOB, now, firstRun))
  const slugs = becoming!.results.map((row) => row.slug)
  if (slugs.length > 0) {
    // Their other language versions list them now, too.
    await invalidate(env.CACHE, db, { articles: [...slugs, ...siblings!.results.map((row) => row.slug)] })
    // The feeds they appear in changed: tell the WebSub hub, if one is configured.
    if (settingsOf(env).websubHub) await announceToHub(env, await feedMembershipsOf(db, slugs), 'publish', now)
    // Embargoes that lift and scheduled articles that go out: article.published for partners.
    await announceToPartners(env, db, slugs, { now, changed: false })
    log('info', 'scheduled articles published', { count: slugs.length })
  }
  return slugs
}
