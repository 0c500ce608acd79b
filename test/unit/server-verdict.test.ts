/**
 * Measured claims on a server kernel: the comparison is made at the claim's connection count from
 * the load measurement (requests/s subject over baseline; latency and memory baseline over
 * subject), a single figure widened only by the noise floor and hardware allowances; without a
 * measurement at that count, or with a failed server, the claim stays pending and says why.
 */
import { describe, expect, it, vi } from 'vitest';
import { assess } from '../../src/lib/verdict.ts';
import { readerSentence } from '../../src/lib/reader-sentence.ts';
import { impl, measuredClaim, run } from '../fixtures/builders.ts';
import type { ImplResult, Run } from '../../src/lib/schema/run.ts';
import type { LoadLevel } from '../../src/lib/schema/server.ts';
import type { Kernel } from '../../src/lib/schema/kernel.ts';
import { serverSetupText, sweepChartsOf } from '../../src/lib/site/server-load.ts';
import { logTicks } from '../../src/lib/site/charts.ts';
import { buildSiteModel, type Dataset } from '../../src/lib/view.ts';
import { ratioAxisTitle } from '../../src/lib/chart.ts';
import { renderSvg } from '../../src/lib/chart-svg.ts';
import { CHART_MIN_FONT } from '../../src/lib/chart.ts';

const level = (connections: number, rps: number, p50Us = 100): LoadLevel => ({
  connections, seconds: 5, requests: Math.round(rps * 5), requestsPerSecond: rps,
  latencyUs: { p50: p50Us, p90: p50Us * 2, p99: p50Us * 5, max: p50Us * 10, mean: p50Us },
  errors: { connect: 0, read: 0, write: 0, timeout: 0, non2xx: 0 },
});

/** A server implementation's result: no samples, a load block with one level per connection count. */
function server(id: string, rpsByConnections: Record<number, number>, peakKiB = 10_000, over: Partial<ImplResult> = {}): ImplResult {
  return impl(id, [], {
    checksum: 'a'.repeat(64), peakRssKiB: peakKiB,
    load: {
      generator: { name: 'wrk', version: 'wrk 4.1.0', threads: 1, cpu: 1 }, serverCpu: 0, path: '/json', warmupSeconds: 1, durationSeconds: 5, maxRequests: 5_000_000,
      response: { status: 200, contentType: 'application/json', bytes: 27, sha256: 'a'.repeat(64) },
      levels: Object.entries(rpsByConnections).map(([c, r]) => level(Number(c), r, 1e6 / r)),
      serverPeakRssKiB: peakKiB,
    },
    ...over,
  });
}
const serverRun = (impls: ImplResult[], over: Partial<Run> = {}) => run(impls, { kernel: 'http', params: { endpoint: 'json' }, ...over });
const rpsClaim = (value: number, connections = 64) => measuredClaim({
  claimed: { metric: 'throughput', value, unit: 'x' },
  check: { kernel: 'http', metric: 'requests-per-second', baseline: 'py', subject: 'rs', connections, toleranceFactor: 2 },
});

describe('measured claims on a server kernel', () => {
  const measured = serverRun([server('py', { 1: 500, 64: 1_000 }), server('rs', { 1: 4_000, 64: 15_000 })]);

  it('takes requests/s at the claim\'s connection count, subject over baseline', () => {
    const a = assess(rpsClaim(15), [measured]);
    expect(a.verdict).toBe('confirmed');
    expect(a.explanation).toContain('at 64 connections, "rs" gave 15,000 requests/s and "py" 1,000 requests/s: 15x');
    expect(a.explanation).toContain('no sampling interval');
    // The same run at 1 connection: 8x, still within 15x's band of 7.5x-30x.
    expect(assess(rpsClaim(15, 1), [measured]).verdict).toBe('confirmed');
  });

  it('tells the reader the measured ratio at that connection count', () => {
    const k = { id: 'http', implementations: [{ id: 'py', label: 'Python server', runtime: 'python' }, { id: 'rs', label: 'Rust server', runtime: 'rust' }] } as unknown as Kernel;
    const claim = rpsClaim(15);
    expect(readerSentence(claim, assess(claim, [measured]), [measured], k)).toBe("The article's 15x matches the 15x we measured for Rust server over Python server at 64 connections.");
  });

  it('calls a ratio far above what was measured overstated, and one the other way refuted', () => {
    expect(assess(rpsClaim(150), [measured]).verdict).toBe('overstated');
    const slower = serverRun([server('py', { 64: 10_000 }), server('rs', { 64: 1_000 })]);
    expect(assess(rpsClaim(15), [slower]).verdict).toBe('refuted');
    expect(assess(rpsClaim(15), [slower]).explanation).toContain('"rs" is not faster than "py" at all here');
  });

  it('compares peak memory baseline over subject (how many times less the subject needs)', () => {
    const memClaim = measuredClaim({
      claimed: { metric: 'memory', value: 1.22, unit: 'x' },
      check: { kernel: 'http', metric: 'peak-memory', baseline: 'py', subject: 'rs', connections: 64, toleranceFactor: 1.15 },
    });
    const r = serverRun([server('py', { 64: 1_000 }, 12_200), server('rs', { 64: 2_000 }, 10_000)]);
    const a = assess(memClaim, [r]);
    expect(a.verdict).toBe('confirmed');
    expect(a.explanation).toContain('1.22x');
    const bigger = serverRun([server('py', { 64: 1_000 }, 4_000), server('rs', { 64: 2_000 }, 10_000)]);
    const refuted = assess(memClaim, [bigger]);
    expect(refuted.verdict).toBe('refuted');
    // Said in the metric's terms: memory, not speed.
    expect(refuted.explanation).toContain('"rs" needs no less memory than "py" at all here');
    expect(refuted.explanation).not.toContain('faster');
  });

  it('near the band\'s edge it is inconclusive and says that one load measurement cannot be narrowed by more samples', () => {
    // 7.6x against a band from 7.5x: inside, but not by the noise floor.
    const near = serverRun([server('py', { 64: 1_000 }), server('rs', { 64: 7_600 })]);
    const a = assess(rpsClaim(15), [near]);
    expect(a.verdict).toBe('inconclusive');
    expect(a.explanation).toContain('one load measurement within the allowance');
    expect(a.explanation).not.toContain('times as many samples');
  });

  it('stays pending without a measurement at that connection count, or when a server failed', () => {
    const a = assess(rpsClaim(15, 256), [measured]);
    expect(a.verdict).toBe('pending');
    expect(a.explanation).toContain('"py" has no load measurement at 256 connections; "rs" has no load measurement at 256 connections');
    const failed = serverRun([server('py', { 64: 1_000 }), server('rs', {}, 0, { status: 'failed', reason: 'never ready: no answer within 30 s' })]);
    const f = assess(rpsClaim(15), [failed]);
    expect(f.verdict).toBe('pending');
    expect(f.explanation).toContain('"rs" failed (never ready: no answer within 30 s)');
  });
});

describe('the concurrency sweep chart of a server claim', () => {
  const kernel = { id: 'http', server: { connections: [1, 16, 64, 256] } } as unknown as Kernel;
  const labels = ['python-stdlib', 'python-fastapi', 'python-fastapi-granian', 'rust-axum', 'cpp-beast'];
  const r = serverRun(labels.map((id, i) => server(id, { 1: 300 * (i + 1), 16: 900 * (i + 1) ** 2, 64: 1_000 * (i + 1) ** 2, 256: 950 * (i + 1) ** 2 })));
  const check = { kernel: 'k', baseline: 'python-fastapi', subject: 'rust-axum' };

  it('draws every implementation that ran at each connection count, the pair in its role colours, and fits a 375 px phone', async () => {
    const charts = sweepChartsOf('c1', check, [run(r.implementations, { kernel: 'k' })], kernel);
    expect(charts).toHaveLength(1);
    const spec = charts[0]!.spec as { data: { values: Array<{ impl: string; role: string; connections: number }> } };
    expect(new Set(spec.data.values.map((v) => v.impl))).toEqual(new Set(labels));
    expect(spec.data.values.filter((v) => v.impl === 'rust-axum').map((v) => v.connections)).toEqual([1, 16, 64, 256]);
    expect(spec.data.values.find((v) => v.impl === 'python-fastapi')!.role).toBe('baseline');
    const svg = await renderSvg(charts[0]!.spec);
    const w = Number(svg.match(/viewBox="[\d.-]+ [\d.-]+ ([\d.]+) [\d.]+"/)![1]);
    expect(w).toBeLessThanOrEqual(375 - 32);
    const fonts = [...svg.matchAll(/font-size="([\d.]+)px"/g)].map((m) => Number(m[1]));
    expect(Math.min(...fonts)).toBeGreaterThanOrEqual(CHART_MIN_FONT);
    for (const id of labels) expect(svg).toContain(id);
  });

  it('renders without a Vega warning: colour and point shape share one legend, one entry per server', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    try {
      const svg = await renderSvg(sweepChartsOf('c1', check, [run(r.implementations, { kernel: 'k' })], kernel)[0]!.spec);
      expect(warn.mock.calls.map((c) => c.join(' '))).toEqual([]);
      // One legend (not a colour legend and a shape legend): each server's name printed once.
      for (const id of labels) expect(svg.split(`>${id}<`).length - 1, id).toBe(1);
    } finally {
      warn.mockRestore();
    }
  });

  it('labels its log axis at 1, 2 and 5 times each power of ten (powers only past two decades)', () => {
    expect(logTicks(1_000, 100_000)).toEqual([1_000, 2_000, 5_000, 10_000, 20_000, 50_000, 100_000]);
    expect(logTicks(0.1, 1_000)).toEqual([0.1, 1, 10, 100, 1_000]);
    expect(logTicks(10, 100)).toEqual([10, 20, 50, 100]);
  });

  it('leaves out failed servers, variant runs and kernels without a server block', () => {
    const failed = run([...r.implementations.slice(0, 4), server('cpp-beast', {}, 0, { status: 'failed', reason: 'build failed' })], { kernel: 'k' });
    const spec = sweepChartsOf('c1', check, [failed], kernel)[0]!.spec as { data: { values: Array<{ impl: string }> } };
    expect(spec.data.values.some((v) => v.impl === 'cpp-beast')).toBe(false);
    expect(sweepChartsOf('c1', check, [run(r.implementations, { kernel: 'k', variant: 'plaintext' })], kernel)).toEqual([]);
    // A claim that names the variant is drawn from the variant's run.
    expect(sweepChartsOf('c1', { ...check, variant: 'plaintext' }, [run(r.implementations, { kernel: 'k' }), run(r.implementations, { kernel: 'k', variant: 'plaintext' })], kernel)).toHaveLength(1);
    expect(sweepChartsOf('c1', { ...check, variant: 'plaintext' }, [run(r.implementations, { kernel: 'k' })], kernel)).toEqual([]);
    expect(sweepChartsOf('c1', check, [run(r.implementations, { kernel: 'k' })], { id: 'k' } as unknown as Kernel)).toEqual([]);
  });
});

describe('a server claim on its page', () => {
  const kernel = {
    id: 'http', title: 'HTTP', server: { connections: [1, 64] }, variants: [],
    implementations: [{ id: 'py', label: 'Python server', runtime: 'python', tier: 'naive' }, { id: 'rs', label: 'Rust server', runtime: 'rust', tier: 'idiomatic' }],
  } as unknown as Kernel;
  const claim = { ...rpsClaim(15), id: 'c1', article: 'a1', claimed: { metric: 'throughput' as const, range: { min: 10, max: 20 }, unit: 'x' } } as unknown as ReturnType<typeof rpsClaim>;
  const measured = serverRun([server('py', { 1: 500, 64: 1_000 }, 20_000), server('rs', { 1: 4_000, 64: 15_000 }, 8_000)]);
  const d = { articles: [{ slug: 'a1', title: 'A', order: 1, published: '2026', summary: 's' }], claims: [claim], kernels: [kernel], runs: [measured] } as unknown as Dataset;
  const c = buildSiteModel(d).claims[0]!;

  it('tables each server\'s load measurement at the claim\'s connection count (it has no samples to take a median of)', () => {
    const t = c.tables[0]!;
    expect(t.serverConnections).toBe(64);
    // The fixture's median latency is one second over the rate: 1 ms and 66.7 µs.
    expect(t.rows.map((r) => [r.impl.id, r.load?.requestsPerSecond, Math.round(r.load!.p50Ns)])).toEqual([['py', 1_000, 1_000_000], ['rs', 15_000, 66_667]]);
  });

  it('captions the chart with what it draws: a range\'s mark at its middle, one load measurement without a bar', () => {
    expect(c.chartNote).toContain('drawn at the middle of the claimed range');
    expect(c.chartNote).toContain('one load measurement at 64 connections, which has no sampling interval, so no bar');
    expect(c.chartNote).not.toContain('bootstrap');
  });

  it('says how our setup differs from the claim\'s: CPUs, loopback, answer size, connections, and what the claim names', () => {
    expect(c.setupComparison).toBe(
      "Ours on m1: each server on one CPU (CPU 0 of 2) with one worker, the load generator (wrk, 1 thread) on CPU 1 of the same machine, over loopback (no network card, no TLS, no proxy); GET /json answered with 27 bytes of application/json; 1 and 64 keep-alive connections, the verdict taken at 64. The claim's: not stated (no hardware, core count, payload, network or connection count), so its figure may come from a very different setup.",
    );
    const named = serverSetupText({ hardware: { description: 'a 16-core server the vendor names', cores: 16 } }, claim.check, [measured], kernel)!;
    expect(named).toContain("The claim's: a 16-core server the vendor names, 16 cores; anything else about its setup is not stated.");
    expect(serverSetupText({}, claim.check, [measured], { ...kernel, server: undefined } as unknown as Kernel)).toBeNull();
    expect(serverSetupText({}, { ...claim.check, variant: 'plaintext' }, [measured], kernel)).toBeNull();
  });

  it('titles the ratio axis in the metric\'s terms: requests/s more, memory less, never a speed-up', () => {
    expect(ratioAxisTitle(rpsClaim(15))).toBe('requests/s ratio (times more)');
    const mem = measuredClaim({ claimed: { metric: 'memory', value: 1.22, unit: 'x' }, check: { kernel: 'http', metric: 'peak-memory', baseline: 'py', subject: 'rs', connections: 64 } });
    expect(ratioAxisTitle(mem)).toBe('memory ratio (times less)');
    expect(ratioAxisTitle(measuredClaim({}))).toBe('speed-up (times faster)');
  });
});
