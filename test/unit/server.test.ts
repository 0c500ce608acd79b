/**
 * Server kernels with fakes: a server that never becomes ready, answers wrongly, crashes under
 * load, answers non-2xx under load, ignores SIGTERM or leaves its port bound; a load generator that
 * is missing; and on every one of these paths every server started is stopped and its port free.
 */
import { describe, expect, it } from 'vitest';
import { Kernel } from '../../src/lib/schema/kernel.ts';
import type { Machine, Toolchain } from '../../src/lib/schema/run.ts';
import { runKernel, type HarnessDeps } from '../../harness/runner/harness.ts';
import { judgeLevel, parseCpuList, parseWrkReport, pathPlaceholders, pickCpus, REPORT_TAG, serverMetrics, serverPath, wrkArgs, wrkVersion, type WrkReport } from '../../src/lib/load-generator.ts';
import { holderFromSs } from '../../harness/runner/server-effects.ts';
import { fixedClock, memoryFs, quietLogger } from '../fixtures/fakes.ts';
import { fakeServerWorld, GOOD_ANSWER, type FakeServer } from '../fixtures/fake-servers.ts';
import { parseWith } from '../../src/lib/schema-errors.ts';
import { validateRun } from '../../src/lib/run-validation.ts';
import { serverLoadViews } from '../../src/lib/site/server-load.ts';

const ROOT = '/repo';
const IMPLS = ['ref', 'good', 'slow', 'exits', 'wrong-body', 'wrong-status', 'wrong-type', 'bad-status', 'crash', 'stubborn', 'leaky'];
const kernelSpec = {
  schemaVersion: 2, id: 's', title: 'S', summary: 'S', origin: { title: 'O', url: 'https://example.org' },
  params: [], workload: {},
  metrics: [{ id: 'requests-per-second' }, { id: 'latency-p50' }, { id: 'latency-p99' }, { id: 'peak-memory' }],
  checksum: { kind: 'digest', description: 'SHA-256 of the body' }, reference: 'ref',
  server: {
    path: '/json', contentType: 'application/json', readySeconds: 2, connections: [1, 16],
    profiles: { quick: { warmupSeconds: 1, durationSeconds: 3, maxRequests: 100000 }, full: { warmupSeconds: 2, durationSeconds: 10, maxRequests: 1000000 } },
  },
  implementations: IMPLS.map((id) => ({ id, label: id, runtime: 'python', tier: 'naive', source: `${id}.py` })),
};
const kernel = Kernel.parse(kernelSpec);
const machine: Machine = { id: 'test-2c', cpuModel: 'Test', cpu: null, arch: 'x64', cores: 2, simd: [], memoryBytes: 1, os: 'T', kernelRelease: '1', gpu: null };
const toolchains: Record<string, Toolchain> = { python: { version: 'Python 3.11.7' }, wrk: { version: 'wrk debian/4.1.0-3+b2 [epoll]' }, taskset: { version: 'taskset from util-linux 2.38.1' } };
const files = {
  ...Object.fromEntries(kernel.implementations.map((i) => [`${ROOT}/harness/kernels/s/${i.source}`, `# ${i.id}`])),
  [`${ROOT}/harness/protocol/python/claimbench_protocol.py`]: '# the protocol helper',
};
const behaviors: Record<string, FakeServer> = {
  'ref.py': {},
  'good.py': { report: { requests: 9000, p50: 90, p99: 700 } },
  'slow.py': { readyAfterMs: Infinity },
  'exits.py': { exitsAtStart: { code: 1, output: 'OSError: [Errno 98] Address already in use' } },
  'wrong-body.py': { answer: { sha256: 'f'.repeat(64), bytes: 26 } },
  'wrong-status.py': { answer: { status: 500 } },
  'wrong-type.py': { answer: { contentType: 'text/html; charset=utf-8' } },
  'bad-status.py': { report: { non2xx: 17 } },
  'crash.py': { crashesOnLoadRun: 2 },
  'stubborn.py': { ignoresSigterm: true },
  'leaky.py': { leavesPortBound: true },
};

function setup(opts: { wrkMissing?: boolean; behaviors?: Record<string, FakeServer> } = {}) {
  const world = fakeServerWorld(opts.behaviors ?? behaviors, opts);
  const deps: HarnessDeps = {
    proc: world.proc, server: world.server, fs: memoryFs(files), clock: fixedClock(), log: quietLogger(), root: ROOT,
    tools: { python: '/repo/.venv/bin/python', mojo: '/repo/.venv/bin/mojo', cc: 'cc', cargo: 'cargo', rustc: 'rustc' }, seed: 1, loadAverage: () => 0.1,
  };
  return { world, deps };
}
const opts = { kernel, machine, toolchains, profile: 'quick' as const, fresh: true, provenance: { cpuAffinity: '0-1', blas: null, pythonGil: null } };

/** Every server started has exited, and only a server that leaves its port bound leaves one. */
function expectCleanedUp(world: ReturnType<typeof fakeServerWorld>, leaky: string[] = []) {
  for (const p of world.started) {
    expect(p.exit(), `${p.name} still running`).not.toBeNull();
    expect(world.bound.has(p.port), `${p.name}'s port`).toBe(leaky.includes(p.name));
  }
}

describe('server kernels, measured with fakes', () => {
  it('measures a good server at every connection count: warm-up, then a bounded measurement, CPUs apart', async () => {
    const { world, deps } = setup();
    const { run } = await runKernel({ ...opts, only: ['ref', 'good'] }, deps);
    const good = run.implementations.find((i) => i.id === 'good')!;
    expect(good.status).toBe('ok');
    expect(good.reason).toBeUndefined();
    expect(good.load!.levels.map((l) => [l.connections, l.requests, l.requestsPerSecond])).toEqual([[1, 9000, 3000], [16, 9000, 3000]]);
    expect(serverMetrics(good.load!, 16)).toEqual({ 'requests-per-second': 3000, 'latency-p50': 90_000, 'latency-p99': 700_000, 'peak-memory': 3072 });
    expect(serverMetrics(good.load!, 64)).toBeNull();
    expect(good.checksum).toBe(GOOD_ANSWER.sha256);
    expect(good.load!.response).toEqual(GOOD_ANSWER);
    expect(good.load!.serverPeakRssKiB).toBe(3072);
    expect(good.peakRssKiB).toBe(3072);
    expect(good.samplesNs).toEqual([]);
    expect(good.threadEnv.CLAIMBENCH_THREADS).toBe('1');
    expect(run.protocol.order).toBe('reference first, then kernel order');
    // The reference ran first; the server on CPU 0, wrk on CPU 1; per level one warm-up and one measurement.
    expect(world.started.map((p) => p.name)).toEqual(['ref.py', 'good.py']);
    expect(world.started[0]!.args.slice(0, 3)).toEqual(['taskset', '-c', '0']);
    expect(world.wrkCalls).toHaveLength(8);
    expect(world.wrkCalls.every((a) => a[0] === '-c' && a[1] === '1')).toBe(true);
    expect(world.wrkCalls.map((a) => a[a.indexOf('-d') + 1])).toEqual(['1s', '3s', '1s', '3s', '1s', '3s', '1s', '3s']);
    expect(world.wrkCalls[1]!.slice(-2)).toEqual(['--', '100000']);
    expect(world.wrkCalls.every((a) => a.some((x) => /^http:\/\/127\.0\.0\.1:\d+\/json$/.test(x)))).toBe(true);
    expectCleanedUp(world);
  });

  it('records each way a server can fail, and stops every server it started', async () => {
    const { world, deps } = setup();
    const { run } = await runKernel(opts, deps);
    const by = (id: string) => run.implementations.find((i) => i.id === id)!;
    const status = Object.fromEntries(run.implementations.map((i) => [i.id, i.status]));
    expect(status).toEqual({
      ref: 'ok', good: 'ok', slow: 'failed', exits: 'failed', 'wrong-body': 'wrong-result', 'wrong-status': 'wrong-result', 'wrong-type': 'wrong-result',
      'bad-status': 'failed', crash: 'failed', stubborn: 'ok', leaky: 'failed',
    });
    expect(by('slow').reason).toMatch(/^never ready: no answer on http:\/\/127\.0\.0\.1:\d+\/json within 2 s \(last attempt: connect ECONNREFUSED\)$/);
    expect(by('exits').reason).toMatch(/^exited \(code 1\) before answering on port \d+, which ghost \(pid 4242\) holds$/);
    expect(by('exits').stderrTail).toContain('Address already in use');
    expect(by('wrong-body').reason).toBe("GET /json answered a body of 26 bytes with SHA-256 ffffffffffff…, the reference's has 27 bytes, 8811a6f55cb4…");
    expect(by('wrong-status').reason).toBe('GET /json answered status 500, expected 2xx');
    expect(by('wrong-type').reason).toBe('GET /json answered Content-Type "text/html; charset=utf-8", expected application/json');
    expect(by('bad-status').reason).toBe('warm-up: 17 non-2xx answers in 5000 requests at 1 connections');
    expect(by('crash').reason).toBe('the server exited during the measurement at 1 connections (killed by SIGSEGV)');
    expect(by('leaky').reason).toMatch(/^port \d+ is still bound after the server was stopped \(by ghost \(pid 4242\)\)$/);
    // A server answering wrongly is never put under load.
    const loaded = new Set(world.wrkCalls.map((a) => Number(new URL(a.find((x) => x.startsWith('http://'))!).port)));
    for (const name of ['slow.py', 'exits.py', 'wrong-body.py', 'wrong-status.py', 'wrong-type.py']) {
      expect(loaded.has(world.started.find((p) => p.name === name)!.port), name).toBe(false);
    }
    // A server that ignores SIGTERM is killed; every one got SIGTERM first and a group SIGKILL last.
    expect(world.started.find((p) => p.name === 'stubborn.py')!.signals).toEqual(['SIGTERM', 'SIGKILL', 'SIGKILL(group)']);
    for (const p of world.started.filter((x) => x.name !== 'exits.py')) expect(p.signals.at(-1), p.name).toBe('SIGKILL(group)');
    expectCleanedUp(world, ['leaky.py']);
    // Each server had a port of its own, never one still bound.
    expect(new Set(world.started.map((p) => p.port)).size).toBe(world.started.length);
  });

  it('skips a server kernel with how to get the load generator when wrk is missing', async () => {
    const { world, deps } = setup();
    const missing = { ...toolchains, wrk: { version: null, missing: 'wrk not found or not working (spawn wrk ENOENT); run "npm run setup:load" (installs Debian\'s wrk 4.1.0 with apt-get; needs root), or "apt-get install wrk" on Debian/Ubuntu' } };
    const { run } = await runKernel({ ...opts, toolchains: missing }, deps);
    expect(run.implementations.every((i) => i.status === 'skipped')).toBe(true);
    expect(run.implementations[0]!.reason).toMatch(/^wrk missing: .*npm run setup:load/);
    expect(world.started).toEqual([]);
  });

  it('fails the run, stopping the server, when wrk disappears after detection', async () => {
    const { world, deps } = setup({ wrkMissing: true });
    const { run } = await runKernel({ ...opts, only: ['ref'] }, deps);
    expect(run.implementations[0]!.status).toBe('failed');
    expect(run.implementations[0]!.reason).toMatch(/^wrk missing: run "npm run setup:load"/);
    expectCleanedUp(world);
  });

  it('skips a server kernel on a machine that cannot keep the server and the load on separate CPUs', async () => {
    const { world, deps } = setup();
    const { run } = await runKernel({ ...opts, provenance: { ...opts.provenance, cpuAffinity: '3' } }, deps);
    expect(run.implementations[0]!.reason).toBe('a server kernel needs two CPUs (one for the server, one for the load generator); this machine lets the harness use 3');
    expect(world.started).toEqual([]);
  });

  it('marks the others unverified when the reference cannot answer', async () => {
    const { world, deps } = setup({ behaviors: { ...behaviors, 'ref.py': { readyAfterMs: Infinity } } });
    const { run } = await runKernel({ ...opts, only: ['ref', 'good'] }, deps);
    expect(run.implementations.find((i) => i.id === 'good')!.reason).toBe('unverified: the reference "ref" did not answer correctly, so its response could not be compared');
    expectCleanedUp(world);
  });
});

describe('validating a server run file', () => {
  it('accepts what the harness writes, and refuses an ok result without its measurements or with another answer', async () => {
    const { deps } = setup();
    const { run } = await runKernel({ ...opts, only: ['ref', 'good'] }, deps);
    const kernels = new Map([[kernel.id, kernel]]);
    const problems = (r: typeof run) => validateRun(r, kernels, 'runs/s.json').map((p) => `${p.field}: ${p.message}`);
    expect(problems(run)).toEqual([]);
    const good = run.implementations.findIndex((i) => i.id === 'good');
    const edit = (f: (r: typeof run.implementations[number]) => typeof run.implementations[number]) => ({ ...run, implementations: run.implementations.map((r, n) => (n === good ? f(r) : r)) });
    expect(problems(edit((r) => ({ ...r, load: { ...r.load!, levels: r.load!.levels.slice(1) } })))).toEqual([`implementations.${good}.load.levels: expected a measurement at each of [1, 16] connections, got [16]`]);
    expect(problems(edit((r) => ({ ...r, load: { ...r.load!, response: { ...r.load!.response!, sha256: 'a'.repeat(64) } } })))).toEqual([
      `implementations.${good}.load.response.sha256: expected the reference "ref"'s ${GOOD_ANSWER.sha256} for status "ok", got ${'a'.repeat(64)} (a wrong answer has status "wrong-result")`,
    ]);
    expect(problems(edit((r) => ({ ...r, load: { ...r.load!, levels: r.load!.levels.map((l) => ({ ...l, requestsPerSecond: l.requestsPerSecond * 2, errors: { ...l.errors, non2xx: 3 } })) } })))[0]).toBe(`implementations.${good}.load.levels.0.requestsPerSecond: expected 3000 (requests over seconds), got 6000`);
    const { load: _, ...noLoad } = run.implementations[good]!;
    expect(problems(edit(() => noLoad))).toEqual([`implementations.${good}.load: expected the load block of an "ok" result of a server kernel, got none`]);
  });
});

describe('the machine page\'s server view', () => {
  it('has one row per implementation and connection count, and one row saying why for a failed server', async () => {
    const { deps } = setup();
    const { run } = await runKernel({ ...opts, only: ['ref', 'good', 'crash'] }, deps);
    const [view, ...more] = serverLoadViews([run], [kernel]);
    expect(more).toEqual([]);
    expect(view!.setup).toBe('wrk debian/4.1.0-3+b2 [epoll], 1 thread on CPU 1; servers on CPU 0');
    expect([view!.warmupSeconds, view!.durationSeconds, view!.path]).toEqual([1, 3, '/json']);
    const rows = view!.rows.filter((r) => ['good', 'crash'].includes(r.implId)).map((r) => [r.implId, r.status, r.connections, r.requestsPerSecond, r.p50Ns, r.p99Ns, r.reason]);
    expect(rows).toEqual([
      ['good', 'ok', 1, 3000, 90_000, 700_000, null],
      ['good', 'ok', 16, 3000, 90_000, 700_000, null],
      ['crash', 'failed', null, null, null, null, 'the server exited during the measurement at 1 connections (killed by SIGSEGV)'],
    ]);
    expect(view!.rows.filter((r) => r.status === 'skipped')).toHaveLength(IMPLS.length - 3);
    expect(serverLoadViews([run], [{ ...kernel, server: undefined }])).toEqual([]);
  });

  it('gives a variant\'s run a section of its own: main workload first, its own anchor, the variant named', async () => {
    const { deps } = setup();
    const { run } = await runKernel({ ...opts, only: ['ref', 'good'] }, deps);
    const withVariant = { ...kernel, variants: [{ id: 'plaintext', description: 'GET /plaintext, fixed bytes', workload: {} }] };
    const views = serverLoadViews([{ ...run, variant: 'plaintext' }, run], [withVariant]);
    expect(views.map((v) => [v.variant, v.anchor, v.variantDescription])).toEqual([
      [null, `server-${kernel.id}`, null],
      ['plaintext', `server-${kernel.id}--plaintext`, 'GET /plaintext, fixed bytes'],
    ]);
  });
});

describe('load generator (pure)', () => {
  const clean: WrkReport = { durationUs: 2_000_000, requests: 10_000, bytes: 1, connect: 0, read: 0, write: 0, status: 0, timeout: 0, non2xx: 0, capped: 0, p50: 100, p90: 200, p99: 900, max: 2000, mean: 120 };
  it('builds wrk arguments: one thread, the bound as the script argument, a timeout past the duration', () => {
    expect(wrkArgs({ url: 'http://127.0.0.1:5000/json', connections: 64, seconds: 10, maxRequests: 500, scriptPath: '/s.lua', threads: 1 }))
      .toEqual(['-t', '1', '-c', '64', '-d', '10s', '--timeout', '12s', '-s', '/s.lua', 'http://127.0.0.1:5000/json', '--', '500']);
  });
  it('reads the tagged report line and refuses a missing or malformed one', () => {
    expect(parseWrkReport(`Running 2s test\n${REPORT_TAG}${JSON.stringify(clean)}\n`)).toEqual({ ok: true, report: clean });
    expect(parseWrkReport('Running 2s test\nunable to connect to 127.0.0.1:5000 Connection refused\n')).toEqual({ ok: false, reason: 'wrk printed no report line ("unable to connect to 127.0.0.1:5000 Connection refused")' });
    expect(parseWrkReport(`${REPORT_TAG}{"durationUs":1`)).toMatchObject({ ok: false, reason: expect.stringMatching(/^wrk's report line is not JSON/) });
    expect(parseWrkReport(`${REPORT_TAG}${JSON.stringify({ ...clean, p99: -1 })}`)).toEqual({ ok: false, reason: "wrk's report: p99: expected a non-negative number, got -1" });
  });
  it('counts any error, non-2xx answer or the request bound as a failed measurement', () => {
    expect(judgeLevel(clean, 16, { maxRequests: 1e6 })).toMatchObject({ ok: true, level: { connections: 16, seconds: 2, requestsPerSecond: 5000, latencyUs: { p50: 100, p99: 900 } } });
    expect(judgeLevel({ ...clean, timeout: 3, read: 1 }, 16, { maxRequests: 1e6 })).toEqual({ ok: false, reason: '1 read errors, 3 timeout errors in 10000 requests at 16 connections' });
    expect(judgeLevel({ ...clean, status: 4 }, 1, { maxRequests: 1e6 })).toEqual({ ok: false, reason: '4 non-2xx answers in 10000 requests at 1 connections' });
    expect(judgeLevel({ ...clean, capped: 1 }, 1, { maxRequests: 10000 })).toMatchObject({ ok: false, reason: expect.stringMatching(/^reached the bound of 10000 requests/) });
    expect(judgeLevel({ ...clean, requests: 0 }, 1, { maxRequests: 10 })).toEqual({ ok: false, reason: 'no request completed in 2.0 s at 1 connections' });
  });
  it('picks two different CPUs from the allowed list, or none', () => {
    expect(parseCpuList('0-3,6')).toEqual([0, 1, 2, 3, 6]);
    expect(() => parseCpuList('zero')).toThrow('not a CPU list: "zero"');
    expect(pickCpus([2, 5])).toEqual({ server: 2, generator: 5 });
    expect(pickCpus([0])).toBeNull();
  });
  it('reads the version wrk prints with its usage text, and who holds a port from ss', () => {
    expect(wrkVersion('wrk debian/4.1.0-3+b2 [epoll] Copyright (C) 2012 Will Glozer\nUsage: wrk <options> <url>')).toBe('wrk debian/4.1.0-3+b2 [epoll]');
    expect(wrkVersion('bash: wrk: command not found')).toBeNull();
    expect(holderFromSs('LISTEN 0 5 127.0.0.1:8080 0.0.0.0:* users:(("python3",pid=4321,fd=3))')).toBe('python3 (pid 4321)');
    expect(holderFromSs('')).toBeNull();
  });
});

describe('a server kernel with several endpoints (a path template and its parameter)', () => {
  const endpointSpec = {
    ...kernelSpec,
    params: [{ name: 'endpoint', type: 'enum', values: ['json', 'plaintext'] }],
    workload: { endpoint: 'json' },
    server: { ...kernelSpec.server, path: '/{endpoint}', contentType: undefined },
    implementations: kernelSpec.implementations.filter((i) => ['ref', 'good', 'wrong-type'].includes(i.id)),
  };
  it('fills the path from the parameters', () => {
    expect(pathPlaceholders('/{endpoint}/x/{n}')).toEqual(['endpoint', 'n']);
    expect(serverPath('/{endpoint}', { endpoint: 'plaintext' })).toBe('/plaintext');
    expect(serverPath('/q/{name}', { name: 'a b/c' })).toBe('/q/a%20b%2Fc');
    expect(() => serverPath('/{nope}', { endpoint: 'json' })).toThrow('names {nope}, which is not a parameter');
  });
  it('loads the endpoint its parameter names, and without a declared media type requires the reference\'s', async () => {
    const k = Kernel.parse(endpointSpec);
    const { world, deps } = setup();
    const { run } = await runKernel({ ...opts, kernel: k }, deps);
    const by = (id: string) => run.implementations.find((i) => i.id === id)!;
    expect(by('good').status).toBe('ok');
    expect(by('good').load!.path).toBe('/json');
    expect(world.started.every((p) => p.args.at(-1) === 'json')).toBe(true);
    expect(world.wrkCalls.every((a) => a.some((x) => /^http:\/\/127\.0\.0\.1:\d+\/json$/.test(x)))).toBe(true);
    expect(by('wrong-type').status).toBe('wrong-result');
    expect(by('wrong-type').reason).toBe('GET /json answered Content-Type "text/html; charset=utf-8", the reference\'s is "application/json"');
    expectCleanedUp(world);
  });
  it('refuses a placeholder that names no parameter, or a numeric one', () => {
    const msg = (spec: unknown) => {
      try {
        parseWith(Kernel, spec, 'k.yaml');
        return '';
      } catch (e) {
        return (e as Error).message;
      }
    };
    expect(msg({ ...endpointSpec, server: { ...endpointSpec.server, path: '/{kind}' } })).toContain('server.path: expected {name} placeholders that name a parameter (endpoint), got "{kind}"');
    expect(msg({ ...endpointSpec, params: [{ name: 'endpoint' }], workload: { endpoint: 1 } })).toContain('server.path: expected {endpoint} to name an enum or string parameter, got one of type integer');
  });
});

describe('server kernel schema', () => {
  const issues = (spec: unknown) => {
    try {
      parseWith(Kernel, spec, 'k.yaml');
      return '';
    } catch (e) {
      return (e as Error).message;
    }
  };
  it('lets only a server kernel have no parameters, and never extrapolates a server', () => {
    const { server: _, ...plain } = kernelSpec;
    expect(issues(plain)).toContain('params: expected at least one parameter (only a server kernel may have none)');
    const extrapolated = { ...kernelSpec, params: [{ name: 'n' }], workload: { n: 1 }, implementations: [kernelSpec.implementations[0], { ...kernelSpec.implementations[1], extrapolate: { param: 'n', exponent: 1, quick: 1, full: 1 } }] };
    expect(issues(extrapolated)).toContain("implementations.1.extrapolate: a server implementation cannot be extrapolated");
  });
  it('gives a server kernel the load metrics by default, and refuses time for it or load metrics elsewhere', () => {
    const { metrics: _, ...undeclared } = kernelSpec;
    expect(Kernel.parse(undeclared).metrics.map((m) => m.id)).toEqual(['requests-per-second', 'latency-p50', 'latency-p99', 'peak-memory']);
    expect(issues({ ...kernelSpec, metrics: [{ id: 'time' }] })).toContain('metrics.0.id: a server kernel measures requests-per-second, latency-p50, latency-p99, peak-memory; got "time"');
    const { server: __, ...plain } = kernelSpec;
    expect(issues({ ...plain, params: [{ name: 'n' }], workload: { n: 1 }, checksum: { description: 'sum' } })).toContain('metrics.0.id: "requests-per-second" comes from a load generator: only a kernel with a "server" block measures it');
    expect(issues({ ...kernelSpec, checksum: { description: 'sum' } })).toContain('checksum.kind: a server kernel\'s answers are compared by SHA-256: expected "digest"');
  });
  it('names the field of a bad server block', () => {
    expect(issues({ ...kernelSpec, server: { ...kernelSpec.server, path: 'json' } })).toContain('server.path');
    expect(issues({ ...kernelSpec, server: { ...kernelSpec.server, connections: [] } })).toContain('server.connections');
  });
});
