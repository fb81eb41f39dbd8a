/** Where each resource lives on the newspaper's own website (SITE_URL), for `url` fields and feeds. */
export type WebPath = 'articles' | 'authors' | 'sections' | 'tags'

export function webUrl(siteUrl: string, kind: WebPath, slug: string): string {
  return `${siteUrl.replace(/\/+$/, '')}/${kind}/${slug}`
}

/** The publication as configured in wrangler.toml vars: enough to build links without a query. */
export interface Site {
  url: string
  name: string
  /** This API's public origin (API_URL, no trailing slash): every absolute link to the API itself. */
  apiUrl: string
}
