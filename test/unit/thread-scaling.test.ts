/**
 * The speed-up-against-threads chart of per-thread claims (src/lib/site/thread-scaling.ts): rows per
 * CPython version against that version's GIL build on one thread, and a chart that fits a phone.
 */
import { describe, expect, it } from 'vitest';
import { threadScalingRows, threadScalingSpec, versionsWithoutRows } from '../../src/lib/site/thread-scaling.ts';
import { renderSvg } from '../../src/lib/chart-svg.ts';
import { CHART_MIN_FONT } from '../../src/lib/chart.ts';
import { around, impl, run } from '../fixtures/builders.ts';

const i = (id: string, runtime: string, parallel: boolean) => ({ id, label: id, runtime, tier: 'naive', parallel, source: 'x.py', gpu: false, requiresCpu: [] }) as never;
const kernel = {
  id: 'k',
  implementations: [
    i('reference', 'python', false),
    i('g1', 'python3.14', false), i('g2', 'python3.14', true), i('t1', 'python3.14t', false), i('t2', 'python3.14t', true),
    i('h1', 'python3.15', false), i('u2', 'python3.15t', true),
    i('x1', 'python3.13t', false), // a version without its GIL one-thread run: left out
  ],
};
const r = run([
  impl('reference', around(1e9)),
  impl('g1', around(1e9)), impl('g2', around(1.05e9), { threads: 2 }), impl('t1', around(1.1e9)), impl('t2', around(0.6e9), { threads: 2 }),
  impl('h1', around(2e9)), impl('u2', around(1e9), { threads: 2 }),
  impl('x1', around(1e9)),
]);

describe('speed-up against threads', () => {
  it('compares each build and thread count with the same version\'s GIL build on one thread', () => {
    const rows = threadScalingRows(kernel, [r]);
    expect(rows.map((x) => [x.version, x.build, x.threads, Number(x.speedup.toFixed(2))])).toEqual([
      ['3.14', 'with the GIL', 1, 1], ['3.14', 'with the GIL', 2, 0.95], ['3.14', 'free-threaded', 1, 0.91], ['3.14', 'free-threaded', 2, 1.67],
      ['3.15', 'with the GIL', 1, 1], ['3.15', 'free-threaded', 2, 2],
    ]);
  });
  it('names the versions the chart has no bars for', () => {
    expect(versionsWithoutRows(kernel, threadScalingRows(kernel, [r]))).toEqual(['3.13']);
    expect(versionsWithoutRows(kernel, [])).toEqual(['3.13', '3.14', '3.15']);
  });
  it('leaves out failed results, variants and other kernels', () => {
    const failed = run([impl('g1', around(1e9)), impl('t2', [], { status: 'failed' })]);
    expect(threadScalingRows(kernel, [failed])).toHaveLength(1);
    expect(threadScalingSpec(threadScalingRows(kernel, [failed]))).toBeNull();
    expect(threadScalingRows(kernel, [{ ...r, variant: 'v' }, { ...r, kernel: 'other' }])).toEqual([]);
  });
  it('draws a chart that fits a 375 px phone with text of at least 11 px, both builds in the legend', async () => {
    const spec = threadScalingSpec(threadScalingRows(kernel, [r, { ...r, machine: { ...r.machine, id: 'x64-second-machine-2c-8g' } }]))!;
    const svg = await renderSvg(spec);
    const [, , w] = svg.match(/viewBox="([\d.-]+) ([\d.-]+) ([\d.]+) ([\d.]+)"/)!.slice(1).map(Number);
    expect(w).toBeLessThanOrEqual(343);
    expect(Math.min(...[...svg.matchAll(/font-size="([\d.]+)px"/g)].map((m) => Number(m[1])))).toBeGreaterThanOrEqual(CHART_MIN_FONT);
    expect(svg).toContain('free-threaded');
    expect(svg).toContain('3.14 free-threaded, 2 threads: 1.67x');
  });
});
