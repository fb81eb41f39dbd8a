import type { Article, ArticleKind, Translation } from '../schemas/article.ts'

/** The schema.org type of each kind of article (all of them NewsArticle or CreativeWork subtypes). */
export const SCHEMA_TYPES: Record<ArticleKind, string> = {
  news: 'NewsArticle',
  analysis: 'AnalysisNewsArticle',
  opinion: 'OpinionNewsArticle',
  review: 'ReviewNewsArticle',
  sponsored: 'AdvertiserContentArticle',
}

export interface Publisher {
  name: string
  url: string
  logo_url: string | null
}

/** How an article relates to the other versions of its story (https://schema.org/workTranslation). */
export interface TranslationLinks {
  /** This version is the one the others were translated from. */
  isOriginal: boolean
  /** The original, when this is a translation and the original is public. */
  original: Translation | null
}

/**
 * A schema.org NewsArticle (or the subtype of its kind) for search engines and link previews
 * (https://schema.org/NewsArticle, and Google's Article structured data guidelines).
 */
export function newsArticleJsonLd(
  article: Omit<Article, 'jsonld' | 'jsonld_script'>,
  publisher: Publisher,
  versions: TranslationLinks = { isOriginal: false, original: null },
): Record<string, unknown> {
  const image = article.image
  const work = (t: Translation) => ({ '@type': 'NewsArticle', '@id': t.url, url: t.url, headline: t.headline, inLanguage: t.language })
  return {
    '@context': 'https://schema.org',
    '@type': SCHEMA_TYPES[article.kind],
    headline: article.headline,
    description: article.standfirst || undefined,
    url: article.url,
    mainEntityOfPage: { '@type': 'WebPage', '@id': article.url },
    datePublished: article.published_at,
    dateModified: article.updated_at,
    dateline: article.dateline ?? undefined,
    inLanguage: article.language,
    // The original lists its public translations; a translation names its original when public.
    workTranslation: versions.isOriginal && article.translations.length ? article.translations.map(work) : undefined,
    translationOfWork: !versions.isOriginal && versions.original ? work(versions.original) : undefined,
    articleSection: article.section.name,
    keywords: article.tags.map((tag) => tag.name),
    wordCount: article.word_count,
    author: article.authors.map((author) => ({
      '@type': 'Person',
      name: author.name,
      url: author.url,
      jobTitle: author.job_title ?? undefined,
    })),
    image: image
      ? {
          '@type': 'ImageObject',
          url: image.url,
          width: image.width ?? undefined,
          height: image.height ?? undefined,
          caption: image.caption ?? undefined,
          creditText: image.credit ?? undefined,
          description: image.alt || undefined,
        }
      : undefined,
    correction: article.corrections.length
      ? article.corrections.map((c) => ({ '@type': 'CorrectionComment', text: c.text, datePublished: c.at }))
      : undefined,
    publisher: {
      '@type': 'Organization',
      name: publisher.name,
      url: publisher.url,
      logo: publisher.logo_url ? { '@type': 'ImageObject', url: publisher.logo_url } : undefined,
    },
  }
}

// The characters that could end the script element or start markup in it (<, >), start a
// character reference (&), or end a line in pre-ES2019 JavaScript (U+2028, U+2029).
const UNSAFE_IN_SCRIPT = /[<>&\u2028\u2029]/g

/**
 * JSON-LD serialized to go between `<script type="application/ld+json">` and `</script>` as is:
 * JSON whose `<`, `>`, `&`, U+2028 and U+2029 are written as `\u003c`-style escapes, so no value
 * (a headline containing `</script><script>`, say) can close the element or open another. It
 * parses back to exactly the same object.
 */
export function jsonLdScript(jsonld: Record<string, unknown>): string {
  return JSON.stringify(jsonld).replace(UNSAFE_IN_SCRIPT, (ch) => `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`)
}
