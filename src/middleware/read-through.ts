import type { Context, MiddlewareHandler } from 'hono'
import { ENTRY_TTL, generationsOf, invalidate, type Entry, type Lookup, type Scope } from '../cache.ts'
import type { AppEnv } from '../context.ts'
import { StorageError } from '../db/client.ts'
import { log } from '../lib/log.ts'
import { base64url } from '../lib/tokens.ts'

/**
 * Public GETs through the KV cache, with HTTP validators.
 *
 * HIT     a fresh entry: no D1 at all; one KV read, or none when this isolate checked it lately.
 * MISS    built by the route from D1, stored in KV after the response (ctx.waitUntil).
 * STALE   D1 failed; an older entry for the same URL is served rather than an error.
 * BYPASS  the client asked for `Cache-Control: no-cache`, or KV is unavailable: built from D1,
 *         and not stored (a bypass must not turn into a KV write per request).
 *
 * Concurrent misses for one URL in one isolate share one D1 build (single flight). Every
 * cacheable response carries a strong ETag and Last-Modified, and `If-None-Match` or
 * `If-Modified-Since` turn it into a 304 without a body.
 */

type Kind = keyof typeof ENTRY_TTL

interface Policy {
  scope: Scope
  kind: Kind
}

// Browsers and shared caches may keep a copy briefly; KV makes the origin cheap, and news must
// not linger: a correction reaches a browser within max-age + stale-while-revalidate at worst.
const CACHE_CONTROL: Record<Kind, { browser: string; cdn: string }> = {
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

/** Which generations a URL depends on, and how long it may be kept. */
function policyFor(path: string, params: URLSearchParams | null): Policy {
  // Feeds and sitemaps are lists: they change with every write.
  // Slugs are plain ASCII; anything percent-encoded fails validation later, its key stays as sent.
  const article = path.match(/^\/v1\/articles\/([^/]+)$/)
  if (article) return { scope: { kind: 'article', slug: article[1]! }, kind: 'article' }
  return { scope: { kind: 'lists' }, kind: params?.has('q') ? 'search' : 'list' }
}

/** One key per resource: the path and its query parameters in a canonical order. */
async function cacheKey(path: string, params: URLSearchParams | null): Promise<string> {
  let key = `page:${path}`
  if (params) {
    params.sort()
    key += `?${params}`
  }
  // KV keys are at most 512 bytes; long search strings are hashed.
  return key.length <= 400 ? key : `page:h:${await digest(key)}`
}

async function digest(text: string): Promise<string> {
  return base64url(new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text))))
}

/**
 * The newest of the `updated_at` values in the body and of the generations it was built from, as
 * an HTTP date. Without generations (KV unavailable) there is none: a list that lost an article
 * may have no newer `updated_at` than before, and If-Modified-Since would wrongly answer 304.
 */
function lastModified(body: string, lookup: Lookup | null): string | null {
  if (!lookup) return null
  let newest = ''
  for (const match of body.matchAll(/"updated_at":"([^"]+)"/g)) if (match[1]! > newest) newest = match[1]!
  for (const gen of Object.values(lookup.gens)) if (gen && gen.at > newest) newest = gen.at
  return newest ? new Date(newest).toUTCString() : null
}

// Builds in progress in this isolate, by cache key: concurrent misses wait for the first.
const inflight = new Map<string, Promise<Entry | null>>()
// Generation renewals in progress in this isolate (at most one at a time).
let renewing: Promise<void> | null = null

export function readThrough(): MiddlewareHandler<AppEnv> {
  return async function readThrough(c, next) {
    if (c.req.method !== 'GET' && c.req.method !== 'HEAD') return next()
    // Editors' previews and the sync log are never cached; neither is anything sent with
    // credentials (a partner's full text must never be served from, or stored as, a public entry).
    if (c.req.path.startsWith('/v1/admin/') || c.req.path === '/v1/sync' || c.req.header('authorization') || c.req.query('key') !== undefined) {
      return next()
    }
    const url = c.req.url
    const query = url.indexOf('?')
    const params = query === -1 || query === url.length - 1 ? null : new URLSearchParams(url.slice(query + 1))
    const policy = policyFor(c.req.path, params)
    const key = await cacheKey(c.req.path, params)
    const cache = c.get('cache')
    const now = c.get('now')
    const bypass = /\bno-cache\b/.test(c.req.header('cache-control') ?? '') || c.req.header('pragma') === 'no-cache'

    let lookup: Lookup | null = null
    if (!bypass) {
      try {
        lookup = await cache.lookup(key, policy.scope, now)
      } catch (error) {
        log('warn', 'cache read failed', { error: String(error) })
      }
    }
    if (lookup?.fresh) return respond(c, lookup.entry!, policy.kind, 'HIT')
    if (lookup?.embargoPassed) renewGenerations(c)

    // Build from D1, once per key in this isolate: a concurrent miss waits for the first one.
    const pending = lookup ? inflight.get(key) : undefined
    const build = pending ?? buildEntry(c, next, lookup)
    if (!pending && lookup) {
      inflight.set(key, build)
      build.finally(() => inflight.delete(key)).catch(() => {})
    }
    let entry: Entry | null
    try {
      entry = await build
    } catch (error) {
      if (error instanceof StorageError && lookup?.entry) return respond(c, lookup.entry, policy.kind, 'STALE')
      throw error
    }
    if (!entry) {
      // Not a 200 (a 404, a 400...): the route's own answer stands, uncached.
      if (pending) await next()
      return
    }
    if (!pending && lookup) c.executionCtx.waitUntil(cache.store(key, entry, ENTRY_TTL[policy.kind], lookup))
    return respond(c, entry, policy.kind, lookup ? 'MISS' : 'BYPASS')
  }
}

/** Runs the route; a 200 becomes an entry, anything else is left in c.res. D1 failures throw. */
async function buildEntry(c: Context<AppEnv>, next: () => Promise<void>, lookup: Lookup | null): Promise<Entry | null> {
  await next()
  if (c.error instanceof StorageError) throw c.error
  if (c.res.status !== 200) return null
  const body = await c.res.text()
  return {
    gens: lookup ? generationsOf(lookup.gens) : {},
    body,
    content_type: c.res.headers.get('content-type') ?? 'application/json',
    etag: `"${(await digest(body)).slice(0, 27)}"`,
    last_modified: lastModified(body, lookup),
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

function respond(c: Context<AppEnv>, entry: Entry, kind: Kind, status: 'HIT' | 'MISS' | 'STALE' | 'BYPASS') {
  const headers = new Headers({
    'content-type': entry.content_type,
    etag: entry.etag,
    'cache-control': CACHE_CONTROL[kind].browser,
    'cdn-cache-control': CACHE_CONTROL[kind].cdn,
    'x-cache': status,
  })
  if (entry.last_modified) headers.set('last-modified', entry.last_modified)
  const unchanged = notModified(c, entry)
  c.res = new Response(unchanged ? null : entry.body, { status: unchanged ? 304 : 200, headers })
  return c.res
}

/** RFC 9110 §13.1: If-None-Match (weak comparison) wins over If-Modified-Since. */
function notModified(c: Context<AppEnv>, entry: Entry): boolean {
  const ifNoneMatch = c.req.header('if-none-match')
  if (ifNoneMatch !== undefined) {
    return ifNoneMatch
      .split(',')
      .map((tag) => tag.trim().replace(/^W\//, ''))
      .some((tag) => tag === '*' || tag === entry.etag)
  }
  const ifModifiedSince = c.req.header('if-modified-since')
  if (ifModifiedSince !== undefined && entry.last_modified) {
    const since = Date.parse(ifModifiedSince)
    return !Number.isNaN(since) && Date.parse(entry.last_modified) <= since
  }
  return false
}
