import type { Article } from '../schemas/article.ts'
import type { Block, Image } from '../schemas/blocks.ts'
import type { Ninjs } from '../schemas/ninjs.ts'
import { countWords, renderText } from './blocks.ts'
import { syndicatedHtml } from './feeds.ts'

/**
 * Articles as IPTC ninjs 3.x, the JSON the news agencies' customers ingest. Pure: the caller
 * decides the status (usable, withheld under embargo, canceled) and passes the rights.
 */

export const NINJS_VERSION = '3.1'
export const NINJS_SCHEMA = `https://www.iptc.org/std/ninjs/ninjs-schema_${NINJS_VERSION}.json`
export const NINJS_CONTENT_TYPE = 'application/ninjs+json'

/** What an article carries for partners besides its public representation. */
export interface Rights {
  copyright_holder: string | null
  usage_terms: string | null
}

export interface NinjsSource {
  id: number
  version: number
  created_at: string
  article: Article
  rights: Rights
}

export interface NinjsOptions {
  /** The newspaper's site (SITE_URL): the authority of every `uri`. */
  siteUrl: string
  /** The publication's name: the default copyright holder. */
  publisher: string
  pubStatus: Ninjs['pubStatus']
  /** Set while the article is under embargo (pubStatus `withheld`). */
  embargoedUntil?: string | null
  edNote?: string
}

/** The usage terms when an article names none. */
export const defaultUsageTerms = (publisher: string) =>
  `Syndication partners of ${publisher} may republish this story in full under their agreement, crediting ${publisher}. Do not edit its meaning.`

/**
 * A stable identifier for the article (RFC 4151 tag URI): built from its numeric id, so it
 * survives a change of slug or of the site's paths, and never points at something that moves.
 */
export function ninjsUri(siteUrl: string, id: number): string {
  return `tag:${new URL(siteUrl).hostname},2026:article:${id}`
}

const cleared = (blocks: Block[]) => blocks.filter((block) => block.type !== 'image' || block.syndication_allowed)

// Images stored before sizes were required have none (null).
type SizedImage = Omit<Image, 'width' | 'height'> & { width: number | null; height: number | null }

function picture(name: string, image: SizedImage, publisher: string): NonNullable<Ninjs['associations']>[number] {
  return {
    name,
    uri: image.url,
    type: 'picture',
    ...(image.caption ? { headlines: [{ role: 'caption', value: image.caption }] } : {}),
    ...(image.alt ? { descriptions: [{ role: 'alt', value: image.alt }] } : {}),
    ...(image.credit ? { by: image.credit } : {}),
    usageTerms: `Cleared for republication by ${publisher}'s syndication partners with this story, with its credit.`,
    renditions: [
      { name: 'original', href: image.url, ...(image.width && image.height ? { width: image.width, height: image.height } : {}) },
    ],
  }
}

/** The article as ninjs: images partners may not republish are left out everywhere. */
export function toNinjs(source: NinjsSource, options: NinjsOptions): Ninjs {
  const { article, rights } = source
  const body = cleared(article.body)
  const text = [renderText(body), ...article.corrections.map((c) => `Correction (${c.at.slice(0, 10)}): ${c.text}`)]
    .filter(Boolean)
    .join('\n\n')
  const html = syndicatedHtml(article.body, article.corrections)
  const words = countWords(text)
  const holder = rights.copyright_holder ?? options.publisher
  // Imported archives were created (in this system) after they were first published.
  const created = source.created_at < article.published_at ? source.created_at : article.published_at
  const images = body.filter((block): block is Extract<Block, { type: 'image' }> => block.type === 'image')
  const associations = [
    ...(article.image?.syndication_allowed ? [picture('featureimage', article.image, options.publisher)] : []),
    ...images.map((image, i) => picture(`image-${i + 1}`, image, options.publisher)),
  ]
  return {
    standard: { name: 'ninjs', version: NINJS_VERSION, schema: NINJS_SCHEMA },
    uri: ninjsUri(options.siteUrl, source.id),
    type: 'text',
    representationType: 'full',
    version: String(source.version),
    firstCreated: created,
    versionCreated: article.updated_at,
    contentCreated: created,
    ...(options.embargoedUntil ? { embargoedUntil: options.embargoedUntil } : {}),
    pubStatus: options.pubStatus,
    language: article.language,
    slugline: article.slug,
    altIds: [
      { role: 'slug', value: article.slug },
      { role: 'url', value: article.url },
    ],
    headlines: [{ role: 'main', value: article.headline }],
    ...(article.standfirst ? { descriptions: [{ role: 'summary', value: article.standfirst }] } : {}),
    bodies: [
      { role: 'main', contentType: 'text/html', value: html, charCount: text.length, wordCount: words },
      { role: 'main', contentType: 'text/plain', value: text, charCount: text.length, wordCount: words },
    ],
    by: byline(article.authors.map((author) => author.name)),
    people: article.authors.map((author) => ({ name: author.name, rel: 'author', uri: author.url, literal: author.slug })),
    subjects: [
      { name: article.section.name, rel: 'section', literal: article.section.slug },
      ...article.tags.map((tag) => ({ name: tag.name, rel: 'tag', literal: tag.slug })),
    ],
    ...(article.dateline ? { located: article.dateline } : {}),
    ...(associations.length ? { associations } : {}),
    renditions: [{ name: 'web', href: article.url, contentType: 'text/html' }],
    copyrightHolder: holder,
    copyrightNotice: `© ${article.published_at.slice(0, 4)} ${holder}`,
    usageTerms: rights.usage_terms ?? defaultUsageTerms(options.publisher),
    ...(options.edNote ? { edNote: options.edNote } : {}),
  }
}

/** The kill notice for a withdrawn article: its identity, `canceled`, and what to do. */
export function withdrawnNinjs(source: { id: number; version: number; slug: string; at: string }, siteUrl: string): Ninjs {
  return {
    standard: { name: 'ninjs', version: NINJS_VERSION, schema: NINJS_SCHEMA },
    uri: ninjsUri(siteUrl, source.id),
    type: 'text',
    representationType: 'partial',
    version: String(source.version),
    versionCreated: source.at,
    pubStatus: 'canceled',
    slugline: source.slug,
    altIds: [{ role: 'slug', value: source.slug }],
    edNote: 'Withdrawn: this story must no longer be published. Remove it from every place where you republished it.',
  }
}

/** "A", "A and B", "A, B and C". */
function byline(names: string[]): string | undefined {
  if (names.length === 0) return undefined
  if (names.length === 1) return names[0]
  return `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}`
}
