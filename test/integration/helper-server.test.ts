/**
 * A client kernel for real, on loopback: the embedding-client kernel's mock server and every client
 * are built, the server is started pinned to one CPU and the clients, pinned to the other, embed a
 * tiny workload against it through the harness's own measurement; every client must follow the
 * protocol and give the reference's checksum, the server's CPU time is recorded for each, and
 * afterwards the server is gone and its port free. Without taskset, two CPUs, Rust or the kernel's
 * Python environment (npm run setup) the test is skipped with the reason; in CI it fails instead.
 */
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { loadKernelDefinitions } from '../../src/io/load.ts';
import { realClock, realFileSystem, realProcessRunner } from '../../harness/runner/effects.ts';
import { quietLogger } from '../fixtures/fakes.ts';
import { threadEnv } from '../../harness/runner/commands.ts';
import { detectToolchains, kernelToolchains, missingReason, toolPaths } from '../../harness/runner/toolchains.ts';
import { buildImplementation, type HarnessDeps } from '../../harness/runner/harness.ts';
import { realServerEffects } from '../../harness/runner/server-effects.ts';
import { realHelperEffects, withHelperServer } from '../../harness/runner/helper-server.ts';
import { measure, type Runnable } from '../../harness/runner/measure.ts';
import { parseCpuList, pickCpus } from '../../src/lib/load-generator.ts';
import { parseCpuAffinity } from '../../harness/runner/provenance.ts';
import { PROTOCOLS } from '../../src/lib/protocol.ts';
import { bound } from '../fixtures/leaks.ts';

const root = process.cwd();
const proc = realProcessRunner();
const tools = toolPaths(root);
const kernel = loadKernelDefinitions(root).find((k) => k.id === 'embedding-client')!;
const toolchains = await detectToolchains(proc, tools, kernelToolchains(kernel));
const cpus = pickCpus(parseCpuList(parseCpuAffinity(readFileSync('/proc/self/status', 'utf8')) ?? '0'));
const cannot = (toolchains.taskset?.version ? null : `taskset missing: ${toolchains.taskset?.missing}`)
  ?? (cpus ? null : 'fewer than two CPUs: the server and the clients cannot be pinned apart')
  ?? [kernel.helperServer!.program, ...kernel.implementations].map((i) => missingReason(i, toolchains, kernel)).find((m) => m !== null) ?? null;
/** 5 requests (the last one short), 2 in flight, 16 floats per vector. */
const TINY = { inputs: 520, batch: 128, concurrency: 2, dimensions: 16 };
const log = quietLogger();

describe('the embedding-client kernel against its mock server on loopback', () => {
  it.skipIf(cannot !== null && !process.env.CI)(`every client gets the reference's vectors, and the server is stopped${cannot ? ` (skipped: ${cannot})` : ''}`, async () => {
    expect(cannot, `missing in CI: ${cannot}`).toBeNull();
    const deps = { proc, fs: realFileSystem(), clock: realClock, log, root, tools, seed: 1, loadAverage: () => 0 } as HarnessDeps;
    const helper = await buildImplementation(kernel, kernel.helperServer!.program, toolchains, deps, 'check');
    expect(helper.error).toBeNull();
    const runnables: Runnable[] = [];
    for (const impl of kernel.implementations) {
      const { inv, error } = await buildImplementation(kernel, impl, toolchains, deps, 'check');
      expect(error).toBeNull();
      runnables.push({ impl, run: inv.run, env: threadEnv(impl, 1) });
    }
    const fx = realHelperEffects(realServerEffects(proc));
    let port = 0;
    const started = fx.start.bind(fx);
    fx.start = (cmd, args, o) => {
      port = Number(args[3]);
      return started(cmd, args, o);
    };
    const got = await withHelperServer(
      { spec: kernel.helperServer!, run: helper.inv.run, params: kernel.params.map((p) => String(TINY[p.name as keyof typeof TINY])), env: threadEnv(kernel.helperServer!.program, 1), cpus: { server: cpus!.server, client: cpus!.generator } },
      runnables,
      { proc, fx, log, cwd: root },
      (p) => measure(kernel, runnables, TINY, { ...PROTOCOLS.quick, rounds: 2, budgetSeconds: 0.05, minSamples: 2 }, { proc: p, log, cwd: root, seed: 1, monotonicMs: () => performance.now() }),
    );
    expect(got.ok ? 'ok' : `${got.reason}\n${got.stderrTail}`).toBe('ok');
    if (!got.ok) return;
    for (const r of got.value) {
      expect(`${r.id}: ${r.status} ${r.reason ?? ''} ${r.stderrTail ?? ''}`.trim()).toBe(`${r.id}: ok`);
      expect(r.checksum).toMatch(/^[0-9a-f]{64}$/);
      expect(r.work).toEqual({ items: TINY.inputs });
      expect(r.run!.slice(0, 3)).toEqual(['taskset', '-c', String(cpus!.generator)]);
      const usage = got.usage.get(r.id)!;
      expect(usage.serverCpu).toBe(cpus!.server);
      expect(usage.wallSeconds).toBeGreaterThan(0);
      expect(usage.serverCpuSeconds).toBeGreaterThanOrEqual(0);
    }
    expect(port).toBeGreaterThan(0);
    expect(await bound(port)).toBe(false);
  }, 900_000);
});
