import { describe, expect, it } from 'vitest';
import {
  SEARCH_FIELD_WEIGHTS, matchesQuery, normalize, packFields, queryTerms, rankMatches, scoreFields, searchFields, searchText, unpackFields,
  type SearchField, type Searchable,
} from '../../src/lib/site/search.ts';
import { buildSiteModel } from '../../src/lib/view.ts';
import { loadDataset } from '../../src/io/load.ts';

describe('normalize', () => {
  it('lowercases, strips accents, collapses spaces', () => {
    expect(normalize('  Café   MOJO\n')).toBe('cafe mojo');
  });
  it('drops thousands separators so 68,000x and 68000x match', () => {
    expect(normalize('68,000x and 1,234,567')).toBe('68000x and 1234567');
    expect(normalize('3,5')).toBe('3,5');
  });
  it('turns dashes into hyphens', () => {
    expect(normalize('10–1,000x')).toBe('10-1000x');
  });
});

describe('matching', () => {
  const text = searchText(['mandelbrot-68000x', 'Mojo is 68,000x faster than Python', undefined, null, 'overstated']);
  it('needs every word of the query', () => {
    expect(matchesQuery(text, 'mojo python')).toBe(true);
    expect(matchesQuery(text, 'mojo rust')).toBe(false);
  });
  it('matches figures however they are written, and parts of words', () => {
    expect(matchesQuery(text, '68,000')).toBe(true);
    expect(matchesQuery(text, '68000X')).toBe(true);
    expect(matchesQuery(text, 'overstat')).toBe(true);
  });
  it('a blank query matches everything', () => {
    expect(queryTerms('   ')).toEqual([]);
    expect(matchesQuery(text, '')).toBe(true);
  });
});

describe('ranking', () => {
  const item = (over: Partial<Record<SearchField, string>>, kind = 'measured', order = 0, featured = false): Searchable => ({
    fields: searchFields({ statement: [over.statement], figure: [over.figure], compared: [over.compared], facets: [over.facets], article: [over.article], section: [over.section] }),
    kind, order, featured,
  });
  it('scores a word by the strongest field it occurs in, and needs every word', () => {
    const f = item({ statement: 'Mojo is 68,000x faster', section: 'Mandelbrot 68,000x' }).fields;
    expect(scoreFields(f, '68000')).toBe(SEARCH_FIELD_WEIGHTS.statement);
    expect(scoreFields(f, 'mandelbrot')).toBe(SEARCH_FIELD_WEIGHTS.section);
    expect(scoreFields(f, '68000 mandelbrot')).toBe(SEARCH_FIELD_WEIGHTS.statement + SEARCH_FIELD_WEIGHTS.section);
    expect(scoreFields(f, '68000 rust')).toBeNull();
    expect(scoreFields(f, '')).toBe(0);
  });
  it('puts statement matches before section-title matches, whatever the reading order', () => {
    const items = [item({ statement: 'Rust is fast', section: 'The 68,000x story' }, 'sourced', 0), item({ statement: 'Mojo reaches 68,000x' }, 'measured', 1)];
    expect(rankMatches(items, '68000')).toEqual([1, 0]);
  });
  it('for the same figure, puts a measurement before a recomputation before a source', () => {
    const items = [item({ figure: '68000x' }, 'sourced', 0), item({ figure: '68000x' }, 'arithmetic', 1), item({ figure: '68000x' }, 'measured', 2)];
    expect(rankMatches(items, '68000x')).toEqual([2, 1, 0]);
  });
  it('puts a featured claim first among equal scores, and keeps reading order after that', () => {
    const items = [item({ figure: '43x' }, 'measured', 0), item({ figure: '43x' }, 'measured', 1, true), item({ figure: '43x' }, 'measured', 2)];
    expect(rankMatches(items, '43x')).toEqual([1, 0, 2]);
  });
  it('keeps reading order for a blank query', () => {
    const items = [item({ statement: 'b' }, 'sourced', 1), item({ statement: 'a' }, 'measured', 0)];
    expect(rankMatches(items, '  ')).toEqual([1, 0]);
  });
  it('packs and unpacks the fields of a data attribute', () => {
    const f = item({ statement: 'Mojo 68,000x', section: 'Part 3' }).fields;
    expect(unpackFields(packFields(f))).toEqual(f);
  });
});

describe('ranking the real claims', () => {
  const site = buildSiteModel(loadDataset(process.cwd()));
  const items: Searchable[] = site.claims.map((c, order) => ({ fields: unpackFields(c.searchFields), kind: c.claim.kind, featured: c.featured, order }));
  const top = (q: string, n = 1) => rankMatches(items, q).slice(0, n).map((i) => site.claims[i]!.claim.id);
  it('answers "68000" with the measured headline Mandelbrot claim first', () => {
    expect(top('68000')).toEqual(['mandelbrot-68000x-h3']);
    expect(top('68,000x mandelbrot')).toEqual(['mandelbrot-68000x-h3']);
  });
  it('lists claims whose statement or figure names 68,000x before those that only sit in such a section', () => {
    const ranked = rankMatches(items, '68000').map((i) => site.claims[i]!);
    const strong = ranked.map((c) => /68000/.test(c.searchText.replace(c.claim.section.toLowerCase(), '')) ? 1 : 0);
    expect(strong.indexOf(0) === -1 || strong.slice(strong.indexOf(0)).every((s) => s === 0)).toBe(true);
  });
});
