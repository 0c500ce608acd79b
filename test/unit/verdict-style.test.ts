import { describe, expect, it } from 'vitest';
import { ALL_VERDICTS } from '../../src/lib/verdict-vocabulary.ts';
import { VERDICT_COLOURS, VERDICT_SYMBOLS, verdictColours, verdictSymbols, verdictSlug } from '../../src/lib/site/verdict-style.ts';
import { closestPair, deltaE, simulate, type Vision } from '../../src/lib/colour-vision.ts';

const VISIONS: Vision[] = ['normal', 'protanopia', 'deuteranopia', 'tritanopia'];
/** Side by side in a stacked bar, two colours this far apart (CIE76) are told apart at a glance. */
const MIN_DELTA_E = 8;

describe('verdict symbols', () => {
  it('gives every verdict of the vocabulary its own symbol', () => {
    const s = verdictSymbols();
    expect(Object.keys(s).sort()).toEqual([...ALL_VERDICTS].sort());
    expect(new Set(Object.values(s)).size).toBe(ALL_VERDICTS.length);
  });
  it('tells refuted from inconsistent, and confirmed from consistent, by symbol', () => {
    const s = verdictSymbols();
    expect(s.refuted).not.toBe(s.inconsistent);
    expect(s.confirmed).not.toBe(s.consistent);
  });
  it('gives an outcome missing from the table a spare symbol and colour nobody else has', () => {
    const vocabulary = [...ALL_VERDICTS, 'brand new outcome'];
    const s = verdictSymbols(vocabulary);
    const c = verdictColours(vocabulary);
    expect(new Set(Object.values(s)).size).toBe(vocabulary.length);
    expect(new Set(Object.values(c)).size).toBe(vocabulary.length);
    expect(s['brand new outcome']).toBeTruthy();
  });
  it('makes a URL slug of a verdict with a space', () => {
    expect(verdictSlug('partly true')).toBe('partly-true');
  });
});

describe('verdict colours under colour-vision deficiencies', () => {
  const palette = verdictColours();
  for (const vision of VISIONS) {
    it(`keeps every pair of verdict colours at least ΔE ${MIN_DELTA_E} apart with ${vision}`, () => {
      const worst = closestPair(palette, vision);
      expect(worst.deltaE, `${worst.a} and ${worst.b} look alike with ${vision}`).toBeGreaterThanOrEqual(MIN_DELTA_E);
    });
  }
  it('covers the outcomes the tables name and nothing else', () => {
    expect(Object.keys(VERDICT_COLOURS).sort()).toEqual(Object.keys(VERDICT_SYMBOLS).sort());
  });
});

describe('colour-vision simulation', () => {
  it('keeps greys grey and leaves normal vision unchanged', () => {
    for (const v of VISIONS) expect(deltaE('#808080', '#808080', v)).toBe(0);
    const lab = simulate('#808080', 'deuteranopia');
    expect(Math.abs(lab[1])).toBeLessThan(1);
    expect(Math.abs(lab[2])).toBeLessThan(1);
  });
  it('makes the classic red/green pair hard to tell apart for deuteranopes but not for others', () => {
    expect(deltaE('#e41a1c', '#4daf4a', 'normal')).toBeGreaterThan(60);
    expect(deltaE('#e41a1c', '#4daf4a', 'deuteranopia')).toBeLessThan(deltaE('#e41a1c', '#4daf4a', 'normal') / 2);
  });
  it('refuses a colour that is not #rrggbb', () => {
    expect(() => deltaE('red', '#000000')).toThrow(/expected a colour like/);
  });
});
