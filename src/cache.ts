import { nextEmbargo } from './db/articles.ts'
import type { Database } from './db/client.ts'
import { log } from './lib/log.ts'

/**
 * The only code that talks to KV: the response cache, its keys and lifetimes, and invalidation.
 *
 * Entries are never looked up by a versioned key. Each entry records the *generations* of the
 * content it was built from, and a read fetches the entry and the current generations in one KV
 * bulk read: the entry is fresh only if they still match. A write bumps generations instead of
 * deleting entries:
 *
 *   gen:lists          every write: all lists, search, profiles, section and tag pages, publication
 *   gen:all            writes to authors, sections, tags or the publication, which articles embed
 *   gen:article:{slug} a write to that article: its page
 *
 * So a correction to one article refreshes its page and the lists, but not the 100,000 other
 * article pages; renaming an author refreshes every article page that might show the old name,
 * without knowing which. Stale entries stay in KV under the same key until refilled, which is what
 * lets a read serve a stale copy when D1 is down.
 *
 * KV's limits, and why they cannot make a read stale where the edit happened:
 * - Reads after a write in the same location see the write; a generation bump therefore makes the
 *   very next read there miss and rebuild from D1. Elsewhere KV may serve the old generation for
 *   up to GENERATION_CACHE_TTL (KV's own edge cache), which is the documented worst-case staleness.
 * - At most one write a second per key: generations are written once per write request (not per
 *   record), with one retry after a second; entries are written at most once per isolate per
 *   miss (single-flight), and failed entry writes are only logged: the next miss writes again.
 * - Values under 25 MiB: entries are single JSON responses, limited to 20 MiB here.
 *
 * Settings: every entry records a fingerprint of the settings that shape answers (configFingerprint);
 * an entry built under other settings is not fresh, so a changed SITE_URL or WEBSUB_HUB_URL reaches
 * every cached answer at once, while the old entry can still be served STALE if D1 fails.
 *
 * Embargoes: a list built now does not contain an article embargoed until 10:00, and no write
 * happens at 10:00. gen:lists therefore carries `until`, the next embargo time; from then on list
 * entries of that generation are not fresh, and the first reader bumps the generation.
 *
 * In front of KV sits a small memory tier per isolate: an entry this isolate found fresh in KV
 * is served from memory for MEMORY_TTL_MS without asking KV again. A write clears the memory of
 * the isolate that made it at once; other isolates in the same location notice within
 * MEMORY_TTL_MS. Local KV costs milliseconds a read; memory costs nothing, which is what lets a
 * hot article be served at close to the runtime's own speed.
 */

/**
 * What an entry was built from, and so the generations it is checked against: one article (its
 * page: gen:all and gen:article:{slug}) or the lists (gen:lists).
 */
export type Dependency = { on: 'article'; slug: string } | { on: 'lists' }

export interface Generation {
  v: string
  /** When the write that made this generation happened: a lower bound for Last-Modified. */
  at: string
  /** Lists only: the next time an embargoed article becomes visible. */
  until?: string | null
  /**
   * The writer's D1 session bookmark after the write: an entry built for this generation reads
   * from a replica at least this recent, never one that has not seen the write yet.
   */
  bookmark?: string | null
}

export interface Entry {
  /** The generations this entry was built from, by key ('' when the key was absent). */
  gens: Record<string, string>
  /** The settings it was built with (configFingerprint): a changed setting makes it stale. */
  config: string
  body: string
  /** The route's own headers (content type, cache policy, links), served on every path. */
  headers: Record<string, string>
  etag: string
  /** An HTTP date (whole seconds), ready for the Last-Modified header. */
  last_modified: string | null
  stored_at: string
}

export interface CacheStats {
  reads: number
  writes: number
  ms: number
}

const GEN_LISTS = 'gen:lists'
const GEN_ALL = 'gen:all'
const genArticle = (slug: string) => `gen:article:${slug}`

/** Seconds KV's edge cache may keep a generation: the worst-case staleness in other locations. */
export const GENERATION_CACHE_TTL = 30
/** Article pages live a day in KV, lists an hour, searches ten minutes (then rebuilt on demand). */
export const ENTRY_TTL = { article: 86_400, list: 3_600, search: 600 } as const
// Per-article generations must outlive any entry built before them (see isFresh).
const ARTICLE_GENERATION_TTL = 2 * ENTRY_TTL.article
const MAX_ENTRY_BYTES = 20 * 1024 * 1024
/** How long this isolate trusts an entry it found fresh in KV, without asking KV again. */
export const MEMORY_TTL_MS = 1_000
// Isolates have 128 MB; the memory tier keeps to a small share of it.
const MEMORY_MAX_BYTES = 16 * 1024 * 1024

export interface Remembered {
  entry: Entry
  checked: number
  until: string | null
  bytes: number
}

// Entries recently confirmed fresh, oldest first (a Map keeps insertion order).
const memory = new Map<string, Remembered>()
let memoryBytes = 0
// Counts this isolate's writes: an entry built from a read that began before a write is not kept.
let epoch = 0

function remember(key: string, entry: Entry, until: string | null) {
  forget(key)
  const bytes = entry.body.length * 2
  if (bytes > MEMORY_MAX_BYTES / 8) return
  memory.set(key, { entry, checked: Date.now(), until, bytes })
  memoryBytes += bytes
  for (const [oldest, value] of memory) {
    if (memoryBytes <= MEMORY_MAX_BYTES) break
    memory.delete(oldest)
    memoryBytes -= value.bytes
  }
}

function forget(key: string) {
  const old = memory.get(key)
  if (!old) return
  memory.delete(key)
  memoryBytes -= old.bytes
}

/** Drops every remembered entry: this isolate has just written. */
function forgetAll() {
  memory.clear()
  memoryBytes = 0
  epoch += 1
}

/**
 * The entry under `key` if this isolate found it fresh less than MEMORY_TTL_MS ago (and no embargo
 * has lifted since, and the settings are the same): no I/O at all. Null otherwise.
 */
export function remembered(key: string, now: string | (() => string), config: string): Remembered | null {
  const known = memory.get(key)
  if (!known || Date.now() - known.checked >= MEMORY_TTL_MS) return null
  // The clock as text only when an embargo is pending (the fast path's common case has none).
  if (known.entry.config !== config || (known.until !== null && known.until <= (typeof now === 'string' ? now : now()))) return null
  return known
}

function generationKeys(dependency: Dependency): string[] {
  return dependency.on === 'article' ? [GEN_ALL, genArticle(dependency.slug)] : [GEN_LISTS]
}

export interface Lookup {
  entry: Entry | null
  fresh: boolean
  gens: Record<string, Generation | null>
  /** The next embargo time of the lists generation, if any. */
  until: string | null
  /** That embargo has passed: the generation should be renewed. */
  embargoPassed: boolean
  /** This isolate's write count when the lookup was made. */
  epoch: number
}

export class ContentCache {
  readonly stats: CacheStats = { reads: 0, writes: 0, ms: 0 }
  readonly kv: KVNamespace

  constructor(kv: KVNamespace) {
    this.kv = kv
  }

  /**
   * The entry under `key` and whether it is fresh: from memory when this isolate checked it less
   * than MEMORY_TTL_MS ago, otherwise with the current generations it depends on in one KV read.
   */
  async lookup(key: string, dependency: Dependency, now: string, options: { config: string; revalidate?: boolean }): Promise<Lookup> {
    const known = options.revalidate ? null : remembered(key, now, options.config)
    if (known) return { entry: known.entry, fresh: true, gens: {}, until: known.until, embargoPassed: false, epoch }
    const deps = generationKeys(dependency)
    const startEpoch = epoch
    const values = await this.timed(() => this.kv.get([key, ...deps], { type: 'json', cacheTtl: GENERATION_CACHE_TTL }))
    this.stats.reads += 1
    const entry = (values.get(key) as Entry | null) ?? null
    const gens = Object.fromEntries(deps.map((dep) => [dep, (values.get(dep) as Generation | null) ?? null]))
    const until = gens[GEN_LISTS]?.until ?? null
    const embargoPassed = until !== null && until <= now
    const fresh =
      entry !== null && entry.config === options.config && !embargoPassed && deps.every((dep) => entry.gens[dep] === (gens[dep]?.v ?? ''))
    if (fresh && startEpoch === epoch) remember(key, entry, until)
    return { entry, fresh, gens, until, embargoPassed, epoch: startEpoch }
  }

  /** Keeps an entry built after `lookup`: in memory now, in KV for `ttl` seconds. */
  async store(key: string, entry: Entry, ttl: number, lookup: Lookup): Promise<void> {
    if (lookup.epoch === epoch) remember(key, entry, lookup.until)
    const value = JSON.stringify(entry)
    if (value.length > MAX_ENTRY_BYTES) return
    try {
      await this.kv.put(key, value, { expirationTtl: ttl })
      this.stats.writes += 1
    } catch (error) {
      // Most likely two isolates filling the same key within a second: the other write won.
      log('warn', 'cache write failed', { key: key.slice(0, 100), error: String(error) })
    }
  }

  private async timed<T>(call: () => Promise<T>): Promise<T> {
    const start = performance.now()
    try {
      return await call()
    } finally {
      this.stats.ms += performance.now() - start
    }
  }
}

/** The generation values an entry built now must record. */
/** The most recent write bookmark among generations (bookmarks sort in time order). */
export function newestBookmark(gens: Record<string, Generation | null>): string | null {
  let newest: string | null = null
  for (const gen of Object.values(gens)) if (gen?.bookmark && (newest === null || gen.bookmark > newest)) newest = gen.bookmark
  return newest
}

export function generationsOf(gens: Record<string, Generation | null>): Record<string, string> {
  return Object.fromEntries(Object.entries(gens).map(([key, gen]) => [key, gen?.v ?? '']))
}

/** What a write changed, and so which generations it renews. */
export interface Invalidation {
  /** Slugs of articles written (created, replaced, published, unpublished, deleted). */
  articles?: string[]
  /** Authors, sections, tags or the publication changed: everything that embeds them. */
  everything?: boolean
}

/**
 * Makes the next read in this location rebuild whatever `invalidation` names can have affected. Every write
 * path calls this after its D1 write succeeded, and before it answers.
 */
export async function invalidate(kv: KVNamespace, db: Database, invalidation: Invalidation = {}): Promise<void> {
  forgetAll()
  const now = new Date().toISOString()
  const v = crypto.randomUUID()
  const until = await nextEmbargo(db, now)
  const bookmark = db.bookmark()
  const writes: [string, Generation, number | undefined][] = [[GEN_LISTS, { v, at: now, until, bookmark }, undefined]]
  if (invalidation.everything) writes.push([GEN_ALL, { v, at: now, bookmark }, undefined])
  for (const slug of new Set(invalidation.articles ?? [])) writes.push([genArticle(slug), { v, at: now, bookmark }, ARTICLE_GENERATION_TTL])
  await Promise.all(writes.map(([key, gen, ttl]) => putGeneration(kv, key, gen, ttl)))
  // Entries another request of this isolate built from D1 before the write may have been stored
  // meanwhile: forget them too.
  forgetAll()
}

async function putGeneration(kv: KVNamespace, key: string, gen: Generation, ttl?: number) {
  const options = ttl ? { expirationTtl: ttl } : {}
  try {
    await kv.put(key, JSON.stringify(gen), options)
  } catch {
    // KV allows one write a second per key: two writes in the same second collide. Once more.
    await new Promise((resolve) => setTimeout(resolve, 1_100))
    await kv.put(key, JSON.stringify(gen), options)
  }
}

// The settings that appear in answers (URLs, names, the hub, which origins may post forms).
const OUTPUT_SETTINGS = ['SITE_URL', 'API_URL', 'PUBLICATION_NAME', 'WEBSUB_HUB_URL', 'ALLOWED_ORIGINS', 'NEWSLETTERS'] as const
const fingerprints = new WeakMap<object, string>()

/**
 * A short fingerprint of the settings that shape answers. Settings change only with a deploy, which
 * starts new isolates; it is computed once per environment object.
 */
export function configFingerprint(env: Pick<Env, (typeof OUTPUT_SETTINGS)[number]>): string {
  let known = fingerprints.get(env)
  if (known === undefined) {
    // FNV-1a: not a secret, only a change detector.
    let hash = 0x811c9dc5
    for (const char of JSON.stringify(OUTPUT_SETTINGS.map((name) => env[name] ?? ''))) {
      hash = Math.imul(hash ^ char.charCodeAt(0), 0x01000193) >>> 0
    }
    known = hash.toString(36)
    fingerprints.set(env, known)
  }
  return known
}
