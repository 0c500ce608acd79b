import { describe, expect, it } from 'vitest';
import { fnv1a64Hex } from '../../src/lib/fnv.ts';
import { BENCHMARKS_GAME_OUTPUT } from '../fixtures/benchmarks-game-output.ts';

describe('fnv1a64Hex', () => {
  it('gives the published FNV-1a 64-bit test vectors', () => {
    expect(fnv1a64Hex('')).toBe('cbf29ce484222325');
    expect(fnv1a64Hex('a')).toBe('af63dc4c8601ec8c');
    expect(fnv1a64Hex('foobar')).toBe('85944171f73967e8');
  });
  it('tells apart texts that differ in one digit (the Benchmarks Game outputs)', () => {
    const t = BENCHMARKS_GAME_OUTPUT.nbody!.text;
    expect(fnv1a64Hex(t)).toMatch(/^[0-9a-f]{16}$/);
    expect(fnv1a64Hex(t.replace('605', '606'))).not.toBe(fnv1a64Hex(t));
  });
});
