import { describe, expect, it } from 'vitest';
import { formatNumber, formatRatio, formatDuration } from '../../src/lib/format.ts';

describe('number formatting', () => {
  it('keeps small figures visible and large ones readable', () => {
    expect(formatNumber(0.0006)).toBe('0.0006');
    expect(formatNumber(0.000199)).toBe('0.000199');
    expect(formatNumber(0.45)).toBe('0.45');
    expect(formatNumber(12.345)).toBe('12.3');
    expect(formatNumber(68000)).toBe('68,000');
    expect(formatRatio(979.4)).toBe('979x');
    expect(formatDuration(4_200_000)).toBe('4.2 ms');
  });
});
