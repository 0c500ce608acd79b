/**
 * Client kernels (kernel.yaml `helperServer`): the implementations are clients of one fixed server
 * that is not measured. The harness starts that server on a free loopback port pinned to one CPU,
 * waits (bounded) until GET readyPath answers 2xx, runs the measurement with the server's address
 * in CLAIMBENCH_SERVER_URL and every client pinned to another CPU, records the server's CPU time
 * while each client's processes ran, and stops the server, and verifies its port free, on every
 * path out. Failures are returned, never thrown.
 */
import { readFile } from 'node:fs/promises';
import type { HelperServerSpec } from '../../src/lib/schema/kernel.ts';
import type { HelperUsage } from '../../src/lib/schema/server.ts';
import type { Logger, ProcessRunner } from './effects.ts';
import type { Runnable } from './measure.ts';
import type { BackgroundProcess, ServerEffects } from './server-effects.ts';
import { STOP_GRACE_MS } from './server.ts';

/** The environment variable that carries the server's address (http://127.0.0.1:PORT) to the clients. */
export const SERVER_URL_ENV = 'CLAIMBENCH_SERVER_URL';

export interface HelperEffects extends ServerEffects {
  /** CPU seconds (user + system) a running process has used, or null when it cannot be read. */
  cpuSeconds(pid: number): Promise<number | null>;
}

/** /proc/<pid>/stat's utime + stime in seconds (USER_HZ is 100 on Linux), or null. */
export async function procCpuSeconds(pid: number): Promise<number | null> {
  try {
    return cpuSecondsFromStat(await readFile(`/proc/${pid}/stat`, 'utf8'));
  } catch {
    return null;
  }
}

/** utime + stime of a /proc/<pid>/stat line, in seconds; null when the line is not one. */
export function cpuSecondsFromStat(stat: string, ticksPerSecond = 100): number | null {
  // The command name (field 2) is in parentheses and may contain spaces: count fields after it.
  const close = stat.lastIndexOf(')');
  if (close < 0) return null;
  const rest = stat.slice(close + 2).trim().split(/\s+/);
  // rest[0] is field 3 (state): utime is field 14, stime field 15.
  const utime = Number(rest[11]);
  const stime = Number(rest[12]);
  return Number.isFinite(utime) && Number.isFinite(stime) ? (utime + stime) / ticksPerSecond : null;
}

export function realHelperEffects(server: ServerEffects): HelperEffects {
  return Object.assign(Object.create(server) as ServerEffects, { cpuSeconds: procCpuSeconds }) as HelperEffects;
}

export interface HelperDeps {
  proc: ProcessRunner;
  fx: HelperEffects;
  log: Logger;
  cwd: string;
  /** The pinning tool (default "taskset"). */
  taskset?: string;
}

export interface HelperRun {
  spec: HelperServerSpec;
  /** The server program and its leading arguments; PORT and the kernel's parameters follow. */
  run: string[];
  params: string[];
  env: Record<string, string>;
  cpus: { server: number; client: number };
}

/** Why the helper could not serve, with its output: every implementation fails with this. */
export interface HelperFailure {
  reason: string;
  stderrTail: string;
}

/**
 * Starts the helper, runs `body` with the clients pinned and pointed at it (their runnables are
 * rewritten in place) and a process runner that accounts the server's CPU time per implementation,
 * then stops it. Returns the body's value with each implementation's usage, or why the helper
 * failed (before the body: not started or never ready; after: it exited during the measurement, or
 * its port stayed bound).
 */
export async function withHelperServer<T>(
  h: HelperRun,
  runnables: Runnable[],
  deps: HelperDeps,
  body: (proc: ProcessRunner) => Promise<T>,
): Promise<{ ok: true; value: T; usage: Map<string, HelperUsage> } | ({ ok: false; value: T | null } & HelperFailure)> {
  const { fx } = deps;
  const taskset = deps.taskset ?? 'taskset';
  let port: number;
  try {
    port = await fx.freePort();
  } catch (e) {
    return { ok: false, value: null, reason: `helper server: no free loopback port: ${(e as Error).message}`, stderrTail: '' };
  }
  const base = `http://127.0.0.1:${port}`;
  const [cmd, ...lead] = h.run;
  let server: BackgroundProcess | null = null;
  let result: { ok: true; value: T; usage: Map<string, HelperUsage> } | ({ ok: false; value: T | null } & HelperFailure);
  try {
    server = fx.start(taskset, ['-c', String(h.cpus.server), cmd!, ...lead, String(port), ...h.params], { cwd: deps.cwd, env: h.env });
    const notReady = await waitUntilReady(server, `${base}${h.spec.readyPath}`, port, h.spec.readySeconds, fx);
    if (notReady) {
      result = { ok: false, value: null, reason: `helper server ${h.spec.program.id}: ${notReady}`, stderrTail: server.outputTail() };
    } else {
      deps.log.info(`helper server ${h.spec.program.id} ready on ${base} (CPU ${h.cpus.server}); clients on CPU ${h.cpus.client}`);
      for (const r of runnables) {
        r.run = [taskset, '-c', String(h.cpus.client), ...r.run];
        r.env = { ...r.env, [SERVER_URL_ENV]: base };
      }
      const usage = new Map<string, HelperUsage>();
      const accounted = accountingRunner(deps.proc, runnables, server, fx, (id, cpu, wall) => {
        const u = usage.get(id) ?? { program: h.spec.program.id, serverCpu: h.cpus.server, clientCpu: h.cpus.client, serverCpuSeconds: 0, wallSeconds: 0 };
        usage.set(id, { ...u, serverCpuSeconds: u.serverCpuSeconds + cpu, wallSeconds: u.wallSeconds + wall });
      });
      const value = await body(accounted);
      const ended = server.exit();
      result = ended
        ? { ok: false, value, reason: `helper server ${h.spec.program.id} exited during the measurement (${ended.signal ? `killed by ${ended.signal}` : `code ${ended.code}`})`, stderrTail: server.outputTail() }
        : { ok: true, value, usage };
    }
  } catch (e) {
    result = { ok: false, value: null, reason: `helper server ${h.spec.program.id}: ${(e as Error).message}`, stderrTail: server?.outputTail() ?? '' };
  } finally {
    if (server) await server.stop(STOP_GRACE_MS);
  }
  if (await fx.portInUse(port)) {
    const holder = await fx.portHolder(port);
    const left = `port ${port} is still bound after the helper server was stopped${holder ? ` (by ${holder})` : ''}`;
    deps.log.warn(left);
    return result.ok ? { ok: false, value: result.value, reason: left, stderrTail: '' } : { ...result, reason: `${result.reason}; ${left}` };
  }
  return result;
}

/** An error text, or null once GET url answers 2xx within readySeconds. */
async function waitUntilReady(server: BackgroundProcess, url: string, port: number, readySeconds: number, fx: ServerEffects): Promise<string | null> {
  const deadline = fx.monotonicMs() + readySeconds * 1000;
  let last = 'no attempt';
  for (;;) {
    const ended = server.exit();
    if (ended) {
      if (ended.spawnError) return `could not start: ${ended.spawnError}`;
      const holder = /address already in use|EADDRINUSE|errno 98/i.test(server.outputTail()) ? await fx.portHolder(port) : null;
      return `exited (${ended.signal ? `killed by ${ended.signal}` : `code ${ended.code}`}) before answering on port ${port}${holder ? `, which ${holder} holds` : ''}`;
    }
    const left = deadline - fx.monotonicMs();
    if (left <= 0) return `never ready: no 2xx answer on ${url} within ${readySeconds} s (last attempt: ${last})`;
    const got = await fx.get(url, Math.min(2000, Math.max(left, 1)));
    if (!('error' in got) && got.status >= 200 && got.status <= 299) return null;
    last = 'error' in got ? got.error : `status ${got.status}`;
    await fx.sleep(Math.min(100, Math.max(left, 0)));
  }
}

/**
 * A process runner that reads the server's CPU time before and after each client process and
 * credits the difference (and the process's wall time) to the implementation whose command it is.
 */
function accountingRunner(proc: ProcessRunner, runnables: readonly Runnable[], server: BackgroundProcess, fx: HelperEffects, credit: (implId: string, cpuSeconds: number, wallSeconds: number) => void): ProcessRunner {
  const owner = (cmd: string, args: readonly string[]) => runnables.find((r) => r.run[0] === cmd && r.run.slice(1).every((a, n) => args[n] === a))?.impl.id;
  return {
    killAll: () => proc.killAll(),
    async run(cmd, args, opts) {
      const id = owner(cmd, args);
      if (id === undefined || server.pid === null) return proc.run(cmd, args, opts);
      const before = await fx.cpuSeconds(server.pid);
      const t0 = fx.monotonicMs();
      const res = await proc.run(cmd, args, opts);
      const wall = (fx.monotonicMs() - t0) / 1000;
      const after = await fx.cpuSeconds(server.pid);
      if (before !== null && after !== null) credit(id, Math.max(after - before, 0), wall);
      return res;
    },
  };
}
