import { env } from 'cloudflare:workers'
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest'
import { decodeCursor } from '../src/lib/cursor.ts'
import { FIRST_CHUNK, MAX_PAGE_BYTES, toPage } from '../src/lib/paging.ts'
import { FEED_TEXT_BYTES } from '../src/routes/feeds.ts'
import { ADMIN_TOKEN, article, asEditor, basics, call, seed } from './helpers.ts'

// 30 articles of about 170 KB each as the sync log carries them (body blocks, body HTML, JSON-LD).
const HEAVY = 30
const paragraph = (i: number, p: number) => ({
  type: 'paragraph' as const,
  content: [{ text: `${'Ä'.repeat(9_990)} ${i}-${p}`.padEnd(20_000, 'x') }],
})

beforeAll(async () => {
  await seed({
    ...basics,
    articles: Array.from({ length: HEAVY }, (_, i) => article({ slug: `heavy-${i}`, body: [0, 1, 2, 3].map((p) => paragraph(i, p)) })),
  })
}, 60_000)

afterEach(() => vi.restoreAllMocks())

/** Counts the rows of whole articles (with their body) D1 returns while it runs. */
function countArticleRowsRead() {
  const original = env.DB.batch.bind(env.DB)
  const originalPrepare = env.DB.prepare.bind(env.DB)
  const counter = { read: 0 }
  const count = (sql: string, rows: unknown[]) => {
    if (/FROM articles a JOIN sections s/.test(sql) && /json_each/.test(sql)) counter.read += rows.length
  }
  const sqlOf = (statement: unknown) => (statement as { statement?: string }).statement ?? String(statement)
  vi.spyOn(env.DB, 'batch').mockImplementation(async (statements) => {
    const results = await original(statements)
    for (const [i, statement] of statements.entries()) count(sqlOf(statement), results[i]!.results)
    return results
  })
  vi.spyOn(env.DB, 'prepare').mockImplementation((sql) => {
    const statement = originalPrepare(sql)
    const bind = statement.bind.bind(statement)
    statement.bind = (...values: unknown[]) => {
      const bound = bind(...values)
      const all = bound.all.bind(bound)
      bound.all = (async () => {
        const result = await all()
        count(sql, result.results)
        return result
      }) as typeof bound.all
      return bound
    }
    return statement
  })
  return counter
}

describe("a partner's full-text feed", () => {
  it('stops before its budget of article text, reading no more articles than it shows plus one chunk', async () => {
    const created: any = await (await call('/v1/admin/partners', asEditor(ADMIN_TOKEN, 'POST', { name: 'Long-read partner' }))).json()
    const counter = countArticleRowsRead()
    const res = await call(`/feeds/feed.json?key=${created.key}`)
    expect(res.status).toBe(200)
    const feed: any = await res.json()
    const text = feed.items.reduce((sum: number, item: any) => sum + new TextEncoder().encode(item.content_html).length, 0)
    expect(feed.items.length).toBeGreaterThan(1)
    expect(feed.items.length).toBeLessThan(HEAVY)
    expect(text).toBeLessThanOrEqual(FEED_TEXT_BYTES)
    expect(counter.read).toBeGreaterThanOrEqual(feed.items.length)
    expect(counter.read).toBeLessThanOrEqual(feed.items.length + FIRST_CHUNK)
  })
})

describe('GET /v1/sync', () => {
  it('reads no more articles than the page can show, plus one chunk, whatever the limit', async () => {
    const counter = countArticleRowsRead()
    const body: any = await (await call('/v1/sync?limit=500')).json()
    const shown = body.changes.filter((c: any) => c.type === 'article').length
    expect(body.has_more).toBe(true)
    expect(shown).toBeLessThan(HEAVY - FIRST_CHUNK)
    expect(counter.read).toBeGreaterThanOrEqual(shown)
    expect(counter.read).toBeLessThanOrEqual(shown + FIRST_CHUNK)
  })

  it('answers at most about 1 MiB, whatever the limit, and the pages still carry every change once', async () => {
    const seen: string[] = []
    let cursor = ''
    for (let page = 0; page < 50; page++) {
      const res = await call(`/v1/sync?limit=500${cursor ? `&cursor=${cursor}` : ''}`)
      expect(res.status).toBe(200)
      const text = await res.text()
      expect(new TextEncoder().encode(text).length).toBeLessThanOrEqual(MAX_PAGE_BYTES + 1_024)
      const body = JSON.parse(text)
      seen.push(...body.changes.filter((c: any) => c.type === 'article').map((c: any) => c.slug))
      cursor = body.next_cursor
      if (!body.has_more) break
      expect(body.changes.length).toBeGreaterThan(0)
      expect(body.changes.length).toBeLessThan(500)
    }
    expect(seen.sort()).toEqual(Array.from({ length: HEAVY }, (_, i) => `heavy-${i}`).sort())
  }, 60_000)
})

describe('a page of any list', () => {
  const rows = Array.from({ length: 10 }, (_, i) => ({ id: i + 1, text: 'é'.repeat(100) }))
  const page = (maxBytes?: number) =>
    toPage(
      rows,
      5,
      (row) => ({ k: 's', id: row.id }),
      (row) => row,
      maxBytes,
    )

  it('stops before its byte budget, with a cursor after the last item shown', () => {
    // Each item is about 230 bytes of JSON (é is two bytes in UTF-8).
    const cut = page(700)
    expect(cut.data.map((r) => r.id)).toEqual([1, 2, 3])
    expect(decodeCursor(cut.next_cursor!, 's')).toEqual({ k: 's', id: 3 })
    expect(page().data).toHaveLength(5)
  })

  it('shows one item even when it alone is over the budget', () => {
    expect(page(10).data.map((r) => r.id)).toEqual([1])
  })
})
