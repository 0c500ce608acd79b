/**
 * Measured claims on a server kernel: the comparison is made at the claim's connection count from
 * the load measurement (requests/s subject over baseline; latency and memory baseline over
 * subject), a single figure widened only by the noise floor and hardware allowances; without a
 * measurement at that count, or with a failed server, the claim stays pending and says why.
 */
import { describe, expect, it } from 'vitest';
import { assess } from '../../src/lib/verdict.ts';
import { impl, measuredClaim, run } from '../fixtures/builders.ts';
import type { ImplResult, Run } from '../../src/lib/schema/run.ts';
import type { LoadLevel } from '../../src/lib/schema/server.ts';

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
  check: { kernel: 'http', metric: 'requests-per-second', baseline: 'py', subject: 'rs', connections, tolerance: 2 },
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

  it('calls a ratio far above what was measured overstated, and one the other way refuted', () => {
    expect(assess(rpsClaim(150), [measured]).verdict).toBe('overstated');
    const slower = serverRun([server('py', { 64: 10_000 }), server('rs', { 64: 1_000 })]);
    expect(assess(rpsClaim(15), [slower]).verdict).toBe('refuted');
  });

  it('compares peak memory baseline over subject (how many times less the subject needs)', () => {
    const memClaim = measuredClaim({
      claimed: { metric: 'memory', value: 1.22, unit: 'x' },
      check: { kernel: 'http', metric: 'peak-memory', baseline: 'py', subject: 'rs', connections: 64, tolerance: 1.15 },
    });
    const r = serverRun([server('py', { 64: 1_000 }, 12_200), server('rs', { 64: 2_000 }, 10_000)]);
    const a = assess(memClaim, [r]);
    expect(a.verdict).toBe('confirmed');
    expect(a.explanation).toContain('1.22x');
    const bigger = serverRun([server('py', { 64: 1_000 }, 4_000), server('rs', { 64: 2_000 }, 10_000)]);
    expect(assess(memClaim, [bigger]).verdict).toBe('refuted');
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
