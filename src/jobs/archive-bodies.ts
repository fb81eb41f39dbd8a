import { ARCHIVE_AFTER_DAYS, putBody } from '../bodies.ts'
import { archivableStatement, archiveStatement, type ArchivableRow } from '../db/archive.ts'
import { Database } from '../db/client.ts'
import { archiveInRounds, type ArchiveOptions } from './archive-rounds.ts'

/** Articles archived per round: 20 bodies of at most 1 MiB stay below D1's 50 MB result limit. */
const ROUND_SIZE = 20

export type { ArchiveOptions }

/**
 * Moves the bodies of articles published more than ARCHIVE_AFTER_DAYS ago from D1 to the body store (see
 * src/bodies.ts), from the every-minute cron, oldest first, in the rounds of archive-rounds.ts: bodies
 * R2 took are cleared each only if its article's version is unchanged. Idempotent and safe to
 * interrupt at any point; bodies R2 refused stay in D1 for the next run. Returns how many bodies left D1.
 */
export function archiveBodies(db: Database, bucket: R2Bucket, at: Date, options: ArchiveOptions = {}): Promise<number> {
  const before = new Date(at.getTime() - ARCHIVE_AFTER_DAYS * 86_400_000).toISOString()
  return archiveInRounds<ArchivableRow>(
    {
      what: 'article bodies',
      due: (limit) => db.all<ArchivableRow>(archivableStatement(db, before, limit)),
      store: (row) => putBody(bucket, row),
      clear: (rows) => db.batch(rows.map((row) => archiveStatement(db, row))),
    },
    { rounds: options.rounds, roundSize: options.roundSize ?? ROUND_SIZE },
  )
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
