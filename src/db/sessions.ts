/**
 * Where a request's D1 reads come from, with D1's read replication (the Sessions API). README,
 * "Consistency", says what each kind of client gets.
 *
 * - Public reads of content (GET and HEAD of articles, lists, feeds, sitemaps...): any replica
 *   ('first-unconstrained'), the nearest one. Within a request every read sees one consistent,
 *   possibly slightly old, state; a cache fill after a write starts no older than the write (the
 *   write's bookmark travels in the cache's generation: see readThrough).
 * - Editors: the admin API starts on the primary, and each admin answer carries the session's
 *   bookmark in the `x-d1-bookmark` header. An editor's client sends it back on its next request
 *   (admin or public): a read then comes from a replica at least as recent, so an editor always
 *   reads their own writes; a write starts on the primary. A header that is not a D1 bookmark is
 *   ignored in favour of the primary, which is at least as recent as any bookmark.
 * - The sync log, subscriptions (a confirmation link must find the token written a moment ago),
 *   health checks and every write: the primary ('first-primary'). So do the cron and the queues.
 */

/** The request and response header that carries an editor's session bookmark. */
export const BOOKMARK_HEADER = 'x-d1-bookmark'

// D1's bookmarks: four hex groups, e.g. 0000002f-00000005-00005022-c5e5ea7b9f3b4a7e9d1f0c8b2e5d6a41.
const BOOKMARK = /^[0-9a-f]{8}-[0-9a-f]{8}-[0-9a-f]{8}-[0-9a-f]{32}$/i

// GETs that must see the latest state: not content for the public.
const PRIMARY_READS = /^\/(?:v1\/(?:admin|sync|subscriptions)(?:\/|$)|health$)/

export interface SessionChoice {
  /** What the session starts from: a constraint or a bookmark (see Database). */
  start: string
  /** Whether the answer reports the session's bookmark (admin answers, and requests that sent one). */
  reportBookmark: boolean
}

/** The session for a request with this method, path and `x-d1-bookmark` header (if any). */
export function sessionFor(method: string, path: string, bookmark: string | undefined): SessionChoice {
  const reportBookmark = bookmark !== undefined || path.startsWith('/v1/admin/')
  // A write goes to the primary anyway; its reads there too, so that a token revoked a moment ago
  // (by another admin, after the caller's bookmark) is never accepted for a write.
  if (method !== 'GET' && method !== 'HEAD') return { start: 'first-primary', reportBookmark }
  if (bookmark !== undefined && BOOKMARK.test(bookmark.trim())) return { start: bookmark.trim(), reportBookmark }
  if (reportBookmark || PRIMARY_READS.test(path)) return { start: 'first-primary', reportBookmark }
  return { start: 'first-unconstrained', reportBookmark }
}
