import type { Database } from './client.ts'

export interface PublicationRow {
  name: string
  url: string
  description: string
  about: string
  language: string
  /** JSON: ["en", "fr", …]; may omit the default */
  languages: string
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
  languages: string[]
  logo_url: string | null
  links: { label: string; url: string }[]
}

export function publicationStatement(db: Database) {
  return db.prepare('SELECT name, url, description, about, language, languages, logo_url, links, updated_at FROM publication WHERE id = 1')
}

export function findPublication(db: Database) {
  return db.first<PublicationRow>(publicationStatement(db))
}

export function writePublicationStatement(db: Database, publication: PublicationWrite, now: string) {
  return db
    .prepare(
      `INSERT INTO publication (id, name, url, description, about, language, logo_url, links, updated_at, languages)
       VALUES (1, ?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)
       ON CONFLICT (id) DO UPDATE SET
         name = excluded.name, url = excluded.url, description = excluded.description, about = excluded.about,
         language = excluded.language, languages = excluded.languages, logo_url = excluded.logo_url, links = excluded.links,
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
      JSON.stringify(publicationLanguages(publication.language, publication.languages)),
    )
}

/** Every language published in: the default first, then the others, each once. */
export function publicationLanguages(language: string, languages: string[]): string[] {
  return [...new Set([language, ...languages])]
}

/**
 * The publication's default language and its languages, for `lang` checks and name fallbacks;
 * no row when the publication has not been set up (then every well-formed tag is accepted and
 * the default is `en`).
 */
export function languagesStatement(db: Database) {
  return db.prepare('SELECT language, languages FROM publication WHERE id = 1')
}

export interface LanguagesRow {
  language: string
  languages: string
}

/** Whether `lang` is one the publication publishes in (any, when it is not set up). */
export function publishesIn(row: LanguagesRow | undefined, lang: string): boolean {
  return !row || publicationLanguages(row.language, JSON.parse(row.languages)).includes(lang)
}
