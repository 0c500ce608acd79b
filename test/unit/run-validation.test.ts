/**
 * A run file feeds verdicts only when it is consistent with the kernel it names: the kernel exists,
 * its implementations are the kernel's, every "ok" result has positive samples whose summary is
 * theirs and the reference's checksum. Each refusal names the file, the field and what was expected.
 */
import { describe, expect, it } from 'vitest';
import { validateRun, kernelHashProblem } from '../../src/lib/run-validation.ts';
import { Kernel } from '../../src/lib/schema/kernel.ts';
import { Run } from '../../src/lib/schema/run.ts';
import { parseWith, ValidationError } from '../../src/lib/schema-errors.ts';
import { impl, run, around } from '../fixtures/builders.ts';

const file = 'content/runs/m1/k.json';
const kernel = parseWith(Kernel, {
  schemaVersion: 1, id: 'k', title: 'K', summary: 's', origin: { title: 't', url: 'https://example.org' },
  params: [{ name: 'n' }], workload: { n: 2 },
  checksum: { description: 'sum' }, reference: 'base',
  implementations: [
    { id: 'base', label: 'Base', language: 'python', tier: 'naive', source: 'base.py' },
    { id: 'subj', label: 'Subject', language: 'c', tier: 'optimized', source: 'subj.c' },
  ],
}, 'harness/kernels/k/kernel.yaml');
const kernels = new Map([['k', kernel]]);
const good = () => run([impl('base', around(1e9)), impl('subj', around(1e7))]);
const problems = (r: ReturnType<typeof run>, opts = {}) => validateRun(r, kernels, file, opts).map((p) => `${p.file}: ${p.field}: ${p.message}`);

describe('validateRun', () => {
  it('accepts a consistent run', () => {
    expect(problems(good())).toEqual([]);
  });
  it('refuses a run for a kernel that does not exist', () => {
    expect(problems(run([impl('base', around(1e9))], { kernel: 'ghost' }))).toEqual([`${file}: kernel: no kernel "ghost" under harness/kernels (expected one of [k])`]);
  });
  it('refuses an implementation the kernel lacks, and a duplicate', () => {
    const r = good();
    r.implementations.push(impl('rogue', around(1e5)), impl('subj', around(1e7)));
    expect(problems(r)).toEqual([
      `${file}: implementations.2.id: expected an implementation of kernel "k" (one of [base, subj]), got "rogue"`,
      `${file}: implementations.3.id: duplicate implementation "subj"`,
    ]);
  });
  it('a replaced run may name an implementation the kernel has since dropped', () => {
    const r = good();
    r.implementations.push(impl('retired', around(1e5)));
    expect(problems(r, { history: true })).toEqual([]);
  });
  it('refuses an ok result whose checksum differs from the reference', () => {
    const r = run([impl('base', around(1e9), { checksum: 42 }), impl('subj', around(1e7), { checksum: 41 })]);
    expect(problems(r)).toEqual([`${file}: implementations.1.checksum: expected the reference "base"'s checksum 42 for status "ok", got 41 (a wrong result has status "wrong-result")`]);
  });
  it('accepts a differing checksum under status wrong-result, and an extrapolated one (it ran at another size)', () => {
    expect(problems(run([impl('base', around(1e9)), impl('subj', [], { status: 'wrong-result', checksum: 41, summary: null })]))).toEqual([]);
    expect(problems(run([impl('base', around(1e9)), impl('subj', around(1e7), { checksum: 41, extrapolated: { ranWith: { n: 1 }, factor: 8 } })]))).toEqual([]);
  });
  it('refuses an ok result without checksum, samples or summary', () => {
    expect(problems(run([impl('base', around(1e9)), impl('subj', around(1e7), { checksum: null })]))).toEqual([`${file}: implementations.1.checksum: expected the checksum of an "ok" result, got null`]);
    expect(problems(run([impl('base', around(1e9)), impl('subj', [])]))).toEqual([`${file}: implementations.1.samplesNs: expected the timed samples of an "ok" result, got none`]);
    expect(problems(run([impl('base', around(1e9)), impl('subj', around(1e7), { summary: null })]))).toEqual([`${file}: implementations.1.summary: expected the summary of the samples of an "ok" result, got null`]);
  });
  it('refuses a summary that is not computed from the samples (a forged median)', () => {
    const r = good();
    r.implementations[1]!.summary = { ...r.implementations[1]!.summary!, medianNs: 1 };
    expect(problems(r)).toEqual([`${file}: implementations.1.summary.medianNs: expected 10000000 (computed from samplesNs), got 1`]);
  });
  it('refuses sample counts per process that do not add up, and a run that ends before it starts', () => {
    const r = good();
    r.implementations[0]!.samplesPerProcess = [3, 3];
    r.finishedAt = '2026-10-01T00:00:00.000Z';
    expect(problems(r)).toEqual([
      `${file}: finishedAt: expected a time after startedAt (2026-11-01T00:00:00.000Z), got 2026-10-01T00:00:00.000Z`,
      `${file}: implementations.0.samplesPerProcess: expected counts summing to the 9 samples, got 6`,
    ]);
  });
});

describe('the run schema refuses impossible timings', () => {
  const msgs = (data: unknown) => {
    try {
      parseWith(Run, data, file);
      return [];
    } catch (e) {
      return (e as ValidationError).problems.map((p) => `${p.field}: ${p.message}`);
    }
  };
  it('negative and zero samples and medians ("ran -109x as fast")', () => {
    const r = good();
    r.implementations[1]!.samplesNs = [-5, 0, 3];
    r.implementations[1]!.summary = { ...r.implementations[1]!.summary!, medianNs: -9.2e6 };
    expect(msgs(r)).toEqual([
      'implementations.1.samplesNs.0: Too small: expected number to be >0, got -5',
      'implementations.1.samplesNs.1: Too small: expected number to be >0, got 0',
      'implementations.1.summary.medianNs: Too small: expected number to be >0, got -9200000',
    ]);
  });
});

describe('kernelHashProblem', () => {
  const r = good();
  it('accepts a known hash; says nothing when history is unavailable', () => {
    expect(kernelHashProblem(r, { available: true, hashes: new Set([r.kernelHash]), shallow: false }, file)).toBeNull();
    expect(kernelHashProblem(r, { available: false, why: 'no git' }, file)).toBeNull();
  });
  it('refuses an unknown hash, and tells a shallow clone to unshallow', () => {
    expect(kernelHashProblem(r, { available: true, hashes: new Set(['f'.repeat(64)]), shallow: false }, file)?.message).toBe(
      'expected the hash of a version of harness/kernels/k in git history (or of the working tree), got aaaaaaaaaaaa…, which matches none. Re-measure it with "npm run harness -- --kernel k --fresh" from committed sources.',
    );
    expect(kernelHashProblem(r, { available: true, hashes: new Set(), shallow: true }, file)?.message).toMatch(/shallow.*git fetch --unshallow/);
  });
});
