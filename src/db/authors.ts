import type { Database } from './client.ts'
import { sortKey } from '../lib/collation.ts'

export interface AuthorRow {
  id: number
  slug: string
  name: string
  job_title: string | null
  bio: string
  photo_url: string | null
  photo_alt: string | null
  /** JSON: [{ label, url }] */
  links: string
  updated_at: string
}

export interface AuthorWrite {
  slug: string
  name: string
  job_title: string | null
  bio: string
  photo: { url: string; alt: string } | null
  links: { label: string; url: string }[]
}

const COLUMNS = 'id, slug, name, job_title, bio, photo_url, photo_alt, links, updated_at'

export function findAuthorStatement(db: Database, slug: string) {
  return db.prepare(`SELECT ${COLUMNS} FROM authors WHERE slug = ?1`).bind(slug)
}

export function authorsBySlugsStatement(db: Database, slugs: string[]) {
  return db.prepare(`SELECT ${COLUMNS} FROM authors WHERE slug IN (SELECT value FROM json_each(?1))`).bind(JSON.stringify(slugs))
}

/** An author with the number of their articles visible at `now`. */
export function authorProfileStatement(db: Database, slug: string, now: string) {
  return db
    .prepare(
      `SELECT ${COLUMNS},
              -- The count the triggers keep, less the embargoed ones (a range of article_authors_feed
              -- after now): never a count over all of the author's articles.
              published_articles - (SELECT count(*) FROM article_authors x
                WHERE x.author_id = authors.id AND x.published = 1 AND x.published_at > ?2) AS article_count
         FROM authors WHERE slug = ?1`,
    )
    .bind(slug, now)
}

/** An author as the A–Z list reads them, with the key they are sorted by. */
export type SortedAuthorRow = AuthorRow & { sort_key: string }

/** Authors A–Z as people read them (by sort key: see src/lib/collation.ts), after (sort_key, id). */
export function listAuthorsStatement(db: Database, limit: number, after?: { v: string; id: number }) {
  return db
    .prepare(
      `SELECT ${COLUMNS}, sort_key FROM authors
        WHERE (sort_key, id) > (?1, ?2)
        ORDER BY sort_key, id
        LIMIT ?3`,
    )
    .bind(after?.v ?? '', after?.id ?? 0, limit)
}

export function writeAuthorStatement(db: Database, author: AuthorWrite, now: string) {
  return db
    .prepare(
      `INSERT INTO authors (slug, name, job_title, bio, photo_url, photo_alt, links, created_at, updated_at, sort_key)
       VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?8, ?9)
       ON CONFLICT (slug) DO UPDATE SET
         name = excluded.name, sort_key = excluded.sort_key, job_title = excluded.job_title, bio = excluded.bio,
         photo_url = excluded.photo_url, photo_alt = excluded.photo_alt, links = excluded.links,
         updated_at = excluded.updated_at`,
    )
    .bind(
      author.slug,
      author.name,
      author.job_title,
      author.bio,
      author.photo?.url ?? null,
      author.photo?.alt ?? null,
      JSON.stringify(author.links),
      now,
      sortKey(author.name),
    )
}
