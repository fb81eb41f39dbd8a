import XMLBuilder from 'fast-xml-builder'
import { xmlText } from './xml-text.ts'

/**
 * Sitemaps (https://www.sitemaps.org/protocol.html) and Google News sitemaps, built as objects and
 * serialised by fast-xml-builder's XMLBuilder, which escapes &, <, >, ' and " in text and
 * attributes. What XML cannot carry at all (most C0 control characters, lone surrogates,
 * U+FFFE/U+FFFF) is removed from text first: escaping cannot save it, and one such character makes
 * the whole document unreadable to a crawler.
 */

export const SITEMAP_NS = 'http://www.sitemaps.org/schemas/sitemap/0.9'
export const NEWS_NS = 'http://www.google.com/schemas/sitemap-news/0.9'
export const XHTML_NS = 'http://www.w3.org/1999/xhtml'
export const XML_CONTENT_TYPE = 'application/xml; charset=utf-8'

const builder = new XMLBuilder({ ignoreAttributes: false, attributeNamePrefix: '@', suppressEmptyNode: false })

const DECLARATION = { '?xml': { '@version': '1.0', '@encoding': 'UTF-8' } }

/**
 * The language as Google News wants it: an ISO 639 code ("en", not "en-GB"), except Chinese,
 * which is "zh-cn" (simplified) or "zh-tw" (traditional).
 */
export function newsLanguage(language: string): string {
  const [primary = '', region = ''] = language.toLowerCase().split('-')
  if (primary === 'zh') return ['tw', 'hk', 'mo'].includes(region) ? 'zh-tw' : 'zh-cn'
  return primary
}

export interface NewsEntry {
  /** The article's absolute web URL. */
  loc: string
  title: string
  /** BCP 47 as stored ("en", "en-GB"). */
  language: string
  /** ISO 8601 */
  publishedAt: string
}

export interface UrlEntry {
  loc: string
  /** ISO 8601 */
  lastmod?: string
  /** The same page in other languages, this one included, and `x-default` (hreflang alternates). */
  alternates?: { hreflang: string; href: string }[]
}

/** A Google News sitemap: one <url> per article, with the publication's name and language. */
export function renderNewsSitemap(publicationName: string, entries: NewsEntry[]): string {
  const name = xmlText(publicationName)
  return builder.build({
    ...DECLARATION,
    urlset: {
      '@xmlns': SITEMAP_NS,
      '@xmlns:news': NEWS_NS,
      url: entries.map((entry) => ({
        loc: xmlText(entry.loc),
        'news:news': {
          'news:publication': {
            'news:name': name,
            'news:language': xmlText(newsLanguage(entry.language)),
          },
          'news:publication_date': xmlText(entry.publishedAt),
          'news:title': xmlText(entry.title),
        },
      })),
    },
  })
}

/**
 * A plain sitemap (<urlset>). Entries with alternates list them as
 * `<xhtml:link rel="alternate" hreflang="…" href="…"/>`, the form Google documents for
 * multilingual sitemaps (https://developers.google.com/search/docs/specialty/international/localized-versions#sitemap).
 */
export function renderUrlset(entries: UrlEntry[]): string {
  return builder.build({
    ...DECLARATION,
    urlset: {
      '@xmlns': SITEMAP_NS,
      '@xmlns:xhtml': XHTML_NS,
      url: entries.map((entry) => ({
        ...locAndLastmod(entry),
        ...(entry.alternates?.length
          ? {
              'xhtml:link': entry.alternates.map((link) => ({
                '@rel': 'alternate',
                '@hreflang': xmlText(link.hreflang),
                '@href': xmlText(link.href),
              })),
            }
          : {}),
      })),
    },
  })
}

/**
 * The hreflang alternates of one page from the public versions of its story (itself included):
 * one per version, plus `x-default` for the version in the default language when there is one.
 * None when the story has a single public version.
 */
export function hreflangAlternates(versions: { language: string; url: string }[], defaultLanguage: string): UrlEntry['alternates'] {
  if (versions.length < 2) return undefined
  const links = versions.map((version) => ({ hreflang: version.language, href: version.url }))
  const byDefault = versions.find((version) => version.language === defaultLanguage)
  return byDefault ? [...links, { hreflang: 'x-default', href: byDefault.url }] : links
}

/** A sitemap index (<sitemapindex>) over other sitemaps. */
export function renderSitemapIndex(entries: UrlEntry[]): string {
  return builder.build({ ...DECLARATION, sitemapindex: { '@xmlns': SITEMAP_NS, sitemap: entries.map(locAndLastmod) } })
}

function locAndLastmod(entry: UrlEntry) {
  return entry.lastmod === undefined ? { loc: xmlText(entry.loc) } : { loc: xmlText(entry.loc), lastmod: xmlText(entry.lastmod) }
}
