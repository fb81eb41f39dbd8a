import { env } from 'cloudflare:workers'
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest'
import { Gate } from '../src/lib/gate.ts'
import { article, basics, get, seed } from './helpers.ts'

beforeAll(async () => {
  await seed({ ...basics, articles: Array.from({ length: 60 }, (_, i) => article({ slug: `hot-${i}` })) })
})
afterEach(() => vi.restoreAllMocks())

/**
 * Makes the next D1 batch (the first reader's build) take `ms` longer. The delay is a timer of the
 * building request itself: nothing from the test reaches into it.
 */
function slowNextBuild(ms: number) {
  const original = env.DB.batch.bind(env.DB)
  const state = { entered: false }
  vi.spyOn(env.DB, 'batch').mockImplementationOnce(async (statements) => {
    state.entered = true
    await new Promise((resolve) => setTimeout(resolve, ms))
    return original(statements)
  })
  return state
}

const until = async (condition: () => boolean) => {
  while (!condition()) await new Promise((resolve) => setTimeout(resolve, 1))
}

const statusesOf = (responses: Promise<Response>[]) =>
  Promise.all(
    responses.map(async (pending) => {
      const res = await pending
      await res.text()
      return res.status
    }),
  )

describe('concurrent readers of one URL', () => {
  it('answers every one of many concurrent first reads of one URL', async () => {
    for (const path of ['/v1/articles?limit=100', '/v1/authors/test-author', '/feeds/rss.xml', '/v1/articles/hot-3']) {
      const statuses = await statusesOf(Array.from({ length: 20 }, () => get(path)))
      expect(
        statuses.filter((s) => s !== 200),
        path,
      ).toEqual([])
    }
  })

  it('builds a burst of first reads of one URL from D1 once', async () => {
    const batch = vi.spyOn(env.DB, 'batch')
    const statuses = await statusesOf(Array.from({ length: 20 }, () => get('/v1/articles?limit=97')))
    expect(statuses).toEqual(Array(20).fill(200))
    expect(batch).toHaveBeenCalledTimes(1)
  })

  it('answers the others when the first reader goes away mid-build', async () => {
    const build = slowNextBuild(300)
    const leader = new AbortController()
    const first = get('/v1/articles?limit=99', { signal: leader.signal }).catch((error: unknown) => error)
    await until(() => build.entered)
    const others = Array.from({ length: 10 }, () => get('/v1/articles?limit=99'))
    await new Promise((resolve) => setTimeout(resolve, 50))
    leader.abort()
    await first
    expect(await statusesOf(others)).toEqual(Array(10).fill(200))
  })

  it('answers the others when the first build never finishes', async () => {
    const hung = { entered: false }
    vi.spyOn(env.DB, 'batch').mockImplementationOnce(async () => {
      hung.entered = true
      return new Promise<never>(() => {})
    })
    const leader = new AbortController()
    const first = get('/v1/articles?limit=98', { signal: leader.signal }).catch((error: unknown) => error)
    await until(() => hung.entered)
    const others = Array.from({ length: 5 }, () => get('/v1/articles?limit=98'))
    expect(await statusesOf(others)).toEqual(Array(5).fill(200))
    leader.abort()
    await first
  })
})

const isSearch = (statements: D1PreparedStatement[]) =>
  statements.some((s) => /articles_fts MATCH/.test((s as unknown as { statement?: string }).statement ?? String(s)))

/**
 * Records when each D1 batch goes in and comes out, by kind (`search` or `other`), and makes the
 * kinds in `slow` take that much longer: a timer of the calling request, as in slowNextBuild.
 */
function traceBatches(slow: { search?: number; other?: number }) {
  const original = env.DB.batch.bind(env.DB)
  const events: { kind: 'search' | 'other'; edge: 'in' | 'out'; at: number }[] = []
  vi.spyOn(env.DB, 'batch').mockImplementation(async (statements) => {
    const kind = isSearch(statements) ? 'search' : 'other'
    events.push({ kind, edge: 'in', at: Date.now() })
    try {
      if (slow[kind]) await new Promise((resolve) => setTimeout(resolve, slow[kind]))
      return await original(statements)
    } finally {
      events.push({ kind, edge: 'out', at: Date.now() })
    }
  })
  return events
}

describe('searches beside other readers', () => {
  it('wait while another reader waits on D1, and are answered', async () => {
    const events = traceBatches({ other: 200 })
    const list = get('/v1/articles?limit=95')
    await until(() => events.length > 0)
    const search = get('/v1/articles?q=omega')
    expect(await statusesOf([list, search])).toEqual([200, 200])
    expect(events.map((e) => `${e.kind} ${e.edge}`)).toEqual(['other in', 'other out', 'search in', 'search out'])
  })

  // SEARCH_SHARE is a quarter: a search that held D1 for 150 ms while others used it makes the
  // next one wait three times as long.
  it.each([
    { others: true, rest: 'rests three times as long as the last search held D1' },
    { others: false, rest: 'follows at once' },
  ])('while other readers use D1 ($others), the next search $rest', async ({ others }) => {
    const events = traceBatches({ search: 150 })
    const words = others ? ['theta', 'iota'] : ['kappa', 'lambda']
    const first = get(`/v1/articles?q=${words[0]}`)
    await until(() => events.length > 0)
    if (others) expect(await statusesOf([get('/v1/articles?limit=94')])).toEqual([200])
    const second = get(`/v1/articles?q=${words[1]}`)
    expect(await statusesOf([first, second])).toEqual([200, 200])
    const searches = events.filter((e) => e.kind === 'search')
    expect(searches.map((e) => e.edge)).toEqual(['in', 'out', 'in', 'out'])
    const gap = searches[2]!.at - searches[1]!.at
    if (others) expect(gap).toBeGreaterThanOrEqual(3 * 150)
    else expect(gap).toBeLessThan(3 * 150)
  })
})

describe('concurrent searches', () => {
  it('take their turn in D1, one at a time per isolate, and every one is answered', async () => {
    const original = env.DB.batch.bind(env.DB)
    let inFlight = 0
    let most = 0
    let searches = 0
    vi.spyOn(env.DB, 'batch').mockImplementation(async (statements) => {
      if (!isSearch(statements)) return original(statements)
      searches += 1
      inFlight += 1
      most = Math.max(most, inFlight)
      try {
        // Long enough that, without the gate, the searches would overlap.
        await new Promise((resolve) => setTimeout(resolve, 20))
        return await original(statements)
      } finally {
        inFlight -= 1
      }
    })
    // Different searches (one cache entry each), all at once.
    const words = ['alpha', 'beta', 'gamma', 'delta', 'epsilon', 'zeta']
    const statuses = await statusesOf(words.map((q) => get(`/v1/articles?q=${q}`)))
    expect(statuses).toEqual(Array(words.length).fill(200))
    expect(searches).toBe(words.length)
    expect(most).toBe(1)
  })
})

describe('the gate searches wait at', () => {
  const never = () => new Promise<never>(() => {})

  it('lets a waiter in once a holder that never leaves has held for maxHoldMs', async () => {
    const gate = new Gate(1, { maxHoldMs: 50, maxWaitMs: 10_000 })
    void gate.run(never)
    const started = Date.now()
    expect(await gate.run(async () => 'in')).toBe('in')
    expect(Date.now() - started).toBeGreaterThanOrEqual(50)
    expect(Date.now() - started).toBeLessThan(5_000)
  })

  it('lets a waiter in after maxWaitMs, however busy it is: it shapes load, it never refuses', async () => {
    const gate = new Gate(1, { maxHoldMs: 60_000, maxWaitMs: 100 })
    void gate.run(never)
    const started = Date.now()
    expect(await gate.run(async () => 'in')).toBe('in')
    expect(Date.now() - started).toBeGreaterThanOrEqual(100)
  })
})
