/** Whether `url` is an absolute http(s) URL on one of the allowed origins (ALLOWED_ORIGINS). */
export function isAllowedUrl(origins: ReadonlySet<string>, url: string | null | undefined): url is string {
  if (!url) return false
  try {
    const parsedUrl = new URL(url)
    return (parsedUrl.protocol === 'https:' || parsedUrl.protocol === 'http:') && origins.has(parsedUrl.origin)
  } catch {
    return false
  }
}
