import type { AuthorRow } from '../db/authors.ts'
import { webUrl } from '../lib/site.ts'
import type { Author, AuthorSummary } from '../schemas/author.ts'
import type { AuthorRecord } from '../schemas/sync.ts'

/** An author as lists and bylines show them, with their page on the website. */
export function toAuthorSummary(row: AuthorRow, siteUrl: string): AuthorSummary {
  return {
    slug: row.slug,
    name: row.name,
    job_title: row.job_title,
    url: webUrl(siteUrl, 'authors', row.slug),
    photo: row.photo_url ? { url: row.photo_url, alt: row.photo_alt ?? '' } : null,
  }
}

/** An author's whole public record: what the sync log carries, and the profile's fields. */
export function toAuthorRecord(row: AuthorRow, siteUrl: string): AuthorRecord {
  return { ...toAuthorSummary(row, siteUrl), bio: row.bio, links: JSON.parse(row.links), updated_at: row.updated_at }
}

/** An author's profile page: the record with their article count and first page of articles. */
export function toAuthor(row: AuthorRow & { article_count: number }, siteUrl: string, articles: Author['articles']): Author {
  // updated_at last, as the Author schema (and so every answer so far) has it.
  const { updated_at, ...record } = toAuthorRecord(row, siteUrl)
  return { ...record, article_count: row.article_count, articles, updated_at }
}
