import { describe, expect, it } from 'vitest';
import { ProbeDef, type ProbeRun } from '../../src/lib/schema/probe.ts';
import { runProbes, probeCommands } from '../../harness/runner/probes.ts';
import { assess } from '../../src/lib/verdict.ts';
import type { Claim } from '../../src/lib/schema/claim.ts';
import type { Machine } from '../../src/lib/schema/run.ts';
import { fakeRunner, fixedClock, memoryFs, quietLogger } from '../fixtures/fakes.ts';

const machine: Machine = { id: 'box', cpuModel: 'T', cpu: null, arch: 'x64', cores: 2, simd: [], memoryBytes: 1, os: 'T', kernelRelease: '1', gpu: null };
const tools = { python: '/r/.venv/bin/python', mojo: '/r/.venv/bin/mojo', cc: 'cc', cargo: 'cargo', rustc: 'rustc' };
const leak = ProbeDef.parse({ schemaVersion: 1, id: 'leak', question: 'q', language: 'rust', source: 'probe.rs', action: 'run' });
const old = ProbeDef.parse({ schemaVersion: 1, id: 'old-syntax', question: 'q', language: 'mojo', source: 'probe.mojo', action: 'compile' });

function deps(proc: ReturnType<typeof fakeRunner>, fs = memoryFs({ '/r/harness/probes/leak/probe.rs': 'fn main(){}', '/r/harness/probes/old-syntax/probe.mojo': 'def main(): pass' })) {
  return { proc, fs, clock: fixedClock(), log: quietLogger(), root: '/r', tools, seed: 1, loadAverage: () => 0 };
}
const toolchains = { rustc: { version: 'rustc 1.95.0' }, mojo: { version: 'Mojo 1.2.0' } };

describe('probes', () => {
  it('builds with repository-relative commands', () => {
    expect(probeCommands(old, tools)).toEqual({ build: ['.venv/bin/mojo', 'build', 'harness/probes/old-syntax/probe.mojo', '-o', '.cache/build/probes/old-syntax'], run: ['.cache/build/probes/old-syntax'] });
  });
  it('records compiler rejections and program output, then reuses them while nothing changed', async () => {
    const proc = fakeRunner({
      rustc: () => ({}),
      '.venv/bin/mojo': () => ({ exitCode: 1, stderr: "probe.mojo:3:13: error: use of unknown declaration 'DTypePointer'" }),
      '.cache/build/probes/leak': () => ({ stdout: 'grew by 64 MiB\nleak-observed: true\n' }),
    });
    const d = deps(proc);
    const { run, reran } = await runProbes([leak, old], machine, toolchains, d);
    expect(reran).toEqual(['leak', 'old-syntax']);
    expect(run.outcomes.map((o) => [o.id, o.compiled, o.exitCode])).toEqual([['leak', true, 0], ['old-syntax', false, null]]);
    const calls = proc.calls.length;
    const again = await runProbes([leak, old], machine, toolchains, d);
    expect(again.reran).toEqual([]);
    expect(proc.calls.length).toBe(calls);
    await runProbes([leak, old], machine, { ...toolchains, mojo: { version: 'Mojo 1.3.0' } }, d);
    expect(proc.calls.length).toBeGreaterThan(calls);
  });
  it('records a missing toolchain instead of failing', async () => {
    const { run } = await runProbes([old], machine, { mojo: { version: null, missing: 'run npm run setup' } }, deps(fakeRunner({})));
    expect(run.outcomes[0]).toMatchObject({ compiled: null, reason: 'mojo missing: run npm run setup' });
  });
});

describe('probe verdicts', () => {
  const claim = (holdsIf: object): Claim => ({
    id: 'c', article: 'a', section: 's', order: 1, topic: 'safety', statement: 's', kind: 'probe', sources: [],
    claimed: { metric: 'fact', fact: { kind: 'yes-no', proposition: 'Safe Rust cannot leak memory', holds: true, scope: 'safe Rust' }, approximate: false, bound: 'exact', unit: 'none' },
    check: { probe: 'leak', holdsIf, rationale: 'r' },
  }) as Claim;
  const probeRun = (outcome: object): ProbeRun => ({
    schemaVersion: 1, machine, toolchains: { rustc: { version: 'rustc 1.95.0' } }, finishedAt: '2026-11-01T00:00:00.000Z',
    outcomes: [{ id: 'leak', sourceHash: 'a'.repeat(64), compiled: true, exitCode: 0, stdout: 'leak-observed: true\n', stderr: '', command: [], toolchain: 'rustc 1.95.0', ...outcome }],
  });
  it('refutes a claim the program\'s output contradicts, quoting it', () => {
    const a = assess(claim({ prints: 'leak-observed: false' }), [], [probeRun({})]);
    expect(a.verdict).toBe('refuted');
    expect(a.explanation).toBe('On box (rustc 1.95.0), our program "leak": it printed "leak-observed: true". The claim holds if it prints "leak-observed: false": it does not.');
  });
  it('confirms when the observation matches, and reads compile failures', () => {
    expect(assess(claim({ prints: 'leak-observed: true' }), [], [probeRun({})]).verdict).toBe('confirmed');
    const a = assess(claim({ compiles: true }), [], [probeRun({ compiled: false, stderr: "error: use of unknown declaration 'DTypePointer'" })]);
    expect(a.verdict).toBe('refuted');
    expect(a.explanation).toContain("it did not compile (error: use of unknown declaration 'DTypePointer')");
  });
  it('is pending until the probe has run somewhere', () => {
    expect(assess(claim({ compiles: true }), [], []).verdict).toBe('pending');
    expect(assess(claim({ compiles: true }), [], [probeRun({ compiled: null, reason: 'rustc missing' })]).explanation).toBe('The program "leak" has not run yet (box: rustc missing).');
  });
});
