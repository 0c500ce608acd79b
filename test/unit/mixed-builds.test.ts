/**
 * A ratio of two CPython builds optimised differently does not decide (MIXED_BUILDS_RULE): the
 * committed Xeon runs, unchanged and with one build line changed.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadDataset, type Dataset } from '../../src/io/load.ts';
import { assess } from '../../src/lib/verdict.ts';
import { comparedBuildMismatch } from '../../src/lib/build-optimisation.ts';
import type { MeasuredClaim } from '../../src/lib/schema/claim.ts';
import type { Run } from '../../src/lib/schema/run.ts';
import { GOLDEN_FILE } from '../../scripts/golden-verdicts.ts';

const root = join(import.meta.dirname, '../..');
const XEON = 'x64-intel-xeon-f6m167s8-2c-24g';
let d: Dataset;
let pinned: Record<string, { verdict: string; machines?: Record<string, string> }>;

beforeAll(() => {
  d = loadDataset(root);
  pinned = JSON.parse(readFileSync(join(root, GOLDEN_FILE), 'utf8'));
}, 120_000);

const claim = (id: string) => d.claims.find((c) => c.id === id) as MeasuredClaim;
const committedRun = (kernel: string) => d.runs.find((r) => r.kernel === kernel && r.machine.id === XEON && !r.variant)!;
const verdictOf = (c: MeasuredClaim, runs: Run[]) => assess(c, runs, [], d.noise ?? []);

/** A copy of `run` with one toolchain's build line replaced (undefined: removed), optionally on another machine. */
function withBuild(run: Run, toolchain: string, optimisation: string | undefined, machineId = run.machine.id): Run {
  const copy = structuredClone(run);
  const t = copy.toolchains[toolchain]!;
  if (optimisation === undefined) delete t.build;
  else t.build = t.build!.replace(/^\S+ build \(/, `${optimisation} build (`);
  copy.machine = { ...copy.machine, id: machineId, cpuModel: machineId === run.machine.id ? copy.machine.cpuModel : `${copy.machine.cpuModel} (copy)` };
  return copy;
}

describe('a ratio of CPython builds optimised differently', () => {
  it('leaves the committed overhead run as pinned, and makes the same run with python3.14 rebuilt pgo-lto say which builds differ', () => {
    const c = claim('free-threading-314-overhead-measured');
    const run = committedRun('free-threading-overhead');
    const unchanged = verdictOf(c, [run]);
    // This one run alone decides as it does among the machines (the claim's overall verdict may come from another).
    expect(unchanged.verdict).toBe(pinned[c.id]!.machines![XEON]!.split(' ')[0]);
    expect(unchanged.runs[0]!.verdict).toBe(pinned[c.id]!.machines![XEON]);
    expect(unchanged.explanation).not.toContain('optimised alike');
    const mixed = verdictOf(c, [withBuild(run, 'python3.14', 'pgo-lto')]);
    expect(mixed.verdict).toBe('inconclusive');
    expect(mixed.runs[0]!.unlikeBuilds?.kind).toBe('differ');
    expect(mixed.explanation).toContain('python3.14t was built plain (-O3, no PGO or LTO), python3.14 was built with PGO + LTO: not like for like');
    expect(mixed.explanation).toContain('rebuild both with the same CLAIMBENCH_PY_OPT');
  });

  it('turns a verdict the unchanged run decides into inconclusive, saying what it would be', () => {
    // The committed 3.13 claim with its figure at what this run measured: the unchanged run confirms it.
    const committed = claim('free-threading-313-overhead-40pct-measured');
    const run = committedRun('free-threading-overhead');
    const measured = verdictOf(committed, [run]).runs[0]!.measured!.point;
    const c: MeasuredClaim = { ...committed, claimed: { ...committed.claimed, value: measured } };
    expect(verdictOf(c, [run]).verdict).toBe('confirmed');
    const mixed = verdictOf(c, [withBuild(run, 'python3.13t', 'pgo')]);
    expect(mixed.verdict).toBe('inconclusive');
    expect(mixed.runs[0]!.wouldBe).toBe('confirmed');
    expect(mixed.explanation).toContain('python3.13t was built with PGO, without LTO');
    expect(mixed.explanation).toContain('with builds optimised alike it would say confirmed');
    // Both builds rebuilt the same way: like for like again, and it decides.
    expect(verdictOf(c, [withBuild(withBuild(run, 'python3.13t', 'pgo-lto'), 'python3.13', 'pgo-lto')]).verdict).toBe('confirmed');
  });

  it('treats a build with no recorded optimisation beside one with a recorded one as unknown, and does not decide', () => {
    const committed = claim('free-threading-313-overhead-40pct-measured');
    const run = committedRun('free-threading-overhead');
    const c: MeasuredClaim = { ...committed, claimed: { ...committed.claimed, value: verdictOf(committed, [run]).runs[0]!.measured!.point } };
    const unknown = verdictOf(c, [withBuild(run, 'python3.13', undefined)]);
    expect(unknown.verdict).toBe('inconclusive');
    expect(unknown.runs[0]!.unlikeBuilds?.kind).toBe('unknown');
    expect(unknown.explanation).toContain('python3.13 recorded no optimisation (no BUILD-INFO line)');
    expect(unknown.explanation).toContain('whether they were optimised alike is unknown');
    // Neither build recorded one (a run from before BUILD-INFO): judged as before.
    expect(verdictOf(c, [withBuild(withBuild(run, 'python3.13', undefined), 'python3.13t', undefined)]).verdict).toBe('confirmed');
  });

  it('lets no other machine make a run with unlike builds decide', () => {
    // The committed threaded-matmul run carries drift warnings: alone it would say plausible.
    const c = claim('free-threading-threaded-matmul-nearly-10x');
    const run = committedRun('free-threading');
    expect(pinned[c.id]!.machines![XEON]).toBe('inconclusive (would be plausible)');
    expect(verdictOf(c, [run, withBuild(run, 'python3.15', 'pgo-lto', 'other-machine')]).verdict).toBe('plausible');
    const mixed = verdictOf(c, [run, withBuild(run, 'python3.13', 'pgo-lto', 'other-machine')]);
    expect(mixed.verdict).toBe('inconclusive');
    const other = mixed.runs.find((r) => r.machine === 'other-machine')!;
    expect(other.unlikeBuilds?.kind).toBe('differ');
    expect(other.explanation).toContain('not even with another machine agreeing');
    expect(mixed.agreement?.disagreeing).toEqual([]);
  });

  it('leaves claims of one build, or of builds of different kinds, alone', () => {
    const run = withBuild(committedRun('free-threading-overhead'), 'python3.14', 'pgo-lto');
    expect(comparedBuildMismatch(run, ['python314-gil', 'python314-gil-aa'])).toBeNull();
    expect(comparedBuildMismatch(run, ['reference', 'python314-gil'])).toBeNull();
    expect(comparedBuildMismatch(run, ['python313-gil', 'python313-nogil'])).toBeNull();
    expect(comparedBuildMismatch(run, ['python314-nogil', 'python314-gil'])?.kind).toBe('differ');
    // 3.14 GIL (pgo-lto) against 3.15 free-threaded (plain): any two recorded builds count.
    expect(comparedBuildMismatch(run, ['python314-gil', 'python315-nogil'])?.text).toMatch(/^python3\.14 was built with PGO \+ LTO, python3\.15t was built plain/);
  });
});
