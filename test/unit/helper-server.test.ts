/**
 * Client kernels (kernel.yaml helperServer) with fakes: the fixed server is built, started pinned to
 * one CPU with PORT and the kernel's parameters, polled until ready; the clients run pinned to the
 * other CPU with its address; its CPU time is credited to each client; and on every path (never
 * ready, exits at start, crashes mid-run, leaves its port bound, does not build) every client fails
 * naming the server, and the server is stopped.
 */
import { describe, expect, it } from 'vitest';
import { Kernel } from '../../src/lib/schema/kernel.ts';
import type { Machine, Toolchain } from '../../src/lib/schema/run.ts';
import type { ProcessResult, ProcessRunner } from '../../harness/runner/effects.ts';
import { runKernel, type HarnessDeps } from '../../harness/runner/harness.ts';
import { cpuSecondsFromStat, SERVER_URL_ENV, type HelperEffects } from '../../harness/runner/helper-server.ts';
import { fixedClock, memoryFs, quietLogger } from '../fixtures/fakes.ts';
import { fakeServerWorld, type FakeServer } from '../fixtures/fake-servers.ts';
import { parseWith } from '../../src/lib/schema-errors.ts';
import { validateRun } from '../../src/lib/run-validation.ts';
import { clientLoadViews } from '../../src/lib/site/client-load.ts';

const ROOT = '/repo';
const spec = {
  schemaVersion: 2, id: 'c', title: 'C', summary: 'C', origin: { title: 'O', url: 'https://example.org' },
  params: [{ name: 'inputs' }, { name: 'dimensions' }], workload: { inputs: 8, dimensions: 4 },
  metrics: [{ id: 'throughput', work: 'items' }, { id: 'time' }],
  checksum: { kind: 'digest', description: 'SHA-256 of the vectors' }, reference: 'ref',
  helperServer: { readyPath: '/health', readySeconds: 2, program: { id: 'mock', label: 'Mock', runtime: 'rust', tier: 'idiomatic', source: 'rust', bin: 'mock-server' } },
  implementations: ['ref', 'other', 'wrong'].map((id) => ({ id, label: id, runtime: 'python', tier: 'naive', source: `${id}.py` })),
};
const kernel = Kernel.parse(spec);
const machine: Machine = { id: 'test-2c', cpuModel: 'Test', cpu: null, arch: 'x64', cores: 2, simd: [], memoryBytes: 1, os: 'T', kernelRelease: '1', gpu: null };
const toolchains: Record<string, Toolchain> = { python: { version: 'Python 3.11.7' }, rustc: { version: 'rustc 1.91.0' }, cargo: { version: 'cargo 1.91.0' }, taskset: { version: 'taskset from util-linux 2.38.1' } };
const files = {
  ...Object.fromEntries(kernel.implementations.map((i) => [`${ROOT}/harness/kernels/c/${i.source}`, `# ${i.id}`])),
  [`${ROOT}/harness/kernels/c/rust/src/bin/mock-server.rs`]: '// mock',
  [`${ROOT}/harness/protocol/python/claimbench_protocol.py`]: '# the protocol helper',
  [`${ROOT}/harness/protocol/rust/src/lib.rs`]: '// the protocol helper',
  [`${ROOT}/harness/protocol/rust/Cargo.toml`]: '# the protocol helper',
};
const opts = { kernel, machine, toolchains, profile: 'quick' as const, fresh: true, provenance: { cpuAffinity: '0-1', blas: null, pythonGil: null } };

interface ClientCall { script: string; args: string[]; env: Record<string, string>; serverUp: boolean }

/** Fake clients: each process takes 1 fake second, and the server burns 0.25 CPU seconds meanwhile. */
function setup(server: FakeServer = {}, o: { buildFails?: boolean; crashServerOnCall?: number } = {}) {
  const world = fakeServerWorld({ 'mock-server': server });
  let cpu = 0;
  const calls: ClientCall[] = [];
  const helper: HelperEffects = Object.assign(world.server, { cpuSeconds: async () => cpu });
  const base = { exitCode: 0, signal: null, stdout: '', stderr: '', timedOut: false };
  const proc: ProcessRunner = {
    async run(command, args, po): Promise<ProcessResult> {
      if (command === 'cargo') return o.buildFails ? { ...base, exitCode: 101, stderr: 'error[E0425]: cannot find value `x`' } : base;
      if (command !== 'taskset') return { ...base, exitCode: 1, stderr: `unexpected ${command}` };
      const script = args.find((a) => a.endsWith('.py'))!.split('/').at(-1)!;
      const at = args.findIndex((a) => a.endsWith('.py'));
      const [warmup, samples, ...params] = args.slice(at + 1);
      const mock = world.started.find((p) => p.name === 'mock-server');
      calls.push({ script, args: [...args], env: po.env ?? {}, serverUp: !!mock && !mock.exit() });
      if (o.crashServerOnCall === calls.length) mock!.crash();
      await world.server.sleep(1000);
      cpu += 0.25;
      const impl = script.replace('.py', '');
      const n = Number(samples);
      void warmup;
      return { ...base, stdout: `${JSON.stringify({ impl, params: { inputs: Number(params[0]), dimensions: Number(params[1]) }, checksum: impl === 'wrong' ? 'bad' : 'abc123', samplesNs: Array(n).fill(2e8), threads: 1, peakRssKiB: 1000, work: { items: 8 } })}\n` };
    },
    killAll() {},
  };
  const deps: HarnessDeps = {
    proc, server: world.server, helper, fs: memoryFs(files), clock: fixedClock(), log: quietLogger(), root: ROOT,
    tools: { python: '/repo/.venv/bin/python', mojo: 'mojo', cc: 'cc', cargo: 'cargo', rustc: 'rustc' }, seed: 1, loadAverage: () => 0.1,
  };
  return { world, deps, calls };
}

function expectStopped(world: ReturnType<typeof fakeServerWorld>, leaky = false) {
  for (const p of world.started) {
    expect(p.exit(), `${p.name} still running`).not.toBeNull();
    expect(world.bound.has(p.port)).toBe(leaky);
  }
}

describe('client kernels with a helper server, measured with fakes', () => {
  it('starts the server pinned to CPU 0 with PORT and the parameters, runs the clients on CPU 1 against it, and stops it', async () => {
    const { world, deps, calls } = setup();
    const { run } = await runKernel(opts, deps);
    const status = Object.fromEntries(run.implementations.map((i) => [i.id, i.status]));
    expect(status).toEqual({ ref: 'ok', other: 'ok', wrong: 'wrong-result' });
    expect(world.started).toHaveLength(1);
    const argv = world.started[0]!.args;
    expect(argv.slice(0, 3)).toEqual(['taskset', '-c', '0']);
    expect(argv.at(3)).toMatch(/\.cache\/build\/c\/rust\/release\/mock-server$/);
    expect(argv.slice(4)).toEqual([String(world.started[0]!.port), '8', '4']);
    expect(calls.length).toBeGreaterThan(3);
    for (const c of calls) {
      expect(c.args.slice(0, 2)).toEqual(['-c', '1']);
      expect(c.env[SERVER_URL_ENV]).toBe(`http://127.0.0.1:${world.started[0]!.port}`);
      expect(c.env.CLAIMBENCH_THREADS).toBe('1');
      expect(c.serverUp).toBe(true);
    }
    const ref = run.implementations.find((i) => i.id === 'ref')!;
    const processes = calls.filter((c) => c.script === 'ref.py').length;
    expect(ref.helperServer).toEqual({ program: 'mock', serverCpu: 0, clientCpu: 1, serverCpuSeconds: 0.25 * processes, wallSeconds: processes });
    expect(ref.run!.slice(0, 3)).toEqual(['taskset', '-c', '1']);
    expect(validateRun(run, new Map([[kernel.id, kernel]]), 'c.json')).toEqual([]);
    expectStopped(world);
  });

  it('fails every client, naming the server, when it never answers 2xx on its ready path', async () => {
    const { world, deps, calls } = setup({ readyAfterMs: Infinity });
    const { run } = await runKernel(opts, deps);
    expect(calls).toHaveLength(0);
    for (const i of run.implementations) {
      expect(i.status).toBe('failed');
      expect(i.reason).toMatch(/^helper server mock: never ready: no 2xx answer on http:\/\/127\.0\.0\.1:\d+\/health within 2 s/);
    }
    expectStopped(world);
  });

  it('reports who holds the port when the server cannot bind it, and never kills that process', async () => {
    const { world, deps, calls } = setup({ exitsAtStart: { code: 1, output: 'mock-server: cannot listen on 127.0.0.1:40000: Address already in use (os error 98)' } });
    const { run } = await runKernel(opts, deps);
    expect(calls).toHaveLength(0);
    const ref = run.implementations.find((i) => i.id === 'ref')!;
    expect(ref.reason).toMatch(/^helper server mock: exited \(code 1\) before answering on port \d+, which ghost \(pid 4242\) holds$/);
    expect(ref.stderrTail).toContain('Address already in use');
    expect(world.started[0]!.signals.every((s) => s.startsWith('SIG'))).toBe(true);
  });

  it('fails every client when the server dies during the measurement, with its output', async () => {
    const { world, deps } = setup({}, { crashServerOnCall: 2 });
    const { run } = await runKernel(opts, deps);
    for (const i of run.implementations) {
      expect(i.status).toBe('failed');
      expect(i.reason).toBe('helper server mock exited during the measurement (killed by SIGSEGV)');
    }
    expectStopped(world);
  });

  it('fails the run when the server leaves its port bound after being stopped', async () => {
    const { world, deps } = setup({ leavesPortBound: true });
    const { run } = await runKernel(opts, deps);
    expect(run.implementations.find((i) => i.id === 'ref')!.reason).toMatch(/^port \d+ is still bound after the helper server was stopped \(by ghost \(pid 4242\)\)$/);
    expectStopped(world, true);
  });

  it('stops a server that ignores SIGTERM with SIGKILL', async () => {
    const { world, deps } = setup({ ignoresSigterm: true });
    const { run } = await runKernel(opts, deps);
    expect(run.implementations.find((i) => i.id === 'ref')!.status).toBe('ok');
    expect(world.started[0]!.signals).toEqual(['SIGTERM', 'SIGKILL', 'SIGKILL(group)']);
    expectStopped(world);
  });

  it('runs no client when the server does not build, and says so in every result', async () => {
    const { world, deps, calls } = setup({}, { buildFails: true });
    const { run } = await runKernel(opts, deps);
    expect(world.started).toHaveLength(0);
    expect(calls).toHaveLength(0);
    for (const i of run.implementations) expect(i.reason).toMatch(/^its fixed server mock did not build: build failed \(exit 101\)/);
  });

  it('skips the clients with the reason when taskset is missing or only one CPU is allowed', async () => {
    const { deps } = setup();
    const noTaskset = await runKernel({ ...opts, toolchains: { ...toolchains, taskset: { version: null, missing: 'taskset not found' } } }, deps);
    expect(noTaskset.run.implementations.map((i) => i.reason)).toEqual(Array(3).fill('taskset missing: taskset not found'));
    const oneCpu = await runKernel({ ...opts, provenance: { ...opts.provenance, cpuAffinity: '0' } }, deps);
    expect(oneCpu.run.implementations[0]!.reason).toBe('a client kernel needs two CPUs (one for its fixed server, one for the client); this machine lets the harness use 0');
  });
});

describe('the helperServer block', () => {
  it('refuses a server kernel with a helper server, and a helper whose id an implementation has', () => {
    const server = { path: '/', connections: [1], profiles: { quick: { warmupSeconds: 0, durationSeconds: 1, maxRequests: 10 }, full: { warmupSeconds: 0, durationSeconds: 1, maxRequests: 10 } } };
    expect(() => parseWith(Kernel, { ...spec, server, metrics: [{ id: 'requests-per-second' }] }, 'k.yaml')).toThrow('k.yaml: helperServer: a server kernel measures its own servers: expected no "helperServer"');
    expect(() => parseWith(Kernel, { ...spec, helperServer: { ...spec.helperServer, program: { ...spec.helperServer.program, id: 'ref' } } }, 'k.yaml')).toThrow('k.yaml: helperServer.program.id: expected an id no implementation has, got "ref"');
    expect(() => parseWith(Kernel, { ...spec, helperServer: { ...spec.helperServer, readyPath: 'health' } }, 'k.yaml')).toThrow('helperServer.readyPath');
  });

  it('reads utime + stime from /proc/<pid>/stat, whatever the command name holds', () => {
    const stat = '4242 (mock server) S 1 4242 4242 0 -1 4194560 120 0 0 0 250 50 0 0 20 0 2 0 100 1000000 300 18446744073709551615';
    expect(cpuSecondsFromStat(stat)).toBe(3);
    expect(cpuSecondsFromStat('garbage')).toBeNull();
  });
});

describe('the machine page view of a client kernel', () => {
  it('gives each client its throughput, the server busy share and the extrapolated projection; failed clients have none', async () => {
    const { deps } = setup();
    const k = Kernel.parse({ ...spec, projection: { work: 'items', amount: 80, label: 'ten samples' } });
    const { run } = await runKernel({ ...opts, kernel: k }, deps);
    const [view] = clientLoadViews([run], [k]);
    expect(view!.setup).toBe('server on CPU 0, clients on CPU 1');
    expect(view!.workPerSample).toEqual({ amount: 8, unit: 'items' });
    const ref = view!.rows.find((r) => r.implId === 'ref')!;
    // 8 items in 0.2 s: 40 items/s; 80 items at that rate: 2 s; the server burnt 0.25 s per 1 s.
    expect(ref.throughput).toBeCloseTo(40);
    expect(ref.projectedSeconds).toBeCloseTo(2);
    expect(ref.serverBusy).toBeCloseTo(0.25);
    expect(view!.maxServerBusy).toBeCloseTo(0.25);
    const wrong = view!.rows.find((r) => r.implId === 'wrong')!;
    expect([wrong.throughput, wrong.projectedSeconds]).toEqual([null, null]);
    expect(clientLoadViews([run], [kernel])[0]!.projection).toBeNull();
  });

  it('refuses a projection without a throughput metric counting its work', () => {
    expect(() => parseWith(Kernel, { ...spec, projection: { work: 'bytes', amount: 1, label: 'x' } }, 'k.yaml')).toThrow('k.yaml: projection.work: a projection needs a throughput metric counting "bytes"');
  });
});
