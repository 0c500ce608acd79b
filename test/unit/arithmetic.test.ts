import { describe, expect, it } from 'vitest';
import { evaluate } from '../../src/lib/arithmetic.ts';

describe('formula evaluator', () => {
  it('respects precedence, parentheses and unary minus', () => {
    expect(evaluate('a + b * c', { a: 1, b: 2, c: 3 })).toBe(7);
    expect(evaluate('(a + b) * c', { a: 1, b: 2, c: 3 })).toBe(9);
    expect(evaluate('-a / 4', { a: 2 })).toBe(-0.5);
    expect(evaluate('0.45 / 0.0006', {})).toBeCloseTo(750);
  });
  it('names unknown inputs and refuses anything but arithmetic', () => {
    expect(() => evaluate('a * x', { a: 1 })).toThrow('unknown input "x" (inputs: a)');
    expect(() => evaluate('process.exit(1)', {})).toThrow(/unknown input "process"|unexpected/);
    expect(() => evaluate('a +', { a: 1 })).toThrow('formula ends too early');
    expect(() => evaluate('(a', { a: 1 })).toThrow('missing ")"');
    expect(() => evaluate('a; b', { a: 1 })).toThrow(/unexpected character/);
  });
});
