import { toArticleWrite } from '../src/content/import.ts'
import { writeArticlesStatements } from '../src/db/articles.ts'
import type { Database } from '../src/db/client.ts'
import type { Block } from '../src/schemas/blocks.ts'
import { ArticleInput } from '../src/schemas/article.ts'
import { articles as demoArticles, authors, sections, tags } from './demo-content.ts'

/**
 * Benchmark data: `count` published articles of realistic size (about 800 words, a heading, a
 * quote, a hero image), one every few minutes back from now, some sharing a publication minute,
 * across the demo's sections, authors and tags. Deterministic: the same count gives the same rows.
 */

// Vocabulary from the demo articles, so that search has realistic term frequencies.
const WORDS = demoArticles
  .flatMap((a) => a.body.flatMap((b) => (b.type === 'paragraph' ? b.content.map((s) => s.text) : [])))
  .join(' ')
  .match(/[\p{L}’'-]+/gu)!
  .filter((w) => w.length > 1)

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
  const picked = Array.from({ length: words }, () => WORDS[Math.floor(next() * WORDS.length)]!)
  const text = picked.join(' ')
  return text.charAt(0).toUpperCase() + text.slice(1) + '.'
}

function paragraph(next: () => number): string {
  return Array.from({ length: 4 + Math.floor(next() * 3) }, () => sentence(next, 12 + Math.floor(next() * 10))).join(' ')
}

export function generatedArticle(index: number, now: number): ArticleInput {
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
  // One article every five minutes or so; every seventh shares its minute with the one before.
  const minutesAgo = Math.floor(index * 5 - (index % 7 === 0 ? 5 : 0))
  return {
    slug: `generated-${index}-${sentence(next, 3).toLowerCase().normalize('NFKD').replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '')}`,
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

/**
 * Writes generated articles `from` + 1 to `count` in batches; the demo's sections, tags and
 * authors must exist. Article n is the same whenever it is written (times are relative to the
 * current hour), so a stopped run can resume.
 */
export async function generateArticles(
  db: Database,
  count: number,
  onProgress?: (done: number) => void,
  { from = 0, batchSize = 100 }: { from?: number; batchSize?: number } = {},
) {
  const now = Math.floor(Date.now() / 3_600_000) * 3_600_000
  const writtenAt = new Date(now).toISOString()
  for (let start = from; start < count; start += batchSize) {
    const batch = []
    for (let i = start; i < Math.min(start + batchSize, count); i++) {
      batch.push(toArticleWrite(ArticleInput.parse(generatedArticle(i + 1, now)), writtenAt))
    }
    await db.batch(writeArticlesStatements(db, batch, writtenAt))
    onProgress?.(Math.min(start + batchSize, count))
  }
}

/**
 * generateArticles, carried on across lost connections. Writing through Miniflare's binding
 * proxy from Node loses its connection to workerd after some tens of thousands of statements;
 * `open` opens the storage afresh, and the run resumes after the generated articles already
 * there (article n is always the same article).
 */
export async function generateArticlesResumably(
  open: () => Promise<{ db: Database; close: () => Promise<void> }>,
  count: number,
  onProgress?: (done: number) => void,
) {
  for (let attempt = 1; ; attempt++) {
    const { db, close } = await open()
    try {
      const row = await db.first<{ n: number }>(db.prepare("SELECT count(*) AS n FROM articles WHERE slug LIKE 'generated-%'"))
      await generateArticles(db, count, onProgress, { from: row?.n ?? 0 })
      await close()
      return
    } catch (error) {
      await close().catch(() => {})
      if (attempt >= 50) throw error
    }
  }
}
