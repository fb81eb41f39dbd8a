import { createExecutionContext, createMessageBatch, getQueueResult } from 'cloudflare:test'
import { env } from 'cloudflare:workers'
import { beforeAll, describe, expect, it, vi } from 'vitest'
import worker from '../src/index.ts'
import { REANNOUNCE_CHUNK } from '../src/db/embedders.ts'
import { encodeCursor } from '../src/lib/cursor.ts'
import type { ResyncMessage } from '../src/schemas/resync.ts'
import { ADMIN_TOKEN, article, asEditor, basics, call, seed } from './helpers.ts'

const COUNT = REANNOUNCE_CHUNK + 12

beforeAll(async () => {
  const start = Date.now() - 3_600_000
  await seed({
    ...basics,
    authors: [...basics.authors!, { slug: 'prolific', name: 'Prolific Writer' }],
    articles: Array.from({ length: COUNT }, (_, i) =>
      article({ slug: `prolific-${i}`, authors: ['prolific'], published_at: new Date(start - i * 60_000).toISOString() }),
    ),
  })
})

/** The sync log after `seq`, as the endpoint serves it. */
async function changesAfter(seq: number): Promise<any[]> {
  const rows = await env.DB.prepare('SELECT seq, type, slug, op FROM changes WHERE seq > ?1 ORDER BY seq').bind(seq).all()
  return rows.results
}

describe('renaming an author with more articles than one chunk', () => {
  it('announces the newest chunk in the write, the rest through the resync queue, all after the author', async () => {
    const before = (await env.DB.prepare('SELECT max(seq) AS seq FROM changes').first<{ seq: number }>())!.seq
    const send = vi.spyOn(env.RESYNC, 'send').mockResolvedValue(undefined as never)
    const res = await call('/v1/admin/authors/prolific', asEditor(ADMIN_TOKEN, 'PUT', { name: 'Renamed Writer' }))
    expect(res.status).toBe(200)
    expect(send).toHaveBeenCalledTimes(1)
    const message = send.mock.calls[0]![0] as ResyncMessage
    expect(message).toMatchObject({ v: 1, scope: { kind: 'author', slug: 'prolific' } })
    send.mockClear()

    const inWrite = await changesAfter(before)
    expect(inWrite[0]).toMatchObject({ type: 'author', slug: 'prolific', op: 'upsert' })
    expect(inWrite.slice(1).map((c) => c.slug)).toEqual(Array.from({ length: REANNOUNCE_CHUNK }, (_, i) => `prolific-${i}`))

    // The queue delivers the follow-up: the rest, and no further message (it was the last chunk).
    const batch = createMessageBatch('newsroom-resync', [{ id: crypto.randomUUID(), timestamp: new Date(), attempts: 1, body: message }])
    const ctx = createExecutionContext()
    await worker.queue(batch, env, ctx)
    expect((await getQueueResult(batch, ctx)).explicitAcks).toHaveLength(1)
    expect(send).not.toHaveBeenCalled()
    send.mockRestore()

    const all = await changesAfter(before)
    const articles = all.filter((c) => c.type === 'article')
    expect(new Set(articles.map((c) => c.slug)).size).toBe(COUNT)
    expect(articles.every((c) => c.seq > all[0].seq)).toBe(true)

    // What sync hands out for the oldest article is what its endpoint shows: the new name.
    const last = articles[articles.length - 1]
    expect(last.slug).toBe(`prolific-${COUNT - 1}`)
    const synced: any = await (await call(`/v1/sync?cursor=${encodeCursor({ k: 's', id: last.seq - 1 })}&limit=1`)).json()
    expect(synced.changes[0].data.authors[0].name).toBe('Renamed Writer')
  })

  it('re-announces the rest from the request itself when the queue does not take the message', async () => {
    const before = (await env.DB.prepare('SELECT max(seq) AS seq FROM changes').first<{ seq: number }>())!.seq
    const send = vi.spyOn(env.RESYNC, 'send').mockRejectedValue(new Error('queue unavailable'))
    const res = await call('/v1/admin/authors/prolific', asEditor(ADMIN_TOKEN, 'PUT', { name: 'Queue-less Writer' }))
    send.mockRestore()
    expect(res.status).toBe(200)
    const articles = (await changesAfter(before)).filter((c) => c.type === 'article')
    expect(new Set(articles.map((c) => c.slug)).size).toBe(COUNT)
  })

  it('re-announces them all from an import too, chunk by chunk, without the queue', async () => {
    const before = (await env.DB.prepare('SELECT max(seq) AS seq FROM changes').first<{ seq: number }>())!.seq
    const send = vi.spyOn(env.RESYNC, 'send')
    await seed({ authors: [{ slug: 'prolific', name: 'Imported Name' }] })
    expect(send).not.toHaveBeenCalled()
    const all = await changesAfter(before)
    expect(all[0]).toMatchObject({ type: 'author', slug: 'prolific' })
    expect(new Set(all.filter((c) => c.type === 'article').map((c) => c.slug)).size).toBe(COUNT)
    // Importing the same values again announces no article.
    const again = (await env.DB.prepare('SELECT max(seq) AS seq FROM changes').first<{ seq: number }>())!.seq
    await seed({ authors: [{ slug: 'prolific', name: 'Imported Name' }] })
    expect((await changesAfter(again)).map((c) => c.type)).toEqual(['author'])
  })

  it('acknowledges an invalid resync message without retrying it', async () => {
    const batch = createMessageBatch('newsroom-resync', [{ id: 'bad', timestamp: new Date(), attempts: 1, body: { v: 9 } }])
    const ctx = createExecutionContext()
    await worker.queue(batch, env, ctx)
    expect((await getQueueResult(batch, ctx)).explicitAcks).toEqual(['bad'])
  })
})
