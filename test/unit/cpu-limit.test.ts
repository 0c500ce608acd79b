/** The Mandelbrot CPU limit: the pipe bound, the Zen 5 model and how a run is compared with it. */
import { describe, expect, it } from 'vitest';
import { cyclesPerVectorIteration, limitRows, mandelbrotLimit, mandelbrotLimitViews, MANDELBROT_OPS, portModelFor, ZEN5 } from '../../src/lib/cpu-limit.ts';
import { loadDataset } from '../../src/io/load.ts';
import type { Run } from '../../src/lib/schema/run.ts';

describe('pipe bound', () => {
  it('is the busiest set of operation classes over the pipes they can use', () => {
    // Zen 5: 4 mul on FP0/FP1, 4 add on FP2/FP3, 1 compare on FP1/FP2: 9 operations over 4 pipes.
    expect(cyclesPerVectorIteration(MANDELBROT_OPS, ZEN5.pipes)).toEqual({ cycles: 2.25, bottleneck: ['mul', 'add', 'cmp'] });
    // If compares could only use the add pipes, adds and compares would set it: 5 over 2.
    expect(cyclesPerVectorIteration(MANDELBROT_OPS, { ...ZEN5.pipes, cmp: ['FP2', 'FP3'] })).toEqual({ cycles: 2.5, bottleneck: ['add', 'cmp'] });
    // Double-pumped 512-bit (Zen 4) takes each pipe twice as long.
    expect(cyclesPerVectorIteration(MANDELBROT_OPS, ZEN5.pipes, 2).cycles).toBe(4.5);
    expect(() => cyclesPerVectorIteration({ mul: 1, add: 0, cmp: 0 }, { mul: [], add: [], cmp: [] })).toThrow('no pipe executes mul');
  });
  it('gives Zen 5 3.56 pixel-iterations per cycle with 4 vectors in flight', () => {
    const l = mandelbrotLimit(ZEN5);
    expect(l.lanes).toBe(8);
    expect(l.iterationsPerCycle).toBeCloseTo(8 / 2.25, 12);
    expect(l.chainLatency).toBe(7);
    expect(l.vectorsInFlight).toBe(4);
  });
});

describe('which machines have a model', () => {
  const base = { cpuModel: 'AMD EPYC', simd: ['avx2', 'avx512f', 'avx512_vp2intersect'] };
  it('recognises Zen 5 by AVX-512 with VP2INTERSECT on AMD, and nothing else', () => {
    expect(portModelFor(base)).toBe(ZEN5);
    expect(portModelFor({ ...base, simd: ['avx2', 'avx512f'] })).toBeNull(); // Zen 4
    expect(portModelFor({ ...base, cpuModel: 'Intel(R) Xeon(R) Processor' })).toBeNull();
  });
});

describe('implementations against the limit', () => {
  const data = loadDataset(process.cwd());
  const run = data.runs.find((r) => r.kernel === 'mandelbrot' && r.machine.id === 'x64-amd-epyc-2c');
  const kernel = data.kernels.find((k) => k.id === 'mandelbrot')!;
  it('uses useful iterations (the checksum) per second per core used, and the clock when the run recorded one', () => {
    const fake: Run = {
      ...run!,
      machine: { ...run!.machine, cpuMHz: 4000 },
      implementations: [
        { ...run!.implementations[0]!, id: 'c-simd-threads', status: 'ok', checksum: 40_000_000, threads: 2, extrapolated: null, summary: { ...run!.implementations[0]!.summary!, medianNs: 5_000_000 } },
        { ...run!.implementations[0]!, id: 'python', status: 'failed', summary: null },
      ],
    };
    const rows = limitRows(fake, kernel, mandelbrotLimit(ZEN5));
    expect(rows).toHaveLength(1);
    expect(rows[0]!.iterationsPerSecondPerCore).toBeCloseTo(4e9, 3); // 40e6 / 5 ms / 2 cores
    expect(rows[0]!.ghzAtLimit).toBeCloseTo(4e9 / (8 / 2.25) / 1e9, 12);
    expect(rows[0]!.ofLimit).toBeCloseTo(rows[0]!.ghzAtLimit / 4, 12);
  });
  it('covers every implementation that ran in the committed run', () => {
    expect(run, 'the committed Mandelbrot run').toBeDefined();
    const { views } = mandelbrotLimitViews(data.runs, data.kernels);
    const v = views.find((x) => x.machine.id === run!.machine.id)!;
    expect(v.rows.map((r) => r.id).sort()).toEqual(run!.implementations.filter((i) => i.status === 'ok' && !i.extrapolated).map((i) => i.id).sort());
    for (const r of v.rows) expect(r.ghzAtLimit).toBeGreaterThan(0);
  });
});
