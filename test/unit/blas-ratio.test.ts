import { describe, expect, it } from 'vitest';
import { Kernel } from '../../src/lib/schema/kernel.ts';
import { BLAS_TARGET, blasComparison } from '../../src/lib/blas-ratio.ts';
import { around, impl, run } from '../fixtures/builders.ts';

const kernel = Kernel.parse({
  schemaVersion: 1, id: 'matmul', title: 'MM', summary: 'S', origin: { title: 'O', url: 'https://example.org' },
  params: [{ name: 'n' }], profiles: { quick: { n: 1 }, full: { n: 2 } }, checksum: { description: 'sum' }, reference: 'c-naive',
  implementations: [
    { id: 'numpy', label: 'N', language: 'python', tier: 'idiomatic', source: 'n.py', requires: ['numpy'] },
    { id: 'numpy-threads', label: 'NT', language: 'python', tier: 'idiomatic', source: 'nt.py', requires: ['numpy'], parallel: true },
    { id: 'c-naive', label: 'c', language: 'c', tier: 'naive', source: 'c.c' },
    { id: 'c-fast', label: 'c', language: 'c', tier: 'optimized', source: 'f.c', parallel: true },
    { id: 'rust-faer', label: 'r', language: 'rust', tier: 'optimized', source: 'rust', bin: 'faer' },
    { id: 'mojo-gpu', label: 'm', language: 'mojo', tier: 'naive', source: 'g.mojo', gpu: true },
  ],
});
const avx512 = ['avx2', 'fma', 'avx512f', 'avx512bw', 'avx512dq', 'avx512vl'];
const provenance = (architecture: string) => ({ loadAverage: { start: 0, end: 0 }, cpuAffinity: null, pythonGil: true, blas: [{ internal_api: 'openblas', architecture }] });
const machine = { id: 'm1', cpuModel: 'T', cpu: null, arch: 'x64', cores: 2, simd: avx512, memoryBytes: 1, os: 'T', kernelRelease: '1', gpu: null };
const results = () => [
  impl('numpy', around(10e6), { threads: 1 }),
  impl('numpy-threads', around(5e6), { threads: 2 }),
  impl('c-naive', around(100e6), { threads: 1 }),
  impl('c-fast', around(6e6), { threads: 2 }),
  impl('rust-faer', around(8e6), { threads: 1 }),
  impl('mojo-gpu', around(1e6), { threads: 1 }),
];
const row = (c: ReturnType<typeof blasComparison>, lang: string) => c!.rows.find((r) => r.language === lang)!;

describe('each language against OpenBLAS', () => {
  it('compares the fastest CPU tier of each language with OpenBLAS at its own thread count', () => {
    const c = blasComparison(run(results(), { kernel: 'matmul', machine, provenance: provenance('SkylakeX') }), kernel)!;
    expect(c.blasArchitecture).toBe('SkylakeX');
    expect(c.blasNotBest).toBeNull();
    expect(row(c, 'c')).toMatchObject({ impl: 'c-fast', threads: 2, blasImpl: 'numpy-threads', meetsTarget: true });
    expect(row(c, 'c').ratio).toBeCloseTo(5 / 6, 10);
    expect(row(c, 'rust')).toMatchObject({ impl: 'rust-faer', threads: 1, blasImpl: 'numpy', meetsTarget: true });
    expect(row(c, 'rust').ratio).toBeCloseTo(10 / 8, 10);
    // The GPU kernel is not a CPU tier: Mojo has none here.
    expect(row(c, 'mojo')).toMatchObject({ impl: null, ratio: null, meetsTarget: null });
    expect(row(c, 'mojo').note).toContain('no mojo implementation');
  });
  it('says a tier under the target missed it', () => {
    const r = results().map((x) => (x.id === 'c-fast' ? impl('c-fast', around(10e6), { threads: 2 }) : x));
    const c = blasComparison(run(r, { kernel: 'matmul', machine, provenance: provenance('SkylakeX') }), kernel)!;
    expect(row(c, 'c').ratio).toBeCloseTo(0.5, 10);
    expect(row(c, 'c').ratio! < BLAS_TARGET).toBe(true);
    expect(row(c, 'c').meetsTarget).toBe(false);
  });
  it('gives no ratio without an OpenBLAS run on the same thread count, and skips failed or extrapolated results', () => {
    const r = results().filter((x) => x.id !== 'numpy-threads').map((x) => (x.id === 'rust-faer' ? { ...x, status: 'wrong-result' as const } : x));
    const c = blasComparison(run(r, { kernel: 'matmul', machine, provenance: provenance('SkylakeX') }), kernel)!;
    expect(row(c, 'c')).toMatchObject({ impl: 'c-fast', blasImpl: null, ratio: null, meetsTarget: null });
    expect(row(c, 'c').note).toContain('no OpenBLAS result on 2 threads');
    expect(row(c, 'rust').impl).toBeNull();
    const ext = results().map((x) => (x.id === 'c-fast' ? { ...x, extrapolated: { ranWith: { n: 1 }, factor: 8 } } : x));
    expect(row(blasComparison(run(ext, { kernel: 'matmul', machine, provenance: provenance('SkylakeX') }), kernel), 'c').impl).toBe('c-naive');
  });
  it('does not judge ratios when OpenBLAS ran a kernel below the CPU\'s best', () => {
    const c = blasComparison(run(results(), { kernel: 'matmul', machine, provenance: provenance('Haswell') }), kernel)!;
    expect(c.blasNotBest).toContain('Haswell');
    expect(row(c, 'c').ratio).toBeCloseTo(5 / 6, 10);
    expect(row(c, 'c').meetsTarget).toBeNull();
  });
  it('is null for kernels without an OpenBLAS baseline', () => {
    expect(blasComparison(run(results(), { kernel: 'other', machine }), { ...kernel, id: 'other' })).toBeNull();
  });
});
