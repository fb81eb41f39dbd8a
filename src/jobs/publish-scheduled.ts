import { invalidate } from '../cache.ts'
import { Database } from '../db/client.ts'
import { log } from '../lib/log.ts'

const JOB = 'publish-scheduled'

/**
 * The every-minute cron: scheduled articles whose time has come become published, and embargoed
 * published articles whose time has come are logged for sync (public reads already show them).
 * One transaction; then the caches of every affected article and list are invalidated.
 * Returns the slugs that became public.
 */
export async function publishScheduled(env: Env, at: Date = new Date()): Promise<string[]> {
  const db = new Database(env.DB)
  const now = at.toISOString()
  // The first run looks back one interval, not to the beginning of time.
  const firstRun = new Date(at.getTime() - 60_000).toISOString()
  const lastRun = "coalesce((SELECT last_run_at FROM jobs WHERE name = ?2), ?3)"
  const due = `(status = 'scheduled' AND published_at <= ?1)
             OR (status = 'published' AND published_at <= ?1 AND published_at > ${lastRun})`
  const [becoming] = await db.batch<{ slug: string }>([
    db.prepare(`SELECT slug FROM articles WHERE ${due}`).bind(now, JOB, firstRun),
    db.prepare(`INSERT INTO changes (type, slug, op, at) SELECT 'article', slug, 'upsert', ?1 FROM articles WHERE ${due}`).bind(now, JOB, firstRun),
    db
      .prepare(
        `INSERT INTO audit_log (at, actor, action, target_type, target_slug, version_before, version_after)
         SELECT ?1, 'scheduler', 'article.published', 'article', slug, version, version + 1
           FROM articles WHERE status = 'scheduled' AND published_at <= ?1`,
      )
      .bind(now),
    db
      .prepare(
        `UPDATE articles SET status = 'published', version = version + 1, updated_at = ?1
          WHERE status = 'scheduled' AND published_at <= ?1`,
      )
      .bind(now),
    db
      .prepare('INSERT INTO jobs (name, last_run_at) VALUES (?2, ?1) ON CONFLICT (name) DO UPDATE SET last_run_at = excluded.last_run_at')
      .bind(now, JOB),
  ])
  const slugs = becoming!.results.map((row) => row.slug)
  if (slugs.length > 0) {
    await invalidate(env.CACHE, db, { articles: slugs })
    log('info', 'scheduled articles published', { count: slugs.length })
  }
  return slugs
}
