import { describe, expect, it } from 'vitest';
import { facetGroups, facetHref, filterByFacet, humanize, matchesSelection, topicLabel, type FacetItem } from '../../src/lib/site/facets.ts';

const items: FacetItem[] = [
  { verdict: 'overstated', article: 'b', topic: 'matmul', kind: 'measured' },
  { verdict: 'confirmed', article: 'a', topic: 'mojo-speedups', kind: 'sourced' },
  { verdict: 'overstated', article: 'a', topic: 'mojo-speedups', kind: 'measured' },
  { verdict: 'pending', article: 'a', topic: 'some-new-topic', kind: 'measured' },
];
const articles = [{ slug: 'a', title: 'Article A' }, { slug: 'b', title: 'Article B' }, { slug: 'c', title: 'No claims' }];

describe('facet groups', () => {
  const groups = facetGroups(items, articles);
  const values = (f: string) => groups.find((g) => g.facet === f)!.values;

  it('has the four facets in a fixed order', () => {
    expect(groups.map((g) => g.facet)).toEqual(['verdict', 'article', 'topic', 'kind']);
  });
  it('lists only values present, with counts, verdicts in vocabulary order', () => {
    expect(values('verdict').map((v) => [v.value, v.n])).toEqual([['confirmed', 1], ['overstated', 2], ['pending', 1]]);
  });
  it('keeps the given article order, labels articles by title, and skips articles without claims', () => {
    expect(values('article').map((v) => [v.value, v.label, v.n])).toEqual([['a', 'Article A', 3], ['b', 'Article B', 1]]);
  });
  it('orders topics as the schema does, puts unknown ones last and humanizes their names', () => {
    expect(values('topic').map((v) => v.label)).toEqual(['Mojo speed-ups', 'Matrix multiplication', 'Some new topic']);
  });
  it('links every value to its static page', () => {
    expect(values('kind').map((v) => v.href)).toEqual(['/claims/kind/measured/', '/claims/kind/sourced/']);
    expect(facetHref('verdict', 'overstated')).toBe('/claims/verdict/overstated/');
  });
  it('counts add up to the number of items in every facet', () => {
    for (const g of groups) expect(g.values.reduce((n, v) => n + v.n, 0)).toBe(items.length);
  });
});

describe('filtering', () => {
  it('keeps exactly the items with the value, in order', () => {
    expect(filterByFacet(items, 'verdict', 'overstated', (i) => i)).toEqual([items[0], items[2]]);
    expect(filterByFacet(items, 'article', 'c', (i) => i)).toEqual([]);
  });
  it('combines facets; an empty selection matches everything', () => {
    expect(items.filter((i) => matchesSelection(i, { kind: 'measured', article: 'a' }))).toEqual([items[2], items[3]]);
    expect(items.filter((i) => matchesSelection(i, {}))).toHaveLength(4);
  });
  it('labels', () => {
    expect(humanize('free-threading')).toBe('Free threading');
    expect(topicLabel('rust-ai-infra')).toBe('Rust in AI infrastructure');
  });
});
