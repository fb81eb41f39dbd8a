import { ARCHIVE_AFTER_DAYS, putBody } from '../bodies.ts'
import { archivableStatement, archiveStatement, type ArchivableRow } from '../db/archive.ts'
import { Database } from '../db/client.ts'
import { log } from '../lib/log.ts'

/** Articles archived per round: 20 bodies of at most 1 MiB stay below D1's 50 MB result limit. */
const ROUND_SIZE = 20

export interface ArchiveOptions {
  /** Rounds per run: the cron's bounded share of work (default 5, so up to 100 articles a minute). */
  rounds?: number
  /** Articles per round. */
  roundSize?: number
}

/**
 * Moves the bodies of articles published more than ARCHIVE_AFTER_DAYS ago from D1 to the body store (see
 * src/bodies.ts), from the every-minute cron, oldest first. Each round: one D1 read of up to
 * `roundSize` rows, their bodies written to R2 concurrently, then one D1 batch clearing the bodies
 * R2 took, each only if its article's version is unchanged. Idempotent and safe to interrupt at
 * any point; bodies R2 refused stay in D1 for the next run. Returns how many bodies left D1.
 */
export async function archiveBodies(db: Database, bucket: R2Bucket, at: Date, options: ArchiveOptions = {}): Promise<number> {
  const before = new Date(at.getTime() - ARCHIVE_AFTER_DAYS * 86_400_000).toISOString()
  const roundSize = options.roundSize ?? ROUND_SIZE
  let archived = 0
  for (let round = 0; round < (options.rounds ?? 5); round++) {
    const rows = await db.all<ArchivableRow>(archivableStatement(db, before, roundSize))
    if (rows.length === 0) break
    const stored = await Promise.allSettled(rows.map((row) => putBody(bucket, row)))
    const kept = rows.filter((_, i) => stored[i]!.status === 'fulfilled')
    const results = await db.batch(kept.map((row) => archiveStatement(db, row)))
    archived += results.reduce((sum, result) => sum + (result.meta.changes ?? 0), 0)
    if (kept.length < rows.length) {
      // The body store is failing: leave the rest for the next run.
      log('warn', 'body store refused archived bodies', { refused: rows.length - kept.length })
      break
    }
    if (rows.length < roundSize) break
  }
  if (archived > 0) log('info', 'article bodies archived', { count: archived })
  return archived
}

/** The cron's share: one bounded run on the primary. */
export function archiveOldBodies(env: Pick<Env, 'DB' | 'BODIES'>, at: Date): Promise<number> {
  return archiveBodies(new Database(env.DB, 'first-primary'), env.BODIES, at)
}

/**
 * Everything due, in as many runs as it takes: for the importer and the benchmark's generator
 * (whose bodies are about 8 KB: it passes a larger `roundSize` to cross fewer round trips).
 */
export async function archiveAllBodies(
  db: Database,
  bucket: R2Bucket,
  at: Date,
  onProgress?: (done: number) => void,
  roundSize = ROUND_SIZE,
): Promise<number> {
  let total = 0
  for (let done = -1; done !== 0; ) {
    done = await archiveBodies(db, bucket, at, { rounds: 50, roundSize })
    total += done
    onProgress?.(total)
  }
  return total
}
