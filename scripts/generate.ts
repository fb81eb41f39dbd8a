import type { StatementSync } from 'node:sqlite'
import path from 'node:path'
import { Worker } from 'node:worker_threads'
import { toArticleWrite } from '../src/content/article-write.ts'
import type { ArticleWrite } from '../src/db/articles.ts'
import { bulkInsertArticles, type BulkArticle } from '../src/db/bulk.ts'
import type { Block } from '../src/schemas/blocks.ts'
import { ArticleInput } from '../src/schemas/article.ts'
import { articles as demoArticles, authors, sections, tags } from './demo-content.ts'
import { openD1File } from './sqlite-d1.ts'

/**
 * Benchmark data: `count` published articles of realistic size (about 800 words, a heading, a
 * quote, a hero image), one every five minutes up to now (article 1 the oldest, so that ids
 * follow publication time as they do in a newsroom), some sharing a publication minute, across the
 * demo's sections, authors and tags. Deterministic: the same index and count give the same row.
 *
 * The text follows a natural word distribution: words are drawn by Zipf's law (the word of rank r
 * with a probability proportional to 1/r) over the demo newspaper's vocabulary (about 2,000
 * words), ranked by their frequency in the demo articles, with the paper's own frequent words
 * ("European", "Commission", "Brussels", "minister", "Geneva", "talks"...) among the first ranks.
 * So, as in a real Brussels newspaper, those words are in most articles, and a search for them
 * is measured at its realistic worst (see README, "Benchmark").
 */

/** The newspaper's frequent words, given these ranks whatever their frequency in the demo. */
const FREQUENT: [string, number][] = [
  ['EU', 30],
  ['European', 40],
  ['Commission', 60],
  ['Brussels', 80],
  ['minister', 100],
  ['Geneva', 120],
  ['talks', 140],
]

/** The demo's words, most frequent first, each in its most frequent spelling. */
function vocabulary(): string[] {
  const text = demoArticles
    .flatMap((a) => [
      a.headline,
      a.standfirst ?? '',
      ...a.body.flatMap((b) => (b.type === 'paragraph' ? b.content.map((s) => s.text) : [])),
    ])
    .join(' ')
  const counts = new Map<string, Map<string, number>>()
  for (const word of text.match(/[\p{L}\p{N}’'-]+/gu)!) {
    const key = word.toLowerCase()
    const spellings = counts.get(key) ?? new Map<string, number>()
    spellings.set(word, (spellings.get(word) ?? 0) + 1)
    counts.set(key, spellings)
  }
  const total = (m: Map<string, number>) => [...m.values()].reduce((a, b) => a + b, 0)
  const ranked = [...counts.entries()]
    .sort((a, b) => total(b[1]) - total(a[1]) || (a[0] < b[0] ? -1 : 1))
    .map(([key, spellings]) => {
      const best = [...spellings.entries()].sort((a, b) => b[1] - a[1])[0]![0]
      // "The" is "the" in the middle of a sentence.
      return best === key || (/^[A-Z][a-z]+$/.test(best) && spellings.has(key)) ? key : best
    })
    .filter((word) => !FREQUENT.some(([w]) => w.toLowerCase() === word.toLowerCase()))
  for (const [word, rank] of [...FREQUENT].sort((a, b) => a[1] - b[1])) ranked.splice(rank - 1, 0, word)
  return ranked
}

export const WORDS = vocabulary()

// Zipf's law as a lookup table: a uniform number in [0, 1) picks a slot, the slot a word.
const SLOTS = 1 << 16
const ZIPF = (() => {
  const weights = WORDS.map((_, rank) => 1 / (rank + 1))
  const sum = weights.reduce((a, b) => a + b, 0)
  const table = new Uint16Array(SLOTS)
  let cumulative = 0
  let word = 0
  for (let slot = 0; slot < SLOTS; slot++) {
    while (word < WORDS.length - 1 && (cumulative + weights[word]!) / sum <= slot / SLOTS) cumulative += weights[word++]!
    table[slot] = word
  }
  return table
})()

function random(seed: number) {
  let state = seed >>> 0 || 1
  return () => {
    // xorshift32
    state ^= state << 13
    state ^= state >>> 17
    state ^= state << 5
    return (state >>> 0) / 2 ** 32
  }
}

function sentence(next: () => number, words: number): string {
  let text = ''
  for (let i = 0; i < words; i++) text += (i ? ' ' : '') + WORDS[ZIPF[Math.floor(next() * SLOTS)]!]
  return `${text.charAt(0).toUpperCase() + text.slice(1)}.`
}

function paragraph(next: () => number): string {
  return Array.from({ length: 4 + Math.floor(next() * 3) }, () => sentence(next, 12 + Math.floor(next() * 10))).join(' ')
}

/** Generated article `index` (1 is the oldest) of `count`, `now` being the newest one's hour. */
export function generatedArticle(index: number, count: number, now: number): ArticleInput {
  const next = random(index * 2654435761)
  const pick = <T>(list: readonly T[]) => list[Math.floor(next() * list.length)]!
  const body: Block[] = []
  for (let i = 0; i < 9; i++) {
    if (i === 3) body.push({ type: 'heading', level: 2, text: sentence(next, 6) })
    if (i === 6) body.push({ type: 'quote', text: sentence(next, 20), attribution: pick(authors).name })
    body.push({ type: 'paragraph', content: [{ text: paragraph(next) }] })
  }
  const byline = [pick(authors).slug]
  if (next() < 0.2) byline.push(pick(authors.filter((a) => a.slug !== byline[0])).slug)
  const tagged = [...new Set([pick(tags).slug, pick(tags).slug])]
  // One article every five minutes or so; every seventh shares its minute with the one after.
  const age = count - index
  const minutesAgo = Math.floor(age * 5 - (age % 7 === 0 && age > 0 ? 5 : 0))
  return {
    slug: `generated-${index}-${sentence(next, 3)
      .toLowerCase()
      .normalize('NFKD')
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-|-$/g, '')}`
      .slice(0, 120)
      .replace(/-$/, ''),
    headline: sentence(next, 9).slice(0, -1),
    standfirst: sentence(next, 24),
    dateline: pick(['Brussels', 'Geneva', 'Warsaw', 'Moscow', 'Kyiv', 'Berlin', 'Paris', null]),
    language: 'en',
    section: pick(sections).slug,
    tags: tagged,
    authors: byline,
    image: {
      url: `https://www.example-daily.eu/static/photos/generated-${index}.jpg`,
      width: 1600,
      height: 900,
      alt: sentence(next, 8),
      caption: sentence(next, 14),
      credit: next() < 0.5 ? 'Nordpress/Jana Novak/Pool via EuroWire' : 'Tomás Berg/The European Daily',
      syndication_allowed: next() >= 0.5,
    },
    body,
    status: 'published',
    published_at: new Date(now - minutesAgo * 60_000 - 60_000).toISOString(),
  }
}

/** Generated articles `from` + 1 to `to` of `count`, validated and ready to write. */
export function generatedWrites(from: number, to: number, count: number, now: number): ArticleWrite[] {
  const writes = []
  for (let i = from + 1; i <= to; i++)
    writes.push(toArticleWrite(ArticleInput.parse(generatedArticle(i, count, now)), new Date(now).toISOString()))
  return writes
}

/** The hour generated times are relative to: the current one. */
export const generationHour = () => Math.floor(Date.now() / 3_600_000) * 3_600_000

/**
 * Writes generated articles into the local D1's SQLite file directly (see scripts/sqlite-d1.ts),
 * resuming after the generated articles already there: a worker thread generates the next batch
 * while this one writes the last, each batch one transaction through the real triggers and
 * indexes: several times the speed of writing through Miniflare's binding proxy. The demo's
 * sections, tags and authors must exist, and nothing else may have the file open.
 */
export async function seedGeneratedArticles(file: string, count: number, onProgress?: (done: number) => void, batchSize = 2_000) {
  const { sqlite, close } = openD1File(file)
  const statements = new Map<string, StatementSync>()
  const run = (sql: string, params: (string | number | null)[]) => {
    let statement = statements.get(sql)
    if (!statement) {
      statement = sqlite.prepare(sql)
      statements.set(sql, statement)
    }
    return Number(statement.run(...params).lastInsertRowid)
  }
  // The unique index on slug answers this range without reading the articles.
  const { n: done } = sqlite.prepare("SELECT count(*) AS n FROM articles WHERE slug >= 'generated-' AND slug < 'generated.'").get() as {
    n: number
  }
  const now = generationHour()
  const writtenAt = new Date(now).toISOString()
  const worker = new Worker(path.join(import.meta.dirname, 'generate-worker.ts'), { workerData: { count, now } })
  try {
    const batches: { from: number; to: number }[] = []
    for (let from = done; from < count; from += batchSize) batches.push({ from, to: Math.min(from + batchSize, count) })
    const received = new Map<number, BulkArticle[]>()
    let wake: (() => void) | undefined
    let failure: unknown
    worker.on('message', ({ from, rows }: { from: number; rows: BulkArticle[] }) => {
      received.set(from, rows)
      wake?.()
    })
    worker.on('error', (error) => {
      failure = error
      wake?.()
    })
    // Two batches in flight: one being written, the next being generated.
    let asked = 0
    const ask = () => asked < batches.length && worker.postMessage(batches[asked++])
    ask()
    ask()
    for (const batch of batches) {
      while (!received.has(batch.from)) {
        if (failure) throw failure
        await new Promise<void>((resolve) => (wake = resolve))
      }
      const rows = received.get(batch.from)!
      received.delete(batch.from)
      ask()
      sqlite.exec('BEGIN')
      try {
        bulkInsertArticles(rows, writtenAt, run)
        sqlite.exec('COMMIT')
      } catch (error) {
        sqlite.exec('ROLLBACK')
        throw error
      }
      onProgress?.(batch.to)
    }
    sqlite.exec('PRAGMA wal_checkpoint(TRUNCATE)')
  } finally {
    await worker.terminate()
    close()
  }
}
