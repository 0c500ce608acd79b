import { describe, expect, it } from 'vitest';
import { detectWarnings } from '../../src/lib/warnings.ts';
import { Kernel } from '../../src/lib/schema/kernel.ts';
import { around, impl } from '../fixtures/builders.ts';

const kernel = Kernel.parse({
  schemaVersion: 2, id: 'k', title: 'K', summary: 'S', origin: { title: 'O', url: 'https://example.org' },
  params: [{ name: 'n' }], workload: { n: 2 }, checksum: { description: 'sum' }, reference: 'a',
  implementations: [{ id: 'a', label: 'A', runtime: 'python', tier: 'naive', source: 'a.py' }],
});
const calm = { cores: 2, loadAverage: { start: 0.1, end: 0.2 } };
const codes = (w: ReturnType<typeof detectWarnings>) => w.map((x) => `${x.code}${x.impl ? `:${x.impl}` : ''}`);

describe('measurement warnings', () => {
  it('says nothing about a clean result', () => {
    expect(detectWarnings([impl('a', around(1e6, 9, 0.01), { samplesPerProcess: [1, 4, 4] })], kernel, calm)).toEqual([]);
  });
  it('flags few samples, high spread and too-short samples, each with a fix', () => {
    const w = detectWarnings([
      impl('few', around(1e6, 3)),
      impl('wide', [1e6, 2e6, 1e6, 3e6, 1.5e6]),
      impl('tiny', around(2000, 9)),
    ], kernel, calm);
    expect(codes(w)).toEqual(['few-samples:few', 'high-spread:wide', 'timer-resolution:tiny']);
    expect(w.every((x) => x.fix.length > 10)).toBe(true);
  });
  it('flags a first sample per process that warm-up did not absorb', () => {
    const p = [5e6, 1e6, 1e6, 1e6];
    const w = detectWarnings([impl('cold', [...p, ...p, ...p], { samplesPerProcess: [4, 4, 4] })], kernel, calm);
    expect(codes(w)).toContain('first-sample-outlier:cold');
  });
  it('flags drift when most implementations changed speed between the first and last process', () => {
    const drifting = (id: string) => impl(id, [1e6, 1e6, 1.1e6, 1.3e6, 1.3e6], { samplesPerProcess: [1, 2, 2] });
    expect(codes(detectWarnings([drifting('a'), drifting('b')], kernel, calm))).toContain('drift');
  });
  it('flags a busy machine from the load average', () => {
    const w = detectWarnings([impl('a', around(1e6))], kernel, { cores: 2, loadAverage: { start: 1.8, end: 0.4 } });
    expect(w[0]).toMatchObject({ code: 'machine-load', message: 'the load average was 1.80 on 2 logical CPUs before the harness started: other programs competed for the CPU' });
  });
});

describe('the OpenBLAS kernel warning', () => {
  const withNumpy = Kernel.parse({
    schemaVersion: 1, id: 'k', title: 'K', summary: 'S', origin: { title: 'O', url: 'https://example.org' },
    params: [{ name: 'n' }], workload: { n: 2 }, checksum: { description: 'sum' }, reference: 'numpy',
    implementations: [{ id: 'numpy', label: 'N', language: 'python', tier: 'idiomatic', source: 'n.py', requires: ['numpy'] }],
  });
  const avx512 = ['avx', 'avx2', 'fma', 'avx512f', 'avx512bw', 'avx512dq', 'avx512vl'];
  const pool = (architecture: string) => [{ user_api: 'blas', internal_api: 'openblas', architecture }];
  const ok = [impl('numpy', around(1e6, 9, 0.01), { samplesPerProcess: [1, 4, 4] })];

  it('warns when NumPy ran the Haswell kernel on an AVX-512 CPU, naming kernel, CPU level and implementations', () => {
    const w = detectWarnings(ok, withNumpy, { ...calm, simd: avx512, blas: pool('Haswell') });
    expect(codes(w)).toEqual(['blas-kernel']);
    expect(w[0]!.message).toContain('Haswell');
    expect(w[0]!.message).toContain('AVX-512');
    expect(w[0]!.message).toContain('numpy');
  });
  it('is quiet for the CPU\'s best kernel, for Haswell on an AVX2 CPU, for other BLAS libraries and unknown names', () => {
    expect(detectWarnings(ok, withNumpy, { ...calm, simd: avx512, blas: pool('SkylakeX') })).toEqual([]);
    expect(detectWarnings(ok, withNumpy, { ...calm, simd: avx512, blas: pool('Cooperlake') })).toEqual([]);
    expect(detectWarnings(ok, withNumpy, { ...calm, simd: ['avx', 'avx2', 'fma'], blas: pool('Haswell') })).toEqual([]);
    expect(detectWarnings(ok, withNumpy, { ...calm, simd: avx512, blas: [{ internal_api: 'mkl', architecture: 'Haswell' }] })).toEqual([]);
    expect(detectWarnings(ok, withNumpy, { ...calm, simd: avx512, blas: pool('SomeFutureCore') })).toEqual([]);
  });
  it('is quiet when no NumPy implementation ran', () => {
    expect(detectWarnings([impl('numpy', [], { status: 'skipped' })], withNumpy, { ...calm, simd: avx512, blas: pool('Haswell') })).toEqual([]);
    expect(detectWarnings([impl('a', around(1e6, 9, 0.01), { samplesPerProcess: [1, 4, 4] })], kernel, { ...calm, simd: avx512, blas: pool('Haswell') })).toEqual([]);
  });
});
