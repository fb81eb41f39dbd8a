import { createExecutionContext, createScheduledController, waitOnExecutionContext } from 'cloudflare:test'
import { env } from 'cloudflare:workers'
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest'
import worker from '../src/index.ts'
import { ADMIN_TOKEN, article, asEditor, basics, call, seed, walkSlugs } from './helpers.ts'

/** An article body as editors PUT it (no slug: it is in the path). */
function body(overrides: Record<string, unknown> = {}) {
  const { slug: _slug, ...rest } = article(overrides)
  return rest
}

const admin = (method: string, payload?: unknown, headers?: Record<string, string>) => asEditor(ADMIN_TOKEN, method, payload, headers)

/** Every public place a tag could show: its list entry, its page, its feeds, the article filter. */
async function publicFaces(slug: string) {
  const listed = (await walkSlugs('/v1/tags')).includes(slug)
  const page = (await call(`/v1/tags/${slug}`)).status
  const feeds = await Promise.all(
    ['rss.xml', 'atom.xml', 'feed.json'].map(async (file) => (await call(`/feeds/tags/${slug}/${file}`)).status),
  )
  const filter = (await call(`/v1/articles?tag=${slug}`)).status
  return { listed, page, feeds, filter }
}

const HIDDEN = { listed: false, page: 404, feeds: [404, 404, 404], filter: 400 }
const SHOWN = { listed: true, page: 200, feeds: [200, 200, 200], filter: 200 }

/** The sync log's entries for this tag, oldest first, from `after`. */
async function tagLog(slug: string, after = 0) {
  const rows = await env.DB.prepare("SELECT op FROM changes WHERE type = 'tag' AND slug = ?1 AND seq > ?2 ORDER BY seq")
    .bind(slug, after)
    .all<{ op: string }>()
  return rows.results.map((row) => row.op)
}

const lastSeq = async () => (await env.DB.prepare('SELECT coalesce(max(seq), 0) AS seq FROM changes').first<{ seq: number }>())!.seq

beforeAll(() => seed(basics))
afterEach(() => vi.useRealTimers())

describe('a tag only drafts use', () => {
  it('is absent from every public list, 404 at its page and feeds, and never in sync', async () => {
    const res = await call(
      '/v1/admin/articles/secret-story',
      admin('PUT', body({ status: 'draft', published_at: null, tags: ['secret-merger'] })),
    )
    expect(res.status).toBe(201)
    expect(await publicFaces('secret-merger')).toEqual(HIDDEN)
    // Named by an editor too, it stays private.
    expect((await call('/v1/admin/tags/secret-merger', admin('PUT', { name: 'The secret merger' }))).status).toBe(200)
    expect(await publicFaces('secret-merger')).toEqual(HIDDEN)
    const sync = await (await call('/v1/sync?limit=500')).text()
    expect(sync).not.toContain('secret-merger')
    expect(sync).not.toContain('The secret merger')
    expect(await tagLog('secret-merger')).toEqual([])
  })

  it('looks exactly like a tag that does not exist', async () => {
    const secret = await call('/v1/tags/secret-merger')
    const none = await call('/v1/tags/no-such-tag')
    expect(secret.status).toBe(none.status)
    expect(((await secret.json()) as any).detail).toBe(((await none.json()) as any).detail.replace('no-such-tag', 'secret-merger'))
  })
})

describe('a tag becomes public with its first public article, and private again after its last', () => {
  it('is announced once on publication, shown everywhere, and deleted from sync when unpublished', async () => {
    const before = await lastSeq()
    await call('/v1/admin/articles/scoop', admin('PUT', body({ status: 'draft', published_at: null, tags: ['scoop-topic'] })))
    expect(await tagLog('scoop-topic', before)).toEqual([])
    expect((await call('/v1/admin/articles/scoop', admin('PATCH', { status: 'published' }))).status).toBe(200)
    expect(await publicFaces('scoop-topic')).toEqual(SHOWN)
    expect(await tagLog('scoop-topic', before)).toEqual(['upsert'])

    // A second public article does not announce it again; unpublishing one of two keeps it public.
    await call('/v1/admin/articles/follow-up', admin('PUT', body({ tags: ['scoop-topic'] })))
    expect((await call('/v1/admin/articles/follow-up', admin('PATCH', { status: 'unpublished' }))).status).toBe(200)
    expect(await tagLog('scoop-topic', before)).toEqual(['upsert'])
    expect(await publicFaces('scoop-topic')).toEqual(SHOWN)

    // The last public article goes: a delete, and it is hidden again.
    expect((await call('/v1/admin/articles/scoop', admin('DELETE'))).status).toBe(204)
    expect(await tagLog('scoop-topic', before)).toEqual(['upsert', 'delete'])
    expect(await publicFaces('scoop-topic')).toEqual(HIDDEN)
    const sync: any = await (await call('/v1/sync?limit=500')).json()
    expect(sync.changes.filter((c: any) => c.type === 'tag' && c.slug === 'scoop-topic').map((c: any) => c.op)).toEqual([
      'delete',
      'delete',
    ])
  })

  it('becomes private when its last public article is retagged', async () => {
    const before = await lastSeq()
    await call('/v1/admin/articles/retagged', admin('PUT', body({ tags: ['passing-topic'] })))
    expect(await tagLog('passing-topic', before)).toEqual(['upsert'])
    const etag = (await call('/v1/admin/articles/retagged', admin('GET'))).headers.get('etag')!
    expect((await call('/v1/admin/articles/retagged', admin('PUT', body({ tags: ['diplomacy'] }), { 'if-match': etag }))).status).toBe(200)
    expect(await tagLog('passing-topic', before)).toEqual(['upsert', 'delete'])
    expect(await publicFaces('passing-topic')).toEqual(HIDDEN)
  })

  it('becomes public when an embargo lifts, announced by the scheduler', async () => {
    const before = await lastSeq()
    const lifts = new Date(Date.now() + 2 * 60_000)
    await call(
      '/v1/admin/articles/embargoed',
      admin('PUT', body({ status: 'published', published_at: lifts.toISOString(), tags: ['embargoed-topic'] })),
    )
    expect(await publicFaces('embargoed-topic')).toEqual(HIDDEN)
    expect(await tagLog('embargoed-topic', before)).toEqual([])

    // The next minute's run (the first run looks back one minute).
    const later = lifts.getTime() + 30_000
    vi.useFakeTimers({ toFake: ['Date'], now: later })
    const ctx = createExecutionContext()
    await worker.scheduled(createScheduledController({ scheduledTime: later, cron: '* * * * *' }), env)
    await waitOnExecutionContext(ctx)
    expect(await tagLog('embargoed-topic', before)).toEqual(['upsert'])
    expect(await publicFaces('embargoed-topic')).toEqual(SHOWN)
  })
})
