import type { Database } from './client.ts'

/** Google News takes articles of the last two days, at most 1,000 per sitemap. */
export const NEWS_WINDOW_MS = 2 * 86_400_000
export const NEWS_LIMIT = 1_000

/** The sitemaps protocol allows at most 50,000 URLs in one sitemap. */
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
  urls: number
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
 * Every chunk of `size` published articles (oldest first by published_at, id), with its newest
 * change. The rows are numbered in the order of the articles_latest index (walked backwards, no
 * sort), then grouped by chunk. Finding each chunk's newest updated_at has to read every published
 * row once: that is the price of a truthful <lastmod> without an index that covers updated_at, and
 * it is paid only when the sitemap index is built (rarely: crawlers fetch it, and it is cached).
 */
export function sitemapChunksStatement(db: Database, now: string, size = CHUNK_SIZE) {
  return db
    .prepare(
      `SELECT (n - 1) / CAST(?2 AS INTEGER) + 1 AS chunk, max(lastmod) AS lastmod, count(*) AS urls
         FROM (SELECT row_number() OVER (ORDER BY published_at, id) AS n, ${LASTMOD} AS lastmod
                 FROM articles
                WHERE status = 'published' AND published_at <= ?1)
        GROUP BY chunk
        ORDER BY chunk`,
    )
    .bind(now, size)
}

export async function listSitemapChunks(db: Database, now: string, size = CHUNK_SIZE): Promise<SitemapChunkRow[]> {
  return db.all<SitemapChunkRow>(sitemapChunksStatement(db, now, size))
}

/**
 * Chunk `n` (1-based) of the published articles visible at `now`, oldest first, so that new
 * articles land in the last chunk and earlier chunks keep their contents.
 *
 * Why LIMIT/OFFSET rather than keyset: "chunk n" names a position, and a keyset would first need
 * the key at that position, which is found the same way (by stepping over the rows before it).
 * OFFSET here steps over entries of the articles_latest partial index (walked backwards for the
 * ascending order) without reading the table rows it skips, so a chunk costs its own rows plus a
 * cheap index walk over the ones before it; a sitemap chunk is fetched rarely and cached. An n
 * past the end costs one walk of the index and returns no rows. Each row lists the public versions
 * of its story (one probe of articles_translation_group), for hreflang alternates.
 */
export function sitemapChunkStatement(db: Database, now: string, n: number, size = CHUNK_SIZE) {
  return db
    .prepare(
      `SELECT slug, ${LASTMOD} AS lastmod,
              (SELECT json_group_array(json_object('language', t.language, 'slug', t.slug) ORDER BY t.language)
                 FROM articles t
                WHERE t.translation_group = articles.translation_group AND t.status = 'published' AND t.published_at <= ?1) AS versions
         FROM articles
        WHERE status = 'published' AND published_at <= ?1
        ORDER BY published_at, id
        LIMIT ?2 OFFSET ?3`,
    )
    .bind(now, size, (n - 1) * size)
}

/** The chunk's articles; empty when `n` is past the last chunk. */
export async function loadSitemapChunk(db: Database, now: string, n: number, size = CHUNK_SIZE): Promise<SitemapUrlRow[]> {
  return db.all<SitemapUrlRow>(sitemapChunkStatement(db, now, n, size))
}
