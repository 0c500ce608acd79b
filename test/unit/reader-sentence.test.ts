import { describe, expect, it } from 'vitest';
import { assess } from '../../src/lib/verdict.ts';
import { readerSentence, readableTime } from '../../src/lib/reader-sentence.ts';
import { formatWritten } from '../../src/lib/format.ts';
import { around, impl, measuredClaim, run } from '../fixtures/builders.ts';
import type { Kernel } from '../../src/lib/schema/kernel.ts';

const kernel = {
  id: 'k',
  implementations: [
    { id: 'python', label: 'Pure Python', runtime: 'python' },
    { id: 'mojo-simd', label: 'Mojo SIMD', runtime: 'mojo' },
    { id: 'mojo-simd-parallel', label: 'Mojo SIMD + parallelize', runtime: 'mojo' },
  ],
} as unknown as Kernel;

describe('the reader sentence', () => {
  it('says the issue\'s example from the numbers: 0.6 ms against 44 ms on one thread and 6.8 ms on two', () => {
    const claim = measuredClaim({ claimed: { metric: 'time', value: 0.0006, unit: 's' }, check: { comparison: 'time', baseline: undefined, subject: 'mojo-simd' } });
    const runs = [run([impl('python', around(65e9)), impl('mojo-simd', around(0.044e9)), impl('mojo-simd-parallel', around(0.0068e9), { threads: 2 })])];
    const s = readerSentence(claim, assess(claim, runs), runs, kernel);
    expect(s).toBe("The article's 0.6 ms is 73 times less than our Mojo SIMD run, 44 ms on one thread, and 11 times less than our fastest Mojo run, 6.8 ms (Mojo SIMD + parallelize, two threads).");
  });
  it('scales a time to the claimed amount of work and says how many cores the claimed time needs', () => {
    // 2 MB per sample: 0.5 s on two threads (250 s per GB), 0.9 s on one (450 s per GB, 23 cores for 20 s).
    const claim = measuredClaim({ claimed: { metric: 'time', value: 20, unit: 's', bound: 'at-most' }, check: { comparison: 'time', baseline: undefined, subject: 'mojo-simd-parallel', forWork: { unit: 'bytes', amount: 1e9 }, scaling: { rule: 'per-core', from: 'mojo-simd' } } });
    const runs = [run([impl('mojo-simd', around(0.9e9), { work: { bytes: 2e6 } }), impl('mojo-simd-parallel', around(0.5e9), { threads: 2, work: { bytes: 2e6 } })])];
    const s = readerSentence(claim, assess(claim, runs), runs, kernel);
    expect(s).toContain('our Mojo SIMD + parallelize run, 250 s on two threads');
    expect(s).toContain('it needs at least 23 cores, where our projection gives 20 s');
  });
  it('compares a ratio with the one we measured and says when it matches', () => {
    const claim = measuredClaim({ claimed: { value: 900 }, check: { baseline: 'python', subject: 'mojo-simd' } });
    const runs = [run([impl('python', around(1e9)), impl('mojo-simd', around(1e9 / 880))])];
    expect(readerSentence(claim, assess(claim, runs), runs, kernel)).toBe("The article's 900x matches the 880x we measured for Mojo SIMD over Pure Python on one thread.");
  });
  it('says how many machines agree when more than one measured it', () => {
    const claim = measuredClaim({ check: { baseline: 'python', subject: 'mojo-simd' } });
    const m = run([]).machine;
    const runs = [run([impl('python', around(1e9)), impl('mojo-simd', around(1e7))]), run([impl('python', around(1e9)), impl('mojo-simd', around(1e9 / 110))], { machine: { ...m, id: 'm2', cpuModel: 'Other' } })];
    expect(readerSentence(claim, assess(claim, runs), runs, kernel)).toContain('2 of 2 machines agree.');
  });
  it('says what is missing when nothing was measured', () => {
    const claim = measuredClaim({ check: { kernel: 'tokenizer', planned: true } });
    expect(readerSentence(claim, assess(claim, []), [], null)).toBe('Not measured yet: waiting for the "tokenizer" kernel, which is planned but not written yet.');
  });
});

describe('figures as written', () => {
  it('keeps every digit the article gave', () => {
    expect(formatWritten(0.0006)).toBe('0.0006');
    expect(formatWritten(43.95)).toBe('43.95');
    expect(formatWritten(35000)).toBe('35,000');
    expect(formatWritten(-1234.5)).toBe('-1,234.5');
  });
  it('puts a time in a unit that reads plainly without losing digits', () => {
    expect(readableTime(0.0006, 1)).toBe('0.6 ms');
    expect(readableTime(43.95, 4)).toBe('43.95 s');
    expect(readableTime(0.044, 2)).toBe('44 ms');
  });
});
