import { generateAtomFeed, generateJsonFeed, generateRssFeed } from 'feedsmith'
import type { ArticleKind, ShownImage } from '../schemas/article.ts'
import { SCHEMA_TYPES } from './jsonld.ts'
import type { Block } from '../schemas/blocks.ts'
import { escapeHtml, renderHtml } from './blocks.ts'
import { jsonLdScript } from './jsonld.ts'
import { xmlText as clean } from './xml-text.ts'

/**
 * One neutral feed model and a renderer per format (RSS 2.0, Atom 1.0, JSON Feed 1.1). The XML is
 * written by feedsmith, which escapes text and splits `]]>` inside CDATA; we only remove what
 * XML 1.0 cannot carry at all (`clean`: src/render/xml-text.ts).
 */

export interface FeedItem {
  url: string
  title: string
  summary: string
  /** Full text as HTML, for partners only. */
  contentHtml: string | null
  published: string
  updated: string
  authors: { name: string; url: string }[]
  /** The section first, then the tags. */
  categories: string[]
  /** What the article is: a category in RSS and Atom (schema.org's type as the term), `_article` in JSON Feed. */
  kind: ArticleKind
  /** Only an image that partners may republish. */
  image: ShownImage | null
}

export interface FeedModel {
  title: string
  description: string
  language: string
  homeUrl: string
  /** The three formats' own URLs, for rel="self" and JSON Feed's feed_url. */
  urls: { rss: string; atom: string; json: string }
  hub: string | null
  updated: string
  items: FeedItem[]
}

export type FeedFormat = keyof FeedModel['urls']

// The kind of an article is told with schema.org's type name, as in its JSON-LD.
const SCHEMA_ORG = 'https://schema.org/'
const KIND_LABELS: Record<ArticleKind, string> = {
  news: 'News',
  analysis: 'Analysis',
  opinion: 'Opinion',
  review: 'Review',
  sponsored: 'Sponsored',
}

/** The body for republication: images whose rights forbid it go, with their captions and credits. */
export function syndicatedHtml(body: Block[], corrections: { text: string; at: string }[]): string {
  const allowed = body.filter((block) => block.type !== 'image' || block.syndication_allowed)
  const notes = corrections.map((c) => `<p><em>Correction (${c.at.slice(0, 10)}):</em> ${escapeHtml(c.text)}</p>`)
  return [renderHtml(allowed), ...notes].filter(Boolean).join('\n')
}

/** An article as partners may republish it: no image whose rights forbid it, anywhere. */
export function syndicatedArticle<
  A extends {
    image: { syndication_allowed: boolean } | null
    body: Block[]
    body_html: string
    jsonld: Record<string, unknown>
    jsonld_script: string
  },
>(article: A): A {
  const image = article.image?.syndication_allowed ? article.image : null
  const body = article.body.filter((block) => block.type !== 'image' || block.syndication_allowed)
  const jsonld = { ...article.jsonld, image: image ? article.jsonld.image : undefined }
  return { ...article, image, body, body_html: renderHtml(body), jsonld, jsonld_script: jsonLdScript(jsonld) }
}

export function renderFeed(model: FeedModel, format: FeedFormat): string {
  if (format === 'rss') return renderRss(model)
  if (format === 'atom') return renderAtom(model)
  return renderJson(model)
}

function renderRss(model: FeedModel): string {
  return generateRssFeed({
    title: clean(model.title),
    link: model.homeUrl,
    description: clean(model.description),
    language: model.language,
    lastBuildDate: new Date(model.updated),
    atom: {
      links: [{ href: model.urls.rss, rel: 'self', type: 'application/rss+xml' }, ...(model.hub ? [{ href: model.hub, rel: 'hub' }] : [])],
    },
    items: model.items.map((item) => ({
      title: clean(item.title),
      link: item.url,
      guid: { value: item.url, isPermaLink: true },
      pubDate: new Date(item.published),
      description: clean(item.summary),
      categories: [...item.categories.map((name) => ({ name: clean(name) })), { name: SCHEMA_TYPES[item.kind], domain: SCHEMA_ORG }],
      dc: { creators: item.authors.map((author) => clean(author.name)) },
      ...(item.contentHtml ? { content: { encoded: clean(item.contentHtml) } } : {}),
      ...(item.image
        ? {
            media: {
              contents: [
                {
                  url: item.image.url,
                  medium: 'image',
                  ...(item.image.width && item.image.height ? { width: item.image.width, height: item.image.height } : {}),
                  ...(item.image.credit ? { credits: [{ value: clean(item.image.credit) }] } : {}),
                  ...(item.image.caption ? { description: { value: clean(item.image.caption) } } : {}),
                },
              ],
            },
          }
        : {}),
    })),
  })
}

function renderAtom(model: FeedModel): string {
  return generateAtomFeed({
    // xml:lang on <feed>: Atom's way of declaring the language of its text (RFC 4287 §2).
    xml: { lang: model.language },
    id: model.urls.atom,
    title: { value: clean(model.title) },
    subtitle: { value: clean(model.description) },
    updated: new Date(model.updated),
    links: [
      { href: model.urls.atom, rel: 'self', type: 'application/atom+xml' },
      { href: model.homeUrl, rel: 'alternate', type: 'text/html' },
      ...(model.hub ? [{ href: model.hub, rel: 'hub' }] : []),
    ],
    entries: model.items.map((item) => ({
      id: item.url,
      title: { value: clean(item.title) },
      links: [{ href: item.url, rel: 'alternate', type: 'text/html' }],
      published: new Date(item.published),
      updated: new Date(item.updated),
      summary: { value: clean(item.summary) },
      authors: item.authors.map((author) => ({ name: clean(author.name), uri: author.url })),
      categories: [
        ...item.categories.map((term) => ({ term: clean(term) })),
        { term: SCHEMA_TYPES[item.kind], scheme: SCHEMA_ORG, label: KIND_LABELS[item.kind] },
      ],
      ...(item.contentHtml ? { content: { type: 'html', value: clean(item.contentHtml) } } : {}),
    })),
  })
}

function renderJson(model: FeedModel): string {
  const feed = generateJsonFeed({
    title: model.title,
    home_page_url: model.homeUrl,
    feed_url: model.urls.json,
    description: model.description,
    language: model.language,
    ...(model.hub ? { hubs: [{ type: 'WebSub', url: model.hub }] } : {}),
    items: model.items.map((item) => ({
      id: item.url,
      url: item.url,
      title: item.title,
      summary: item.summary,
      ...(item.contentHtml ? { content_html: item.contentHtml } : { content_text: item.summary }),
      ...(item.image ? { image: item.image.url } : {}),
      date_published: new Date(item.published),
      date_modified: new Date(item.updated),
      authors: item.authors,
      tags: item.categories,
    })),
  })
  const json = typeof feed === 'string' ? JSON.parse(feed) : feed
  // JSON Feed has no field for it: an extension object, which readers that do not know it ignore.
  json.items?.forEach((item: Record<string, unknown>, i: number) => {
    const kind = model.items[i]!.kind
    item._article = { about: SCHEMA_ORG, kind, type: SCHEMA_TYPES[kind] }
  })
  return JSON.stringify(json)
}
