/**
 * Text search over claims. The static /search/ page lists every claim with its normalized text in
 * a data attribute; the page's small script runs `matchesQuery` as the reader types. Pure, and
 * shared by the build (which writes the text) and the browser (which matches it).
 */

/** Lowercase, accents stripped, thousands separators dropped ("68,000x" -> "68000x"), spaces collapsed. */
export function normalize(s: string): string {
  return s
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/(\d)[,\u202f\u00a0](?=\d{3}(?!\d))/g, '$1')
    .replace(/[\u2013\u2014]/g, '-')
    .replace(/\s+/g, ' ')
    .trim();
}

/** The words of a query, normalized; empty for a blank query. */
export function queryTerms(query: string): string[] {
  const n = normalize(query);
  return n === '' ? [] : n.split(' ');
}

/** True when every word of the query occurs in the (already normalized) text. A blank query matches. */
export function matchesQuery(normalizedText: string, query: string): boolean {
  return queryTerms(query).every((t) => normalizedText.includes(t));
}

/** The searchable text of a claim: what a reader may type to find it. */
export function searchText(parts: ReadonlyArray<string | undefined | null>): string {
  return normalize(parts.filter((p): p is string => typeof p === 'string' && p !== '').join(' '));
}
