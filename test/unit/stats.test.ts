import { describe, expect, it } from 'vitest';
import { byProcess, mad, median, quantileSorted, ratioOfMedians, seededRandom, summarize } from '../../src/lib/stats.ts';

describe('quantiles and summaries', () => {
  it('interpolates like R type 7 / NumPy linear', () => {
    expect(quantileSorted([1, 2, 3, 4], 0.25)).toBeCloseTo(1.75);
    expect(quantileSorted([1, 2, 3, 4], 0.5)).toBeCloseTo(2.5);
    expect(median([5, 1, 3])).toBe(3);
  });
  it('summarizes samples in any order', () => {
    const s = summarize([40, 10, 30, 20, 50]);
    expect(s).toEqual({ n: 5, medianNs: 30, q1Ns: 20, q3Ns: 40, madNs: 10, minNs: 10, maxNs: 50 });
  });
  it('MAD ignores a single outlier', () => {
    expect(mad([10, 10, 11, 9, 10, 1000])).toBeLessThanOrEqual(1);
  });
  it('rejects empty samples', () => {
    expect(() => median([])).toThrow(/empty/);
  });
});

describe('seeded generator', () => {
  it('is deterministic and roughly uniform', () => {
    const a = seededRandom(7);
    const b = seededRandom(7);
    const xs = Array.from({ length: 20000 }, () => a());
    expect(Array.from({ length: 5 }, () => b())).toEqual(xs.slice(0, 5));
    const mean = xs.reduce((s, x) => s + x, 0) / xs.length;
    expect(mean).toBeGreaterThan(0.48);
    expect(mean).toBeLessThan(0.52);
  });
});

describe('ratio of medians with bootstrap interval', () => {
  // Normal samples by Box-Muller from the seeded generator: a known distribution.
  function normal(n: number, mu: number, sigma: number, seed: number): number[] {
    const r = seededRandom(seed);
    return Array.from({ length: n }, () => mu + sigma * Math.sqrt(-2 * Math.log(1 - r())) * Math.cos(2 * Math.PI * r()));
  }
  it('covers the true ratio for well-behaved samples', () => {
    const e = ratioOfMedians(normal(40, 1000, 20, 1), normal(40, 10, 0.2, 2));
    expect(e.point).toBeGreaterThan(95);
    expect(e.point).toBeLessThan(105);
    expect(e.lo).toBeLessThanOrEqual(100);
    expect(e.hi).toBeGreaterThanOrEqual(100);
    expect(e.hi / e.lo).toBeLessThan(1.05);
  });
  it('gives wider intervals for noisier samples', () => {
    const quiet = ratioOfMedians(normal(20, 1000, 10, 3), normal(20, 10, 0.1, 4));
    const noisy = ratioOfMedians(normal(20, 1000, 200, 3), normal(20, 10, 2, 4));
    expect(noisy.hi / noisy.lo).toBeGreaterThan(quiet.hi / quiet.lo);
  });
  it('is the same on every call (fixed seed)', () => {
    const b = normal(9, 100, 5, 5);
    const s = normal(9, 1, 0.05, 6);
    expect(ratioOfMedians(b, s)).toEqual(ratioOfMedians(b, s));
  });
});

describe('hierarchical bootstrap over processes', () => {
  it('widens the interval when processes differ more than samples within them', () => {
    // Three processes per side, each internally tight, but shifted by ±5% from each other.
    const proc = (center: number) => [0.95, 1, 1.05].map((shift) => Array.from({ length: 20 }, (_, i) => center * shift * (1 + (i % 3) * 0.001)));
    const grouped = ratioOfMedians(proc(1000), proc(10));
    const flat = ratioOfMedians(proc(1000).flat(), proc(10).flat());
    expect(grouped.point).toBeCloseTo(flat.point);
    expect(grouped.hi / grouped.lo).toBeGreaterThan((flat.hi / flat.lo) * 1.02);
  });
  it('splits a result\'s samples by process, and falls back to one group when the counts do not add up', () => {
    expect(byProcess({ samplesNs: [1, 2, 3, 4, 5], samplesPerProcess: [1, 2, 2] })).toEqual([[1], [2, 3], [4, 5]]);
    expect(byProcess({ samplesNs: [1, 2, 3], samplesPerProcess: [2] })).toEqual([[1, 2, 3]]);
    expect(byProcess({ samplesNs: [1, 2], samplesPerProcess: [] })).toEqual([[1, 2]]);
  });
});
