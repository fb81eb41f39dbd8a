import type { Database } from './client.ts'

/** Google News takes articles of the last two days, at most 1,000 per sitemap. */
export const NEWS_WINDOW_MS = 2 * 86_400_000
export const NEWS_LIMIT = 1_000

/**
 * The sitemaps protocol allows at most 50,000 URLs in one sitemap: chunk n holds the published
 * articles whose id is in ((n - 1) × 50,000, n × 50,000]. The articles_sitemap index (migration
 * 0009) is built on this very number: change both together.
 */
export const CHUNK_SIZE = 50_000

export interface NewsSitemapRow {
  slug: string
  headline: string
  language: string
  published_at: string
}

export interface NewsSitemap {
  /** The publication row's name, or null when the publication has not been set up. */
  publicationName: string | null
  articles: NewsSitemapRow[]
}

/** One chunk of the article sitemaps, as the sitemap index lists it. */
export interface SitemapChunkRow {
  /** 1-based */
  chunk: number
  /** The newest change in the chunk (ISO). */
  lastmod: string
}

export interface SitemapUrlRow {
  slug: string
  lastmod: string
  /** JSON: [{ language, slug }] of every public version of the story, this one included; [] when it has no other */
  versions: string
}

// When an article last changed as far as a crawler can tell: its last write, or the moment it
// became visible when that is later (an embargoed article written yesterday and public since an
// hour ago is new to crawlers since an hour ago, though its updated_at is older).
const LASTMOD = 'max(updated_at, published_at)'

/**
 * Published articles visible at `now` and published within the news window, newest first: a
 * range of the articles_latest partial index, stopped after `limit` rows.
 */
export function newsArticlesStatement(db: Database, now: string, limit = NEWS_LIMIT) {
  const since = new Date(Date.parse(now) - NEWS_WINDOW_MS).toISOString()
  return db
    .prepare(
      `SELECT slug, headline, language, published_at
         FROM articles
        WHERE status = 'published' AND published_at <= ?1 AND published_at > ?2
        ORDER BY published_at DESC, id DESC
        LIMIT ?3`,
    )
    .bind(now, since, limit)
}

export function publicationNameStatement(db: Database) {
  return db.prepare('SELECT name FROM publication WHERE id = 1')
}

/** The news sitemap's articles and the publication's name, in one round trip. */
export async function loadNewsSitemap(db: Database, now: string, limit = NEWS_LIMIT): Promise<NewsSitemap> {
  const [name, articles] = await db.batch([publicationNameStatement(db), newsArticlesStatement(db, now, limit)])
  return {
    publicationName: (name!.results[0] as { name: string } | undefined)?.name ?? null,
    articles: articles!.results as NewsSitemapRow[],
  }
}

/**
 * Every non-empty chunk of the article sitemaps, with its newest change. Chunks are ranges of
 * article ids, so that an article stays in its chunk for good (new ones land in the last chunk)
 * and a chunk's newest change is one step in the articles_sitemap index (chunk, lastmod): the
 * work is a few index steps per chunk, never a read of the articles. A lastmod after `now` is an
 * embargo not lifted yet (lastmod >= published_at): skipped, so the chunk shows its previous
 * change. `size` must be CHUNK_SIZE for the index to serve (tests use small chunks).
 */
export function sitemapChunksStatement(db: Database, now: string, size = CHUNK_SIZE) {
  const chunkSize = chunkSizeSql(size)
  return db
    .prepare(
      `WITH RECURSIVE chunks (n) AS (
         SELECT 0 WHERE (SELECT max(id) FROM articles) IS NOT NULL
         UNION ALL
         SELECT n + 1 FROM chunks WHERE n < ((SELECT max(id) FROM articles) - 1) / ${chunkSize}
       )
       SELECT chunk, lastmod FROM (
         SELECT n + 1 AS chunk,
                (SELECT ${LASTMOD} FROM articles
                  WHERE status = 'published' AND (id - 1) / ${chunkSize} = chunks.n AND ${LASTMOD} <= ?1
                  ORDER BY ${LASTMOD} DESC LIMIT 1) AS lastmod
           FROM chunks)
        WHERE lastmod IS NOT NULL`,
    )
    .bind(now)
}

/** A chunk size as SQL: an integer literal, so that the index's expression matches. */
function chunkSizeSql(size: number): string {
  if (!Number.isSafeInteger(size) || size < 1) throw new RangeError(`chunk size ${size}`)
  return String(size)
}

export async function listSitemapChunks(db: Database, now: string, size = CHUNK_SIZE): Promise<SitemapChunkRow[]> {
  // (In chunk order already, as the recursive query counts them; sorting a few rows here keeps
  // that true without a sort in SQL.)
  const rows = await db.all<SitemapChunkRow>(sitemapChunksStatement(db, now, size))
  return rows.sort((a, b) => a.chunk - b.chunk)
}

/**
 * Chunk `n` (1-based): the published articles visible at `now` with an id in the chunk's range,
 * in id order (the order they were written in). One range of the table's own key: the work is
 * the chunk's rows, whatever the archive's size. Empty when `n` is past the last chunk.
 * Each row lists the public versions of its story (one probe of articles_translation_group), for
 * hreflang alternates.
 */
export function sitemapChunkStatement(db: Database, now: string, n: number, size = CHUNK_SIZE) {
  return db
    .prepare(
      `SELECT slug, ${LASTMOD} AS lastmod,
              (SELECT json_group_array(json_object('language', t.language, 'slug', t.slug) ORDER BY t.language)
                 FROM articles t
                WHERE t.translation_group = articles.translation_group AND t.status = 'published' AND t.published_at <= ?1) AS versions
         FROM articles
        WHERE id > ?2 AND id <= ?3 AND status = 'published' AND published_at <= ?1
        ORDER BY id`,
    )
    .bind(now, (n - 1) * size, n * size)
}

/** The chunk's articles; empty when `n` is past the last chunk. */
export async function loadSitemapChunk(db: Database, now: string, n: number, size = CHUNK_SIZE): Promise<SitemapUrlRow[]> {
  return db.all<SitemapUrlRow>(sitemapChunkStatement(db, now, n, size))
}
