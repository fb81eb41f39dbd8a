import { createExecutionContext, createScheduledController, waitOnExecutionContext } from 'cloudflare:test'
import { env } from 'cloudflare:workers'
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest'
import worker from '../src/index.ts'
import { ADMIN_TOKEN, asEditor, call, demo, seedDemo, walkSlugs } from './helpers.ts'

type State = Map<string, Map<string, any>>

/** What an app does: follows the sync log from `cursor` to the end, applying each change. */
async function syncInto(state: State, cursor?: string): Promise<string> {
  let next = cursor
  for (let page = 0; page < 100; page++) {
    const res = await call(`/v1/sync?limit=7${next ? `&cursor=${next}` : ''}`)
    expect(res.status).toBe(200)
    const body: any = await res.json()
    for (const change of body.changes) {
      const kind = state.get(change.type) ?? new Map()
      state.set(change.type, kind)
      if (change.op === 'upsert') kind.set(change.slug, change.data)
      else kind.delete(change.slug)
    }
    next = body.next_cursor
    if (!body.has_more) return next!
  }
  throw new Error('sync did not end')
}

const slugs = (state: State, type: string) => [...(state.get(type)?.keys() ?? [])].sort()

/** The synced state must be exactly what the public list endpoints show. */
async function expectPublicState(state: State) {
  expect(slugs(state, 'article')).toEqual((await walkSlugs('/v1/articles')).sort())
  expect(slugs(state, 'author')).toEqual((await walkSlugs('/v1/authors')).sort())
  expect(slugs(state, 'tag')).toEqual((await walkSlugs('/v1/tags')).sort())
  const sections: any = await (await call('/v1/sections')).json()
  expect(slugs(state, 'section')).toEqual(sections.data.map((s: any) => s.slug).sort())
}

/** And every synced record must be what its endpoint shows now: no old names anywhere. */
async function expectPublicContent(state: State) {
  for (const [slug, data] of state.get('article') ?? []) {
    expect(data, slug).toEqual(await (await call(`/v1/articles/${slug}`)).json())
  }
  const tags: any = await (await call('/v1/tags?limit=100')).json()
  expect(Object.fromEntries(state.get('tag') ?? [])).toEqual(Object.fromEntries(tags.data.map((t: any) => [t.slug, t])))
  const sections: any = await (await call('/v1/sections')).json()
  expect(Object.fromEntries(state.get('section') ?? [])).toEqual(Object.fromEntries(sections.data.map((s: any) => [s.slug, s])))
  const authors: any = await (await call('/v1/authors?limit=100')).json()
  for (const summary of authors.data) expect(state.get('author')!.get(summary.slug)).toMatchObject(summary)
}

const admin = (method: string, body?: unknown, headers?: Record<string, string>) => asEditor(ADMIN_TOKEN, method, body, headers)
const draftSlug = demo.articles.find((a) => a.status === 'draft')!.slug
const scheduledSlug = demo.articles.find((a) => a.status === 'scheduled')!.slug

beforeAll(seedDemo)
afterEach(() => {
  vi.useRealTimers()
})

describe('GET /v1/sync', () => {
  const state: State = new Map()
  let cursor = ''

  it('from nothing, ends with exactly the public state; drafts and scheduled articles never appear', async () => {
    cursor = await syncInto(state)
    await expectPublicState(state)
    expect(state.get('article')!.has(draftSlug)).toBe(false)
    expect(state.get('article')!.has(scheduledSlug)).toBe(false)
    const [slug, data] = [...state.get('article')!.entries()][0]!
    const pub: any = await (await call(`/v1/articles/${slug}`)).json()
    expect(data).toEqual(pub)
    expect(state.get('publication')!.get('publication').name).toBe('The European Daily')
  })

  it('after edits, unpublishing, deleting and renaming, syncs only what changed and ends in the public state again', async () => {
    const [edited, unpublished, deleted] = [...state.get('article')!.keys()]
    // The other public versions of each story (by language): their translations lists change too.
    const versions = async (slug: string) =>
      (((await (await call(`/v1/articles/${slug}`)).json()) as any).translations as any[]).map((t) => t.slug)
    const [editedVersions, unpublishedVersions, deletedVersions] = [
      await versions(edited!),
      await versions(unpublished!),
      await versions(deleted!),
    ]
    const etag = (await call(`/v1/admin/articles/${edited}`, admin('GET'))).headers.get('etag')!
    const current: any = await (await call(`/v1/admin/articles/${edited}`, admin('GET'))).json()
    const put = await call(
      `/v1/admin/articles/${edited}`,
      admin(
        'PUT',
        {
          headline: 'An edited headline',
          standfirst: current.standfirst,
          dateline: current.dateline,
          section: current.section.slug,
          tags: current.tags.map((t: any) => t.slug),
          authors: current.authors.map((a: any) => a.slug),
          image: current.image,
          body: current.body,
          status: 'published',
          published_at: current.published_at,
        },
        { 'if-match': etag },
      ),
    )
    expect(put.status).toBe(200)
    expect((await call(`/v1/admin/articles/${unpublished}`, admin('PATCH', { status: 'unpublished' }))).status).toBe(200)
    expect((await call(`/v1/admin/articles/${deleted}`, admin('DELETE'))).status).toBe(204)
    expect((await call(`/v1/admin/articles/${draftSlug}`, admin('PATCH', { status: 'draft' }))).status).toBe(200)
    expect((await call(`/v1/admin/tags/new-topic`, admin('PUT', { name: 'New topic' }))).status).toBe(201)
    const tagged = { ...current, slug: undefined }
    expect(
      (
        await call(
          '/v1/admin/articles/freshly-tagged',
          admin('PUT', {
            headline: 'A story with a tag nobody used before',
            section: tagged.section.slug,
            tags: ['first-seen-tag'],
            authors: [tagged.authors[0].slug],
            body: [{ type: 'paragraph', content: [{ text: 'Text.' }] }],
            status: 'published',
            published_at: new Date(Date.now() - 60_000).toISOString(),
          }),
        )
      ).status,
    ).toBe(201)
    const author = demo.authors[0]!.slug
    expect((await call(`/v1/admin/authors/${author}`, admin('PUT', { name: 'Renamed Author' }))).status).toBe(200)

    const res = await call(`/v1/sync?cursor=${cursor}&limit=500`)
    const body: any = await res.json()
    const seen = body.changes.map((c: any) => `${c.type}:${c.op}:${c.slug}`)
    // The renamed author's public articles, newest first, are announced again after the author; a
    // tag no public article uses (new-topic) is not announced at all.
    const byAuthor = await walkSlugs(`/v1/authors/${author}/articles`)
    expect(byAuthor).toContain('freshly-tagged')
    const upserts = (slugs: string[]) => slugs.map((slug) => `article:upsert:${slug}`)
    expect(seen).toEqual([
      `article:upsert:${edited}`,
      ...upserts(editedVersions),
      `article:delete:${unpublished}`,
      ...upserts(unpublishedVersions),
      `article:delete:${deleted}`,
      ...upserts(deletedVersions),
      'article:upsert:freshly-tagged',
      'tag:upsert:first-seen-tag',
      `author:upsert:${author}`,
      ...byAuthor.map((slug) => `article:upsert:${slug}`),
    ])
    expect(body.changes.map((c: any) => c.seq)).toEqual([...body.changes.map((c: any) => c.seq)].sort((a, b) => a - b))
    expect(body.changes[0].data.headline).toBe('An edited headline')
    expect(body.changes.find((c: any) => c.slug === unpublished).data).toBeUndefined()

    cursor = await syncInto(state, cursor)
    await expectPublicState(state)
    await expectPublicContent(state)
    expect(state.get('author')!.get(author).name).toBe('Renamed Author')
    // Nothing new: an empty page, and the same cursor to poll with later.
    const quiet: any = await (await call(`/v1/sync?cursor=${cursor}`)).json()
    expect(quiet).toEqual({ changes: [], next_cursor: cursor, has_more: false })
  })

  it('after renaming an author, a section and a tag, every synced article shows the new names', async () => {
    const author = demo.authors[1]!.slug
    const section = demo.sections[0]!.slug
    const tag = 'diplomacy'
    const shown = async (path: string) => new Set(await walkSlugs(path))
    const [byAuthor, inSection, tagged] = [
      await shown(`/v1/authors/${author}/articles`),
      await shown(`/v1/articles?section=${section}`),
      await shown(`/v1/articles?tag=${tag}`),
    ]
    expect(Math.min(byAuthor.size, inSection.size, tagged.size)).toBeGreaterThan(0)

    expect(
      (await call(`/v1/admin/authors/${author}`, admin('PUT', { name: 'Another Name', job_title: 'Roving correspondent' }))).status,
    ).toBe(200)
    expect((await call(`/v1/admin/sections/${section}`, admin('PUT', { name: 'Europe & Neighbours' }))).status).toBe(200)
    expect((await call(`/v1/admin/tags/${tag}`, admin('PUT', { name: 'Diplomacy & talks' }))).status).toBe(200)
    // A write that changes nothing articles show (a section's description) announces no article.
    expect(
      (await call(`/v1/admin/sections/${section}`, admin('PUT', { name: 'Europe & Neighbours', description: 'The continent.' }))).status,
    ).toBe(200)

    const body: any = await (await call(`/v1/sync?cursor=${cursor}&limit=500`)).json()
    const announced = (type: string) => new Set(body.changes.filter((c: any) => c.type === type).map((c: any) => c.slug))
    expect(announced('article')).toEqual(new Set([...byAuthor, ...inSection, ...tagged]))
    expect(body.changes.filter((c: any) => c.type === 'article').length).toBe(byAuthor.size + inSection.size + tagged.size)

    cursor = await syncInto(state, cursor)
    await expectPublicState(state)
    await expectPublicContent(state)
    const anArticle = state.get('article')!.get([...tagged][0]!)
    expect(anArticle.tags.find((t: any) => t.slug === tag).name).toBe('Diplomacy & talks')
  })

  it('publishes scheduled articles from the cron, with no one present, and logs them for sync', async () => {
    const future = new Date(Date.now() + 2 * 60_000)
    await call(
      '/v1/admin/articles/at-noon',
      admin('PUT', {
        headline: 'Published by the clock',
        section: demo.sections[0]!.slug,
        authors: [demo.authors[1]!.slug],
        body: [{ type: 'paragraph', content: [{ text: 'Embargoed until now.' }] }],
        status: 'scheduled',
        published_at: future.toISOString(),
      }),
    )
    expect((await call('/v1/articles/at-noon')).status).toBe(404)
    expect(((await (await call(`/v1/sync?cursor=${cursor}`)).json()) as any).changes).toEqual([])

    const later = future.getTime() + 60_000
    vi.useFakeTimers({ toFake: ['Date'], now: later })
    const ping = vi.spyOn(env.WEBSUB, 'send')
    const ctx = createExecutionContext()
    // Topics on API_URL, as when an editor publishes (test/feeds.test.ts): one announcer for both.
    const settings = { WEBSUB_HUB_URL: 'https://hub.example.org/', API_URL: 'https://api.example-daily.eu/' }
    await worker.scheduled(createScheduledController({ scheduledTime: later, cron: '* * * * *' }), { ...env, ...settings })
    await waitOnExecutionContext(ctx)
    expect(ping).toHaveBeenCalledTimes(1)
    const topics: string[] = (ping.mock.calls[0]![0] as any).topics
    expect(topics).toContain(`https://api.example-daily.eu/feeds/authors/${demo.authors[1]!.slug}/atom.xml`)
    expect(topics.filter((topic) => !topic.startsWith('https://api.example-daily.eu/feeds/'))).toEqual([])
    ping.mockRestore()

    const res = await call('/v1/articles/at-noon')
    expect(res.status).toBe(200)
    const preview: any = await (await call('/v1/admin/articles/at-noon', admin('GET'))).json()
    expect(preview.status).toBe('published')
    const changes: any = await (await call(`/v1/sync?cursor=${cursor}`)).json()
    expect(changes.changes.map((c: any) => `${c.op}:${c.slug}`)).toEqual(['upsert:at-noon'])
    const audit = await env.DB.prepare("SELECT actor, action FROM audit_log WHERE target_slug = 'at-noon' ORDER BY id DESC LIMIT 1").first()
    expect(audit).toEqual({ actor: 'scheduler', action: 'article.published' })
  })

  it.each(['limit=0', 'limit=501', 'cursor=garbage', 'since=1'])('answers 400 for %s', async (query) => {
    const res = await call(`/v1/sync?${query}`)
    expect(res.status).toBe(400)
    expect(res.headers.get('content-type')).toBe('application/problem+json')
  })
})
