import { describe, expect, it } from 'vitest';
import { buildSiteModel, noiseFloorOf, runsWithHistory, verdictHistory, type Dataset } from '../../src/lib/view.ts';
import { runRows, runsCsv, claimRecord } from '../../src/lib/site/export.ts';
import { speedupSpec } from '../../src/lib/site/charts.ts';
import { labelSvg } from '../../src/lib/site/svg.ts';
import { around, impl, measuredClaim, run } from '../fixtures/builders.ts';
import type { Kernel } from '../../src/lib/schema/kernel.ts';
import type { Run } from '../../src/lib/schema/run.ts';
import type { NoiseResult } from '../../src/lib/schema/noise.ts';

const article = { slug: 'a1', title: 'Article One', order: 1, published: '2026', summary: 's' };
const kernel = {
  schemaVersion: 2, id: 'k', title: 'Kernel K', summary: 's', origin: { title: 'o', url: 'https://example.com' },
  params: [{ name: 'n' }], workload: { n: 2 }, checksum: { description: 'c', tolerance: 0 }, reference: 'base',
  implementations: [
    { id: 'base', label: 'Base', tier: 'naive', parallel: false, source: 'b.py', gpu: false, runtime: 'python' },
    { id: 'one', label: 'One thread', tier: 'optimized', parallel: false, source: 'o.c', gpu: false, runtime: 'c' },
    { id: 'subj', label: 'Subject', tier: 'optimized', parallel: true, source: 's.c', gpu: false, runtime: 'c' },
  ],
} as unknown as Kernel;

const machine = (id: string) => ({ id, cpuModel: 'CPU', cpu: null, arch: 'x64', cores: 4, simd: [], memoryBytes: 2 ** 33, os: 'OS', kernelRelease: '6', gpu: null });
/** base 1 s, "one" r/4 times faster, subject r times faster on 4 threads. */
const kRun = (m: string, r: number, finishedAt: string): Run =>
  run([impl('base', around(1e9)), impl('one', around(4e9 / r)), impl('subj', around(1e9 / r), { threads: 4 })], { machine: machine(m), finishedAt });

const claim = measuredClaim({ id: 'c1', article: 'a1', check: { scaling: { rule: 'per-core', claimedCores: 4, from: 'one' } } });

describe('verdict history', () => {
  it('judges the newest run of every machine so far at each run, oldest first, and marks changes', () => {
    // m1's newest run (10x) disagrees with m2 (110x): machines never merge silently, so inconclusive.
    const h = verdictHistory(claim, [kRun('m1', 10, '2026-11-03T00:00:00.000Z'), kRun('m1', 120, '2026-11-01T00:00:00.000Z'), kRun('m2', 110, '2026-11-02T00:00:00.000Z')]);
    expect(h.map((e) => [e.machine, e.verdict, e.changed])).toEqual([['m1', 'confirmed', false], ['m2', 'confirmed', false], ['m1', 'inconclusive', true]]);
    expect(h[2]!.previous).toBe('confirmed');
    expect(h[0]!.previous).toBeNull();
  });
  it('counts a run listed twice once, and is empty for claims that rest on no run', () => {
    const r = kRun('m1', 120, '2026-11-01T00:00:00.000Z');
    expect(verdictHistory(claim, [r, r])).toHaveLength(1);
    expect(verdictHistory(measuredClaim({ check: { planned: true } }), [r])).toEqual([]);
  });
});

describe('wiring history and noise', () => {
  const old = kRun('m1', 10, '2026-10-01T00:00:00.000Z');
  const noise = { schemaVersion: 1, machine: machine('m1'), kernel: 'k', impl: 'base', profile: 'quick', params: {}, trials: [{ point: 1, lo: 0.98, hi: 1.02, falsePositive: false }, { point: 1.01, lo: 0.99, hi: 1.03, falsePositive: false }], falsePositiveRate: 0, floor: 0.012, startedAt: '2026-11-01T00:00:00.000Z', finishedAt: '2026-11-01T00:01:00.000Z' } as NoiseResult;
  const d: Dataset = { articles: [article], claims: [claim], kernels: [kernel], runs: [kRun('m1', 120, '2026-11-01T00:00:00.000Z')], history: [old], noise: [noise] };
  it('takes the older runs into the history', () => {
    expect(runsWithHistory(d)).toHaveLength(2);
    const site = buildSiteModel(d);
    expect(site.claims[0]!.history.map((h) => h.verdict)).toEqual(['overstated', 'confirmed']);
    expect(site.claims[0]!.history[1]!.changed).toBe(true);
    // The current verdict rests on the current runs only.
    expect(site.claims[0]!.verdict).toBe('confirmed');
  });
  it('gives each machine its newest noise test, or null', () => {
    expect(noiseFloorOf(d, 'm1')).toEqual({ finishedAt: '2026-11-01T00:01:00.000Z', kernel: 'k', impl: 'base', profile: 'quick', floor: 0.012, trials: 2, falsePositiveRate: 0, falsePositiveInterval: null, pairsPerTrial: null });
    expect(noiseFloorOf(d, 'm2')).toBeNull();
    expect(noiseFloorOf({ ...d, noise: undefined }, 'm1')).toBeNull();
    const site = buildSiteModel(d);
    expect(site.machineViews[0]!.noiseFloor?.floor).toBe(0.012);
    expect(site.claims[0]!.tables[0]!.noiseFloor?.floor).toBe(0.012);
  });
});

describe('site model', () => {
  const d: Dataset = { articles: [article], claims: [claim], kernels: [kernel], runs: [kRun('m1', 120, '2026-11-01T00:00:00.000Z'), kRun('m2', 100, '2026-11-02T00:00:00.000Z')] };
  const site = buildSiteModel(d);
  const c = site.claims[0]!;
  it('marks baseline, subject and the per-core basis, with each implementation\'s speed-up', () => {
    const rows = c.tables[0]!.rows;
    expect(rows.map((r) => r.role)).toEqual(['baseline', 'basis', 'subject']);
    expect(rows[0]!.speedup).toBeCloseTo(1);
    expect(rows[2]!.speedup).toBeCloseTo(120, 0);
  });
  it('counts the machines that measured it and draws one chart per machine when several did', () => {
    expect(c.machinesMeasured).toBe(2);
    expect(c.machineCharts.map((m) => m.id)).toEqual(['c1--m1', 'c1--m2']);
    expect(c.speedupChart?.id).toBe('c1--speedup');
  });
  it('gives every chart a unique id and address', () => {
    const ids = site.charts.map((x) => x.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids).toContain('verdicts-by-article');
    for (const x of site.charts) expect(x.href).toBe(`/data/charts/${x.id}.json`);
  });
  it('builds a view of each machine with its runs and the verdict each claim gets there', () => {
    expect(site.machineViews.map((m) => [m.machine.id, m.runs.length, m.claims.length, m.noiseFloor])).toEqual([['m1', 1, 1, null], ['m2', 1, 1, null]]);
    expect(site.machineViews[0]!.runs[0]!.statuses).toEqual([{ status: 'ok', n: 3 }]);
  });
  it('facets and search text', () => {
    expect(site.facets.find((g) => g.facet === 'kind')!.values.map((v) => v.value)).toEqual(['measured']);
    expect(c.searchText).toContain('article one');
    expect(c.facets).toEqual({ verdict: c.verdict, article: 'a1', topic: 'mojo-speedups', kind: 'measured' });
  });
  it('exports one CSV row per machine, kernel and implementation', () => {
    const rows = runRows(d.runs);
    expect(rows).toHaveLength(6);
    expect(rows[0]).toMatchObject({ machine: 'm1', kernel: 'k', implementation: 'base', status: 'ok', n: 9, profile: 'quick', params: 'n=1' });
    expect(runsCsv(d.runs).split('\r\n')[0]).toBe('machine,kernel,implementation,status,reason,median_ns,q1_ns,q3_ns,n,threads,peak_rss_kib,extrapolated_factor,profile,params,finished_at');
  });
  it('exports a claim with absolute links', () => {
    const r = claimRecord(c, 'https://claimbench.example.org/');
    expect(r.url).toBe('https://claimbench.example.org/claims/c1/');
    expect(r.links.charts).toContain('https://claimbench.example.org/data/charts/c1--speedup.json');
    expect(r.figures).toHaveLength(2);
  });
});

describe('speed-up chart with three machines and many implementations', () => {
  const extras = ['e1', 'e2', 'e3', 'e4', 'e5'];
  const wide = { ...kernel, implementations: [...kernel.implementations, ...extras.map((id) => ({ id, label: `Extra ${id}`, tier: 'optimized', parallel: false, source: `${id}.c`, gpu: false, runtime: 'c' }))] } as unknown as Kernel;
  const wideRun = (m: string, finishedAt: string): Run => {
    const r = kRun(m, 120, finishedAt);
    return { ...r, implementations: [...r.implementations, ...extras.map((id, i) => impl(id, around(1e9 / (i + 2))))] };
  };
  const d: Dataset = { articles: [article], claims: [claim], kernels: [wide], runs: ['m1', 'm2', 'm3'].map((m, i) => wideRun(m, `2026-11-0${i + 1}T00:00:00.000Z`)) };
  const c = buildSiteModel(d).claims[0]!;
  const decider = c.assessment.decidingRun!.machine;
  const drawn = (c.speedupChart!.spec as { data: { values: { machine: string; impl: string }[] } }).data.values;
  it('draws every implementation on the deciding machine and only the claim\'s implementations on the others', () => {
    expect(c.tables).toHaveLength(3);
    expect(drawn.filter((r) => r.machine === decider)).toHaveLength(8);
    for (const m of ['m1', 'm2', 'm3'].filter((x) => x !== decider)) expect(drawn.filter((r) => r.machine === m).map((r) => r.impl).sort()).toEqual(['base', 'one', 'subj']);
    expect(drawn).toHaveLength(8 + 3 + 3);
    // The tables still list every implementation of every machine.
    for (const t of c.tables) expect(t.rows).toHaveLength(8);
  });
  it('names the deciding machine in the title and the chart description', () => {
    expect(c.speedupChart!.title).toContain(`every implementation on ${decider}; the claim's implementations on the other machines`);
    expect(String(c.speedupChart!.spec.description)).toContain(`every implementation on ${decider}`);
  });
});

describe('charts', () => {
  it('starts speed-up bars at a power of ten at or below the smallest value', () => {
    const spec = speedupSpec('c', 'base', [
      { machine: 'm', impl: 'base', label: 'Base', role: 'baseline', speedup: 1 },
      { machine: 'm', impl: 'slow', label: 'Slow', role: 'other', speedup: 0.3 },
    ]) as any;
    expect(spec.layer[0].encoding.x2).toEqual({ datum: 0.1 });
    expect(spec.layer[0].encoding.x.scale.domain[0]).toBe(0.1);
  });
  it('needs two implementations, and groups rows by machine when there are several (one row each, named)', () => {
    expect(speedupSpec('c', 'base', [{ machine: 'm', impl: 'base', label: 'Base', role: 'baseline', speedup: 1 }])).toBeNull();
    const two = speedupSpec('c', 'base', [
      { machine: 'm1', impl: 'base', label: 'Base', role: 'baseline', speedup: 1 },
      { machine: 'm2', impl: 'base', label: 'Base', role: 'baseline', speedup: 1 },
    ]) as any;
    expect(two.facet).toBeUndefined();
    expect(two.data.values.map((v: { row: string }) => v.row)).toEqual(['m1\u0000base', 'm2\u0000base']);
    expect(two.data.values.map((v: { text: string[] }) => v.text.join(' '))).toEqual(['m1 · Base: 1x', 'm2 · Base: 1x']);
  });
  it('names the SVG for assistive technology, escaping the label', () => {
    expect(labelSvg('<svg class="marks" role="img"><g/></svg>', 'A "b" <c>')).toBe('<svg class="marks" role="img" aria-label="A &quot;b&quot; &lt;c&gt;"><g/></svg>');
  });
});

describe('formatTimes', () => {
  it('keeps three significant figures at every scale', async () => {
    const { formatTimes } = await import('../../src/lib/site/charts.ts');
    expect([923.4, 12.34, 1, 0.000126, 68040].map(formatTimes)).toEqual(['923x', '12.3x', '1x', '0.000126x', '68,000x']);
  });
});

describe('shortTitle', () => {
  it('cuts an article title at its colon or dash, then at 30 characters', async () => {
    const { shortTitle } = await import('../../src/lib/site/charts.ts');
    expect(shortTitle('Rust vs Mojo 2026: Which Language Rules AI Infrastructure')).toBe('Rust vs Mojo 2026');
    expect(shortTitle('The Path to Mojo 1.0')).toBe('The Path to Mojo 1.0');
    expect(shortTitle('Rust Is Eating Python in Generative AI Infrastructure')).toBe('Rust Is Eating Python in Gene…');
  });
});

describe('the reproduce setup step of a kernel on setup:free-threaded builds', () => {
  const ftKernel = {
    ...kernel,
    implementations: [
      { id: 'base', label: 'Base', tier: 'naive', parallel: false, source: 'b.py', gpu: false, runtime: 'python' },
      { id: 'gil', label: '3.14 GIL', tier: 'idiomatic', parallel: false, source: 'b.py', gpu: false, runtime: 'python3.14' },
      { id: 'ft', label: '3.14 free-threaded', tier: 'idiomatic', parallel: false, source: 'b.py', gpu: false, runtime: 'python3.14t' },
    ],
  } as unknown as Kernel;
  const ftClaim = measuredClaim({ id: 'ft1', article: 'a1', claimed: { value: 1.1 }, check: { subject: 'gil', baseline: 'ft', toleranceFactor: 1.15 } });
  const line = (opt: string) => `${opt} build (OPT -DNDEBUG -g -O3 -Wall, gcc 14.2.0); source: CPython git tag v3.14.7`;
  const ftRun = (opt: string | null) => run([impl('base', around(1e9)), impl('gil', around(1e9)), impl('ft', around(1.1e9))], {
    toolchains: opt ? { 'python3.14': { version: 'Python 3.14.7', build: line(opt) }, 'python3.14t': { version: 'Python 3.14.7', build: line(opt) } } : {},
  });
  const setupOf = (runs: Run[]) => buildSiteModel({ articles: [article], claims: [ftClaim], kernels: [ftKernel], runs }).claims[0]!.reproduceSetup;
  it('asks for the deciding run\'s PGO + LTO, and the default for plain builds, builds not recorded or no run', () => {
    expect(setupOf([ftRun('pgo-lto')])).toBe('CLAIMBENCH_PY_OPT=pgo-lto npm run setup:free-threaded -- 3.14');
    expect(setupOf([ftRun('plain')])).toBe('npm run setup:free-threaded -- 3.14');
    expect(setupOf([ftRun(null)])).toBe('npm run setup:free-threaded -- 3.14');
    expect(setupOf([])).toBe('npm run setup:free-threaded -- 3.14');
  });
  it('is null for a kernel on no setup:free-threaded build', () => {
    expect(buildSiteModel({ articles: [article], claims: [claim], kernels: [kernel], runs: [kRun('m1', 120, '2026-11-01T00:00:00.000Z')] }).claims[0]!.reproduceSetup).toBeNull();
  });
});
