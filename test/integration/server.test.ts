/**
 * Server kernels for real, on loopback: every implementation of the hello-server kernel is built,
 * started, checked against the reference's answer and put under a short wrk load; afterwards no
 * process it started is alive and no port it used is bound. Then the harness's command line is
 * interrupted (SIGINT, SIGTERM) while a server is under load: it exits 130 and leaves no process
 * behind. Without wrk (or with fewer than two CPUs) the tests are skipped with the reason; in CI
 * a missing wrk fails them (.ci/run installs it).
 */
import { afterAll, describe, expect, it } from 'vitest';
import { spawn, spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, readlinkSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadKernelDefinitions } from '../../src/io/load.ts';
import { consoleLogger, realClock, realFileSystem, realProcessRunner } from '../../harness/runner/effects.ts';
import { threadEnv } from '../../harness/runner/commands.ts';
import { detectToolchains, kernelToolchains, LOAD_TOOLCHAINS, loadToolsMissing, missingReason, toolPaths } from '../../harness/runner/toolchains.ts';
import { buildImplementation, type HarnessDeps } from '../../harness/runner/harness.ts';
import { realServerEffects } from '../../harness/runner/server-effects.ts';
import { measureServerKernel } from '../../harness/runner/server.ts';
import { parseCpuList, pickCpus } from '../../src/lib/load-generator.ts';
import { parseCpuAffinity } from '../../harness/runner/provenance.ts';
import type { Runnable } from '../../harness/runner/measure.ts';
import { bound, expectNothingLeft, trackServers } from '../fixtures/leaks.ts';

const root = process.cwd();
const proc = realProcessRunner();
const tools = toolPaths(root);
const kernel = loadKernelDefinitions(root).find((k) => k.id === 'hello-server')!;
const toolchains = await detectToolchains(proc, tools, [...kernelToolchains(kernel), ...LOAD_TOOLCHAINS]);
const cpus = pickCpus(parseCpuList(parseCpuAffinity(readFileSync('/proc/self/status', 'utf8')) ?? '0'));
const cannot = loadToolsMissing(toolchains) ?? (cpus ? null : 'fewer than two CPUs: the server and the load generator cannot be pinned apart');

/** Processes whose working directory is `dir` (everything the harness starts runs there). */
function processesIn(dir: string): Array<{ pid: number; cmdline: string }> {
  const out = [];
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      if (readlinkSync(`/proc/${name}/cwd`) === dir) out.push({ pid: Number(name), cmdline: readFileSync(`/proc/${name}/cmdline`, 'utf8').split('\0').join(' ').trim() });
    } catch {
      /* gone, or not ours to read */
    }
  }
  return out;
}

describe.skipIf(cannot !== null && !process.env.CI)(`hello-server on loopback${cannot ? ` (skipped: ${cannot})` : ''}`, () => {
  it('measures every implementation, with the reference\'s answer, and leaves no process or port behind', async () => {
    expect(cannot, 'in CI, .ci/run installs wrk').toBeNull();
    const fs = realFileSystem();
    const log = consoleLogger();
    const tracked = trackServers(realServerEffects(proc));
    const { server, pids } = tracked;
    const deps: HarnessDeps = { proc, fs, clock: realClock, log, root, tools, seed: 1, loadAverage: () => 0, server };
    const runnables: Runnable[] = [];
    for (const impl of kernel.implementations) {
      const missing = missingReason(impl, toolchains, kernel);
      if (missing && !process.env.CI) continue; // e.g. no cargo here; CI has every toolchain
      expect(missing).toBeNull();
      const { inv, error } = await buildImplementation(kernel, impl, toolchains, deps, 'check');
      expect(error).toBeNull();
      runnables.push({ impl, run: inv.run, env: threadEnv(impl, 1) });
    }
    const tiny = { ...kernel.server!, connections: [2], profiles: { quick: { warmupSeconds: 0, durationSeconds: 1, maxRequests: 10_000_000 }, full: kernel.server!.profiles.full } };
    const results = await measureServerKernel({ kernel: { ...kernel, server: tiny }, profile: 'quick', runnables, params: {}, cpus: cpus!, generatorVersion: toolchains.wrk!.version! }, { proc, server, fs, log, cwd: root });
    for (const r of results) {
      expect(`${r.id}: ${r.status}${r.reason ? ` (${r.reason})` : ''}`).toBe(`${r.id}: ok`);
      expect(r.load!.levels).toHaveLength(1);
      expect(r.load!.levels[0]!.requests).toBeGreaterThan(0);
      expect(r.load!.response!.sha256).toBe(results[0]!.load!.response!.sha256);
    }
    expect(pids.length).toBe(runnables.length);
    await expectNothingLeft(tracked);
  }, 900_000);
});

describe.skipIf(cannot !== null && !process.env.CI)('interrupting the harness while a server is under load', () => {
  const scratch = mkdtempSync(join(tmpdir(), 'claimbench-server-'));
  afterAll(() => rmSync(scratch, { recursive: true, force: true }));
  const python = spawnSync('python3', ['-c', 'import sys; print(sys.executable)'], { encoding: 'utf8' }).stdout.trim();
  mkdirSync(join(scratch, 'harness/kernels/srv'), { recursive: true });
  mkdirSync(join(scratch, '.venv/bin'), { recursive: true });
  symlinkSync(python, join(scratch, '.venv/bin/python'));
  cpSync(join(root, 'harness/kernels/hello-server/python.py'), join(scratch, 'harness/kernels/srv/python.py'));
  cpSync(join(root, 'harness/protocol/python'), join(scratch, 'harness/protocol/python'), { recursive: true });
  writeFileSync(join(scratch, 'harness/kernels/srv/kernel.yaml'), `schemaVersion: 2
id: srv
title: Srv
summary: Serves a fixed body for a long time.
origin: { title: test, url: "https://example.org" }
params: []
workload: {}
checksum: { kind: digest, description: body digest }
reference: py
server:
  path: /json
  connections: [4]
  profiles:
    quick: { warmupSeconds: 0, durationSeconds: 60, maxRequests: 100000000 }
    full: { warmupSeconds: 0, durationSeconds: 60, maxRequests: 100000000 }
implementations:
  - { id: py, label: Py, runtime: python, tier: naive, source: python.py }
`);

  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    it(`on ${signal}: exits 130 and leaves no server, no load generator and no bound port`, async () => {
      const child = spawn(process.execPath, [join(root, 'harness/runner/cli.ts'), '--machine', 'test-box', '--kernel', 'srv', '--fresh'], { cwd: scratch, env: { ...process.env, CI: '1' }, stdio: ['ignore', 'pipe', 'pipe'] });
      let out = '';
      child.stdout.on('data', (d) => (out += d));
      child.stderr.on('data', (d) => (out += d));
      const done = new Promise<number | null>((resolve) => child.on('close', (code) => resolve(code)));
      // Wait until the server and wrk both run (bounded).
      let started: Array<{ pid: number; cmdline: string }> = [];
      let exited = false;
      void done.then(() => (exited = true));
      for (let i = 0; i < 300 && !exited && !(started.some((p) => p.cmdline.includes('python.py')) && started.some((p) => /\bwrk\b/.test(p.cmdline))); i++) {
        await new Promise((r) => setTimeout(r, 100));
        started = processesIn(scratch).filter((p) => p.pid !== child.pid);
      }
      const server = started.find((p) => p.cmdline.includes('python.py'));
      expect(server, `no server started:\n${out}`).toBeDefined();
      expect(started.some((p) => /\bwrk\b/.test(p.cmdline)), `no wrk started:\n${out}`).toBe(true);
      const port = Number(server!.cmdline.split(' ').at(-1));
      child.kill(signal);
      expect(await done, out).toBe(130);
      // SIGKILL is delivered at once, but let the kernel reap them.
      for (let i = 0; i < 50 && processesIn(scratch).length > 0; i++) await new Promise((r) => setTimeout(r, 100));
      expect(processesIn(scratch)).toEqual([]);
      expect(await bound(port)).toBe(false);
    }, 120_000);
  }
});
