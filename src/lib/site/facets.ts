/**
 * Facets of the claim index: verdict, article, topic and kind. Each value gets a static page
 * (/claims/<facet>/<value>/) so that filtering works without JavaScript. Pure: items in, groups out.
 */
import { CLAIM_KINDS, TOPICS } from '../schema/claim.ts';
import { ALL_VERDICTS, type Verdict } from '../verdict-vocabulary.ts';

export const FACETS = ['verdict', 'article', 'topic', 'kind'] as const;
export type Facet = (typeof FACETS)[number];

/** What a claim must expose to be faceted. */
export interface FacetItem {
  verdict: Verdict;
  article: string;
  topic: string;
  kind: string;
}

export interface FacetValue {
  facet: Facet;
  value: string;
  label: string;
  n: number;
  href: string;
}

export interface FacetGroup {
  facet: Facet;
  title: string;
  values: FacetValue[];
}

export const FACET_TITLES: Record<Facet, string> = { verdict: 'Verdict', article: 'Article', topic: 'Topic', kind: 'Kind of check' };

/** Readable names for topics; a topic missing here is shown with its slug humanized. */
export const TOPIC_LABELS: Partial<Record<string, string>> = {
  'mojo-speedups': 'Mojo speed-ups',
  matmul: 'Matrix multiplication',
  'free-threading': 'Free-threaded Python',
  'rust-ai-infra': 'Rust in AI infrastructure',
  ecosystem: 'Ecosystem',
  economics: 'Economics',
  safety: 'Safety',
  releases: 'Releases and dates',
};

export const KIND_LABELS: Record<string, string> = {
  measured: 'Measured',
  probe: 'Probe',
  arithmetic: 'Arithmetic',
  sourced: 'Sourced',
  unverifiable: 'Unverifiable',
};

/** "free-threading" -> "Free threading". */
export function humanize(slug: string): string {
  const s = slug.replace(/-/g, ' ');
  return s.charAt(0).toUpperCase() + s.slice(1);
}

/**
 * How a claim was checked, as a phrase shown beside every verdict badge: "confirmed, by
 * measurement" is not "confirmed, against its source".
 */
export const CHECK_PHRASES: Record<string, string> = {
  measured: 'by measurement',
  probe: 'by running a program',
  arithmetic: "by recomputing the article's numbers",
  sourced: 'against its source',
  unverifiable: 'no public evidence to check',
};
export const checkPhrase = (k: string) => CHECK_PHRASES[k] ?? humanize(k);

export const topicLabel = (t: string) => TOPIC_LABELS[t] ?? humanize(t);
export const kindLabel = (k: string) => KIND_LABELS[k] ?? humanize(k);

export const facetHref = (facet: Facet, value: string) => `/claims/${facet}/${value}/`;

export function facetKey(item: FacetItem, facet: Facet): string {
  return item[facet];
}

/** Items whose `facet` equals `value`, in their given order; `of` finds an item's facets. */
export function filterByFacet<T>(items: readonly T[], facet: Facet, value: string, of: (item: T) => FacetItem): T[] {
  return items.filter((i) => facetKey(of(i), facet) === value);
}

/** Items matching every facet named in `selection` (an empty selection matches all). */
export function matchesSelection(item: FacetItem, selection: Partial<Record<Facet, string>>): boolean {
  return FACETS.every((f) => !selection[f] || facetKey(item, f) === selection[f]);
}

/** Position of `v` in `order`, unknown values after known ones (then alphabetical by the caller). */
function rank(order: readonly string[], v: string): number {
  const i = order.indexOf(v);
  return i < 0 ? order.length : i;
}

/**
 * Every facet with the values present among `items`, with counts, in a stable order: verdicts in
 * vocabulary order, articles in the order given, topics and kinds in schema order.
 */
export function facetGroups(items: readonly FacetItem[], articles: ReadonlyArray<{ slug: string; title: string }>): FacetGroup[] {
  const articleOrder = articles.map((a) => a.slug);
  const titles = new Map(articles.map((a) => [a.slug, a.title]));
  const orders: Record<Facet, readonly string[]> = { verdict: ALL_VERDICTS, article: articleOrder, topic: TOPICS, kind: CLAIM_KINDS };
  const label: Record<Facet, (v: string) => string> = {
    verdict: (v) => v,
    article: (v) => titles.get(v) ?? v,
    topic: topicLabel,
    kind: kindLabel,
  };
  return FACETS.map((facet) => {
    const counts = new Map<string, number>();
    for (const i of items) counts.set(facetKey(i, facet), (counts.get(facetKey(i, facet)) ?? 0) + 1);
    const values = [...counts.entries()]
      .sort(([a], [b]) => rank(orders[facet], a) - rank(orders[facet], b) || a.localeCompare(b))
      .map(([value, n]) => ({ facet, value, n, label: label[facet](value), href: facetHref(facet, value) }));
    return { facet, title: FACET_TITLES[facet], values };
  });
}
