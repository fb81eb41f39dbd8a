import { publicationLanguages, type PublicationRow } from '../db/publication.ts'
import type { Publication } from '../schemas/publication.ts'

/** The publication as the API shows it: every language it publishes in, the default first. */
export function toPublication(row: PublicationRow): Publication {
  return { ...row, languages: publicationLanguages(row.language, JSON.parse(row.languages)), links: JSON.parse(row.links) }
}
