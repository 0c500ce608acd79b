/**
 * The engine's rules from issue 9, one block per defect: direction, noise deciding, hardware spread,
 * machines never merging silently, display precision.
 */
import { describe, expect, it } from 'vitest';
import { assess } from '../../src/lib/verdict.ts';
import { around, impl, measuredClaim, run } from '../fixtures/builders.ts';
import { BUILD_PAIR_SPREAD_PRIOR, DEFAULT_NOISE_FLOOR, HARDWARE_SPREAD_PRIOR } from '../../src/lib/verdict-rules.ts';
import { VERDICT_RATINGS } from '../../src/lib/site/jsonld.ts';
import { verdictMeaning } from '../../src/lib/verdict-vocabulary.ts';
import type { NoiseResult } from '../../src/lib/schema/noise.ts';
import type { Run } from '../../src/lib/schema/run.ts';

const ratioRun = (r: number, over: Partial<Run> = {}, n = 9, spread = 0.01) =>
  run([impl('base', around(1e9, n, spread)), impl('subj', around(1e9 / r, n, spread))], over);

const noiseOf = (machine: Run['machine'], floor: number): NoiseResult => ({
  schemaVersion: 1, machine, kernel: 'k', impl: 'base', profile: 'full', params: {}, trials: [{ point: 1, lo: 0.99, hi: 1.01, falsePositive: false }],
  falsePositiveRate: 0, floor, startedAt: '2026-11-01T00:00:00.000Z', finishedAt: '2026-11-01T00:00:00.000Z',
}) as NoiseResult;

describe('defect 1: the metric direction drives the verdict', () => {
  const mojoSimdTime = measuredClaim({ claimed: { metric: 'time', value: 0.0006, unit: 's' }, check: { comparison: 'time', baseline: undefined, subject: 'subj' } });
  it('calls a claimed time 74 times lower than measured overstated, not understated', () => {
    const a = assess(mojoSimdTime, [run([impl('subj', around(0.044e9))])]);
    expect(a.verdict).toBe('overstated');
    expect(a.explanation).toContain('lower is better for this metric');
  });
  it('gives overstated a meaning that follows the direction', () => {
    expect(verdictMeaning('overstated', 'lower-is-better')).toContain('lower than measured');
    expect(verdictMeaning('overstated', 'higher-is-better')).toContain('higher than measured');
  });
  it('never rates a projection-based verdict as mostly true', () => {
    expect(VERDICT_RATINGS.plausible.ratingValue).toBeLessThan(4);
    expect(VERDICT_RATINGS.overstated.ratingValue).toBeLessThan(3);
  });
});

describe('defect 2: the interval and the noise floor decide, not the median', () => {
  it('is inconclusive when the interval straddles the band boundary though the median is inside', () => {
    // Band 50x-200x; a median of 55x with ±15% spread reaches below 50x.
    const a = assess(measuredClaim(), [ratioRun(55, {}, 9, 0.15)]);
    expect(a.verdict).toBe('inconclusive');
    expect(a.explanation).toContain("crosses the band's boundary at 50x");
    expect(a.explanation).toMatch(/times as many samples|quieter machine/);
  });
  it('takes the machine noise floor into account: inside the band alone, across it with the floor', () => {
    const r = ratioRun(52);
    expect(assess(measuredClaim(), [r], [], [noiseOf(r.machine, 0.01)]).verdict).toBe('confirmed');
    const a = assess(measuredClaim(), [r], [], [noiseOf(r.machine, 0.1)]);
    expect(a.verdict).toBe('inconclusive');
    expect(a.explanation).toContain('A/A noise test of 2026-11-01');
    expect(a.explanation).toContain('more samples on this machine cannot decide it');
  });
  it('uses and states the default noise floor when the machine has no noise test', () => {
    const a = assess(measuredClaim(), [ratioRun(120)]);
    expect(a.explanation).toContain(`the default ${DEFAULT_NOISE_FLOOR * 100}%`);
  });
  it('does not let a run with machine-load or drift warnings decide alone', () => {
    const warned = ratioRun(120, { warnings: [{ code: 'machine-load', message: 'busy', fix: 'rerun' }] });
    const a = assess(measuredClaim(), [warned]);
    expect(a.verdict).toBe('inconclusive');
    expect(a.decidingRun?.wouldBe).toBe('confirmed');
    expect(a.explanation).toContain('does not decide alone');
    const other = ratioRun(118, { machine: { ...warned.machine, id: 'm2', cpuModel: 'Other CPU' }, warnings: [{ code: 'drift', message: 'drift', fix: 'rerun' }] });
    expect(assess(measuredClaim(), [warned, other]).verdict).toBe('confirmed');
    const clean = ratioRun(118, { machine: { ...warned.machine, id: 'm3', cpuModel: 'Other CPU' } });
    expect(assess(measuredClaim(), [warned, clean]).agreement).toEqual({ measured: 2, agree: 2, disagreeing: [] });
  });
});

describe('defect 3: a figure from other hardware is wrong only beyond what hardware explains', () => {
  it('is inconclusive for a gap hardware differences explain, citing the prior with one CPU model', () => {
    // 30x measured against a claimed 108x (band 54x-216x): within the ×3.6 prior.
    const a = assess(measuredClaim({ claimed: { value: 108 } }), [ratioRun(30)]);
    expect(a.verdict).toBe('inconclusive');
    expect(a.explanation).toContain('by less than hardware differences explain');
    expect(a.explanation).toContain(HARDWARE_SPREAD_PRIOR.citation);
  });
  it('measures the spread from the CPU models this site has, and uses it', () => {
    const epyc = ratioRun(30, { machine: { ...ratioRun(1).machine, id: 'epyc', cpuModel: 'AMD EPYC' } });
    const xeon = ratioRun(36, { machine: { ...ratioRun(1).machine, id: 'xeon', cpuModel: 'Intel Xeon' } });
    const a = assess(measuredClaim({ claimed: { value: 108 } }), [epyc, xeon]);
    expect(a.decidingRun?.spread?.kind).toBe('measured');
    expect(a.decidingRun?.spread?.factor).toBeCloseTo(1.2, 1);
    expect(a.verdict).toBe('overstated');
  });
  it('allows two builds of one interpreter measured as a pair only the build-pair prior', () => {
    // Claimed 1.09 (band 1.04-1.14 at a factor 1.05), measured 2.0: within the x3.6 prior between
    // languages, far beyond the x1.1 of two builds of one interpreter in one paired group.
    const claim = measuredClaim({ claimed: { value: 1.09 }, check: { toleranceFactor: 1.05 } });
    const unpaired = ratioRun(2);
    expect(assess(claim, [unpaired]).verdict).toBe('inconclusive');
    expect(assess(claim, [unpaired]).decidingRun?.spread?.factor).toBe(HARDWARE_SPREAD_PRIOR.factor);
    const paired = { ...unpaired, protocol: { ...unpaired.protocol, groups: [['subj', 'base']] } };
    const a = assess(claim, [paired]);
    expect(a.decidingRun?.spread).toMatchObject({ factor: BUILD_PAIR_SPREAD_PRIOR.factor, kind: 'prior' });
    expect(a.verdict).not.toBe('inconclusive');
    expect(a.explanation).toContain(BUILD_PAIR_SPREAD_PRIOR.citation);
    // Near the band, a noise floor as wide as the band still forbids deciding.
    const near = ratioRun(1.12);
    const nearPaired = { ...near, protocol: { ...near.protocol, groups: [['subj', 'base']] } };
    expect(assess(claim, [nearPaired]).verdict).toBe('inconclusive');
    // A group that holds only one of the two is no build pair.
    const other = { ...unpaired, protocol: { ...unpaired.protocol, groups: [['subj', 'x']] } };
    expect(assess(claim, [other]).decidingRun?.spread?.factor).toBe(HARDWARE_SPREAD_PRIOR.factor);
  });
  it('needs no hardware allowance on the CPU the article names', () => {
    const named = ratioRun(30, { machine: { ...ratioRun(1).machine, cpuModel: 'AMD EPYC 9R14' } });
    const a = assess(measuredClaim({ claimed: { value: 108, hardware: { description: 'an AMD EPYC 9R14 VM' } } }), [named]);
    expect(a.verdict).toBe('overstated');
    expect(a.explanation).toContain('no hardware allowance');
  });
  it('states the projection\'s assumptions and gives it an uncertainty', () => {
    const claim = measuredClaim({ claimed: { value: 4000, hardware: { description: '88-core box', cores: 88 } }, check: { scaling: { rule: 'per-core', claimedCores: 88 } } });
    const a = assess(claim, [ratioRun(100, {}, 9, 0.01)].map((r) => ({ ...r, implementations: r.implementations.map((i) => (i.id === 'subj' ? { ...i, threads: 2 } : i)) })));
    expect(a.verdict).toBe('plausible');
    const p = a.decidingRun!.projected!;
    expect(p.lo).toBeLessThan(p.point / 3);
    expect(p.hi).toBeGreaterThan(p.point * 3);
    expect(a.explanation).toContain('no SMT');
  });
});

describe('defect 4: machines never merge silently', () => {
  // Claimed 100x; machine a projects 30x on 2 threads to 8 cores (plausible), machine b measures 100x on 8 threads (confirmed).
  const claim = measuredClaim({ check: { scaling: { rule: 'per-core', claimedCores: 8 } } });
  const on = (id: string, r: number, threads: number, finishedAt: string) =>
    run([impl('base', around(1e9)), impl('subj', around(1e9 / r), { threads })], { machine: { ...run([]).machine, id, cpuModel: `CPU ${id}` }, finishedAt });
  it('calls disagreeing machines inconclusive and lists each', () => {
    const a = assess(claim, [on('a', 30, 2, '2026-01-01T00:00:00.000Z'), on('b', 100, 8, '2026-02-01T00:00:00.000Z')]);
    expect(a.runs.map((r) => r.verdict)).toEqual(['plausible', 'confirmed']);
    expect(a.verdict).toBe('inconclusive');
    expect(a.explanation).toContain('the machines disagree (a: plausible, b: confirmed)');
    expect(a.agreement).toMatchObject({ measured: 2, agree: 0 });
  });
  it('does not let the newest run win a tie, in either order', () => {
    const older = on('a', 30, 2, '2026-01-01T00:00:00.000Z');
    const newer = on('b', 100, 8, '2026-12-01T00:00:00.000Z');
    expect(assess(claim, [older, newer]).verdict).toBe('inconclusive');
    expect(assess(claim, [newer, older]).verdict).toBe('inconclusive');
  });
  it('lets the machine in the claimed hardware class decide first', () => {
    const inClass = measuredClaim({ claimed: { hardware: { description: '8 cores', cores: 8 } }, check: { scaling: { rule: 'per-core', claimedCores: 8 } } });
    const a = assess(inClass, [on('a', 30, 2, '2026-01-01T00:00:00.000Z'), on('b', 100, 8, '2026-02-01T00:00:00.000Z')]);
    expect(a.verdict).toBe('confirmed');
    expect(a.explanation).toContain('decided by the machines in the claimed hardware class; 1 of 2 machines agree; a says plausible');
  });
});

describe('defect 7: figures keep the article\'s precision', () => {
  it('writes the claimed figure with every digit the article gave', () => {
    const claim = measuredClaim({ claimed: { metric: 'time', value: 0.0006, unit: 's' }, check: { comparison: 'time', baseline: undefined, subject: 'subj' } });
    expect(assess(claim, [run([impl('subj', around(0.044e9))])]).explanation).toContain('The article claims 0.0006 s');
    const slow = measuredClaim({ claimed: { metric: 'time', value: 43.95, unit: 's' }, check: { comparison: 'time', baseline: undefined, subject: 'subj' } });
    expect(assess(slow, [run([impl('subj', around(40e9))])]).explanation).toContain('The article claims 43.95 s');
  });
});
