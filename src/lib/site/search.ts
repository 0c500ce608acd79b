/**
 * Text search over claims. The static /search/ page lists every claim with its searchable fields
 * in a data attribute; the page's small script ranks them with `rankMatches` as the reader types.
 * Pure, and shared by the build (which writes the fields) and the browser (which ranks them).
 *
 * Ranking: each query word scores the weight of the best field it occurs in (the statement and the
 * claimed figure first, section titles last); a claim matches when every word occurs somewhere.
 * Equal scores are ordered by featured claims first (the questions the home page answers), then by
 * kind of check (a measurement before a recomputation before a source, for the same figure), then
 * in reading order.
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

/**
 * Where a word can match, strongest first. A word found in the statement or the claimed figure
 * says more about the claim than one found in the title of the section it was taken from.
 */
export const SEARCH_FIELD_WEIGHTS = {
  /** The claim in our words. */
  statement: 10,
  /** The claimed figure as text ("68,000x") and the record id. */
  figure: 10,
  /** What is compared: subject, baseline, workload. */
  compared: 6,
  /** Verdict, kind of check, topic. */
  facets: 4,
  /** Title of the article. */
  article: 2,
  /** Heading of the article section the claim sits in. */
  section: 1,
} as const;
export type SearchField = keyof typeof SEARCH_FIELD_WEIGHTS;
export const SEARCH_FIELDS = Object.keys(SEARCH_FIELD_WEIGHTS) as SearchField[];

/** The normalized text of each field of one claim. */
export type SearchFields = Record<SearchField, string>;

/** Builds the normalized fields of a claim from its parts (blank parts are dropped). */
export function searchFields(parts: Record<SearchField, ReadonlyArray<string | undefined | null>>): SearchFields {
  return Object.fromEntries(SEARCH_FIELDS.map((f) => [f, searchText(parts[f])])) as SearchFields;
}

/** Fields packed into one string for a data attribute (fixed order, separated by U+001F). */
export function packFields(f: SearchFields): string {
  return SEARCH_FIELDS.map((k) => f[k].replaceAll('\u001f', ' ')).join('\u001f');
}

export function unpackFields(s: string): SearchFields {
  const parts = s.split('\u001f');
  return Object.fromEntries(SEARCH_FIELDS.map((k, i) => [k, parts[i] ?? ''])) as SearchFields;
}

/**
 * The score of a claim for a query: for each word, the weight of the strongest field that contains
 * it, summed; null when some word occurs nowhere. A blank query scores 0 (everything matches).
 */
export function scoreFields(fields: SearchFields, query: string): number | null {
  let score = 0;
  for (const term of queryTerms(query)) {
    let best = 0;
    for (const f of SEARCH_FIELDS) if (SEARCH_FIELD_WEIGHTS[f] > best && fields[f].includes(term)) best = SEARCH_FIELD_WEIGHTS[f];
    if (best === 0) return null;
    score += best;
  }
  return score;
}

/** Kinds of check in the order a reader should see them for the same figure: evidence we produced first. */
export const KIND_RANK: Record<string, number> = { measured: 0, probe: 1, arithmetic: 2, sourced: 3, unverifiable: 4 };

export interface Searchable {
  fields: SearchFields;
  kind: string;
  /** Featured on the home page as the answer to a common question. */
  featured: boolean;
  /** Position in reading order (the list's order). */
  order: number;
}

/**
 * The claims that match every word, best first: score, then featured, then kind of check, then
 * reading order. Returns indexes into `items`. A blank query keeps reading order.
 */
export function rankMatches(items: readonly Searchable[], query: string): number[] {
  const blank = queryTerms(query).length === 0;
  return items
    .map((item, i) => ({ i, item, score: scoreFields(item.fields, query) }))
    .filter((x): x is { i: number; item: Searchable; score: number } => x.score !== null)
    .sort((a, b) => {
      if (blank) return a.item.order - b.item.order;
      return b.score - a.score
        || Number(b.item.featured) - Number(a.item.featured)
        || (KIND_RANK[a.item.kind] ?? 9) - (KIND_RANK[b.item.kind] ?? 9)
        || a.item.order - b.item.order;
    })
    .map((x) => x.i);
}
