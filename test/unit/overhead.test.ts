import { describe, expect, it } from 'vitest';
import { claimedOverheads, notMeasuredText, overheadSpec, overheadTable, overheadText, versionPairs } from '../../src/lib/site/overhead.ts';
import type { Kernel } from '../../src/lib/schema/kernel.ts';
import type { Run } from '../../src/lib/schema/run.ts';
import type { Claim } from '../../src/lib/schema/claim.ts';
import { renderSvg } from '../../src/lib/chart-svg.ts';

const impl = (id: string, runtime: string) => ({ id, runtime, label: id, tier: 'idiomatic', source: 'x.py' });
const kernel = {
  id: 'ft-overhead',
  suite: { summary: 'geometric-mean', description: 'd', parts: [{ id: 'a', description: 'part a' }, { id: 'b', description: 'part b' }] },
  implementations: [impl('reference', 'python'), impl('py313-gil', 'python3.13'), impl('py313-ft', 'python3.13t'), impl('py314-gil', 'python3.14'), impl('py314-gil-aa', 'python3.14'), impl('py314-ft', 'python3.14t')],
} as unknown as Kernel;

/** A result whose parts take a and b ns in every one of n passes (with a little spread). */
const ok = (id: string, a: number, b: number, n = 12) => {
  const wobble = (x: number, i: number) => x * (1 + ((i % 3) - 1) * 0.01);
  const parts = { a: Array.from({ length: n }, (_, i) => wobble(a, i)), b: Array.from({ length: n }, (_, i) => wobble(b, i)) };
  return { id, status: 'ok', samplesNs: parts.a.map((x, i) => x + parts.b[i]!), samplesPerProcess: [n / 2, n / 2], parts };
};
const skipped = (id: string) => ({ id, status: 'skipped', reason: `${id} missing: run "npm run setup:free-threaded -- 3.14"` });
const BUILD = 'plain build (OPT -DNDEBUG -g -O3 -Wall, cc 12.2.0); source: python3.13 3.13.5-2 (Debian trixie main)';
const run = (machine: string, protocol: object = { rounds: 2, warmupPerProcess: 1, order: 'interleaved, shuffled per round' }) => ({
  kernel: 'ft-overhead', profile: 'full', machine: { id: machine }, protocol,
  toolchains: { 'python3.13': { version: 'Python 3.13.5', build: BUILD }, 'python3.13t': { version: 'Python 3.13.5' } },
  implementations: [ok('py313-gil', 100, 200), ok('py313-ft', 150, 400), skipped('py314-gil'), skipped('py314-gil-aa'), skipped('py314-ft')],
}) as unknown as Run;

describe('free-threading overhead per version and per benchmark', () => {
  it('pairs each version\'s first GIL implementation with its free-threaded one', () => {
    expect(versionPairs(kernel)).toEqual([
      { version: '3.13', gil: 'py313-gil', freeThreaded: 'py313-ft', gilRuntime: 'python3.13', freeThreadedRuntime: 'python3.13t' },
      { version: '3.14', gil: 'py314-gil', freeThreaded: 'py314-ft', gilRuntime: 'python3.14', freeThreadedRuntime: 'python3.14t' },
    ]);
  });
  it('gives free-threaded time over GIL time per benchmark and as their geometric mean, with intervals, and says why a version was not measured', () => {
    const t = overheadTable(kernel, run('box'), { resamples: 200 })!;
    const [v313, v314] = t.versions;
    expect(v313!.measured!.parts.map((p) => [p.part, p.gilMedianNs, p.freeThreadedMedianNs, Number(p.ratio.toFixed(6))])).toEqual([['a', 100, 150, 1.5], ['b', 200, 400, 2]]);
    expect(v313!.measured!.ratio).toBeCloseTo(Math.sqrt(1.5 * 2), 9);
    expect(v313!.measured!.lo).toBeLessThanOrEqual(v313!.measured!.ratio);
    expect(v313!.measured!.hi).toBeGreaterThanOrEqual(v313!.measured!.ratio);
    expect(v313!.measured!.lo).toBeGreaterThan(1.6);
    expect(v314).toMatchObject({ measured: null, notMeasured: 'py314-gil: skipped (py314-gil missing: run "npm run setup:free-threaded -- 3.14")' });
  });
  it('says which builds were measured, from what the run recorded, and pairs the rounds of a run that grouped them', () => {
    const unpaired = overheadTable(kernel, run('box'), { resamples: 50 })!;
    expect(unpaired.versions[0]!.builds).toEqual({ gil: { version: 'Python 3.13.5', build: BUILD }, freeThreaded: { version: 'Python 3.13.5', build: null } });
    expect(unpaired.versions[0]!.pairedRounds).toBeNull();
    expect(unpaired.noise).toBeNull();
    const paired = overheadTable(kernel, run('box', { rounds: 2, warmupPerProcess: 1, order: 'interleaved, groups back to back in alternating order (ABBA)', groups: [['py313-ft', 'py313-gil']], pinnedCpu: 1 }), { resamples: 50 })!;
    expect(paired.versions[0]!.pairedRounds).toBe(2);
    expect(paired.pinnedCpu).toBe(1);
    expect(paired.versions[0]!.measured!.ratio).toBeCloseTo(Math.sqrt(1.5 * 2), 2);
    // The noise band is drawn only for one machine with an A/A floor.
    const band = (spec: Record<string, unknown> | null) => (spec!.layer as Array<{ mark: { type: string }; encoding: { x2?: { datum: number } } }>).find((l) => l.mark.type === 'rect');
    expect(band(overheadSpec([paired], []))).toBeUndefined();
    const withNoise = { ...paired, noise: { pair: ['py313-gil', 'py313-gil-aa'] as [string, string], ratio: 1.01, lo: 0.98, hi: 1.04, floor: 0.04, rounds: 2 } };
    expect(band(overheadSpec([withNoise], []))!.encoding.x2!.datum).toBeCloseTo(1.04, 10);
    expect(band(overheadSpec([withNoise, withNoise], []))).toBeUndefined();
  });
  it('shows a run of an earlier, shorter version of the suite with the benchmarks it measured, and counts the kernel\'s', () => {
    const grown = { ...kernel, suite: { ...kernel.suite!, parts: [...kernel.suite!.parts, { id: 'c', description: 'part c, added later' }] } } as Kernel;
    const t = overheadTable(grown, run('box'), { resamples: 50 })!;
    expect(t.kernelParts).toBe(3);
    expect(t.versions[0]!.measured!.parts.map((p) => p.part)).toEqual(['a', 'b']);
    expect(t.versions[0]!.measured!.ratio).toBeCloseTo(Math.sqrt(1.5 * 2), 9);
    expect(overheadTable(kernel, run('box'), { resamples: 50 })!.kernelParts).toBe(2);
  });
  it('is null for a kernel that is not a suite', () => {
    expect(overheadTable({ ...kernel, suite: undefined } as unknown as Kernel, run('box'))).toBeNull();
  });
  it('reads the claimed overhead of each version from the kernel\'s ratio claims, inverting a claim stated the other way round', () => {
    const claim = (id: string, subject: string, baseline: string, claimed: object): Claim => ({ id, kind: 'measured', claimed: { unit: 'x', ...claimed }, check: { kernel: 'ft-overhead', comparison: 'ratio', subject, baseline } }) as unknown as Claim;
    const got = claimedOverheads(kernel, [claim('c313', 'py313-gil', 'py313-ft', { value: 1.4 }), claim('c314', 'py314-ft', 'py314-gil', { range: { min: 0.5, max: 0.8 } }), claim('other', 'reference', 'py313-ft', { value: 2 })]);
    expect(got.map((c) => [c.version, c.claim, c.lo, c.hi])).toEqual([['3.13', 'c313', 1.4, 1.4], ['3.14', 'c314', 1.25, 2]]);
  });
  it('charts every version, measured or not, and renders without a browser', async () => {
    const tables = [overheadTable(kernel, run('box'), { resamples: 50 })!];
    const spec = overheadSpec(tables, [{ version: '3.14', claim: 'c', lo: 1.05, hi: 1.1, hardware: null }])!;
    const texts = (spec.data as { values: Array<{ text: string[]; series: string }> }).values.map((d) => [d.series, d.text.join(' ').trim()]);
    expect(texts).toEqual([
      ['measured', `3.13 measured: ${overheadText(tables[0]!.versions[0]!.measured!.ratio)}`],
      ['claimed', '3.14 claimed: 1.05x (+5%) to 1.10x (+10%)'],
      ['not measured', '3.14 measured: not built on this machine'],
    ]);
    const svg = await renderSvg(spec);
    expect(svg).toContain('not built on this machine');
    expect(overheadSpec([{ ...tables[0]!, versions: tables[0]!.versions.filter((v) => !v.measured) }], [])).toBeNull();
  });
});

describe('why a version was not measured', () => {
  it('names the command that builds a missing pair, and passes any other reason through', () => {
    expect(notMeasuredText('py314-gil: skipped (python3.14 missing: not found; run "npm run setup:free-threaded -- 3.14": it builds ...)')).toBe('its interpreters are not built on this machine (npm run setup:free-threaded -- 3.14 builds them)');
    expect(notMeasuredText('py314-ft: failed (exit 1)')).toBe('py314-ft: failed (exit 1)');
  });
});
