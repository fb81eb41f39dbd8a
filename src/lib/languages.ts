/**
 * Names in several languages, and which one a reader gets.
 *
 * Sections and tags have a name (and description) in the publication's default language, and
 * optionally in others. A reader asking for language L gets, in this order: the name in L
 * exactly (`fr-BE`), then in L's primary language (`fr` for `fr-BE`), then the default one; the
 * answer always says which language it is in. Articles never fall back: a version that does not
 * exist in a language is a 404 there.
 */

export interface LocalName {
  name: string
  description?: string
}

/** The name for `lang` (see above), with the language it is in. */
export function localized(
  base: LocalName,
  translationsJson: string | Record<string, LocalName> | null | undefined,
  lang: string | undefined,
  defaultLanguage: string,
): { name: string; description: string; language: string } {
  const translations: Record<string, LocalName> =
    typeof translationsJson === 'string' ? JSON.parse(translationsJson) : (translationsJson ?? {})
  if (lang && lang !== defaultLanguage) {
    for (const candidate of [lang, lang.split('-')[0]!]) {
      const found = translations[candidate]
      if (found) return { name: found.name, description: found.description ?? '', language: candidate }
    }
  }
  return { name: base.name, description: base.description ?? '', language: defaultLanguage }
}

/** The default language when the publication has not been set up. */
export const FALLBACK_LANGUAGE = 'en'
