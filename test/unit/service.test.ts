/**
 * A client kernel's helper service (kernel.yaml `service:`, harness/runner/service.ts) with fake
 * servers: started once before the first round with PORT and the parameters, its address given to
 * every implementation, stopped after the last round; a service that never answers, exits at
 * start or is missing fails every implementation naming it; a port left bound is reported.
 */
import { describe, expect, it } from 'vitest';
import { Kernel } from '../../src/lib/schema/kernel.ts';
import type { Machine, Toolchain } from '../../src/lib/schema/run.ts';
import { runKernel, type HarnessDeps } from '../../harness/runner/harness.ts';
import { SERVICE_ENV, startService } from '../../harness/runner/service.ts';
import { kernelToolchains } from '../../harness/runner/toolchains.ts';
import { fakeRunner, fixedClock, memoryFs, protocolProgram, quietLogger } from '../fixtures/fakes.ts';
import { fakeServerWorld, type FakeServer } from '../fixtures/fake-servers.ts';

const ROOT = '/repo';
const kernel = Kernel.parse({
  schemaVersion: 2, id: 'k', title: 'K', summary: 'S', origin: { title: 'O', url: 'https://example.org' },
  params: [{ name: 'n' }], workload: { n: 100 },
  checksum: { description: 'sum' }, reference: 'ref',
  service: { source: 'service.py', description: 'answers after a delay', path: '/ready', readySeconds: 5 },
  implementations: ['ref', 'other'].map((id) => ({ id, label: id, runtime: 'python', tier: 'naive', source: `${id}.py` })),
});
const machine: Machine = { id: 'test-2c', cpuModel: 'Test', cpu: null, arch: 'x64', cores: 2, simd: [], memoryBytes: 1, os: 'T', kernelRelease: '1', gpu: null };
const toolchains: Record<string, Toolchain> = { python: { version: 'Python 3.11.7' } };
const files = {
  [`${ROOT}/harness/kernels/k/ref.py`]: '# ref', [`${ROOT}/harness/kernels/k/other.py`]: '# other', [`${ROOT}/harness/kernels/k/service.py`]: '# service',
  [`${ROOT}/harness/protocol/python/claimbench_protocol.py`]: '# the protocol helper',
};
const tools = { python: '/repo/.venv/bin/python', mojo: 'mojo', cc: 'cc', cargo: 'cargo', rustc: 'rustc' };

function setup(service: FakeServer) {
  const world = fakeServerWorld({ 'service.py': service });
  const seen: Array<string | undefined> = [];
  const program = (id: string) => (args: string[], env: Record<string, string>) => {
    seen.push(env[SERVICE_ENV]);
    return protocolProgram(id, 1_000_000)(args, env);
  };
  const proc = fakeRunner({ '.venv/bin/python': (args, env) => program(args[0]!.split('/').at(-1)!.replace('.py', ''))(args, env) });
  const deps: HarnessDeps = { proc, fs: memoryFs(files), clock: fixedClock(), log: quietLogger(), root: ROOT, tools, seed: 1, loadAverage: () => 0.1, server: world.server };
  return { world, deps, seen };
}

describe('a kernel with a helper service', () => {
  it('needs the kernel\'s python for the service', () => {
    expect(kernelToolchains(kernel)).toContain('python');
    expect(Kernel.safeParse({ ...kernel, server: { path: '/', connections: [1], profiles: { quick: { warmupSeconds: 0, durationSeconds: 1, maxRequests: 9 }, full: { warmupSeconds: 0, durationSeconds: 1, maxRequests: 9 } } } }).success).toBe(false);
  });
  it('starts it once with PORT and the parameters, gives every implementation its address, and stops it after the last round', async () => {
    const { world, deps, seen } = setup({});
    const { run } = await runKernel({ kernel, machine, toolchains, profile: 'quick', fresh: true }, deps);
    expect(run.implementations.map((i) => i.status)).toEqual(['ok', 'ok']);
    expect(world.server.started).toHaveLength(1);
    const svc = world.server.started[0]!;
    expect(svc.args.slice(-2)).toEqual([String(svc.port), '100']);
    expect(svc.args).toContain('harness/kernels/k/service.py');
    expect(new Set(seen)).toEqual(new Set([`http://127.0.0.1:${svc.port}`]));
    expect(svc.exit()).not.toBeNull();
    expect(svc.signals[0]).toBe('SIGTERM');
  });
  it('fails every implementation, naming the service, when it never answers, and stops it', async () => {
    const { world, deps, seen } = setup({ readyAfterMs: Infinity });
    const { run } = await runKernel({ kernel, machine, toolchains, profile: 'quick', fresh: true }, deps);
    expect(run.implementations.map((i) => i.status)).toEqual(['failed', 'failed']);
    expect(run.implementations[0]!.reason).toMatch(/^service service\.py never ready: no answer on http:\/\/127\.0\.0\.1:\d+\/ready within 5 s/);
    expect(seen).toEqual([]);
    expect(world.server.started[0]!.exit()).not.toBeNull();
  });
  it('says how it ended when it exits at start, with its output', async () => {
    const { deps } = setup({ exitsAtStart: { code: 2, output: 'usage: service.py PORT n' } });
    const started = await startService(kernel, { n: 100 }, { server: deps.server!, log: quietLogger(), cwd: ROOT, tools });
    expect(started.ok).toBe(false);
    if (started.ok) return;
    expect(started.reason).toMatch(/^service service\.py exited \(code 2\) before answering on port \d+$/);
    expect(started.stderrTail).toBe('usage: service.py PORT n');
  });
  it('reports a port still bound after the service was stopped', async () => {
    const { deps } = setup({ leavesPortBound: true });
    const started = await startService(kernel, { n: 100 }, { server: deps.server!, log: quietLogger(), cwd: ROOT, tools });
    expect(started.ok).toBe(true);
    if (!started.ok) return;
    expect(await started.stop()).toMatch(/^service: port \d+ is still bound after the service was stopped \(by ghost \(pid 4242\)\)$/);
  });
  it('fails every implementation when the service\'s python is missing, without starting anything', async () => {
    const { world, deps } = setup({});
    const k2 = { ...kernel, pythonLock: 'requirements.lock' };
    const { run } = await runKernel({ kernel: k2, machine, toolchains: { ...toolchains, 'python@k': { version: null, missing: 'no .venvs/k' } }, profile: 'quick', fresh: true }, deps);
    expect(run.implementations.map((i) => i.status)).toEqual(['skipped', 'skipped']);
    expect(world.server.started).toHaveLength(0);
  });
});
