import type { SectionRow, TagRow } from '../db/taxonomy.ts'
import { FALLBACK_LANGUAGE, localized } from '../lib/languages.ts'
import { webUrl } from '../lib/site.ts'
import type { Section, Tag } from '../schemas/taxonomy.ts'

/** A section, tag or author row's name and description in `lang`, or in the default language. */
export function localize(
  row: { name: string; description?: string; translations: string; default_language: string | null },
  lang?: string,
) {
  return localized(row, row.translations, lang, row.default_language ?? FALLBACK_LANGUAGE)
}

/** The section, its name and description in `lang` when they exist in it (else the default language). */
export function toSection(row: SectionRow, siteUrl: string, lang?: string): Section {
  const { name, description, language } = localize(row, lang)
  return { slug: row.slug, name, description, language, url: webUrl(siteUrl, 'sections', row.slug) }
}

/** The tag, named in `lang` when it has a name in it (else in the default language). */
export function toTag(row: TagRow, siteUrl: string, lang?: string): Tag {
  const { name, language } = localize(row, lang)
  return { slug: row.slug, name, language, url: webUrl(siteUrl, 'tags', row.slug) }
}
