import { createExecutionContext, createScheduledController, waitOnExecutionContext } from 'cloudflare:test'
import { env } from 'cloudflare:workers'
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest'
import { sessionFor } from '../src/db/sessions.ts'
import worker from '../src/index.ts'
import { ADMIN_TOKEN, article, asEditor, basics, call, seed } from './helpers.ts'

// D1's read replication through the Sessions API (src/db/sessions.ts): which session each kind of
// request starts from. Locally there is one database, so what a test can see is the constraint or
// bookmark each session starts from, and the bookmarks the Worker hands to editors.

const BOOKMARK = /^[0-9a-f]{8}-[0-9a-f]{8}-[0-9a-f]{8}-[0-9a-f]{32}$/

afterEach(() => {
  vi.restoreAllMocks()
})

beforeAll(async () => {
  await seed({ ...basics, articles: [article({ slug: 'replicated' })] })
})

/** The constraints or bookmarks the request's D1 sessions started from. */
async function sessionsOf(path: string, init: RequestInit = {}) {
  const spy = vi.spyOn(env.DB, 'withSession')
  const res = await call(path, init)
  const starts = spy.mock.calls.map((args) => args[0])
  spy.mockRestore()
  return { res, starts }
}

describe('public reads', () => {
  it('may be served by any replica, and carry no bookmark', async () => {
    for (const path of ['/v1/articles?limit=3', '/v1/articles/replicated', '/v1/sections', '/feeds/rss.xml', '/sitemap.xml']) {
      const { res, starts } = await sessionsOf(path)
      expect(res.status, path).toBe(200)
      expect(starts, path).toEqual(['first-unconstrained'])
      expect(res.headers.get('x-d1-bookmark'), path).toBeNull()
    }
  })

  it('fill the cache after a write from a replica at least as recent as the write', async () => {
    await call('/v1/articles/replicated') // cached
    const edit = await call('/v1/admin/articles/replicated', asEditor(ADMIN_TOKEN, 'GET'))
    const write = await call(
      '/v1/admin/articles/replicated',
      asEditor(ADMIN_TOKEN, 'PATCH', { status: 'published' }, { 'if-match': edit.headers.get('etag')! }),
    )
    expect(write.status).toBe(200)
    // The write's generation records the writer's bookmark after the write.
    const generation = await env.CACHE.get<{ bookmark: string }>('gen:article:replicated', 'json')
    expect(generation!.bookmark).toMatch(BOOKMARK)
    expect(generation!.bookmark > edit.headers.get('x-d1-bookmark')!).toBe(true)
    const { res, starts } = await sessionsOf('/v1/articles/replicated')
    expect(res.headers.get('x-cache')).toBe('MISS')
    // Not unconstrained: from the write's bookmark.
    expect(starts).toEqual([generation!.bookmark])
  })
})

describe('editors', () => {
  it('start on the primary and get the session bookmark with every admin answer', async () => {
    const { res, starts } = await sessionsOf('/v1/admin/articles?limit=2', asEditor(ADMIN_TOKEN, 'GET'))
    expect(res.status).toBe(200)
    expect(starts).toEqual(['first-primary'])
    expect(res.headers.get('x-d1-bookmark')).toMatch(BOOKMARK)
  })

  it('read their own writes: the bookmark they send back starts the next session, admin or public', async () => {
    const put = await call(
      '/v1/admin/articles/mine',
      asEditor(ADMIN_TOKEN, 'PUT', { ...article(), slug: undefined, headline: 'Written just now' }),
    )
    expect(put.status).toBe(201)
    const bookmark = put.headers.get('x-d1-bookmark')!
    expect(bookmark).toMatch(BOOKMARK)

    const admin = await sessionsOf('/v1/admin/articles/mine', asEditor(ADMIN_TOKEN, 'GET', undefined, { 'x-d1-bookmark': bookmark }))
    expect(admin.starts).toEqual([bookmark])
    expect(((await admin.res.json()) as any).headline).toBe('Written just now')
    expect(admin.res.headers.get('x-d1-bookmark')! >= bookmark).toBe(true)

    const preview = await sessionsOf('/v1/articles/mine', {
      headers: { authorization: `Bearer ${ADMIN_TOKEN}`, 'x-d1-bookmark': bookmark },
    })
    expect(preview.res.status).toBe(200)
    expect(preview.starts).toEqual([bookmark])
    expect(preview.res.headers.get('x-d1-bookmark')).toMatch(BOOKMARK)
  })

  it('write on the primary whatever bookmark they send: a token revoked meanwhile never writes', async () => {
    const read = await call('/v1/admin/articles/replicated', asEditor(ADMIN_TOKEN, 'GET'))
    const bookmark = read.headers.get('x-d1-bookmark')!
    const { res, starts } = await sessionsOf(
      '/v1/admin/articles/replicated',
      asEditor(ADMIN_TOKEN, 'PATCH', { status: 'published' }, { 'if-match': read.headers.get('etag')!, 'x-d1-bookmark': bookmark }),
    )
    expect(res.status).toBe(200)
    expect(starts).toEqual(['first-primary'])
    expect(res.headers.get('x-d1-bookmark')! > bookmark).toBe(true)
  })

  it('fall back to the primary when the header is not a bookmark', async () => {
    const { res, starts } = await sessionsOf(
      '/v1/admin/articles?limit=1',
      asEditor(ADMIN_TOKEN, 'GET', undefined, { 'x-d1-bookmark': "garbage' OR 1=1" }),
    )
    expect(res.status).toBe(200)
    expect(starts).toEqual(['first-primary'])
  })

  it('may send and read the bookmark from a browser (CORS)', async () => {
    const preflight = await call('/v1/admin/articles', {
      method: 'OPTIONS',
      headers: {
        origin: 'http://localhost:3000',
        'access-control-request-method': 'GET',
        'access-control-request-headers': 'authorization, x-d1-bookmark',
      },
    })
    expect(preflight.headers.get('access-control-allow-headers')!.toLowerCase()).toContain('x-d1-bookmark')
    const res = await call('/v1/admin/articles', {
      ...asEditor(ADMIN_TOKEN, 'GET'),
      headers: { authorization: `Bearer ${ADMIN_TOKEN}`, origin: 'http://localhost:3000' },
    })
    expect(res.headers.get('access-control-expose-headers')!.toLowerCase()).toContain('x-d1-bookmark')
  })
})

describe('the primary', () => {
  it('answers the sync log and health checks', async () => {
    for (const [path, init] of [
      ['/v1/sync', {}],
      ['/health', {}],
    ] as const) {
      const { starts } = await sessionsOf(path, init)
      expect(starts, path).toEqual(['first-primary'])
    }
  })

  it('answers the subscription pages, whose links carry tokens written a moment before', () => {
    for (const path of ['/v1/subscriptions/confirm', '/v1/subscriptions/some-token', '/v1/subscriptions']) {
      expect(sessionFor('GET', path, undefined).start, path).toBe('first-primary')
    }
    expect(sessionFor('GET', '/v1/subscriptionsx', undefined).start).toBe('first-unconstrained')
  })

  it('answers the cron', async () => {
    const spy = vi.spyOn(env.DB, 'withSession')
    const ctx = createExecutionContext()
    await worker.scheduled(createScheduledController({ scheduledTime: Date.now(), cron: '* * * * *' }), env)
    await waitOnExecutionContext(ctx)
    // Publishing, archiving bodies, archiving event payloads: each on the primary.
    expect(spy.mock.calls.map((args) => args[0])).toEqual(['first-primary', 'first-primary', 'first-primary'])
  })
})
