/** The parts a valid `fields` value (ArticleFields, SummaryFields) leaves out: "-body,-jsonld" -> body, jsonld. */
export function omittedParts(fields: string | undefined): Set<string> {
  const parts = new Set(fields ? fields.split(',').map((part) => part.slice(1)) : [])
  // `jsonld_script` is `jsonld` serialized for a page: for clients, one part.
  if (parts.has('jsonld')) parts.add('jsonld_script')
  return parts
}

/** `value` without the parts `fields` leaves out; the same object when it leaves out nothing. */
export function withoutParts<T extends object>(value: T, omitted: Set<string>): T {
  if (omitted.size === 0) return value
  return Object.fromEntries(Object.entries(value).filter(([key]) => !omitted.has(key))) as T
}
