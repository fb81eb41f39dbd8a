/**
 * What a reader typed into the search box, as words, and the FTS5 queries that search for them.
 *
 * FTS5 has its own syntax (quotes, `*`, `^`, AND/OR/NOT/NEAR, column filters, parentheses);
 * none of it may reach FTS5 from user input, or a stray quote becomes a 500 and a crafted query
 * an expensive one. So we keep only runs of letters and digits, and quote each as a phrase: a
 * search means "all these words". No prefix matching: FTS5 answers a prefix query by merging the
 * whole posting list of every word with that prefix before it returns a row, work that grows with
 * the archive.
 */

/** At most this many distinct words in a search (more is a 400 problem naming `q`). */
export const MAX_TERMS = 8

/**
 * The search as its words, in a canonical spelling: lower case, Latin letters without their
 * accents (as the FTS index folds them: "Zürich" is "zurich"), each word once, in alphabetical
 * order (a search means all its words, in any order). Empty when there is no word.
 */
export function searchWords(input: string): string[] {
  const words = input.normalize('NFKC').match(/[\p{L}\p{N}]+/gu) ?? []
  const canonical = words.map((word) =>
    word
      // "İ" lower-cases to "i" plus a combining dot, which FTS5 would read as a word break.
      .toLowerCase()
      .replace(/\u0307/g, '')
      .normalize('NFD')
      .replace(/(?<=\p{Script=Latin})\p{Mn}+/gu, '')
      .normalize('NFC'),
  )
  return [...new Set(canonical.filter((word) => word.length > 0))].sort()
}

/**
 * The canonical form of a search string: its words, as searchWords() spells them, joined by one
 * space. Spellings that mean the same search (`geneva `, `Geneva`, `talks  geneva`) give the same
 * string, so the response cache can key on it. Empty when there is no word.
 */
export function normalizeSearch(q: string): string {
  return searchWords(q).join(' ')
}

/** The FTS5 queries of one search, from the narrowest match to the broadest. */
export interface SearchQuery {
  /** Every word in the headline. */
  headline: string
  /** Every word in the headline or standfirst, not all of them in the headline. */
  lead: string
  /** Every word anywhere, not all of them in the headline or standfirst. */
  body: string
  /** Every word anywhere. */
  all: string
}

/** The FTS5 queries for searchWords()' output (1 to MAX_TERMS words). */
export function searchQuery(words: string[]): SearchQuery {
  const phrases = (columns?: string) => `(${words.map((word) => `${columns ? `{${columns}}: ` : ''}"${word}"`).join(' AND ')})`
  const headline = phrases('headline')
  const lead = phrases('headline standfirst')
  const all = phrases()
  return { headline, lead: `${lead} NOT ${headline}`, body: `${all} NOT ${lead}`, all }
}
