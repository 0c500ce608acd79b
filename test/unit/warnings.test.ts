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

describe('the machine-load warning from the CPU sample before the kernel', () => {
  const ok = [impl('a', around(1e6, 9, 0.01), { samplesPerProcess: [1, 4, 4] })];
  const sampled = (busyCpus: number, stealCpus = 0, start = 0.1) => ({ cores: 2, loadAverage: { start, end: 0.2 }, cpuBefore: { busyCpus, stealCpus, sampledMs: 1004 } });

  it('is quiet when the load average is high but the CPUs were idle (our own setup just finished)', () => {
    expect(detectWarnings(ok, kernel, sampled(0.03, 0, 1.08))).toEqual([]);
  });
  it('warns when another program used a CPU, saying how much of what', () => {
    const w = detectWarnings(ok, kernel, sampled(1.3));
    expect(w).toEqual([{ code: 'machine-load', message: 'other programs used 1.30 of 2 logical CPUs in the 1.0 s before the kernel was measured: they competed for the CPU', fix: 'stop other programs (and CI jobs) on the machine and rerun with --fresh' }]);
  });
  it('draws the line at a quarter of each CPU (half a CPU of 2)', () => {
    expect(detectWarnings(ok, kernel, sampled(0.5))).toEqual([]);
    expect(codes(detectWarnings(ok, kernel, sampled(0.51)))).toEqual(['machine-load']);
  });
  it('names steal time (another virtual machine on the host), alone or beside other programs', () => {
    const alone = detectWarnings(ok, kernel, sampled(0.02, 0.4));
    expect(alone[0]).toMatchObject({ code: 'machine-load', message: 'other virtual machines on the host took 0.40 CPUs from this one (steal time) in the 1.0 s before the kernel was measured: they competed for the physical CPUs' });
    expect(alone[0]!.fix).toContain('dedicated CPUs');
    const both = detectWarnings(ok, kernel, sampled(1.1, 0.5));
    expect(both.map((x) => x.message)).toEqual(['other programs used 1.10 of 2 logical CPUs in the 1.0 s before the kernel was measured, and other virtual machines on the host took 0.50 CPUs from this one (steal time): they competed for the CPU']);
    expect(detectWarnings(ok, kernel, sampled(0.02, 0.2))).toEqual([]);
  });
  it('falls back to the load average for runs without a sample (older files), and says why a new run has none', () => {
    const old = { cores: 2, loadAverage: { start: 1.8, end: 0.4 } };
    expect(codes(detectWarnings(ok, kernel, old))).toEqual(['machine-load']);
    expect(detectWarnings(ok, kernel, { ...old, loadAverage: { start: 0.9, end: 0.4 } })).toEqual([]);
    expect(detectWarnings(ok, kernel, { ...old, cpuUnsampled: '/proc/stat not readable (ENOENT)' })[0]!.message).toBe("the load average was 1.80 on 2 logical CPUs before the harness started (other programs' CPU use could not be sampled: /proc/stat not readable (ENOENT)): other programs competed for the CPU");
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
