/**
 * The http-serving kernel for real, on loopback: every implementation (Python standard library,
 * FastAPI on uvicorn and on granian, axum, Boost.Beast) is built, started, checked against the
 * reference's answer on both endpoints (/json and /plaintext: body, status and media type) and put
 * under one second of wrk load; afterwards no process it started is alive and no port it used is
 * bound. Skipped with the reason without wrk or two CPUs, and per implementation without its
 * toolchain, its kernel environment (.venvs/http-serving, "npm run setup") or, for the C++ server,
 * Debian's Boost and nlohmann-json headers ("npm run setup:load"); in CI every one must be there.
 */
import { describe, expect, it } from 'vitest';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
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
import { expectNothingLeft, trackServers } from '../fixtures/leaks.ts';

const root = process.cwd();
const proc = realProcessRunner();
const tools = toolPaths(root);
const kernel = loadKernelDefinitions(root).find((k) => k.id === 'http-serving')!;
const toolchains = await detectToolchains(proc, tools, [...kernelToolchains(kernel), ...LOAD_TOOLCHAINS]);
const cpus = pickCpus(parseCpuList(parseCpuAffinity(readFileSync('/proc/self/status', 'utf8')) ?? '0'));
const cannot = loadToolsMissing(toolchains) ?? (cpus ? null : 'fewer than two CPUs: the server and the load generator cannot be pinned apart');
/** Headers the C++ server includes, from Debian's libboost-dev and nlohmann-json3-dev. */
const CPP_HEADERS = ['/usr/include/boost/beast/http.hpp', '/usr/include/nlohmann/json.hpp'];
const cppMissing = CPP_HEADERS.filter((h) => !existsSync(h));

const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');

/** What each endpoint must answer: TechEmpower's documents. */
const EXPECTED: Record<string, { body: string; mediaType: string }> = {
  json: { body: '{"message":"Hello, World!"}', mediaType: 'application/json' },
  plaintext: { body: 'Hello, World!', mediaType: 'text/plain' },
};

describe.skipIf(cannot !== null && !process.env.CI)(`http-serving on loopback${cannot ? ` (skipped: ${cannot})` : ''}`, () => {
  it('builds every implementation; each answers both endpoints with the reference\'s bytes under load and leaves no process or port behind', async () => {
    expect(cannot, 'in CI, .ci/run installs wrk').toBeNull();
    const fs = realFileSystem();
    const log = consoleLogger();
    const tracked = trackServers(realServerEffects(proc));
    const { server, pids } = tracked;
    const deps: HarnessDeps = { proc, fs, clock: realClock, log, root, tools, seed: 1, loadAverage: () => 0, server };
    const runnables: Runnable[] = [];
    const skipped: string[] = [];
    for (const impl of kernel.implementations) {
      const missing = missingReason(impl, toolchains, kernel) ?? (impl.runtime === 'cpp' && cppMissing.length > 0 ? `missing ${cppMissing.join(', ')} (npm run setup:load installs libboost-dev and nlohmann-json3-dev)` : null);
      if (missing && !process.env.CI) {
        skipped.push(`${impl.id}: ${missing}`);
        continue;
      }
      expect(missing, impl.id).toBeNull();
      const { inv, error } = await buildImplementation(kernel, impl, toolchains, deps, 'check');
      expect(error, impl.id).toBeNull();
      runnables.push({ impl, run: inv.run, env: threadEnv(impl, 1) });
    }
    if (skipped.length > 0) console.warn(`http-serving: not tested here: ${skipped.join('; ')}`);
    expect(runnables.map((r) => r.impl.id)).toContain(kernel.reference);
    const tiny = { ...kernel.server!, connections: [4], profiles: { quick: { warmupSeconds: 0, durationSeconds: 1, maxRequests: 10_000_000 }, full: kernel.server!.profiles.full } };
    for (const endpoint of ['json', 'plaintext']) {
      const results = await measureServerKernel({ kernel: { ...kernel, server: tiny }, profile: 'quick', runnables, params: { endpoint }, cpus: cpus!, generatorVersion: toolchains.wrk!.version! }, { proc, server, fs, log, cwd: root });
      for (const r of results) {
        expect(`${endpoint} ${r.id}: ${r.status}${r.reason ? ` (${r.reason})` : ''}`).toBe(`${endpoint} ${r.id}: ok`);
        expect(r.load!.path).toBe(`/${endpoint}`);
        expect(r.load!.response!.sha256, `${endpoint} ${r.id}`).toBe(sha256(EXPECTED[endpoint]!.body));
        expect(r.load!.response!.contentType?.split(';')[0], `${endpoint} ${r.id}`).toBe(EXPECTED[endpoint]!.mediaType);
        expect(r.load!.levels[0]!.requests).toBeGreaterThan(0);
        expect(r.load!.serverPeakRssKiB).toBeGreaterThan(0);
      }
    }
    expect(pids.length).toBe(runnables.length * 2);
    await expectNothingLeft(tracked);
  }, 1_800_000);
});
