/**
 * A kernel's own full-profile protocol (kernel.yaml `fullProtocol`): the schema's bounds, the
 * settings the harness derives, what the run file records, the duration estimate, and the
 * sentences the pages print. Bad values with file and field: test/unit/hostile-inputs.test.ts.
 */
import { describe, expect, it } from 'vitest';
import { Kernel, variantKernel } from '../../src/lib/schema/kernel.ts';
import { PROTOCOLS, PROTOCOL_FLOOR, protocolFor } from '../../src/lib/protocol.ts';
import { estimateSeconds, runCosts, type RunTiming } from '../../src/lib/budget-estimate.ts';
import { kernelProtocolStatement, ownProtocolHeading, ownProtocolNote, ownProtocolRows, ownProtocolWhy } from '../../src/lib/site/own-protocol.ts';
import { profileNote } from '../../src/lib/view.ts';
import { runKernel, type HarnessDeps } from '../../harness/runner/harness.ts';
import type { Machine, Toolchain } from '../../src/lib/schema/run.ts';
import { fakeRunner, fixedClock, memoryFs, protocolProgram, quietLogger } from '../fixtures/fakes.ts';

const WHY = 'each process reads a large table before its first sample';
const base = {
  schemaVersion: 2, id: 'k', title: 'K', summary: 'S', origin: { title: 'O', url: 'https://example.org' },
  params: [{ name: 'n' }], workload: { n: 10 },
  checksum: { description: 'sum' }, reference: 'ref',
  implementations: ['ref', 'other'].map((id) => ({ id, label: id, runtime: 'python', tier: 'naive', source: `${id}.py` })),
};
const kernel = Kernel.parse({
  ...base,
  fullProtocol: { rounds: 4, minSamples: 7, why: WHY },
  variants: [
    { id: 'big', description: 'bigger', workload: { n: 20 } },
    { id: 'slow', description: 'slower', workload: { n: 30 }, fullProtocol: { rounds: 3, why: 'each sample is a long pass' } },
  ],
});

describe('kernel.yaml fullProtocol', () => {
  it('accepts the floor and refuses below it, above the full profile, and without a reason', () => {
    const at = (fp: unknown) => Kernel.safeParse({ ...base, fullProtocol: fp });
    expect(at({ rounds: PROTOCOL_FLOOR.rounds, minSamples: PROTOCOL_FLOOR.minSamples, why: WHY }).success).toBe(true);
    const issue = (fp: unknown) => { const r = at(fp); return r.success ? null : `${r.error.issues[0]!.path.join('.')}: ${r.error.issues[0]!.message}`; };
    expect(issue({ rounds: 2, why: WHY })).toMatch(/^fullProtocol\.rounds: expected at least 3 rounds/);
    expect(issue({ rounds: 8, why: WHY })).toMatch(/^fullProtocol\.rounds: expected at most the full profile's 7 rounds/);
    expect(issue({ minSamples: 6, why: WHY })).toMatch(/^fullProtocol\.minSamples: expected at least 7 samples/);
    expect(issue({ rounds: 3.5, why: WHY })).toMatch(/^fullProtocol\.rounds:/);
    expect(issue({ rounds: 4 })).toMatch(/^fullProtocol\.why:/);
    expect(issue({ rounds: 4, why: '' })).toMatch(/^fullProtocol\.why:/);
    expect(issue({ why: WHY })).toMatch(/^fullProtocol: expected "rounds" or "minSamples"/);
    expect(issue({ rounds: 4, why: WHY, samples: 3 })).toMatch(/^fullProtocol: .*samples/);
  });
  it('refuses a second place for the full profile\'s rounds (pairing.rounds.full) and a server kernel', () => {
    const paired = Kernel.safeParse({ ...base, pairing: { groups: [['ref', 'other']], rounds: { full: 12 } }, fullProtocol: { rounds: 4, why: WHY } });
    expect(paired.success).toBe(false);
    expect(paired.error!.issues.map((i) => i.path.join('.'))).toContain('fullProtocol.rounds');
    // minSamples beside pairing rounds is fine
    expect(Kernel.safeParse({ ...base, pairing: { groups: [['ref', 'other']], rounds: { full: 12 } }, fullProtocol: { minSamples: 7, why: WHY } }).success).toBe(true);
  });
});

describe('the settings the harness derives', () => {
  it('the kernel\'s own protocol applies to the full profile only, and a variant inherits or overrides it', () => {
    const full = protocolFor(kernel, 'full');
    expect(full).toEqual({ ...PROTOCOLS.full, rounds: 4, minSamples: 7, why: WHY });
    expect(protocolFor(kernel, 'quick')).toEqual({ ...PROTOCOLS.quick, why: null });
    expect(protocolFor(variantKernel(kernel, 'big'), 'full')).toMatchObject({ rounds: 4, minSamples: 7, why: WHY });
    // its own replaces the kernel's as a whole: minSamples returns to the profile's
    expect(protocolFor(variantKernel(kernel, 'slow'), 'full')).toMatchObject({ rounds: 3, minSamples: PROTOCOLS.full.minSamples, why: 'each sample is a long pass' });
    expect(protocolFor(Kernel.parse(base), 'full')).toEqual({ ...PROTOCOLS.full, why: null });
  });
  it('budgetSeconds and pairing rounds still apply', () => {
    const k = Kernel.parse({ ...base, budgetSeconds: { full: 2 }, pairing: { groups: [['ref', 'other']], rounds: { full: 12, quick: 6 } }, fullProtocol: { minSamples: 9, why: WHY } });
    expect(protocolFor(k, 'full')).toMatchObject({ budgetSeconds: 2, rounds: 12, minSamples: 9, why: WHY });
    expect(protocolFor(k, 'quick')).toMatchObject({ rounds: 6, minSamples: PROTOCOLS.quick.minSamples, why: null });
  });
  it('the harness runs the kernel\'s rounds with enough samples and records the protocol it used', async () => {
    const machine: Machine = { id: 'test-2c', cpuModel: 'Test', cpu: null, arch: 'x64', cores: 2, simd: [], memoryBytes: 1, os: 'T', kernelRelease: '1', gpu: null };
    const toolchains: Record<string, Toolchain> = { python: { version: 'Python 3.11.7' } };
    // 1 s per sample: the budget (20 s) is not what sets the count, the minimum is.
    const programs = { ref: protocolProgram('ref', 1e9), other: protocolProgram('other', 1e9) };
    const deps = (): HarnessDeps & { proc: ReturnType<typeof fakeRunner> } => ({
      proc: fakeRunner({ '.venv/bin/python': (args, env) => programs[args[0]!.split('/').at(-1)!.replace('.py', '') as 'ref' | 'other'](args, env) }),
      fs: memoryFs({ '/repo/harness/kernels/k/ref.py': '#', '/repo/harness/kernels/k/other.py': '#', '/repo/harness/protocol/python/claimbench_protocol.py': '#' }),
      clock: fixedClock(), log: quietLogger(), root: '/repo', seed: 1, loadAverage: () => 0,
      tools: { python: '/repo/.venv/bin/python', mojo: 'mojo', cc: 'cc', cargo: 'cargo', rustc: 'rustc' },
    });
    const slowKernel = Kernel.parse({ ...base, budgetSeconds: { full: 1 }, fullProtocol: { rounds: 4, minSamples: 7, why: WHY } });
    const d = deps();
    const { run } = await runKernel({ kernel: slowKernel, machine, toolchains, profile: 'full', fresh: true }, d);
    expect(d.proc.calls.length).toBe(2 * 4);
    expect(run.protocol).toMatchObject({ rounds: 4, minSamples: 7, budgetSeconds: 1, ownProtocol: WHY });
    for (const i of run.implementations) {
      expect(i.samplesPerProcess).toEqual([1, 2, 2, 2]);
      expect(i.samplesNs.length).toBe(7);
    }
    // Without its own protocol the run records the profile's and no reason.
    const plain = await runKernel({ kernel: Kernel.parse({ ...base, budgetSeconds: { full: 1 } }), machine, toolchains, profile: 'full', fresh: true }, deps());
    expect(plain.run.protocol).toMatchObject({ rounds: PROTOCOLS.full.rounds, minSamples: PROTOCOLS.full.minSamples });
    expect(plain.run.protocol.ownProtocol).toBeUndefined();
  });
});

describe('the duration estimate', () => {
  // Two implementations, 7 processes of 1 + 6 x 2 samples, 1 warm-up each; 1 s of overhead per process.
  const impls = [{ id: 'a', sampleS: 2 }, { id: 'b', sampleS: 0.5 }];
  const perProcess = [1, 2, 2, 2, 2, 2, 2];
  const sampled = impls.reduce((t, i) => t + perProcess.reduce((u, n) => u + (n + 1) * i.sampleS, 0), 0);
  const durationS = sampled + 14 * 1;
  const run: RunTiming = {
    startedAt: '2026-12-03T10:00:00.000Z',
    finishedAt: new Date(Date.parse('2026-12-03T10:00:00.000Z') + durationS * 1000).toISOString(),
    protocol: { warmupPerProcess: 1 },
    implementations: [
      ...impls.map((i) => ({ id: i.id, status: 'ok', samplesNs: Array(13).fill(i.sampleS * 1e9), samplesPerProcess: perProcess })),
      { id: 'broken', status: 'failed', samplesNs: [] },
    ],
  };
  const settings = { ...PROTOCOLS.full, budgetSeconds: 1 };
  it('derives the per-process overhead from the file\'s duration', () => {
    const c = runCosts(run);
    expect(c.durationS).toBeCloseTo(durationS, 6);
    expect(c.overheadPerProcessS).toBeCloseTo(1, 6);
    expect(c.impls).toEqual(impls);
  });
  it('gives back the run\'s duration under the protocol it ran, and less with fewer rounds and samples', () => {
    const c = runCosts(run);
    expect(estimateSeconds(c, settings)).toBeCloseTo(durationS, 6);
    // 4 rounds, at least 7 samples: per implementation 4 processes (4 s), 4 warm-ups and 1 + 3 x 2 samples.
    expect(estimateSeconds(c, { ...settings, rounds: 4, minSamples: 7 })).toBeCloseTo(2 * 4 + (4 + 7) * 2 + (4 + 7) * 0.5, 6);
  });
  it('refuses a file that finished before it started', () => {
    expect(() => runCosts({ ...run, finishedAt: '2026-12-03T09:00:00.000Z' })).toThrow(/expected finishedAt after startedAt/);
  });
});

describe('what the pages say', () => {
  const protocol = { rounds: 3, warmupPerProcess: 1, order: 'interleaved, shuffled per round' as const, minSamples: 7, ownProtocol: WHY };
  it('a run table states the rounds and samples used, the full profile\'s, and the reason', () => {
    const note = ownProtocolNote({ profile: 'full', protocol });
    expect(note).toBe(`Measured with this kernel's own protocol: 3 rounds (one process per implementation each) and at least 7 samples per implementation, not the full profile's ${PROTOCOLS.full.rounds} and ${PROTOCOLS.full.minSamples}. Why: ${WHY}. Fewer processes and samples make the intervals wider; the verdicts read those intervals.`);
    expect(profileNote({ profile: 'full', protocol }, null)).toBe(`Shows the full-profile run. ${note}`);
  });
  it('says nothing more for a run with the profile\'s protocol, or an older file that recorded no reason', () => {
    const { ownProtocol: _, ...plain } = protocol;
    expect(ownProtocolNote({ profile: 'full', protocol: { ...plain, rounds: 7 } })).toBeNull();
    expect(profileNote({ profile: 'full', protocol: { rounds: 7, warmupPerProcess: 1, order: 'interleaved, shuffled per round' } }, null)).toBe('Shows the full-profile run.');
  });
  it('a claim page states the protocol its kernel or variant declares, and nothing for the profile\'s', () => {
    expect(kernelProtocolStatement(kernel, null)).toBe(`Its own: 4 rounds (one process per implementation each) and at least 7 samples per implementation, not the full profile's ${PROTOCOLS.full.rounds} and ${PROTOCOLS.full.minSamples}. Why: ${WHY}. Each run table below says what its run used.`);
    expect(kernelProtocolStatement(kernel, 'big')).toBe(kernelProtocolStatement(kernel, null));
    expect(kernelProtocolStatement(kernel, 'slow')).toContain(`3 rounds (one process per implementation each) and at least ${PROTOCOLS.full.minSamples} samples`);
    expect(kernelProtocolStatement(Kernel.parse(base), null)).toBeNull();
  });
  it('a claim page states what the harness would apply: the variant\'s own, the inherited, or the kernel\'s', () => {
    // The numbers in the statement are protocolFor's for the kernel as the harness measures it.
    const applied = (k: Kernel, variant: string | null) => protocolFor(variant === null ? k : variantKernel(k, variant), 'full');
    const stated = (k: Kernel, variant: string | null) => /Its own: (\d+) rounds? .* at least (\d+) samples/.exec(kernelProtocolStatement(k, variant) ?? '')?.slice(1).map(Number) ?? null;
    for (const variant of [null, 'big', 'slow']) {
      const p = applied(kernel, variant);
      expect(stated(kernel, variant)).toEqual([p.rounds, p.minSamples]);
      expect(kernelProtocolStatement(kernel, variant)).toContain(`Why: ${p.why}.`);
    }
    // The claim page passes the kernel already resolved to its variant: the same statement.
    expect(kernelProtocolStatement(variantKernel(kernel, 'slow'), 'slow')).toBe(kernelProtocolStatement(kernel, 'slow'));
    // A kernel that pairs its implementations over more rounds and declares only its own minimum:
    // the harness runs the pairing rounds, so the page must not say the full profile's.
    const paired = Kernel.parse({ ...base, pairing: { groups: [['ref', 'other']], rounds: { full: 12 } }, fullProtocol: { minSamples: 9, why: WHY }, variants: [{ id: 'big', description: 'bigger', workload: { n: 20 } }] });
    expect(applied(paired, null)).toMatchObject({ rounds: 12, minSamples: 9 });
    expect(stated(paired, null)).toEqual([12, 9]);
    expect(stated(paired, 'big')).toEqual([12, 9]);
    expect(ownProtocolRows([paired])).toEqual([{ name: 'k', variants: ['big'], rounds: 12, minSamples: 9, why: WHY }]);
    // A kernel without its own: nothing, for it and for a variant that declares none.
    const plain = Kernel.parse({ ...base, variants: [{ id: 'big', description: 'bigger', workload: { n: 20 } }] });
    expect(applied(plain, 'big').why).toBeNull();
    expect(kernelProtocolStatement(plain, 'big')).toBeNull();
  });
  it('the methodology page lists every declaration once, with the variants that inherit it', () => {
    const rows = ownProtocolRows([kernel, Kernel.parse({ ...base, id: 'plain' })]);
    expect(rows).toEqual([
      { name: 'k', variants: ['big'], rounds: 4, minSamples: 7, why: WHY },
      { name: 'k/slow', variants: [], rounds: 3, minSamples: PROTOCOLS.full.minSamples, why: 'each sample is a long pass' },
    ]);
    expect(ownProtocolWhy(rows[1]!)).toBe('Each sample is a long pass.');
    expect(rows.map(ownProtocolHeading)).toEqual(['k and its variant big: 4 rounds, at least 7 samples', `k/slow: 3 rounds, at least ${PROTOCOLS.full.minSamples} samples`]);
  });
});
