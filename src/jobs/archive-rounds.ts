import { log } from '../lib/log.ts'

/**
 * One kind of text the cron moves from D1 to the body store (src/bodies.ts): article bodies
 * (archive-bodies.ts), event payloads (archive-event-payloads.ts). The rounds below are the same
 * for both; only the SQL and the object keys differ.
 */
export interface ArchiveKind<Row> {
  /** What moves, for the logs ('article bodies'). */
  what: string
  /** Up to `limit` rows still in D1 and due, oldest first: one D1 read. */
  due(limit: number): Promise<Row[]>
  /** Writes one row's text to the body store. */
  store(row: Row): Promise<void>
  /** Clears in D1 the text of these rows (all stored; maybe none): one D1 batch, its results. */
  clear(rows: Row[]): Promise<D1Result[]>
}

export interface ArchiveOptions {
  /** Rounds per run: the cron's bounded share of work (default 5, so up to 100 rows a minute). */
  rounds?: number
  /** Rows per round (each kind has its default, from its rows' largest size and D1's 50 MB result limit). */
  roundSize?: number
}

/**
 * Moves text from D1 to the body store in bounded rounds, oldest first. Each round: one D1 read of
 * up to `roundSize` rows, their text written to R2 concurrently, then one D1 batch clearing only the
 * rows R2 took. Idempotent and safe to interrupt at any point (a crash between R2 and D1 leaves the
 * text in D1 and an object rewritten next run). Text R2 refused stays in D1, and the run stops there:
 * the next one tries again. Returns how many rows' text left D1.
 */
export async function archiveInRounds<Row>(kind: ArchiveKind<Row>, options: ArchiveOptions & { roundSize: number }): Promise<number> {
  const { roundSize } = options
  let archived = 0
  for (let round = 0; round < (options.rounds ?? 5); round++) {
    const rows = await kind.due(roundSize)
    if (rows.length === 0) break
    const stored = await Promise.allSettled(rows.map((row) => kind.store(row)))
    const kept = rows.filter((_, i) => stored[i]!.status === 'fulfilled')
    const cleared = await kind.clear(kept)
    archived += cleared.reduce((sum, result) => sum + (result.meta.changes ?? 0), 0)
    if (kept.length < rows.length) {
      // The body store is failing: leave the rest for the next run.
      log('warn', `body store refused ${kind.what}`, { refused: rows.length - kept.length })
      break
    }
    if (rows.length < roundSize) break
  }
  if (archived > 0) log('info', `${kind.what} archived`, { count: archived })
  return archived
}
