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

describe('probes on free-threaded CPython pairs (pythonPairs)', () => {
  const pair = ProbeDef.parse({ schemaVersion: 1, id: 'ft-size', question: 'q', language: 'python', source: 'probe.py', action: 'run', pythonPairs: ['3.13', '3.14'] });
  const pairTools = { ...tools, pythonVariants: { 'python3.13t': '/r/.toolchains/python3.13t/bin/python3.13t', 'python3.13': '/r/.toolchains/python3.13/bin/python3.13' } };
  const fs = () => memoryFs({ '/r/harness/probes/ft-size/probe.py': 'print(1)' });

  it('refuses pythonPairs on a probe that is not Python', () => {
    const r = ProbeDef.safeParse({ schemaVersion: 1, id: 'x', question: 'q', language: 'rust', source: 'p.rs', action: 'run', pythonPairs: ['3.13'] });
    expect(r.success).toBe(false);
    expect(r.error!.issues.map((i) => [i.path.join('.'), i.message])).toEqual([['pythonPairs', 'expected only with language: python (the program runs on CPython builds), got language "rust"']]);
  });
  it('runs once per built version with the free-threaded interpreter, its GIL twin as argument, and records a missing version with the command that builds it', async () => {
    const proc = fakeRunner({ '.toolchains/python3.13t/bin/python3.13t': (args) => ({ stdout: args.includes('-m') ? '' : `twin ${args.at(-1)}\nevery-object-grows-by-16: false\n` }) });
    const toolchainsHere = {
      'python3.13t': { version: 'Python 3.13.5' }, 'python3.13': { version: 'Python 3.13.5' },
      'python3.14t': { version: null, missing: 'run "npm run setup:free-threaded -- 3.14"' }, 'python3.14': { version: null, missing: 'run "npm run setup:free-threaded -- 3.14"' },
    };
    const { run } = await runProbes([pair], machine, toolchainsHere, { ...deps(proc, fs()), tools: pairTools });
    expect(run.outcomes.map((o) => [o.interpreter, o.compiled, o.toolchain])).toEqual([['python3.13t', true, 'Python 3.13.5'], ['python3.14t', null, null]]);
    expect(run.outcomes[0]!.command).toEqual(['.toolchains/python3.13t/bin/python3.13t', 'harness/probes/ft-size/probe.py', '.toolchains/python3.13/bin/python3.13']);
    expect(run.outcomes[0]!.stdout).toContain('twin .toolchains/python3.13/bin/python3.13');
    expect(run.outcomes[1]!.reason).toBe('python3.14t missing: run "npm run setup:free-threaded -- 3.14"');
  });
  it('does not run a version whose GIL twin is missing', async () => {
    const proc = fakeRunner({});
    const { run } = await runProbes([{ ...pair, pythonPairs: ['3.13'] }], machine, { 'python3.13t': { version: 'Python 3.13.5' }, 'python3.13': { version: null, missing: 'build it' } }, { ...deps(proc, fs()), tools: pairTools });
    expect(run.outcomes[0]).toMatchObject({ compiled: null, reason: 'python3.13 missing: build it', interpreter: 'python3.13t' });
    expect(proc.calls).toEqual([]);
  });
});

describe('probe observations of sourced claims and of several interpreters', () => {
  const outcome = (interpreter: string, stdout: string, extra: object = {}) => ({ id: 'ft-size', sourceHash: 'a'.repeat(64), compiled: true, exitCode: 0, stdout, stderr: '', command: [], toolchain: 'Python 3.13.5', interpreter, ...extra });
  const run = (outcomes: object[]): ProbeRun => ({ schemaVersion: 1, machine, toolchains: {}, finishedAt: '2026-11-01T00:00:00.000Z', outcomes } as ProbeRun);
  const sourced = (verdictHolds: boolean): Claim => ({
    id: 'c', article: 'a', section: 's', order: 1, topic: 'free-threading', statement: 's', kind: 'sourced',
    claimed: { metric: 'fact', fact: { kind: 'yes-no', proposition: 'Every object grows', holds: true, scope: 'ft' }, approximate: false, bound: 'exact', unit: 'none' },
    sources: [{ title: 'Doc', url: 'https://example.org/doc', says: 'x', primary: true }],
    check: { findings: [{ source: 0, where: 'w', fact: { kind: 'yes-no', holds: verdictHolds }, scope: 'same' }], tolerance: 0.01, rationale: 'r', probe: { probe: 'ft-size', holdsIf: { prints: 'every-object-grows-by-16: true' }, rationale: 'r' } },
  }) as Claim;

  it('keeps the sources\' verdict and says whether our program agrees, naming the versions not built', () => {
    const probes = [run([outcome('python3.13t', 'every-object-grows-by-16: false\n'), outcome('python3.14t', '', { compiled: null, exitCode: null, toolchain: null, reason: 'python3.14t missing: run "npm run setup:free-threaded -- 3.14"' })])];
    const refuted = assess(sourced(false), [], probes);
    expect(refuted.verdict).toBe('refuted');
    expect(refuted.ownCheck).toBe('Our own check: On box, our program "ft-size": on python3.13t (Python 3.13.5) it printed "every-object-grows-by-16: false". The claim holds if it prints "every-object-grows-by-16: true": it does not. Not run on python3.14t (not built here: npm run setup:free-threaded -- 3.14). It agrees with the sources.');
    expect(refuted.basis).toContain('content/runs/box/probes.json');
    const confirmed = assess(sourced(true), [], probes);
    expect(confirmed.verdict).toBe('confirmed');
    expect(confirmed.ownCheck).toContain('It disagrees with the sources');
  });
  it('holds only when it holds on every interpreter that ran', () => {
    const both = [run([outcome('python3.13t', 'every-object-grows-by-16: true\n'), outcome('python3.14t', 'every-object-grows-by-16: false\n')])];
    expect(assess(sourced(true), [], both).ownCheck).toContain('on every build: it does not');
  });
  it('is pending while no interpreter of the pair is built, and leaves the verdict to the sources', () => {
    const a = assess(sourced(true), [], [run([outcome('python3.13t', '', { compiled: null, exitCode: null, toolchain: null, reason: 'python3.13t missing: build it' })])]);
    expect(a.verdict).toBe('confirmed');
    expect(a.ownCheck).toBe('Our own check: The program "ft-size" has not run yet (box python3.13t: python3.13t missing: build it).');
  });
});
