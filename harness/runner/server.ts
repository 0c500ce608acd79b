/**
 * Server kernels: each implementation is a server started on a free loopback port, pinned to one
 * CPU; the harness waits (bounded) until it answers, checks one response against the reference
 * implementation's (status 2xx, media type, SHA-256 of the body), then drives it with wrk pinned to
 * another CPU at each connection count: a warm-up, then a bounded measurement. Any error or non-2xx
 * answer fails the run. The server is stopped, and its port verified free, on every path out.
 * Failures are recorded, never thrown.
 */
import { join } from 'node:path';
import type { Kernel, Profile } from '../../src/lib/schema/kernel.ts';
import { paramArgument, type ParamValue } from '../../src/lib/params.ts';
import type { ImplOutcome, ImplResult } from '../../src/lib/schema/run.ts';
import type { CheckedResponse, LoadBudget, LoadResult, ServerSpec } from '../../src/lib/schema/server.ts';
import { judgeLevel, LOAD_GENERATOR, parseWrkReport, serverPath, WRK_SCRIPT, wrkArgs } from '../../src/lib/load-generator.ts';
import type { FileSystem, Logger, ProcessRunner } from './effects.ts';
import type { Runnable } from './measure.ts';
import type { BackgroundProcess, ServerEffects } from './server-effects.ts';

export interface ServerDeps {
  proc: ProcessRunner;
  server: ServerEffects;
  fs: FileSystem;
  log: Logger;
  /** Repository root: the working directory of every command. */
  cwd: string;
  /** How to run the generator and the pinning tool (defaults "wrk", "taskset"). */
  wrk?: string;
  taskset?: string;
}

export interface ServerRun {
  implId: string;
  /** The program and its leading arguments; PORT and the kernel's parameters follow. */
  run: string[];
  params: string[];
  env: Record<string, string>;
  spec: ServerSpec;
  /** The path requested: `spec.path` with the parameters' values filled in (serverPath). */
  path: string;
  budget: LoadBudget;
  cpus: { server: number; generator: number };
  generatorVersion: string;
  /** The reference's checked response; null while measuring the reference itself. */
  expected: CheckedResponse | null;
}

export interface ServerOutcome {
  status: Exclude<ImplResult['status'], 'skipped'>;
  reason?: string;
  stderrTail?: string;
  load: LoadResult;
}

/** Seconds to wait after SIGTERM before SIGKILL. */
export const STOP_GRACE_MS = 3000;

const mediaType = (ct: string | null) => ct?.split(';')[0]!.trim().toLowerCase() ?? null;

class RunFailure extends Error {
  readonly status: ServerOutcome['status'];
  constructor(status: ServerOutcome['status'], message: string) {
    super(message);
    this.status = status;
  }
}

/** Starts one server, checks it, loads it at every connection count, and always stops it. */
export async function measureServer(r: ServerRun, deps: ServerDeps): Promise<ServerOutcome> {
  const fx = deps.server;
  const load: LoadResult = {
    generator: { name: 'wrk', version: r.generatorVersion, threads: 1, cpu: r.cpus.generator },
    serverCpu: r.cpus.server,
    path: r.path,
    warmupSeconds: r.budget.warmupSeconds,
    durationSeconds: r.budget.durationSeconds,
    maxRequests: r.budget.maxRequests,
    response: null,
    levels: [],
    serverPeakRssKiB: null,
  };
  const scriptPath = join(deps.cwd, '.cache/load', 'claimbench.lua');
  await deps.fs.writeAtomic(scriptPath, WRK_SCRIPT);

  let port: number;
  try {
    port = await fx.freePort();
  } catch (e) {
    return { status: 'failed', reason: `no free loopback port: ${(e as Error).message}`, load };
  }
  const url = `http://127.0.0.1:${port}${r.path}`;
  const [cmd, ...lead] = r.run;
  let server: BackgroundProcess | null = null;
  let outcome: ServerOutcome;
  try {
    server = fx.start(deps.taskset ?? 'taskset', ['-c', String(r.cpus.server), cmd!, ...lead, String(port), ...r.params], { cwd: deps.cwd, env: r.env });
    const answer = await waitUntilReady(server, url, port, r.spec.readySeconds, fx);
    load.response = answer;
    checkAnswer(answer, r);
    for (const connections of r.spec.connections) {
      if (r.budget.warmupSeconds > 0) await drive(server, url, connections, r.budget.warmupSeconds, r, scriptPath, deps, 'warm-up');
      load.levels.push(await drive(server, url, connections, r.budget.durationSeconds, r, scriptPath, deps, 'measurement'));
    }
    if (server.pid !== null) load.serverPeakRssKiB = await fx.peakRssKiB(server.pid);
    outcome = { status: 'ok', load };
  } catch (e) {
    const status = e instanceof RunFailure ? e.status : 'failed';
    outcome = { status, reason: (e as Error).message, load };
  } finally {
    if (server) {
      const tail = server.outputTail();
      await server.stop(STOP_GRACE_MS);
      // `outcome` is set on both paths above; the tail is the server's own output.
      if (outcome! && outcome.status !== 'ok' && tail) outcome.stderrTail = tail;
    }
  }
  if (await fx.portInUse(port)) {
    const holder = await fx.portHolder(port);
    const left = `port ${port} is still bound after the server was stopped${holder ? ` (by ${holder})` : ''}`;
    deps.log.warn(`${r.implId}: ${left}`);
    return { ...outcome, status: 'failed', reason: outcome.reason ? `${outcome.reason}; ${left}` : left };
  }
  return outcome;
}

/** Polls until the server answers (any status), it exits, or `readySeconds` pass. */
export async function waitUntilReady(server: BackgroundProcess, url: string, port: number, readySeconds: number, fx: ServerEffects): Promise<CheckedResponse> {
  const deadline = fx.monotonicMs() + readySeconds * 1000;
  let last = 'no attempt';
  for (;;) {
    const ended = server.exit();
    if (ended) {
      if (ended.spawnError) throw new RunFailure('failed', `could not start: ${ended.spawnError}`);
      const holder = /address already in use|EADDRINUSE|errno 98/i.test(server.outputTail()) ? await fx.portHolder(port) : null;
      throw new RunFailure('failed', `exited (${ended.signal ? `killed by ${ended.signal}` : `code ${ended.code}`}) before answering on port ${port}${holder ? `, which ${holder} holds` : ''}`);
    }
    const left = deadline - fx.monotonicMs();
    if (left <= 0) throw new RunFailure('failed', `never ready: no answer on ${url} within ${readySeconds} s (last attempt: ${last})`);
    const got = await fx.get(url, Math.min(2000, Math.max(left, 1)));
    if (!('error' in got)) return { status: got.status, contentType: got.contentType, bytes: got.bytes, sha256: got.sha256 };
    last = got.error;
    await fx.sleep(Math.min(100, Math.max(left, 0)));
  }
}

/**
 * The checked response must be 2xx, of the declared media type (or, when none is declared, of the
 * reference's), and equal to the reference's.
 */
function checkAnswer(a: CheckedResponse, r: ServerRun): void {
  if (a.status < 200 || a.status > 299) throw new RunFailure('wrong-result', `GET ${r.path} answered status ${a.status}, expected 2xx`);
  if (r.spec.contentType && mediaType(a.contentType) !== r.spec.contentType) {
    throw new RunFailure('wrong-result', `GET ${r.path} answered Content-Type ${JSON.stringify(a.contentType)}, expected ${r.spec.contentType}`);
  }
  if (!r.spec.contentType && r.expected && mediaType(a.contentType) !== mediaType(r.expected.contentType)) {
    throw new RunFailure('wrong-result', `GET ${r.path} answered Content-Type ${JSON.stringify(a.contentType)}, the reference's is ${JSON.stringify(r.expected.contentType)}`);
  }
  if (r.expected && (a.sha256 !== r.expected.sha256 || a.bytes !== r.expected.bytes)) {
    throw new RunFailure('wrong-result', `GET ${r.path} answered a body of ${a.bytes} bytes with SHA-256 ${a.sha256.slice(0, 12)}…, the reference's has ${r.expected.bytes} bytes, ${r.expected.sha256.slice(0, 12)}…`);
  }
}

/** One wrk run pinned to the generator's CPU; throws when it does not count or the server died. */
async function drive(server: BackgroundProcess, url: string, connections: number, seconds: number, r: ServerRun, scriptPath: string, deps: ServerDeps, what: string) {
  const args = wrkArgs({ url, connections, seconds, maxRequests: r.budget.maxRequests, scriptPath, threads: 1 });
  const res = await deps.proc.run(deps.taskset ?? 'taskset', ['-c', String(r.cpus.generator), deps.wrk ?? 'wrk', ...args], { cwd: deps.cwd, timeoutMs: (seconds + 15) * 1000 });
  const ended = server.exit();
  if (ended) throw new RunFailure('failed', `the server exited during the ${what} at ${connections} connections (${ended.signal ? `killed by ${ended.signal}` : `code ${ended.code}`})`);
  if (res.spawnError) throw new RunFailure('failed', `could not start the load generator: ${res.spawnError}`);
  if (res.timedOut) throw new RunFailure('timeout', `the load generator ran past ${seconds + 15} s at ${connections} connections and was killed`);
  if (res.exitCode === 127 || /failed to execute|No such file/.test(res.stderr)) throw new RunFailure('failed', `wrk missing: ${LOAD_GENERATOR.howToGet}`);
  if (res.exitCode !== 0) throw new RunFailure('failed', `the load generator exited with code ${res.exitCode}: ${(res.stderr || res.stdout).trim().split('\n').at(-1)?.slice(0, 200) ?? ''}`);
  const parsed = parseWrkReport(res.stdout);
  if (!parsed.ok) throw new RunFailure('failed', parsed.reason);
  const judged = judgeLevel(parsed.report, connections, r.budget);
  if (!judged.ok) throw new RunFailure('failed', `${what}: ${judged.reason}`);
  return judged.level;
}

export interface ServerKernelRun {
  kernel: Kernel & { server: ServerSpec };
  profile: Profile;
  runnables: Runnable[];
  params: Record<string, ParamValue>;
  cpus: { server: number; generator: number };
  generatorVersion: string;
}

/**
 * Every runnable implementation of a server kernel, the reference first (its response defines the
 * correct one), then the others in kernel order. Results carry the load block and no samples.
 */
export async function measureServerKernel(k: ServerKernelRun, deps: ServerDeps): Promise<ImplOutcome[]> {
  const { kernel } = k;
  const ordered = [...k.runnables].sort((a, b) => Number(b.impl.id === kernel.reference) - Number(a.impl.id === kernel.reference));
  const budget = kernel.server.profiles[k.profile];
  let expected: CheckedResponse | null = null;
  let referenceRan = false;
  const out = new Map<string, ImplOutcome>();
  for (const rn of ordered) {
    const isRef = rn.impl.id === kernel.reference;
    deps.log.info(`${kernel.id}/${rn.impl.id}: serving on loopback, CPU ${k.cpus.server}; wrk on CPU ${k.cpus.generator} at ${kernel.server.connections.join(', ')} connections`);
    const o = await measureServer({
      implId: rn.impl.id, run: rn.run, params: kernel.params.map((p) => paramArgument(k.params[p.name]!)), env: rn.env,
      spec: kernel.server, path: serverPath(kernel.server.path, k.params), budget, cpus: k.cpus, generatorVersion: k.generatorVersion, expected,
    }, deps);
    if (isRef) {
      referenceRan = true;
      if (o.status === 'ok' && o.load.response) expected = o.load.response;
    }
    if (o.status !== 'ok') deps.log.warn(`${kernel.id}/${rn.impl.id}: ${o.status}: ${o.reason}`);
    const unverified = o.status === 'ok' && !isRef && !expected
      ? `unverified: the reference "${kernel.reference}" ${referenceRan ? 'did not answer correctly' : 'did not run'}, so its response could not be compared`
      : undefined;
    out.set(rn.impl.id, {
      id: rn.impl.id,
      status: o.status,
      ...(o.reason ?? unverified ? { reason: (o.reason ?? unverified)! } : {}),
      samplesNs: [],
      summary: null,
      // The SHA-256 of the body it answered (the kernel's checksum is a digest).
      checksum: o.load.response?.sha256 ?? null,
      threads: Number(rn.env.CLAIMBENCH_THREADS ?? 1),
      peakRssKiB: o.load.serverPeakRssKiB,
      build: null,
      run: rn.run,
      samplesPerProcess: [],
      threadEnv: rn.env,
      extrapolated: null,
      load: o.load,
      ...(o.stderrTail ? { stderrTail: o.stderrTail } : {}),
    });
  }
  return k.runnables.map((rn) => out.get(rn.impl.id)!);
}
