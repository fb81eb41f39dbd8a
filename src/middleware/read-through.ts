import type { Context, MiddlewareHandler } from 'hono'
import {
  configFingerprint,
  ENTRY_TTL,
  generationsOf,
  invalidate,
  newestBookmark,
  remembered,
  type Dependency,
  type Entry,
  type Lookup,
} from '../cache.ts'
import type { AppEnv } from '../context.ts'
import { StorageError } from '../db/client.ts'
import { log } from '../lib/log.ts'
import { SingleFlight } from '../lib/single-flight.ts'
import { base64url } from '../lib/tokens.ts'
import { normalizeSearch } from '../lib/fts.ts'
import { queryProblem } from '../lib/query-string.ts'
import { invalid } from '../errors.ts'
import { serverTiming } from './request-context.ts'

/**
 * Public GETs through the KV cache, with HTTP validators.
 *
 * HIT     a fresh entry: no D1 at all; one KV read, or none when this isolate checked it lately.
 * MISS    built by the route from D1, stored in KV after the response (ctx.waitUntil).
 * STALE   D1 failed; an older entry for the same URL is served rather than an error.
 * BYPASS  an editor's request (a valid editor token), or KV is unavailable: built from D1, and
 *         not stored (a bypass must not turn into a KV write per request).
 *
 * `Cache-Control: no-cache` or `Pragma: no-cache` from anyone else means "revalidate", as in HTTP:
 * this isolate's memory is skipped and the generations are checked in KV, but a fresh entry is
 * still served without D1. (fetch() adds no-cache to every conditional request by itself.)
 *
 * An entry is the route's whole answer: body and headers. Whatever path serves it (HIT, MISS,
 * STALE, BYPASS), the client gets the same headers, and only the validators and X-Cache differ.
 *
 * Concurrent misses for one URL in one isolate share one D1 build (single flight), as plain data.
 * Every cacheable response carries a strong ETag and Last-Modified, and `If-None-Match` or
 * `If-Modified-Since` turn it into a 304 without a body.
 */

/** How long an entry is kept, in KV (ENTRY_TTL) and by browsers and CDNs (CACHE_CONTROL). */
type Lifetime = keyof typeof ENTRY_TTL

interface Policy {
  dependency: Dependency
  lifetime: Lifetime
}

// Browsers and shared caches may keep a copy briefly; KV makes the origin cheap, and news must
// not linger: a correction reaches a browser within max-age + stale-while-revalidate at worst.
// A route may set its own (sitemaps change more slowly); the entry keeps it.
const CACHE_CONTROL: Record<Lifetime, { browser: string; cdn: string }> = {
  article: {
    browser: 'public, max-age=30, stale-while-revalidate=30, stale-if-error=86400',
    cdn: 'public, max-age=30, stale-while-revalidate=60, stale-if-error=86400',
  },
  list: {
    browser: 'public, max-age=15, stale-while-revalidate=15, stale-if-error=3600',
    cdn: 'public, max-age=15, stale-while-revalidate=30, stale-if-error=3600',
  },
  search: {
    browser: 'public, max-age=60, stale-while-revalidate=60, stale-if-error=3600',
    cdn: 'public, max-age=60, stale-while-revalidate=60, stale-if-error=3600',
  },
}

// Headers that belong to this one caller (CORS for its Origin, set by the outer middleware before
// the route runs) or to this one transfer: never kept in an entry, and carried over from the
// response in progress to the one served. The validators are the entry's own.
const callerHeader = (name: string) => name.startsWith('access-control-') || name === 'vary' || name === 'timing-allow-origin'
const TRANSFER_HEADERS = new Set([
  'content-length',
  'transfer-encoding',
  'server-timing',
  'x-request-id',
  'x-cache',
  'etag',
  'last-modified',
  'date',
])

/** Which generations a URL depends on, and how long it may be kept. */
function policyFor(path: string, params: URLSearchParams | null): Policy {
  // Feeds and sitemaps are lists: they change with every write.
  // Slugs are plain ASCII; anything percent-encoded fails validation later, its key stays as sent.
  const article = path.match(/^\/v1\/articles\/([^/]+)$/)
  if (article) return { dependency: { on: 'article', slug: article[1]! }, lifetime: 'article' }
  return { dependency: { on: 'lists' }, lifetime: params?.has('q') ? 'search' : 'list' }
}

// KV keys are at most 512 bytes: longer ones are hashed.
const MAX_PLAIN_KEY = 400
// Feeds and sitemaps ignore the parameters they do not know (utm_* from newsletters, a reader's
// own): none of them changes the answer, so none is part of the key. (A partner's `key` never
// reaches the cache.)
const TOLERANT_PATH = /^\/(?:feeds\/|sitemap)/

/** One key per resource: the path and its query parameters in a canonical order. */
function plainKey(path: string, params: URLSearchParams | null): string {
  let key = `page:${path}`
  if (params && !TOLERANT_PATH.test(path)) {
    const q = params.get('q')
    // The search as its canonical words (the ones it is run with): spellings that mean the same
    // search share one entry.
    if (q !== null) params.set('q', normalizeSearch(q))
    // `limit=20`, `limit=020` and `limit=2e1` are one page (the route reads it as a number).
    const limit = params.get('limit')
    if (limit !== null && limit.trim() !== '' && Number.isInteger(Number(limit))) params.set('limit', String(Number(limit)))
    // `fields=-jsonld,-body` and `fields=-body,-jsonld` are one answer.
    const fields = params.get('fields')
    if (fields !== null) params.set('fields', [...new Set(fields.split(','))].sort().join(','))
    params.sort()
    key += `?${params}`
  }
  return key
}

async function cacheKey(path: string, params: URLSearchParams | null): Promise<string> {
  const key = plainKey(path, params)
  return key.length <= MAX_PLAIN_KEY ? key : `page:h:${await digest(key)}`
}

/** The query string, without `?` ('' when there is none). */
const queryOf = (url: string): string => {
  const query = url.indexOf('?')
  return query === -1 ? '' : url.slice(query + 1)
}

const paramsOf = (url: string): URLSearchParams | null => {
  const query = queryOf(url)
  return query === '' ? null : new URLSearchParams(query)
}

async function digest(text: string): Promise<string> {
  return base64url(new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text))))
}

/**
 * When the answer last changed, as an HTTP date: the newest of the `updated_at` and
 * `published_at` values in the body (an embargoed article appears in lists at its published_at,
 * with no write), of the generations it was built from (a write that removed something), and of
 * an embargo time that has passed. Built without generations (KV unavailable, an editor's
 * bypass), the answer says it changed now: never a 304 that could be wrong.
 */
function lastModified(body: string, lookup: Lookup | null, now: string): string {
  let newest = ''
  if (lookup) {
    for (const match of body.matchAll(/"(?:updated|published)_at":"([^"]+)"/g))
      if (match[1]! > newest && match[1]! <= now) newest = match[1]!
    for (const gen of Object.values(lookup.gens)) if (gen && gen.at > newest) newest = gen.at
    if (lookup.until && lookup.until <= now && lookup.until > newest) newest = lookup.until
  }
  return new Date(newest || now).toUTCString()
}

// How long a request waits for another request's build of the same URL before building its own:
// longer than a healthy build, shorter than a client's patience.
const BUILD_WAIT_MS = 2_000
// Builds in progress in this isolate, by cache key.
const builds = new SingleFlight<Entry | null>(BUILD_WAIT_MS)
// Generation renewals in progress in this isolate (at most one at a time).
let renewing: Promise<void> | null = null

export function readThrough(): MiddlewareHandler<AppEnv> {
  return async function readThrough(c, next) {
    if (c.req.method !== 'GET' && c.req.method !== 'HEAD') return next()
    // A partner's full text must never be served from, or stored as, a public entry; an editor
    // sees the content store itself.
    if (c.get('partner')) return next()
    const params = paramsOf(c.req.url)
    const problem = params && !TOLERANT_PATH.test(c.req.path) ? queryProblem(queryOf(c.req.url)) : null
    if (problem) throw invalid([{ ...problem, in: 'query' }])
    const policy = policyFor(c.req.path, params)
    const key = await cacheKey(c.req.path, params)
    const cache = c.get('cache')
    const now = c.get('now')
    const bypass = c.get('editor') !== undefined
    const revalidate = /\bno-cache\b/.test(c.req.header('cache-control') ?? '') || c.req.header('pragma') === 'no-cache'

    let lookup: Lookup | null = null
    if (!bypass) {
      try {
        lookup = await cache.lookup(key, policy.dependency, now, { config: c.get('config'), revalidate })
      } catch (error) {
        log('warn', 'cache read failed', { error: String(error) })
      }
    }
    if (lookup?.fresh) return respond(c, lookup.entry!, 'HIT')
    if (lookup?.embargoPassed) renewGenerations(c)

    // Build from D1, once per key in this isolate (never for editors: they see their own writes),
    // from a replica that has seen the writes the generations record: an entry stored for a
    // generation must not be older than the write that made it.
    if (lookup) c.get('db').readNoOlderThan(newestBookmark(lookup.gens))
    let built: { value: Entry | null; shared: boolean }
    try {
      built = lookup
        ? await builds.run(
            key,
            () => buildEntry(c, next, lookup, policy.lifetime),
            (work) => c.executionCtx.waitUntil(work),
          )
        : { value: await buildEntry(c, next, null, policy.lifetime), shared: false }
    } catch (error) {
      if (error instanceof StorageError && lookup?.entry) return respond(c, lookup.entry, 'STALE')
      throw error
    }
    const entry = built.value
    if (!entry) {
      // Not a 200 (a 404, a 400...): the route's own answer stands, uncached. A request that
      // waited for another's build runs the route itself to get it.
      if (built.shared) await next()
      return
    }
    if (!built.shared && lookup) c.executionCtx.waitUntil(cache.store(key, entry, ENTRY_TTL[policy.lifetime], lookup))
    return respond(c, entry, lookup ? 'MISS' : 'BYPASS')
  }
}

/** Runs the route; a 200 becomes an entry, anything else is left in c.res. D1 failures throw. */
async function buildEntry(c: Context<AppEnv>, next: () => Promise<void>, lookup: Lookup | null, lifetime: Lifetime): Promise<Entry | null> {
  await next()
  if (c.error instanceof StorageError) throw c.error
  if (c.res.status !== 200) return null
  const body = await c.res.text()
  const headers: Record<string, string> = {
    'cache-control': CACHE_CONTROL[lifetime].browser,
    'cdn-cache-control': CACHE_CONTROL[lifetime].cdn,
  }
  for (const [name, value] of c.res.headers) if (!callerHeader(name) && !TRANSFER_HEADERS.has(name)) headers[name] = value
  return {
    gens: lookup ? generationsOf(lookup.gens) : {},
    config: c.get('config'),
    body,
    headers,
    etag: `"${(await digest(body)).slice(0, 27)}"`,
    last_modified: lastModified(body, lookup, c.get('now')),
    stored_at: new Date().toISOString(),
  }
}

function renewGenerations(c: Context<AppEnv>) {
  if (renewing) return
  renewing = invalidate(c.env.CACHE, c.get('db'), {})
    .catch((error) => log('warn', 'generation renewal failed', { error: String(error) }))
    .finally(() => {
      renewing = null
    })
  c.executionCtx.waitUntil(renewing)
}

type CacheStatus = 'HIT' | 'MISS' | 'STALE' | 'BYPASS'

/** The headers of an answer served from `entry`: the route's own, the validators, the cache status. */
function entryHeaders(entry: Entry, status: CacheStatus): Headers {
  const headers = new Headers(entry.headers)
  headers.set('etag', entry.etag)
  headers.set('x-cache', status)
  if (entry.last_modified) headers.set('last-modified', entry.last_modified)
  return headers
}

function respond(c: Context<AppEnv>, entry: Entry, status: CacheStatus) {
  const headers = entryHeaders(entry, status)
  for (const [name, value] of c.res.headers) if (callerHeader(name)) headers.set(name, value)
  const unchanged = notModified((name) => c.req.header(name), entry)
  // Hono's c.res setter copies every header of the response in progress onto the new one: a STALE
  // copy would inherit the no-store and Retry-After of the error it replaces. Only the caller's
  // headers are carried over, above.
  c.res = undefined
  c.res = new Response(unchanged ? null : entry.body, { status: unchanged ? 304 : 200, headers })
  return c.res
}

/** RFC 9110 §13.1: If-None-Match (weak comparison) wins over If-Modified-Since. */
function notModified(header: (name: string) => string | null | undefined, entry: Entry): boolean {
  const ifNoneMatch = header('if-none-match') ?? undefined
  if (ifNoneMatch !== undefined) {
    return ifNoneMatch
      .split(',')
      .map((tag) => tag.trim().replace(/^W\//, ''))
      .some((tag) => tag === '*' || tag === entry.etag)
  }
  const ifModifiedSince = header('if-modified-since')
  if (ifModifiedSince != null && entry.last_modified) {
    const since = Date.parse(ifModifiedSince)
    return !Number.isNaN(since) && Date.parse(entry.last_modified) <= since
  }
  return false
}

// The cached public reads (as in app.ts), for the memory fast path.
const PUBLIC_READ = /^\/(?:v1\/(?:articles|authors|sections|tags)(?:\/|$)|v1\/publication$|feeds\/|sitemap\.xml$|sitemaps\/)/

/**
 * The fast path: a public read of a URL this isolate served from a fresh entry less than
 * MEMORY_TTL_MS ago, answered before the app is even routed. Most traffic is a few hot URLs, and
 * the middleware chain costs more than the answer. It answers exactly what the full path would for
 * a HIT from memory (the same headers: those of requestContext and of CORS for a request without
 * Origin included); anything it is not sure of (credentials, an Origin, no-cache, an encoded path,
 * a key that must be hashed) goes the full way.
 */
/** The headers of a memory hit on each remembered entry, but for its request id and timing. */
const HIT_HEADERS = new WeakMap<Entry, Headers>()
/** Each remembered entry's body, encoded once. */
const HIT_BODIES = new WeakMap<Entry, Uint8Array>()
const encoder = new TextEncoder()

function bodyBytes(entry: Entry): Uint8Array {
  let bytes = HIT_BODIES.get(entry)
  if (!bytes) {
    bytes = encoder.encode(entry.body)
    HIT_BODIES.set(entry, bytes)
  }
  return bytes
}

export function memoryHit(request: Request, env: Env): Response | null {
  const start = performance.now()
  if (request.method !== 'GET' && request.method !== 'HEAD') return null
  const headers = request.headers
  if (headers.has('authorization') || headers.has('origin') || headers.has('pragma') || /no-cache/.test(headers.get('cache-control') ?? ''))
    return null
  const url = request.url
  const pathStart = url.indexOf('/', url.indexOf('//') + 2)
  const query = url.indexOf('?', pathStart)
  const path = query === -1 ? url.slice(pathStart) : url.slice(pathStart, query)
  if (!PUBLIC_READ.test(path) || path.includes('%')) return null
  const params = paramsOf(url)
  if (params?.has('key')) return null
  // A query the route may read otherwise than the key does is the route's to refuse (see queryProblem).
  if (params && !TOLERANT_PATH.test(path) && queryProblem(queryOf(url))) return null
  const key = plainKey(path, params)
  if (key.length > MAX_PLAIN_KEY) return null
  const known = remembered(key, () => new Date().toISOString(), configFingerprint(env))
  if (!known) return null

  // The entry's own headers are the same on every hit: built once per entry, copied per answer.
  let template = HIT_HEADERS.get(known.entry)
  if (!template) {
    template = entryHeaders(known.entry, 'HIT')
    template.append('vary', 'Origin')
    HIT_HEADERS.set(known.entry, template)
  }
  const answer = new Headers(template)
  answer.set('x-request-id', crypto.randomUUID())
  answer.set('server-timing', serverTiming(performance.now() - start, { ms: 0, queries: 0 }, { ms: 0, reads: 0 }))
  const unchanged = notModified((name) => headers.get(name), known.entry)
  return new Response(unchanged ? null : bodyBytes(known.entry), { status: unchanged ? 304 : 200, headers: answer })
}
