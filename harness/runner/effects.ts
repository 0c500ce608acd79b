/**
 * The harness's effects, injected: processes, files, clock and log. Real implementations by
 * default; tests pass fakes so that they run fast and deterministically.
 */
import { spawn } from 'node:child_process';
import { promises as fsp, existsSync, readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { listFilesInHashOrder } from '../../src/lib/kernel-hash.ts';
import { cpuBusyBetween, parseProcStat, type CpuSample } from '../../src/lib/cpu-busy.ts';

export interface ProcessResult {
  exitCode: number | null;
  signal: string | null;
  stdout: string;
  stderr: string;
  timedOut: boolean;
  /** Set when the program could not be started at all (ENOENT, EACCES). */
  spawnError?: string;
}

export interface ProcessOptions {
  cwd: string;
  env?: Record<string, string>;
  /** Variables removed from the environment the process inherits (after `env` is applied). */
  envUnset?: readonly string[];
  timeoutMs: number;
}

export interface ProcessRunner {
  run(command: string, args: readonly string[], opts: ProcessOptions): Promise<ProcessResult>;
  /** Kills every process started and not yet finished (on interruption). */
  killAll(): void;
}

export interface FileSystem {
  exists(path: string): boolean;
  readText(path: string): Promise<string>;
  /** Writes through a temporary file in the same folder and renames it into place. */
  writeAtomic(path: string, text: string): Promise<void>;
  mkdirp(path: string): Promise<void>;
  remove(path: string): Promise<void>;
  /** Creates `path` exclusively; false when it already exists. */
  createExclusive(path: string, text: string): Promise<boolean>;
  listFiles(dir: string): Promise<string[]>;
  readBytes(path: string): Promise<Uint8Array>;
}

export interface Clock {
  /** Wall-clock time, for timestamps in result files. */
  now(): Date;
  /** Monotonic milliseconds, for durations and estimates. */
  monotonicMs(): number;
}

export interface Logger {
  info(line: string): void;
  warn(line: string): void;
  error(line: string): void;
}

const MAX_OUTPUT = 4 * 1024 * 1024;

/**
 * Starts the watchdog (watchdog.ts): a process outside the harness's process group that kills every
 * program still registered with it when the harness's end of its stdin closes, which happens
 * however the harness ends, SIGKILL included. It does not keep the harness alive.
 */
function startWatchdog(): { register(pgid: number): void; unregister(pgid: number): void } {
  const dog = spawn(process.execPath, [fileURLToPath(new URL('./watchdog.ts', import.meta.url))], { stdio: ['pipe', 'ignore', 'ignore'], detached: true });
  dog.on('error', () => {}); // without a watchdog, programs are still killed on timeouts and signals the harness sees
  dog.stdin.on('error', () => {});
  dog.unref();
  (dog.stdin as unknown as { unref?: () => void }).unref?.();
  return {
    register: (pgid) => dog.stdin.write(`+${pgid}\n`),
    unregister: (pgid) => dog.stdin.write(`-${pgid}\n`),
  };
}

/** One watchdog per harness process, started when the first program is. */
let watchdog: ReturnType<typeof startWatchdog> | null = null;

/**
 * Puts the process group `pgid` (a program started with `detached: true`) under the watchdog, so
 * it is killed if the harness dies; call the returned function once the program has ended.
 */
export function watchProcessGroup(pgid: number): () => void {
  watchdog ??= startWatchdog();
  watchdog.register(pgid);
  return () => watchdog?.unregister(pgid);
}

/** Sends a signal to a whole process group (a program started detached, and its children). */
export function killGroup(pgid: number, sig: NodeJS.Signals): void {
  try {
    process.kill(-pgid, sig);
  } catch {
    /* already gone */
  }
}

export function realProcessRunner(): ProcessRunner {
  const live = new Set<number>();
  return {
    run(command, args, opts) {
      return new Promise((resolve) => {
        const env: NodeJS.ProcessEnv = { ...process.env, ...opts.env };
        for (const name of opts.envUnset ?? []) delete env[name];
        const child = spawn(command, args, {
          cwd: opts.cwd,
          env,
          stdio: ['ignore', 'pipe', 'pipe'],
          detached: true, // own process group, so a timeout kills its children too
        });
        let stdout = '';
        let stderr = '';
        let timedOut = false;
        const pid = child.pid;
        const unwatch = pid !== undefined ? watchProcessGroup(pid) : () => {};
        if (pid !== undefined) live.add(pid);
        child.stdout.on('data', (d: Buffer) => {
          if (stdout.length < MAX_OUTPUT) stdout += d.toString();
        });
        child.stderr.on('data', (d: Buffer) => {
          stderr = (stderr + d.toString()).slice(-MAX_OUTPUT);
        });
        const timer = setTimeout(() => {
          timedOut = true;
          if (pid !== undefined) killGroup(pid, 'SIGKILL');
        }, opts.timeoutMs);
        const forget = () => {
          if (pid === undefined) return;
          live.delete(pid);
          unwatch();
        };
        child.on('error', (err) => {
          clearTimeout(timer);
          forget();
          resolve({ exitCode: null, signal: null, stdout, stderr, timedOut: false, spawnError: err.message });
        });
        child.on('close', (code, signal) => {
          clearTimeout(timer);
          forget();
          resolve({ exitCode: code, signal, stdout, stderr, timedOut });
        });
      });
    },
    killAll() {
      for (const pid of live) killGroup(pid, 'SIGKILL');
    },
  };
}

export function realFileSystem(): FileSystem {
  return {
    exists: (p) => existsSync(p),
    readText: (p) => fsp.readFile(p, 'utf8'),
    readBytes: async (p) => new Uint8Array(await fsp.readFile(p)),
    async writeAtomic(p, text) {
      await fsp.mkdir(dirname(p), { recursive: true });
      const tmp = `${p}.tmp-${process.pid}`;
      try {
        await fsp.writeFile(tmp, text);
        await fsp.rename(tmp, p);
      } catch (e) {
        await fsp.rm(tmp, { force: true });
        throw e;
      }
    },
    mkdirp: async (p) => {
      await fsp.mkdir(p, { recursive: true });
    },
    remove: (p) => fsp.rm(p, { force: true, recursive: true }),
    async createExclusive(p, text) {
      await fsp.mkdir(dirname(p), { recursive: true });
      try {
        await fsp.writeFile(p, text, { flag: 'wx' });
        return true;
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code === 'EEXIST') return false;
        throw e;
      }
    },
    async listFiles(dir) {
      return listFilesInHashOrder((rel) => readdirSync(join(dir, rel), { withFileTypes: true }).map((e) => ({ name: e.name, isDirectory: e.isDirectory() })));
    },
  };
}

/**
 * Samples what other programs use: reads /proc/stat, waits `intervalMs` doing nothing, reads it
 * again, and takes this process's own CPU time in between off the busy share. Where /proc/stat
 * cannot be read or parsed (not Linux), says why instead.
 */
export function procStatCpuSampler(intervalMs = 1000, path = '/proc/stat'): () => Promise<CpuSample> {
  return async () => {
    try {
      const own = process.cpuUsage();
      const t0 = performance.now();
      const before = parseProcStat(await fsp.readFile(path, 'utf8'), path);
      await new Promise((resolve) => setTimeout(resolve, intervalMs));
      const after = parseProcStat(await fsp.readFile(path, 'utf8'), path);
      const sampledMs = performance.now() - t0;
      const used = process.cpuUsage(own);
      return { ok: true, busy: cpuBusyBetween(before, after, sampledMs, (used.user + used.system) / 1000) };
    } catch (e) {
      const err = e as NodeJS.ErrnoException;
      return { ok: false, reason: err.code ? `${path} is not readable here (${err.code})` : err.message };
    }
  };
}

export const realClock: Clock = { now: () => new Date(), monotonicMs: () => performance.now() };

export function consoleLogger(): Logger {
  return {
    info: (l) => console.log(l),
    warn: (l) => console.warn(`warning: ${l}`),
    error: (l) => console.error(`error: ${l}`),
  };
}
