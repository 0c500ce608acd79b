import { describe, expect, it } from 'vitest';
import { aaNoiseFloor, canPair, pairedGeometricMeanRatio, pairedRatioInRun, runNoiseFloor } from '../../src/lib/paired.ts';
import { geometricMeanRatio } from '../../src/lib/suite.ts';
import { measure, roundOrder } from '../../harness/runner/measure.ts';
import { fakeRunner, fixedClock, protocolProgram, quietLogger } from '../fixtures/fakes.ts';
import { assess } from '../../src/lib/verdict.ts';
import { Kernel } from '../../src/lib/schema/kernel.ts';
import { parseWith, type ValidationError } from '../../src/lib/schema-errors.ts';
import { impl, measuredClaim, run, testMachine } from '../fixtures/builders.ts';
import { seededRandom } from '../../src/lib/stats.ts';

const PARTS = ['a', 'b'];
/**
 * A noisy machine: round r runs everything `speed[r]` times slower (another tenant), the same for
 * both members of a pair; `k` samples per process with a small jitter from `rand`.
 */
function side(id: string, base: number[], speed: number[], rand: () => number, k = 2, jitter = 0.01) {
  const parts: Record<string, number[]> = Object.fromEntries(PARTS.map((p) => [p, [] as number[]]));
  for (const s of speed) for (let j = 0; j < k; j++) PARTS.forEach((p, i) => parts[p]!.push(base[i]! * s * (1 + jitter * (rand() * 2 - 1))));
  const samples = parts.a!.map((_, n) => PARTS.reduce((t, p) => t + parts[p]![n]!, 0));
  return impl(id, samples, { parts, samplesPerProcess: speed.map(() => k), checksum: 'abc' });
}
/** Bimodal rounds like the shared VM's: some processes 1.7x slower than others. */
const SPEED = [1, 1.7, 1, 1.7, 1.7, 1, 1, 1.7, 1, 1.7, 1.7, 1, 1, 1, 1.7, 1.7];

describe('paired ratios: taken round by round', () => {
  const rand = seededRandom(7);
  const gil = side('gil', [100, 200], SPEED, rand);
  const ft = side('ft', [150, 300], SPEED, rand);
  const aa = side('aa', [100, 200], SPEED, rand);

  it('recovers the true ratio with a narrow interval where slow and fast rounds mix', () => {
    const r = pairedGeometricMeanRatio(PARTS, { parts: ft.parts!, samplesPerProcess: ft.samplesPerProcess }, { parts: gil.parts!, samplesPerProcess: gil.samplesPerProcess });
    expect(Math.abs(r.point / 1.5 - 1)).toBeLessThan(0.01);
    expect(r.lo).toBeGreaterThan(1.47);
    expect(r.hi).toBeLessThan(1.53);
    expect(r.rounds).toBe(SPEED.length);
    expect(r.parts.map((p) => p.part)).toEqual(PARTS);
  });
  it('is narrower than the unpaired ratio of medians on the same bimodal samples', () => {
    const unpaired = geometricMeanRatio(PARTS, { parts: ft.parts!, samplesPerProcess: ft.samplesPerProcess }, { parts: gil.parts!, samplesPerProcess: gil.samplesPerProcess });
    const paired = pairedGeometricMeanRatio(PARTS, { parts: ft.parts!, samplesPerProcess: ft.samplesPerProcess }, { parts: gil.parts!, samplesPerProcess: gil.samplesPerProcess });
    expect(Math.log(paired.hi / paired.lo)).toBeLessThan(Math.log(unpaired.hi / unpaired.lo) / 3);
  });
  it('gives an A/A noise floor of a few per cent from two identical builds, from the farther end of the interval', () => {
    const r = pairedGeometricMeanRatio(PARTS, { parts: aa.parts!, samplesPerProcess: aa.samplesPerProcess }, { parts: gil.parts!, samplesPerProcess: gil.samplesPerProcess });
    expect(r.point).toBeCloseTo(1, 1);
    expect(aaNoiseFloor(r)).toBeLessThan(0.02);
    expect(aaNoiseFloor({ point: 1, lo: 0.97, hi: 1.04 })).toBeCloseTo(0.04, 10);
    expect(aaNoiseFloor({ point: 1, lo: 0.95, hi: 1.01 })).toBeCloseTo(1 / 0.95 - 1, 10);
  });
  it('refuses sides that did not run one process per round in the same rounds', () => {
    const short = { parts: gil.parts!, samplesPerProcess: [gil.samplesNs.length] };
    expect(canPair(PARTS, short, short)).toBe(false);
    expect(canPair(PARTS, { parts: ft.parts!, samplesPerProcess: ft.samplesPerProcess.slice(1) }, { parts: gil.parts!, samplesPerProcess: gil.samplesPerProcess })).toBe(false);
    expect(() => pairedGeometricMeanRatio(PARTS, short, short)).toThrow('one process per round');
  });
  it('pairs only what the run grouped, and reads the A/A pair the run names', () => {
    const grouped = run([ft, gil, aa], { protocol: { rounds: SPEED.length, warmupPerProcess: 1, order: 'interleaved, groups back to back in alternating order (ABBA)', groups: [['ft', 'gil', 'aa']], noisePairs: [['gil', 'aa']], pinnedCpu: 1 } });
    expect(Math.abs(pairedRatioInRun(grouped, 'ft', 'gil', { resamples: 200 })!.point / 1.5 - 1)).toBeLessThan(0.01);
    expect(runNoiseFloor(grouped, { resamples: 200 })!.floor).toBeLessThan(0.02);
    const ungrouped = run([ft, gil, aa]);
    expect(pairedRatioInRun(ungrouped, 'ft', 'gil')).toBeNull();
    expect(runNoiseFloor(ungrouped)).toBeNull();
  });
});

describe('paired verdicts', () => {
  const rand = seededRandom(11);
  const linux = { ...testMachine, os: 'Debian GNU/Linux 12 (bookworm)' };
  const protocol = { rounds: SPEED.length, warmupPerProcess: 1, order: 'interleaved, groups back to back in alternating order (ABBA)' as const, groups: [['ft', 'gil', 'aa']], noisePairs: [['gil', 'aa']] as Array<[string, string]>, pinnedCpu: 1 };
  const overhead = (value: number, toleranceFactor: number) => measuredClaim({ claimed: { metric: 'overhead', value, approximate: true, bound: 'exact', unit: 'x' } as never, check: { baseline: 'ft', subject: 'gil', toleranceFactor } as never });
  const drift = { code: 'drift' as const, message: 'm', fix: 'f' };

  it('confirms a band the paired interval and the A/A floor fit in, naming the A/A pair, despite a drift warning', () => {
    const r = run([side('ft', [150, 300], SPEED, rand), side('gil', [100, 200], SPEED, rand), side('aa', [100, 200], SPEED, rand)], { machine: linux, protocol, warnings: [drift] });
    const a = assess(overhead(1.5, 1.1), [r], []);
    expect(a.verdict).toBe('confirmed');
    expect(a.explanation).toContain('paired: both ran back to back in each of 16 rounds');
    expect(a.explanation).toContain('the A/A pair of this run ("gil" against "aa"');
  });
  it('is inconclusive when the A/A floor alone spans the claimed band', () => {
    const noisy = side('aa', [100, 200], SPEED, rand, 2, 0.3);
    const r = run([side('ft', [150, 300], SPEED, rand), side('gil', [100, 200], SPEED, rand), noisy], { machine: linux, protocol });
    const floor = runNoiseFloor(r)!.floor;
    expect(floor).toBeGreaterThan(0.03);
    const a = assess(overhead(1.5, 1 + floor / 2), [r], []);
    expect(a.verdict).toBe('inconclusive');
    expect(a.explanation).toContain('spans the claim\'s whole band');
  });
});

describe('paired rounds: order and kernel.yaml', () => {
  const items = ['r', 'ft', 'gil', 'aa', 'x', 'y'].map((id) => ({ id }));
  const groups = [['ft', 'gil', 'aa'], ['x', 'y']];
  it('keeps each group back to back, in its order in odd rounds and reversed in even ones (ABBA)', () => {
    const rand = seededRandom(3);
    for (let round = 1; round <= 6; round++) {
      const ids = roundOrder(items, groups, round, rand).map((x) => x.id);
      expect(ids.slice().sort()).toEqual(items.map((x) => x.id).sort());
      const at = ids.indexOf('gil');
      expect(ids.slice(at - 1, at + 2)).toEqual(round % 2 === 1 ? ['ft', 'gil', 'aa'] : ['aa', 'gil', 'ft']);
      const x = ids.indexOf('x');
      expect(Math.abs(x - ids.indexOf('y'))).toBe(1);
      expect(ids.indexOf('y') > x).toBe(round % 2 === 1);
    }
  });
  it('leaves out a member that failed and keeps the rest together', () => {
    const ids = roundOrder(items.filter((x) => x.id !== 'aa'), groups, 2, seededRandom(1)).map((x) => x.id);
    const at = ids.indexOf('gil');
    expect(ids[at + 1]).toBe('ft');
  });
  const raw = {
    schemaVersion: 2, id: 'k', title: 't', summary: 's', origin: { title: 'o', url: 'https://example.org/' },
    params: [{ name: 'scale' }], workload: { scale: 1 }, checksum: { kind: 'digest', description: 'd' }, reference: 'a',
    implementations: ['a', 'b', 'c'].map((id) => ({ id, label: id, runtime: 'python', tier: 'idiomatic', source: 'x.py' })),
  };
  const messages = (pairing: unknown) => {
    try {
      parseWith(Kernel, { ...raw, pairing }, 'kernel.yaml');
      return [];
    } catch (e) {
      return (e as ValidationError).message.split('\n');
    }
  };
  it('refuses unknown ids, an implementation in two groups and an A/A pair across groups', () => {
    expect(messages({ groups: [['a', 'b']], noisePairs: [['a', 'b']], pinCpu: true, rounds: { full: 24 } })).toEqual([]);
    expect(messages({ groups: [['a', 'zz']] })).toEqual(['kernel.yaml: pairing.groups.0.1: expected an implementation id of this kernel, got "zz"']);
    expect(messages({ groups: [['a', 'b'], ['b', 'c']] })).toEqual(['kernel.yaml: pairing.groups.1.0: "b" is already in another group: an implementation runs in one group at most']);
    expect(messages({ groups: [['a', 'b']], noisePairs: [['a', 'c']] })).toEqual(['kernel.yaml: pairing.noisePairs.0: expected two implementations of one group, got "a" and "c"']);
  });
});

describe('paired rounds: the harness runs them', () => {
  const kernel = Kernel.parse({
    schemaVersion: 2, id: 'k', title: 't', summary: 's', origin: { title: 'o', url: 'https://example.org/' },
    params: [{ name: 'n' }], workload: { n: 1 }, checksum: { kind: 'number', description: 'd' }, reference: 'a',
    implementations: ['a', 'b', 'c'].map((id) => ({ id, label: id, runtime: 'python', tier: 'idiomatic', source: 'x.py' })),
    pairing: { groups: [['a', 'b']], pinCpu: true },
  });
  const settings = { rounds: 4, warmupPerProcess: 0, budgetSeconds: 0.001, maxSamplesPerRound: 2, minSamples: 1, timeoutMs: 1000 };
  const runnables = kernel.implementations.map((impl) => ({ impl, run: [`prog-${impl.id}`], env: {} }));
  const programs = { 'prog-a': protocolProgram('a', 100), 'prog-b': protocolProgram('b', 150), 'prog-c': protocolProgram('c', 90) };

  it('runs a group back to back in ABBA order, pinned with taskset when asked, and the rest unpinned', async () => {
    const proc = fakeRunner({ ...programs, taskset: (args, env) => programs[args[2] as keyof typeof programs](args.slice(3), env) });
    const out = await measure(kernel, runnables, { n: 1 }, settings, { proc, log: quietLogger(), cwd: '.', seed: 5, monotonicMs: fixedClock().monotonicMs, pinCpu: 1 });
    expect(out.map((r) => [r.id, r.status, r.samplesPerProcess.length])).toEqual([['a', 'ok', 4], ['b', 'ok', 4], ['c', 'ok', 4]]);
    const who = proc.calls.map((c) => (c.command === 'taskset' ? `${c.args[2]!.slice(5)}@${c.args[1]}` : c.command.slice(5)));
    expect(who.filter((w) => w === 'c')).toHaveLength(4);
    const ab = who.filter((w) => w !== 'c');
    expect(ab).toEqual(['a@1', 'b@1', 'b@1', 'a@1', 'a@1', 'b@1', 'b@1', 'a@1']);
    // Adjacent in every round: c never falls between a and b.
    for (let r = 0; r < 4; r++) expect(Math.abs(who.indexOf(ab[2 * r]!, 3 * r) - who.indexOf(ab[2 * r + 1]!, 3 * r))).toBe(1);
  });
  it('does not pin without a CPU to pin to', async () => {
    const proc = fakeRunner(programs);
    await measure(kernel, runnables, { n: 1 }, settings, { proc, log: quietLogger(), cwd: '.', seed: 5, monotonicMs: fixedClock().monotonicMs, pinCpu: null });
    expect(proc.calls.every((c) => c.command.startsWith('prog-'))).toBe(true);
  });
});
