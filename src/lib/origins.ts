/** The origins in ALLOWED_ORIGINS (comma-separated), parsed once per value. */
let source: string | undefined | null = null
let parsed = new Set<string>()

export function allowedOrigins(env: { ALLOWED_ORIGINS?: string }): Set<string> {
  if (source !== env.ALLOWED_ORIGINS) {
    source = env.ALLOWED_ORIGINS
    parsed = new Set((source ?? '').split(',').map((origin) => origin.trim()).filter(Boolean))
  }
  return parsed
}

/** Whether `url` is an absolute http(s) URL on one of the allowed origins. */
export function isAllowedUrl(env: { ALLOWED_ORIGINS?: string }, url: string | undefined): url is string {
  if (!url) return false
  try {
    const parsedUrl = new URL(url)
    return (parsedUrl.protocol === 'https:' || parsedUrl.protocol === 'http:') && allowedOrigins(env).has(parsedUrl.origin)
  } catch {
    return false
  }
}
