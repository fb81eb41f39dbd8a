/**
 * Turns what a reader typed into an FTS5 query that can only mean "all these words".
 *
 * FTS5 has its own syntax (quotes, `*`, `^`, AND/OR/NOT/NEAR, column filters, parentheses);
 * none of it may reach FTS5 from user input, or a stray quote becomes a 500 and a crafted query
 * an expensive one. So we keep only runs of letters and digits, quote each as a phrase, and let
 * the last word match as a prefix, as a search box usually does while typing.
 * Returns null when the input has no word to search for.
 */
const MAX_TERMS = 12

export function ftsQuery(input: string): string | null {
  const words = input.normalize('NFKC').match(/[\p{L}\p{N}]+/gu)
  if (!words) return null
  const terms = words.slice(0, MAX_TERMS).map((word) => `"${word}"`)
  // A one- or two-letter prefix would match half the index: only longer words get one.
  if (words.length <= MAX_TERMS && words[words.length - 1]!.length >= 3) terms[terms.length - 1] += '*'
  return terms.join(' ')
}
