import type { ArticleBodyRow, ArticleRow, TranslationRow } from '../db/articles.ts'
import { FALLBACK_LANGUAGE, localized, type LocalName } from '../lib/languages.ts'
import { webUrl, type Site } from '../lib/site.ts'
import { readingTimeMinutes, renderHtml } from '../render/blocks.ts'
import { jsonLdScript, newsArticleJsonLd, type Publisher } from '../render/jsonld.ts'
import type { Article, ArticleKind, ArticleSummary, Translation } from '../schemas/article.ts'
import type { Block } from '../schemas/blocks.ts'

/**
 * Articles as the API shows them, from the rows src/db/articles.ts reads: links on the website,
 * names in the article's language, the body rendered to HTML and the JSON-LD.
 */

/** An article in a list: everything but the body, its versions and corrections. */
export function toArticleSummary(row: ArticleRow, siteUrl: string): ArticleSummary {
  const authors: { slug: string; name: string; job_title: string | null }[] = JSON.parse(row.authors)
  const [kind, width, height]: [ArticleKind, number | null, number | null] = JSON.parse(row.presentation)
  const tags: { slug: string; name: string; translations: Record<string, LocalName> }[] = JSON.parse(row.tags)
  // Section and tag names in the article's language, or the default one (saying which).
  const defaultLanguage = row.default_language ?? FALLBACK_LANGUAGE
  const section = localized({ name: row.section_name }, row.section_translations, row.language, defaultLanguage)
  return {
    slug: row.slug,
    url: webUrl(siteUrl, 'articles', row.slug),
    headline: row.headline,
    kind,
    standfirst: row.standfirst,
    dateline: row.dateline,
    language: row.language,
    section: { slug: row.section_slug, name: section.name, language: section.language },
    tags: tags.map((tag) => {
      const local = localized(tag, tag.translations, row.language, defaultLanguage)
      return { slug: tag.slug, name: local.name, language: local.language }
    }),
    authors: authors.map((author) => ({ ...author, url: webUrl(siteUrl, 'authors', author.slug) })),
    image: row.image_url
      ? {
          url: row.image_url,
          width,
          height,
          alt: row.image_alt ?? '',
          caption: row.image_caption,
          credit: row.image_credit,
          syndication_allowed: row.image_syndication === 1,
        }
      : null,
    published_at: row.published_at!,
    updated_at: row.updated_at,
  }
}

/** The whole article; `site` names the publisher when the publication row is missing. */
export function toArticle(row: ArticleBodyRow, site: Site): Article {
  const body: Block[] = JSON.parse(row.body)
  const publisher: Publisher | null = row.publisher ? JSON.parse(row.publisher) : null
  const translations: TranslationRow[] = JSON.parse(row.translations)
  const article = {
    ...toArticleSummary(row, site.url),
    translations: translations.map((t) => toTranslation(t, site.url)),
    body,
    body_html: renderHtml(body),
    word_count: row.word_count,
    reading_time_minutes: readingTimeMinutes(row.word_count),
    corrections: JSON.parse(row.corrections) as { text: string; at: string }[],
  }
  const original = translations.find((t) => t.original === 1 && t.status === 'published')
  const jsonld = newsArticleJsonLd(article, publisher ?? { name: site.name, url: site.url, logo_url: null }, {
    isOriginal: row.is_original === 1,
    original: original ? toTranslation(original, site.url) : null,
  })
  return { ...article, jsonld, jsonld_script: jsonLdScript(jsonld) }
}

/** A version in the translations list, as the API shows it. */
export function toTranslation(row: TranslationRow, siteUrl: string): Translation {
  return { language: row.language, slug: row.slug, url: webUrl(siteUrl, 'articles', row.slug), headline: row.headline }
}
