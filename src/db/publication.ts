import type { Database } from './client.ts'
import type { Publication } from '../schemas/publication.ts'

export interface PublicationRow {
  name: string
  url: string
  description: string
  about: string
  language: string
  logo_url: string | null
  /** JSON: [{ label, url }] */
  links: string
  updated_at: string
}

export interface PublicationWrite {
  name: string
  url: string
  description: string
  about: string
  language: string
  logo_url: string | null
  links: { label: string; url: string }[]
}

export function publicationStatement(db: Database) {
  return db.prepare('SELECT name, url, description, about, language, logo_url, links, updated_at FROM publication WHERE id = 1')
}

export function findPublication(db: Database) {
  return db.first<PublicationRow>(publicationStatement(db))
}

export function writePublicationStatement(db: Database, publication: PublicationWrite, now: string) {
  return db
    .prepare(
      `INSERT INTO publication (id, name, url, description, about, language, logo_url, links, updated_at)
       VALUES (1, ?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)
       ON CONFLICT (id) DO UPDATE SET
         name = excluded.name, url = excluded.url, description = excluded.description, about = excluded.about,
         language = excluded.language, logo_url = excluded.logo_url, links = excluded.links,
         updated_at = excluded.updated_at`,
    )
    .bind(
      publication.name,
      publication.url,
      publication.description,
      publication.about,
      publication.language,
      publication.logo_url,
      JSON.stringify(publication.links),
      now,
    )
}

export function toPublication(row: PublicationRow): Publication {
  return { ...row, links: JSON.parse(row.links) }
}
