/**
 * The key names are sorted by, so that lists read A–Z as people expect: case and accents do not
 * count ("EU Council" after "Elections", "Émile" with the E's), and letters that Unicode does not
 * decompose into a base letter and an accent are filed under the letter readers see in them
 * ("Łukasz" with the L's, "Øresund" with the O's, "Straße" as "strasse").
 *
 * Character by character, so that migration 0008 computes the same key in SQL from a table of
 * the characters that change (see test/collation.test.ts).
 */

// Letters with a stroke, ligatures and the like: no canonical decomposition to strip an accent
// from. Lowercase only: upper case is lowered first.
const LETTERS: Record<string, string> = {
  ł: 'l',
  ø: 'o',
  đ: 'd',
  ð: 'd',
  þ: 'th',
  ß: 'ss',
  æ: 'ae',
  œ: 'oe',
  ı: 'i',
  ħ: 'h',
  ŧ: 't',
  ŀ: 'l',
  ĸ: 'k',
  ŋ: 'n',
  ſ: 's',
  ƀ: 'b',
  ɨ: 'i',
  ʉ: 'u',
  ƶ: 'z',
  ǥ: 'g',
  ȼ: 'c',
  ɇ: 'e',
  ɉ: 'j',
  ɍ: 'r',
  ɏ: 'y',
  ƚ: 'l',
}

/** One character's part of the key. */
export function foldCharacter(ch: string): string {
  const base = ch.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase().normalize('NFKD').replace(/\p{M}/gu, '')
  return Array.from(base, (c) => LETTERS[c] ?? c).join('')
}

/** The sort key of a name: "Łukasz Wróbel" -> "lukasz wrobel". */
export function sortKey(name: string): string {
  return Array.from(name, foldCharacter).join('')
}
