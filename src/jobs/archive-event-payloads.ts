import { ARCHIVE_AFTER_DAYS, putEventPayload } from '../bodies.ts'
import { Database } from '../db/client.ts'
import { archivableEventsStatement, archiveEventStatement, type ArchivableEventRow } from '../db/syndication.ts'
import { archiveInRounds, type ArchiveOptions } from './archive-rounds.ts'

/** Events archived per round: 20 rows of at most 2 MB (D1's row limit) stay below its 50 MB result limit. */
const ROUND_SIZE = 20

/**
 * Moves the payloads of events recorded more than ARCHIVE_AFTER_DAYS ago from D1 to the body store
 * (`events/<event_id>.json`, see src/bodies.ts), from the every-minute cron, oldest first, in the
 * rounds of archive-rounds.ts. Events never change: a payload R2 took is cleared without a version
 * guard, one R2 refused stays in D1 for the next run. Returns how many payloads left D1.
 */
export function archiveEventPayloads(db: Database, bucket: R2Bucket, at: Date, options: ArchiveOptions = {}): Promise<number> {
  const before = new Date(at.getTime() - ARCHIVE_AFTER_DAYS * 86_400_000).toISOString()
  const now = at.toISOString()
  return archiveInRounds<ArchivableEventRow>(
    {
      what: 'event payloads',
      due: (limit) => db.all<ArchivableEventRow>(archivableEventsStatement(db, before, limit)),
      store: (row) => putEventPayload(bucket, row),
      clear: (rows) => db.batch(rows.map((row) => archiveEventStatement(db, row.id, now))),
    },
    { rounds: options.rounds, roundSize: options.roundSize ?? ROUND_SIZE },
  )
}

/** The cron's share: one bounded run on the primary. */
export function archiveOldEventPayloads(env: Pick<Env, 'DB' | 'BODIES'>, at: Date): Promise<number> {
  return archiveEventPayloads(new Database(env.DB, 'first-primary'), env.BODIES, at)
}
