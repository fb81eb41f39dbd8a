import { StorageError } from './db/client.ts'

/**
 * The body store: the R2 bucket BODIES, where the bodies of archived articles live, and the only
 * code that talks to it.
 *
 * D1 holds at most 10 GB a database, and an article's body (its JSON blocks, about 8 KB) is most of
 * an article's bytes. Readers want the news: nearly every read is of an article from the last few
 * weeks, and the lists, search, feeds' summaries and sitemaps need no body at all. So the body of an
 * article published more than ARCHIVE_AFTER_DAYS ago moves to R2, and
 * D1 keeps the metadata, the links and the full-text index (migrations/0010_body_store.sql).
 *
 * - An archived row has `body = ''` (never valid JSON); its body is the object
 *   `articles/<id>/v<version>.json`. The version is in the key because every write of an article
 *   writes its body and bumps its version: an object, once written, never changes meaning, and a
 *   slow archiver can never overwrite a newer body with an older one.
 * - Archiving (src/jobs/archive-bodies.ts) is atomic per article: the object is written first, then
 *   the row's body cleared in one statement that holds only if the version is still the one
 *   written. Crash in between: the row keeps its body (an unused object stays, rewritten next time).
 * - Reading: a recent article is one D1 round trip, as before; an archived one, one D1 round trip
 *   and one R2 read. R2 not answering (or an object missing) is a StorageError: the read-through
 *   cache serves a STALE copy or a 503, and reads that need no archived body never notice.
 * - Writing an archived article (an editor's correction) writes its body to D1 again; it is
 *   archived again by the next cron run (the old version's object stays behind, unread).
 *
 * The events partners were told keep their payload as delivered (a ninjs document with the whole
 * body: about 10 KB for an 800-word story): the archive's text again, a few times over. So the payload of an event older
 * than ARCHIVE_AFTER_DAYS moves here too (src/jobs/archive-event-payloads.ts,
 * migrations/0012_event_payload_store.sql): the object `events/<event_id>.json`, and in D1
 * `archived_at` set and `payload = ''`. Events never change, so the id alone names the object, and
 * the archiver needs no version guard: it clears only the payloads R2 took. Readers (the partner
 * event log, webhook deliveries) load archived payloads the same way, with the same StorageError.
 */

/** Days after its publication before an article's body leaves D1 (and after it was told, an event's payload). */
export const ARCHIVE_AFTER_DAYS = 60

/** The marker in articles.body of a body kept in the body store. */
export const ARCHIVED = ''

/** How long an R2 call may take before the request gives up on it. */
const R2_TIMEOUT_MS = 5_000

/** Where an article's body is kept once archived. */
export function bodyKey(id: number, version: number): string {
  return `articles/${id}/v${version}.json`
}

/** Rows that may carry an archived body. */
interface BodyRow {
  id: number
  version: number
  body: string
}

/**
 * Fills in the bodies of the archived rows among `rows` (in place), from R2, concurrently; rows
 * whose body is in D1 cost nothing. Throws StorageError when R2 does not answer or lacks a body.
 */
export async function loadArchivedBodies<Row extends BodyRow>(bucket: R2Bucket, rows: Row[]): Promise<Row[]> {
  await Promise.all(
    rows
      .filter((row) => row.body === ARCHIVED)
      .map(async (row) => {
        row.body = await getText(bucket, bodyKey(row.id, row.version))
      }),
  )
  return rows
}

/** Writes an article's body (its JSON text) to the body store. */
export async function putBody(bucket: R2Bucket, row: BodyRow): Promise<void> {
  const key = bodyKey(row.id, row.version)
  await withTimeout(`R2 put ${key}`, () => bucket.put(key, row.body, { httpMetadata: { contentType: 'application/json' } }))
}

/** Removes a body object that no row points at any more (best effort: an orphan is harmless). */
export async function deleteBody(bucket: R2Bucket, row: { id: number; version: number }): Promise<void> {
  await withTimeout('R2 delete', () => bucket.delete(bodyKey(row.id, row.version)))
}

/** Where an event's payload is kept once archived: an event never changes, so its id names it. */
export function eventPayloadKey(eventId: string): string {
  return `events/${eventId}.json`
}

/** Events that may carry an archived payload (`archived_at` set: the payload is in the store). */
interface PayloadRow {
  event_id: string
  payload: string
  archived_at: string | null
}

/**
 * Fills in the payloads of the archived events among `rows` (in place), from R2, concurrently;
 * events whose payload is in D1 cost nothing. Throws StorageError when R2 does not answer or lacks one.
 */
export async function loadArchivedPayloads<Row extends PayloadRow>(bucket: R2Bucket, rows: Row[]): Promise<Row[]> {
  await Promise.all(
    rows
      .filter((row) => row.archived_at !== null)
      .map(async (row) => {
        row.payload = await getText(bucket, eventPayloadKey(row.event_id))
      }),
  )
  return rows
}

/** Writes an event's payload (the JSON text as delivered) to the body store. */
export async function putEventPayload(bucket: R2Bucket, row: Pick<PayloadRow, 'event_id' | 'payload'>): Promise<void> {
  const key = eventPayloadKey(row.event_id)
  await withTimeout(`R2 put ${key}`, () => bucket.put(key, row.payload, { httpMetadata: { contentType: 'application/json' } }))
}

/** An object's text; a missing object is a StorageError too: a row points at it. */
async function getText(bucket: R2Bucket, key: string): Promise<string> {
  const text = await withTimeout(`R2 get ${key}`, async () => (await bucket.get(key))?.text())
  if (text === undefined) throw new StorageError(`the body store has no ${key}`)
  return text
}

async function withTimeout<T>(what: string, call: () => Promise<T>): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new StorageError(`${what}: no answer within ${R2_TIMEOUT_MS} ms`)), R2_TIMEOUT_MS)
  })
  try {
    return await Promise.race([call(), timeout])
  } catch (error) {
    if (error instanceof StorageError) throw error
    throw new StorageError(`${what}: ${error instanceof Error ? error.message : String(error)}`, { cause: error })
  } finally {
    clearTimeout(timer)
  }
}
