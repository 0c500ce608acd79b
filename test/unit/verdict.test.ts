import { describe, expect, it } from 'vitest';
import { assess } from '../../src/lib/verdict.ts';
import { around, impl, measuredClaim, run } from '../fixtures/builders.ts';
import type { Claim } from '../../src/lib/schema/claim.ts';

// baseline 1 s, subject at 1 s / r: a measured ratio of r with ±1% noise.
const measuredRun = (r: number, subjOver = {}, runOver = {}) =>
  run([impl('base', around(1e9)), impl('subj', around(1e9 / r), subjOver)], runOver);

describe('measured claims', () => {
  it('confirms a claim within the tolerance band', () => {
    const a = assess(measuredClaim(), [measuredRun(120)]);
    expect(a.verdict).toBe('confirmed');
    expect(a.explanation).toContain('ran 120x as fast as "base"');
    expect(a.explanation).toContain('within a factor 2 that is 50x–200x');
    expect(a.basis).toEqual(['content/runs/m1/k.json']);
  });
  it('calls a claim far above the measurement overstated, and one below it understated', () => {
    expect(assess(measuredClaim(), [measuredRun(10)]).verdict).toBe('overstated');
    expect(assess(measuredClaim(), [measuredRun(900)]).verdict).toBe('understated');
  });
  it('refutes a speed-up claim when the subject is slower beyond the noise and hardware allowances', () => {
    const a = assess(measuredClaim(), [measuredRun(0.2)]);
    expect(a.verdict).toBe('refuted');
    expect(a.explanation).toContain('not faster than "base" at all');
  });
  it('is pending with the reason when an implementation failed', () => {
    const a = assess(measuredClaim(), [measuredRun(120, { status: 'failed', reason: 'exited with code 1' })]);
    expect(a.verdict).toBe('pending');
    expect(a.explanation).toContain('"subj" failed (exited with code 1)');
  });
  it('is pending with the reason when a toolchain is missing', () => {
    const a = assess(measuredClaim(), [measuredRun(120, { status: 'skipped', reason: 'mojo missing', samplesNs: [] })]);
    expect(a.verdict).toBe('pending');
    expect(a.explanation).toContain('"subj" was skipped (mojo missing)');
  });
  it('is pending when no machine ran the kernel', () => {
    const a = assess(measuredClaim(), [measuredRun(120, {}, { kernel: 'other' })]);
    expect(a.verdict).toBe('pending');
    expect(a.explanation).toBe('No machine has run the "k" kernel yet.');
  });
  it('is inconclusive when the spread is too wide to decide', () => {
    const wild = run([impl('base', [1e9, 1e9, 1e9]), impl('subj', [1e9 / 1000, 1e9 / 10, 1e9 / 100])]);
    const a = assess(measuredClaim(), [wild]);
    expect(a.verdict).toBe('inconclusive');
    expect(a.explanation).toContain('wider than the whole tolerance band');
  });
  it('applies a per-core scaling rule as an upper bound: plausible, not confirmed', () => {
    const claim = measuredClaim({ claimed: { value: 4000, hardware: { description: '88-core box', cores: 88 } }, check: { scaling: { rule: 'per-core', claimedCores: 88 } } });
    const a = assess(claim, [measuredRun(100, { threads: 2 })]);
    expect(a.verdict).toBe('plausible');
    expect(a.decidingRun?.projected?.factor).toBe(44);
    expect(a.explanation).toContain('×44');
  });
  it('says overstated when even perfect scaling cannot reach the claim', () => {
    const claim = measuredClaim({ claimed: { value: 68000 }, check: { scaling: { rule: 'per-core', claimedCores: 88 } } });
    expect(assess(claim, [measuredRun(100, { threads: 2 })]).verdict).toBe('overstated');
  });
  it('lets the claimed hardware class decide first and shows how many machines agree', () => {
    const claim = measuredClaim({ claimed: { hardware: { description: '64-core box', cores: 64 } } });
    const small = measuredRun(10, { threads: 2 });
    const big = measuredRun(120, { threads: 64 }, { machine: { ...small.machine, id: 'big', cpuModel: 'Big CPU', cores: 64 } });
    const a = assess(claim, [small, big]);
    expect(a.verdict).toBe('confirmed');
    expect(a.decidingRun?.machine).toBe('big');
    // The two CPU models differ 12x on this pair, so the small machine cannot call the claim wrong.
    expect(a.agreement).toEqual({ measured: 2, agree: 1, disagreeing: [{ machine: 'm1', verdict: 'inconclusive' }] });
    expect(a.explanation).toContain('1 of 2 machines agree; m1 says inconclusive');
  });
});

const base = { id: 'c2', article: 'a1', section: 's', order: 1, topic: 'mojo-speedups' as const, statement: 's' };

describe('arithmetic and unverifiable claims', () => {
  const arith = (expected: number): Claim => ({
    ...base, kind: 'arithmetic', sources: [],
    claimed: { metric: 'speedup', value: expected, approximate: false, bound: 'exact', unit: 'x' },
    check: { formula: 'numpy / mojo', inputs: { numpy: 0.45, mojo: 0.0006 }, expected, tolerance: 0.05, rationale: 'table times' },
  }) as Claim;
  it('recomputes the article\'s own numbers', () => {
    expect(assess(arith(750), []).verdict).toBe('consistent');
    const a = assess(arith(68000), []);
    expect(a.verdict).toBe('inconsistent');
    expect(a.explanation).toContain('gives 750');
  });
  const implied = (against: { value: number; what: string; source?: number }, sources: unknown[] = []): Claim => ({
    ...base, kind: 'arithmetic', sources,
    claimed: { metric: 'speedup', value: 100, approximate: false, unit: 'x' },
    check: { formula: 'python / numpy', inputs: { python: 900, numpy: 9 }, against, tolerance: 0.05, rationale: 'implied' },
  }) as unknown as Claim;
  it('compares a figure the article only implies with another statement or a source', () => {
    const src = { title: 'Modular blog', url: 'https://www.modular.com/blog/x', primary: true };
    const a = assess(implied({ value: 6, what: 'the source the figures come from', source: 0 }, [src]), []);
    expect(a.verdict).toBe('inconsistent');
    expect(a.explanation).toContain('gives 100, a figure the article implies without stating it');
    expect(a.explanation).toContain('Compared with 6: the source the figures come from ("Modular blog") (they differ; the rule is within 5%).');
    expect(a.basis).toEqual(['https://www.modular.com/blog/x']);
    expect(assess(implied({ value: 102, what: 'its table' }), []).verdict).toBe('consistent');
  });
  it('judges a difference against 0 by the absolute tolerance', () => {
    const c = (text: number, ref: number, tolerance: number) => ({
      ...base, kind: 'arithmetic', sources: [],
      claimed: { metric: 'date', value: text, approximate: false, bound: 'exact', unit: 'date' },
      check: { formula: 'text - reference', inputs: { text, reference: ref }, against: { value: 0, what: 'the same event' }, tolerance, rationale: 'dates' },
    }) as Claim;
    expect(assess(c(9, 8, 0), []).verdict).toBe('inconsistent');
    expect(assess(c(9, 9, 0), []).verdict).toBe('consistent');
  });
  it('passes the reason through for unverifiable claims', () => {
    const c = { ...base, kind: 'unverifiable', sources: [], claimed: { metric: 'speedup', value: 12, approximate: true, bound: 'exact', unit: 'x' }, check: { reason: 'No benchmark exists.' } } as Claim;
    expect(assess(c, [])).toMatchObject({ verdict: 'unverifiable', explanation: 'No benchmark exists.' });
  });
});

describe('per-core scaling from a single-threaded implementation', () => {
  it('multiplies the one-thread speed-up by the claimed cores', () => {
    const claim = measuredClaim({ claimed: { value: 8000, hardware: { description: '88 cores', cores: 88 } }, check: { scaling: { rule: 'per-core', claimedCores: 88, from: 'one' } } });
    const r = run([impl('base', around(1e9)), impl('subj', around(1e9 / 150), { threads: 2 }), impl('one', around(1e9 / 100))]);
    const a = assess(claim, [r]);
    expect(a.decidingRun?.projected?.factor).toBe(88);
    expect(a.decidingRun?.projected?.point).toBeCloseTo(8800, -1);
    expect(a.verdict).toBe('plausible');
    expect(a.explanation).toContain('the one-thread speed-up of "one" (100x)');
  });
  it('falls back to threads when the single-threaded implementation did not run, and says so', () => {
    const claim = measuredClaim({ claimed: { value: 8000 }, check: { scaling: { rule: 'per-core', claimedCores: 88, from: 'one' } } });
    const r = run([impl('base', around(1e9)), impl('subj', around(1e9 / 150), { threads: 2 }), impl('one', [], { status: 'failed' })]);
    const a = assess(claim, [r]);
    expect(a.decidingRun?.projected?.factor).toBe(44);
    expect(a.explanation).toContain('("one" did not run)');
  });
});

describe('per-thread scaling (threads that take turns on the GIL against threads that run at once)', () => {
  // GIL baseline on 2 threads: 1 s (its threads take turns). Free-threaded, one thread: 1.25 s (the
  // build's own cost), two threads: 0.7 s (89% of perfect scaling). The claim: 10x.
  const gilRun = (subjectNs = 0.7e9) => run([impl('gil-threads', around(1e9), { threads: 2 }), impl('ft-threads', around(subjectNs), { threads: 2 }), impl('ft-1thread', around(1.25e9))]);
  const claim = (over: { claimedCores?: number } = {}, value = 10) => measuredClaim({ claimed: { value }, check: { baseline: 'gil-threads', subject: 'ft-threads', toleranceFactor: 2, scaling: { rule: 'per-thread', from: 'ft-1thread', ...over } } });
  it('projects from the one-thread rate even though the baseline ran on 2 threads, and says how many cores the claim needs', () => {
    const a = assess(claim(), [gilRun()]);
    expect(a.verdict).toBe('plausible');
    // 10 / 0.8 per thread = 12.5: 13 cores.
    expect(a.decidingRun?.coresNeeded).toBe(13);
    expect(a.decidingRun?.projected?.cores).toBe(13);
    expect(a.decidingRun?.projected?.point).toBeCloseTo(10.4, 1);
    expect(a.explanation).toContain('needs at least 13 cores at 0.8x per thread');
    expect(a.explanation).toContain('the article names no core count');
    // 1.43x measured on 2 threads is 89% of perfect scaling: 10 / (0.8 * 0.893) = 14.0 -> 14 cores.
    expect(a.explanation).toMatch(/reached 89% of perfect scaling here; at that efficiency the claimed 10x would need about 1[45] cores/);
  });
  it('projects to claimed cores when the record gives them: overstated when even those cannot reach the band', () => {
    // 40x on 4 cores: at most 3.2x (11.9x with the noise and hardware allowances), below the band 20x-80x.
    const a = assess(claim({ claimedCores: 4 }, 40), [gilRun()]);
    expect(a.decidingRun?.projected?.cores).toBe(4);
    expect(a.verdict).toBe('overstated');
    expect(a.explanation).toContain('needs at least 50 cores');
    expect(assess(claim({ claimedCores: 64 }, 40), [gilRun()]).verdict).toBe('plausible');
  });
  it('falls back to the subject\'s speed-up per thread when the one-thread run is missing', () => {
    const r = run([impl('gil-threads', around(1e9), { threads: 2 }), impl('ft-threads', around(0.5e9), { threads: 2 }), impl('ft-1thread', [], { status: 'failed' })]);
    const a = assess(claim(), [r]);
    expect(a.verdict).toBe('plausible');
    expect(a.decidingRun?.coresNeeded).toBe(10);
    expect(a.explanation).toContain('"ft-1thread" did not run');
  });
  it('does not project a measurement already inside the band', () => {
    const a = assess(claim(), [gilRun(0.1e9)]);
    expect(a.verdict).toBe('confirmed');
    expect(a.decidingRun?.projected).toBeNull();
  });
});

describe('a time for an amount of work (check.forWork) and its per-core projection', () => {
  // Each sample tokenises 2 MB: on 2 threads in 0.5 s (4 MB/s), on one thread in 0.9 s (2.2 MB/s).
  // The claim: 1 GB in at most 20 s (band up to 40 s with factor 2).
  const bytes = 2e6;
  const gbRun = (allNs = 0.5e9, oneNs = 0.9e9) => run([impl('batch', around(allNs), { threads: 2, work: { bytes } }), impl('batch-1t', around(oneNs), { work: { bytes } })]);
  const claim = (check: Record<string, unknown> = {}) => measuredClaim({ claimed: { metric: 'time', value: 20, unit: 's', bound: 'at-most' }, check: { comparison: 'time', baseline: undefined, subject: 'batch', toleranceFactor: 2, forWork: { unit: 'bytes', amount: 1e9 }, scaling: { rule: 'per-core', from: 'batch-1t' }, ...check } });
  it('scales the median time to the claimed work and says so', () => {
    const a = assess(claim({ scaling: undefined }), [gbRun(0.05e9)]);
    // 0.05 s per 2 MB: 25 s per GB, within the band.
    expect(a.decidingRun?.measured?.point).toBeCloseTo(25, 0);
    expect(a.explanation).toContain('for 1,000,000,000 bytes (each sample did 2,000,000; median time scaled by 500');
    expect(a.verdict).toBe('confirmed');
  });
  it('carries a time above the band to the cores the claimed time needs, from the one-thread time', () => {
    const a = assess(claim(), [gbRun()]);
    // One thread: 0.9 s per 2 MB = 450 s per GB; 20 s needs 23 cores.
    expect(a.decidingRun?.coresNeeded).toBe(23);
    expect(a.decidingRun?.projected?.cores).toBe(23);
    expect(a.decidingRun?.projected?.point).toBeCloseTo(450 / 23, 1);
    expect(a.verdict).toBe('plausible');
    expect(a.explanation).toContain('needs at least 23 cores at this one-thread rate');
  });
  it('is overstated when even the claimed cores cannot bring the time into the band', () => {
    // One thread: 2 s per 2 MB = 1000 s per GB; on 4 cores 250 s, above 40 s even with the noise and hardware allowances.
    const a = assess(claim({ scaling: { rule: 'per-core', from: 'batch-1t', claimedCores: 4 } }), [gbRun(0.5e9, 2e9)]);
    expect(a.decidingRun?.projected?.cores).toBe(4);
    expect(a.verdict).toBe('overstated');
    expect(a.explanation).toContain('Even the bottom of that range stays above the band');
    expect(assess(claim({ scaling: { rule: 'per-core', from: 'batch-1t', claimedCores: 64 } }), [gbRun(0.5e9, 2e9)]).verdict).toBe('plausible');
  });
  it('is pending when the subject reported no work to scale by', () => {
    const r = run([impl('batch', around(0.5e9), { threads: 2 }), impl('batch-1t', around(0.9e9))]);
    const a = assess(claim(), [r]);
    expect(a.verdict).toBe('pending');
    expect(a.explanation).toContain('reported no bytes of work per sample');
  });
});

describe('time and memory comparisons', () => {
  it('compares the subject\'s median time with a claimed time, in the claimed unit', () => {
    const claim = measuredClaim({ claimed: { metric: 'time', value: 0.45, unit: 's' }, check: { comparison: 'time', baseline: undefined, subject: 'subj' } });
    // A time is better lower: claiming 0.45 s for what takes 0.02 s is too modest.
    const fast = assess(claim, [run([impl('subj', around(0.02e9))])]);
    expect(fast.verdict).toBe('understated');
    expect(fast.explanation).toContain('took 0.02 s (median');
    expect(assess(claim, [run([impl('subj', around(0.4e9))])]).verdict).toBe('confirmed');
  });
  it('compares peak memory in MB (10^6 bytes)', () => {
    const claim = measuredClaim({ claimed: { metric: 'memory', value: 180, unit: 'MB' }, check: { comparison: 'memory', baseline: undefined, subject: 'subj' } });
    const a = assess(claim, [run([impl('subj', around(1e6), { peakRssKiB: 30_000 })])]);
    expect(a.verdict).toBe('understated');
    expect(a.explanation).toContain('peaked at 30.7 MB');
  });
  it('is pending while the kernel is only planned, naming it', () => {
    const claim = measuredClaim({ check: { kernel: 'tokenizer', planned: true } });
    expect(assess(claim, [measuredRun(100)])).toMatchObject({ verdict: 'pending', explanation: 'Waiting for the "tokenizer" kernel, which is planned but not written yet.' });
  });
});

describe('claims tied to a problem size', () => {
  it('stay pending on runs at another size, naming the run that would judge them', () => {
    const claim = measuredClaim({ check: { params: { n: 1024 } } });
    const a = assess(claim, [measuredRun(120, {}, { params: { n: 512 } })]);
    expect(a.verdict).toBe('pending');
    expect(a.explanation).toBe('The claim is about n=1024; the run on m1 is at n=512 (quick profile), so it cannot judge it. Run "npm run harness -- --kernel k --profile full" there.');
    expect(assess(claim, [measuredRun(120, {}, { params: { n: 1024 } })]).verdict).toBe('confirmed');
  });
});

describe('range claims', () => {
  it('judge "too wide" against the width of the whole band, not t²', () => {
    // Claimed 0.5–1x within a factor 1.25: the band 0.4–1.25x is 3.1x wide; an interval 1.7x wide can decide.
    const claim = measuredClaim({ claimed: { value: undefined, range: { min: 0.5, max: 1 } }, check: { toleranceFactor: 1.25 } });
    const r = run([impl('base', [1e6, 1e6, 1e6]), impl('subj', [0.85e6, 1.08e6, 1.4e6])]);
    const a = assess(claim, [r]);
    expect(a.decidingRun!.measured!.hi / a.decidingRun!.measured!.lo).toBeGreaterThan(1.5625);
    expect(a.verdict).toBe('confirmed');
  });
});
