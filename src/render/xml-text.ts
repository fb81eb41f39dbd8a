/**
 * Text as XML 1.0 can carry it, for every XML document we write (feeds, sitemaps). The builders
 * escape &, <, > and quotes; what no escaping can save is removed here first: one such character
 * makes the whole document unreadable to a feed reader or a crawler.
 */

// Characters not allowed anywhere in an XML 1.0 document (tab, LF and CR are allowed).
// biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is this pattern's purpose
const ILLEGAL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g

/** Lone surrogates become U+FFFD (they have no UTF-8 form); illegal characters are dropped. */
export function xmlText(text: string): string {
  return text.toWellFormed().replace(ILLEGAL, '')
}
