/**
 * What would make a query string mean one thing to the response cache and another to the route:
 * a name or value whose percent-encoding is not UTF-8 (URLSearchParams, which builds the cache
 * key, reads `%FF` as U+FFFD, a word break; Hono, which the route reads through, leaves `%FF` as
 * written, so `q=minister%FF` would be keyed as `minister` and searched as `minister ff`), or a
 * parameter given twice (the key keeps the first, the route refuses both). Either could file one
 * URL's answer under another's key. Returns the parameter at fault and why, or null.
 */
export function queryProblem(query: string): { field: string; detail: string } | null {
  const seen = new Set<string>()
  for (const pair of query.split('&')) {
    if (pair === '') continue
    const equals = pair.indexOf('=')
    const rawName = equals === -1 ? pair : pair.slice(0, equals)
    const name = decoded(rawName)
    if (name === null) return { field: rawName, detail: 'is not valid percent-encoded UTF-8' }
    if (equals !== -1 && decoded(pair.slice(equals + 1)) === null) return { field: name, detail: 'is not valid percent-encoded UTF-8' }
    if (seen.has(name)) return { field: name, detail: 'must be given once' }
    seen.add(name)
  }
  return null
}

/** A form-encoded component as text, or null when its percent-encoding is not UTF-8. */
function decoded(component: string): string | null {
  const text = component.replace(/\+/g, ' ')
  if (!text.includes('%')) return text
  try {
    return decodeURIComponent(text)
  } catch {
    return null
  }
}
