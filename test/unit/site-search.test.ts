import { describe, expect, it } from 'vitest';
import { matchesQuery, normalize, queryTerms, searchText } from '../../src/lib/site/search.ts';

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
