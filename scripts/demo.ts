import type { ContentBundle } from '../src/content/import.ts'
import { articles, authors, publication, sections, tags } from './demo-content.ts'

/** The demo newspaper with publication times set relative to `now`, so the demo always looks current. */
export function demoBundle(now: Date): ContentBundle {
  return {
    publication,
    sections,
    tags,
    authors,
    articles: articles.map(({ hours_ago, ...article }) => ({
      ...article,
      published_at: new Date(Math.floor(now.getTime() / 60_000) * 60_000 - hours_ago * 3_600_000).toISOString(),
    })),
  }
}
