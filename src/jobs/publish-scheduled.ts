import { invalidate } from '../cache.ts'
import { Database } from '../db/client.ts'
import { log } from '../lib/log.ts'
import { hubPingMessages } from '../queue/websub.ts'

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
    await announce(env, db, slugs, now)
    log('info', 'scheduled articles published', { count: slugs.length })
  }
  return slugs
}

/** Pings the WebSub hub, if one is configured, for the feeds of the articles that just went public. */
async function announce(env: Env, db: Database, slugs: string[], now: string) {
  if (!env.WEBSUB_HUB_URL) return
  const rows = await db.all<{ section: string; tags: string; authors: string }>(
    db
      .prepare(
        `SELECT s.slug AS section,
                (SELECT json_group_array(t.slug) FROM article_tags x JOIN tags t ON t.id = x.tag_id WHERE x.article_id = a.id) AS tags,
                (SELECT json_group_array(au.slug) FROM article_authors x JOIN authors au ON au.id = x.author_id WHERE x.article_id = a.id) AS authors
           FROM articles a JOIN sections s ON s.id = a.section_id
          WHERE a.slug IN (SELECT value FROM json_each(?1))`,
      )
      .bind(JSON.stringify(slugs)),
  )
  const articles = rows.map((row) => ({ section: row.section, tags: JSON.parse(row.tags) as string[], authors: JSON.parse(row.authors) as string[] }))
  try {
    for (const message of hubPingMessages(env.WEBSUB_HUB_URL, env.API_URL.replace(/\/+$/, ''), articles, 'publish', now)) {
      await env.WEBSUB.send(message, { contentType: 'json' })
    }
  } catch (error) {
    log('warn', 'websub ping not queued', { error: String(error) })
  }
}
