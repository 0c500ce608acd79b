import { describe, expect, it } from 'vitest';
import { Kernel } from '../../src/lib/schema/kernel.ts';
import type { Machine, Toolchain } from '../../src/lib/schema/run.ts';
import { runKernel, type HarnessDeps } from '../../harness/runner/harness.ts';
import { interpretOutput, checksumMatches } from '../../harness/runner/measure.ts';
import { acquireLock } from '../../harness/runner/results.ts';
import { PROTOCOLS } from '../../src/lib/protocol.ts';
import type { CpuSample } from '../../src/lib/cpu-busy.ts';
import { fakeRunner, fixedClock, memoryFs, protocolProgram, quietLogger, type FakeProgram } from '../fixtures/fakes.ts';

const ROOT = '/repo';
const kernel = Kernel.parse({
  schemaVersion: 2, id: 'k', title: 'K', summary: 'S', origin: { title: 'O', url: 'https://example.org' },
  params: [{ name: 'n' }], workload: { n: 100 },
  checksum: { description: 'sum' }, reference: 'ref',
  implementations: ['ref', 'fast', 'crash', 'hang', 'garbage', 'wrong'].map((id) => ({ id, label: id, runtime: 'python', tier: 'naive', source: `${id}.py` })),
});
const machine: Machine = { id: 'test-2c', cpuModel: 'Test', cpu: null, arch: 'x64', cores: 2, simd: [], memoryBytes: 1, os: 'T', kernelRelease: '1', gpu: null };
const toolchains: Record<string, Toolchain> = { python: { version: 'Python 3.11.7' } };
const files = {
  ...Object.fromEntries(kernel.implementations.map((i) => [`${ROOT}/harness/kernels/k/${i.source}`, `# ${i.id}`])),
  [`${ROOT}/harness/protocol/python/claimbench_protocol.py`]: '# the protocol helper',
};

/** Python "programs" dispatch on the script path (the first argument). */
function python(byScript: Record<string, FakeProgram>): FakeProgram {
  return (args, env) => byScript[args[0]!.split('/').at(-1)!.replace('.py', '')]!(args, env);
}
const programs = {
  ref: protocolProgram('ref', 1_000_000),
  fast: protocolProgram('fast', 10_000),
  crash: () => ({ exitCode: 139, signal: null, stderr: 'Segmentation fault (core dumped)' }),
  hang: () => ({ exitCode: null, signal: 'SIGKILL', timedOut: true }),
  garbage: () => ({ stdout: 'hello world\n' }),
  wrong: protocolProgram('wrong', 10_000, 41),
};

type TestDeps = HarnessDeps & { proc: ReturnType<typeof fakeRunner>; fs: ReturnType<typeof memoryFs>; log: ReturnType<typeof quietLogger> };

function deps(proc = fakeRunner({ '.venv/bin/python': python(programs) }), fs = memoryFs(files)): TestDeps {
  return { proc, fs, clock: fixedClock(), log: quietLogger(), root: ROOT, tools: { python: '/repo/.venv/bin/python', mojo: '/repo/.venv/bin/mojo', cc: 'cc', cargo: 'cargo', rustc: 'rustc' }, seed: 1, loadAverage: () => 0.1 };
}
const opts = { kernel, machine, toolchains, profile: 'quick' as const, fresh: false };

describe('runKernel with fake kernels', () => {
  it('records each kind of failure and carries on', async () => {
    const d = deps();
    const { run } = await runKernel(opts, d);
    const status = Object.fromEntries(run.implementations.map((i) => [i.id, i.status]));
    expect(status).toEqual({ ref: 'ok', fast: 'ok', crash: 'failed', hang: 'timeout', garbage: 'failed', wrong: 'wrong-result' });
    const by = (id: string) => run.implementations.find((i) => i.id === id)!;
    expect(by('crash').reason).toBe('round 1: exited with code 139');
    expect(by('crash').stderrTail).toContain('Segmentation fault');
    expect(by('garbage').reason).toBe('round 1: its last line of output is not JSON: "hello world"');
    expect(by('wrong').reason).toBe('checksum 41 differs from the reference "ref" (42)');
    expect(by('fast').summary?.medianNs).toBe(10_000);
    expect(run.params).toEqual({ n: 100 }); // the workload, in the quick profile too
  });
  it('interleaves implementations across rounds and sizes later rounds to the budget', async () => {
    const d = deps();
    await runKernel(opts, d);
    const order = d.proc.calls.map((c) => c.args[0]!.split('/').at(-1));
    const { rounds, maxSamplesPerRound } = PROTOCOLS.quick;
    // round 1: all six once; later rounds: only the three that did not fail.
    expect(order.slice(0, 6).sort()).toEqual(['crash.py', 'fast.py', 'garbage.py', 'hang.py', 'ref.py', 'wrong.py']);
    expect(order.length).toBe(6 + 3 * (rounds - 1));
    // A 10 µs sample wants far more than the cap; a 1 ms one fills the budget exactly.
    const samplesOf = (script: string) => d.proc.calls.filter((c) => c.args[0]!.endsWith(script)).map((c) => Number(c.args[2]));
    expect(samplesOf('fast.py')).toEqual([1, ...Array(rounds - 1).fill(maxSamplesPerRound)]);
    const refWanted = Math.min(maxSamplesPerRound, Math.ceil(PROTOCOLS.quick.budgetSeconds / 1e-3 / (rounds - 1)));
    expect(samplesOf('ref.py')).toEqual([1, ...Array(rounds - 1).fill(refWanted)]);
    // Each later round is shuffled independently: the order differs between at least two rounds.
    const roundOrders = [1, 2, 3].map((k) => order.slice(6 + 3 * (k - 1), 6 + 3 * k).join());
    expect(new Set(roundOrders).size).toBeGreaterThan(1);
  });
  it('writes the result file and reuses it while inputs are unchanged; --fresh re-measures', async () => {
    const d = deps();
    const first = await runKernel(opts, d);
    expect(d.fs.files.has('/repo/content/runs/test-2c/quick/k.json')).toBe(true);
    const calls = d.proc.calls.length;
    const again = await runKernel(opts, d);
    expect(again.reused).toBe(true);
    expect(d.proc.calls.length).toBe(calls);
    await runKernel({ ...opts, toolchains: { python: { version: 'Python 3.12.0' } } }, d);
    expect(d.proc.calls.length).toBeGreaterThan(calls);
    const n = d.proc.calls.length;
    await runKernel({ ...opts, toolchains: { python: { version: 'Python 3.12.0' } }, fresh: true }, d);
    expect(d.proc.calls.length).toBeGreaterThan(n);
    expect(first.reused).toBe(false);
  });
  it('re-measures when the protocol helper its programs use changes', async () => {
    const d = deps();
    const first = await runKernel(opts, d);
    d.fs.files.set(`${ROOT}/harness/protocol/python/claimbench_protocol.py`, '# the protocol helper, changed');
    const second = await runKernel(opts, d);
    expect(second.reused).toBe(false);
    expect(second.run.kernelHash).not.toBe(first.run.kernelHash);
    // A helper of a language the kernel does not use is not an input.
    d.fs.files.set(`${ROOT}/harness/protocol/c/claimbench.h`, '/* changed */');
    expect((await runKernel(opts, d)).reused).toBe(true);
  });
  it('skips implementations whose toolchain is missing, with the reason', async () => {
    const d = deps();
    const { run } = await runKernel({ ...opts, toolchains: { python: { version: null, missing: 'no .venv; run npm run setup' } } }, d);
    expect(run.implementations.every((i) => i.status === 'skipped')).toBe(true);
    expect(run.implementations[0]!.reason).toBe('python missing: no .venv; run npm run setup');
    expect(d.proc.calls.length).toBe(0);
  });
  it('stops on a corrupt existing result instead of overwriting it', async () => {
    const d = deps(undefined, memoryFs({ ...files, '/repo/content/runs/test-2c/k.json': '{ not json' }));
    await expect(runKernel(opts, d)).rejects.toThrow(/content\/runs\/test-2c\/k\.json: not valid JSON/);
    expect(d.fs.files.get('/repo/content/runs/test-2c/k.json')).toBe('{ not json');
  });
  it('keeps the earlier result when writing the new one fails', async () => {
    const d = deps();
    await runKernel(opts, d);
    const before = d.fs.files.get('/repo/content/runs/test-2c/k.json');
    d.fs.failWrites = true;
    await expect(runKernel({ ...opts, fresh: true }, d)).rejects.toThrow('ENOSPC');
    expect(d.fs.files.get('/repo/content/runs/test-2c/k.json')).toBe(before);
  });
});

describe('protocol output checks', () => {
  const ok = (line: string) => ({ exitCode: 0, signal: null, stdout: line, stderr: '', timedOut: false });
  it('rejects output for other parameters or sample counts', () => {
    const line = JSON.stringify({ impl: 'a', params: { n: 5 }, checksum: 1, samplesNs: [1], threads: 1, peakRssKiB: 1 });
    expect(interpretOutput(ok(line), 'a', { n: 10 }, 1)).toEqual({ ok: false, status: 'failed', reason: 'it reports n=5, but was asked for 10' });
    expect(interpretOutput(ok(line), 'a', { n: 5 }, 3)).toEqual({ ok: false, status: 'failed', reason: 'it reports 1 samples, asked for 3' });
    expect(interpretOutput(ok(line), 'b', { n: 5 }, 1)).toMatchObject({ ok: false, reason: 'it reports impl "a", expected "b"' });
  });
  it('names a protocol violation', () => {
    const r = interpretOutput(ok('{"impl":"a"}'), 'a', {}, 1);
    expect(r.ok).toBe(false);
    expect(!r.ok && r.reason).toMatch(/^its output does not follow the protocol: params: /);
  });
  it('compares checksums exactly unless the kernel states a tolerance', () => {
    expect(checksumMatches(100, 100, 0)).toBe(true);
    expect(checksumMatches(100.0000001, 100, 0)).toBe(false);
    expect(checksumMatches(100.0000001, 100, 1e-6)).toBe(true);
  });
});

describe('the harness lock', () => {
  it('refuses a second harness while the first is alive, and takes over a stale lock', async () => {
    const fs = memoryFs();
    const release = await acquireLock(fs, '/repo/.cache/harness.lock', 100, () => true);
    await expect(acquireLock(fs, '/repo/.cache/harness.lock', 200, () => true)).rejects.toThrow('another harness process (pid 100) is running');
    const release2 = await acquireLock(fs, '/repo/.cache/harness.lock', 300, (pid) => pid !== 100);
    expect(fs.files.get('/repo/.cache/harness.lock')).toBe('300');
    await release2();
    await release();
  });
});

describe('GPU implementations', () => {
  it('are skipped on a machine without a GPU, with the reason', async () => {
    const gpuKernel = Kernel.parse({ ...kernel, implementations: [{ id: 'ref', label: 'ref', runtime: 'python', tier: 'naive', source: 'ref.py' }, { id: 'cuda', label: 'cuda', runtime: 'python', tier: 'optimized', source: 'fast.py', gpu: true }] });
    const { run } = await runKernel({ ...opts, kernel: gpuKernel }, deps());
    expect(run.implementations.find((i) => i.id === 'cuda')).toMatchObject({ status: 'skipped', reason: 'needs a CUDA GPU; this machine has none' });
    expect(run.implementations.find((i) => i.id === 'ref')!.status).toBe('ok');
  });
});

describe('implementations that need a CPU feature', () => {
  it('are skipped on a CPU without it, naming what is missing, and run on one that has it', async () => {
    const k = Kernel.parse({ ...kernel, implementations: [{ id: 'ref', label: 'ref', runtime: 'python', tier: 'naive', source: 'ref.py' }, { id: 'fast', label: 'fast', runtime: 'python', tier: 'optimized', source: 'fast.py', requiresCpu: ['avx512f', 'avx512dq'] }] });
    const without = await runKernel({ ...opts, kernel: k, machine: { ...machine, simd: ['avx2', 'avx512f'] } }, deps());
    expect(without.run.implementations.find((i) => i.id === 'fast')).toMatchObject({ status: 'skipped', reason: 'needs CPU feature avx512dq, which this CPU lacks' });
    const withIt = await runKernel({ ...opts, kernel: k, machine: { ...machine, simd: ['avx512dq', 'avx512f'] } }, deps());
    expect(withIt.run.implementations.find((i) => i.id === 'fast')!.status).toBe('ok');
  });
});

describe('history and extrapolation', () => {
  it('keeps the replaced result in the history folder', async () => {
    const d = deps();
    await runKernel(opts, d);
    const first = d.fs.files.get('/repo/content/runs/test-2c/quick/k.json')!;
    await runKernel({ ...opts, fresh: true }, d);
    const history = [...d.fs.files.keys()].filter((k) => k.startsWith('/repo/content/runs/test-2c/history/k/'));
    expect(history).toEqual(['/repo/content/runs/test-2c/history/k/2026-11-01T12-00-00-000Z-quick.json']);
    expect(d.fs.files.get(history[0]!)).toBe(first);
  });
  it('runs a slow implementation smaller, checks it against the reference at that size, and scales its times', async () => {
    const k2 = Kernel.parse({
      ...kernel,
      workload: { n: 10 },
      implementations: [
        { id: 'ref', label: 'ref', runtime: 'python', tier: 'naive', source: 'ref.py' },
        { id: 'slow', label: 'slow', runtime: 'python', tier: 'naive', source: 'slow.py', extrapolate: { param: 'n', exponent: 3, quick: 5, full: 50 } },
      ],
    });
    const sized = (impl: string, ns: number): FakeProgram => (args) => {
      const [, samples, n] = args.slice(-3).map(Number);
      return { stdout: JSON.stringify({ impl, params: { n }, checksum: n! * 2, samplesNs: Array(samples).fill(ns), threads: 1, peakRssKiB: 10 }) };
    };
    const proc = fakeRunner({ '.venv/bin/python': python({ ref: sized('ref', 1000), slow: sized('slow', 500) }) });
    const { run } = await runKernel({ ...opts, kernel: k2 }, deps(proc, memoryFs({ ...files, '/repo/harness/kernels/k/slow.py': '#' })));
    const slow = run.implementations.find((i) => i.id === 'slow')!;
    expect(slow.extrapolated).toEqual({ ranWith: { n: 5 }, factor: 8 });
    expect(slow.status).toBe('ok');
    expect(slow.summary?.medianNs).toBe(4000);
    // The slow one always ran at n=5; the reference ran at 10, plus once at 5 to check the checksum.
    expect(proc.calls.filter((c) => c.args[0]!.endsWith('slow.py')).every((c) => c.args.at(-1) === '5')).toBe(true);
    expect(proc.calls.filter((c) => c.args[0]!.endsWith('ref.py')).map((c) => c.args.at(-1)).at(-1)).toBe('5');
  });
  it('refuses to extrapolate the reference', () => {
    const r = Kernel.safeParse({ ...kernel, implementations: [{ id: 'ref', label: 'ref', runtime: 'python', tier: 'naive', source: 'ref.py', extrapolate: { param: 'n', exponent: 3, quick: 5, full: 5 } }] });
    expect(r.success).toBe(false);
    expect(r.error?.issues[0]?.message).toBe('the reference implementation cannot be extrapolated: the others are checked against it at full size');
  });
});

describe('profiles', () => {
  it('a quick request reuses a full-profile result whose inputs are unchanged, and not the other way round', async () => {
    const d = deps();
    await runKernel({ ...opts, profile: 'full' }, d);
    const calls = d.proc.calls.length;
    const quick = await runKernel(opts, d);
    expect(quick.reused).toBe(true);
    expect(quick.run.profile).toBe('full');
    expect(d.proc.calls.length).toBe(calls);
    const d2 = deps();
    await runKernel(opts, d2);
    expect((await runKernel({ ...opts, profile: 'full' }, d2)).reused).toBe(false);
  });
  it('a quick run never replaces a full run: it goes to quick/, and both files stay', async () => {
    const d = deps();
    await runKernel({ ...opts, profile: 'full' }, d);
    const full = d.fs.files.get('/repo/content/runs/test-2c/k.json')!;
    const quick = await runKernel({ ...opts, fresh: true }, d);
    expect(quick.reused).toBe(false);
    expect(quick.path).toBe('/repo/content/runs/test-2c/quick/k.json');
    expect(d.fs.files.get('/repo/content/runs/test-2c/k.json')).toBe(full);
    expect(JSON.parse(d.fs.files.get('/repo/content/runs/test-2c/quick/k.json')!).profile).toBe('quick');
  });
  it('measures the same workload in both profiles (only budget and sample counts differ)', async () => {
    const d = deps();
    const q = await runKernel(opts, d);
    const f = await runKernel({ ...opts, profile: 'full' }, d);
    expect(q.run.params).toEqual(f.run.params);
    expect(q.run.protocol.rounds).toBe(PROTOCOLS.quick.rounds);
    expect(f.run.protocol.rounds).toBe(PROTOCOLS.full.rounds);
  });
});

describe('--impl sessions merge into the run file', () => {
  it('keeps the other implementations\' results, records each one\'s session, and keeps the replaced file in the history', async () => {
    const d = deps();
    d.clock = fixedClock('2026-11-01T10:00:00.000Z');
    const first = await runKernel({ ...opts, only: ['ref', 'fast'] }, d);
    expect(first.run.sessions.map((s) => s.id)).toEqual(['2026-11-01T10:00:00.000Z']);
    d.clock = fixedClock('2026-11-01T11:00:00.000Z');
    const second = await runKernel({ ...opts, only: ['ref', 'wrong'] }, d);
    const by = (id: string) => second.run.implementations.find((i) => i.id === id)!;
    expect(by('fast').status).toBe('ok');
    expect(by('fast').session).toBe('2026-11-01T10:00:00.000Z');
    expect(by('fast').summary).toEqual(first.run.implementations.find((i) => i.id === 'fast')!.summary);
    expect(by('ref').session).toBe('2026-11-01T11:00:00.000Z');
    expect(by('wrong').status).toBe('wrong-result');
    expect(by('crash').status).toBe('skipped');
    expect(second.run.sessions.map((s) => s.id)).toEqual(['2026-11-01T10:00:00.000Z', '2026-11-01T11:00:00.000Z']);
    expect(second.run.warnings.some((w) => w.code === 'mixed-sessions')).toBe(false);
    const history = [...d.fs.files.keys()].filter((k) => k.includes('/history/k/'));
    expect(history).toEqual(['/repo/content/runs/test-2c/history/k/2026-11-01T10-00-00-000Z-quick.json']);
  });
  it('warns when the sessions\' fingerprints differ (another kernel release)', async () => {
    const d = deps();
    d.clock = fixedClock('2026-11-01T10:00:00.000Z');
    await runKernel({ ...opts, only: ['ref', 'fast'] }, d);
    d.clock = fixedClock('2026-11-01T11:00:00.000Z');
    const second = await runKernel({ ...opts, machine: { ...machine, kernelRelease: '2' }, only: ['ref'] }, d);
    const w = second.run.warnings.find((x) => x.code === 'mixed-sessions');
    expect(w?.message).toContain('kernelRelease: "1" -> "2"');
    expect(d.log.lines.some((l) => l.includes('kernelRelease'))).toBe(true);
  });
  it('replaces instead of merging when the kernel\'s sources changed (the old file goes to the history)', async () => {
    const d = deps();
    d.clock = fixedClock('2026-11-01T10:00:00.000Z');
    await runKernel({ ...opts, only: ['ref', 'fast'] }, d);
    d.fs.files.set(`${ROOT}/harness/kernels/k/fast.py`, '# fast, changed');
    d.clock = fixedClock('2026-11-01T11:00:00.000Z');
    const second = await runKernel({ ...opts, only: ['ref'] }, d);
    expect(second.run.implementations.find((i) => i.id === 'fast')!.status).toBe('skipped');
    expect([...d.fs.files.keys()].filter((k) => k.includes('/history/k/'))).toHaveLength(1);
  });
});

describe("other programs' CPU use, sampled before each kernel", () => {
  /** A sampler returning the given samples in turn, noting how many programs had run at each call. */
  function sampler(samples: CpuSample[], proc: { calls: unknown[] }) {
    const at: number[] = [];
    return { at, sampleCpu: async () => { at.push(proc.calls.length); return samples[at.length - 1]!; } };
  }
  const busy = (busyCpus: number, stealCpus = 0): CpuSample => ({ ok: true, busy: { busyCpus, stealCpus, sampledMs: 1000 } });

  it('samples before each kernel measures anything, not once per session, and judges machine-load from it', async () => {
    const d = deps();
    const s = sampler([busy(0.02), busy(1.4)], d.proc);
    // The load average of the session's start is high (our own setup just ran), but the CPUs are idle.
    const first = await runKernel({ ...opts, loadBefore: 1.08 }, { ...d, sampleCpu: s.sampleCpu });
    const measuredFirst = d.proc.calls.length;
    expect(s.at).toEqual([0]);
    expect(first.run.provenance?.cpuBefore).toEqual({ busyCpus: 0.02, stealCpus: 0, sampledMs: 1000 });
    expect(first.run.provenance?.loadAverage.start).toBe(1.08);
    expect(first.run.warnings.map((w) => w.code)).not.toContain('machine-load');
    // Another program starts between two kernels of the session: the next kernel sees it.
    const second = await runKernel({ ...opts, fresh: true, loadBefore: 1.08 }, { ...d, sampleCpu: s.sampleCpu });
    expect(s.at).toEqual([0, measuredFirst]);
    expect(d.proc.calls.length).toBeGreaterThan(measuredFirst);
    expect(second.run.warnings.find((w) => w.code === 'machine-load')?.message).toBe('other programs used 1.40 of 2 logical CPUs in the 1.0 s before the kernel was measured: they competed for the CPU');
  });
  it('does not sample for a reused result', async () => {
    const d = deps();
    const s = sampler([busy(0.02), busy(0.02)], d.proc);
    await runKernel(opts, { ...d, sampleCpu: s.sampleCpu });
    const again = await runKernel(opts, { ...d, sampleCpu: s.sampleCpu });
    expect(again.reused).toBe(true);
    expect(s.at).toEqual([0]);
  });
  it('falls back to the load average where there is no /proc/stat, and says so', async () => {
    const d = deps();
    const s = sampler([{ ok: false, reason: '/proc/stat is not readable here (ENOENT)' }], d.proc);
    const { run } = await runKernel({ ...opts, loadBefore: 1.8 }, { ...d, sampleCpu: s.sampleCpu });
    expect(run.provenance?.cpuBefore).toBeUndefined();
    expect(run.warnings.find((w) => w.code === 'machine-load')?.message).toBe("the load average was 1.80 on 2 logical CPUs before the harness started (other programs' CPU use could not be sampled: /proc/stat is not readable here (ENOENT)): other programs competed for the CPU");
    expect(d.log.lines.join('\n')).toContain("k: other programs' CPU use not sampled (/proc/stat is not readable here (ENOENT))");
  });
});
