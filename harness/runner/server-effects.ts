/**
 * The effects a server measurement needs beyond running a program to completion: a process that
 * keeps running in the background (the server), one HTTP request, loopback ports, and the server's
 * peak memory. Real implementations here; tests pass fakes (test/unit/server.test.ts).
 */
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import { request } from 'node:http';
import { createServer } from 'node:net';
import { killGroup, watchProcessGroup, type ProcessRunner } from './effects.ts';

export interface Exit {
  code: number | null;
  signal: string | null;
  /** Set when the program could not be started at all (ENOENT, EACCES). */
  spawnError?: string;
}

export interface BackgroundProcess {
  readonly pid: number | null;
  /** How it ended, or null while it runs. */
  exit(): Exit | null;
  /** Resolves when it has exited. */
  readonly exited: Promise<Exit>;
  /** The last 2,000 characters it wrote to stderr (and stdout). */
  outputTail(): string;
  /**
   * SIGTERM to its process group, SIGKILL to the group after `graceMs` if it is still running,
   * and SIGKILL to the group once more after it exits (nothing it started survives it).
   */
  stop(graceMs: number): Promise<Exit>;
}

export interface HttpAnswer {
  status: number;
  contentType: string | null;
  bytes: number;
  sha256: string;
}

export interface ServerEffects {
  /** Starts a program in its own process group; it runs until stopped. */
  start(command: string, args: readonly string[], opts: { cwd: string; env: Record<string, string> }): BackgroundProcess;
  /** One GET; an error text when no answer came within `timeoutMs`. */
  get(url: string, timeoutMs: number): Promise<HttpAnswer | { error: string }>;
  /** A loopback TCP port nothing listens on now. */
  freePort(): Promise<number>;
  /** Whether something listens on 127.0.0.1:port. */
  portInUse(port: number): Promise<boolean>;
  /** Who listens on the port ("python3 (pid 123)"), when that can be found out. */
  portHolder(port: number): Promise<string | null>;
  /**
   * Peak resident memory of a running server in KiB, or null: its VmHWM plus that of every process
   * it started that still runs (a server such as granian serves from a worker process).
   */
  peakRssKiB(pid: number): Promise<number | null>;
  sleep(ms: number): Promise<void>;
  monotonicMs(): number;
  /** Kills every background process still running (on interruption). */
  killAll(): void;
}

const TAIL = 2000;

export function realServerEffects(proc: ProcessRunner): ServerEffects {
  const live = new Set<number>();
  return {
    start(command, args, opts) {
      const child = spawn(command, args, { cwd: opts.cwd, env: { ...process.env, ...opts.env }, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
      const pid = child.pid ?? null;
      if (pid !== null) live.add(pid);
      // Killed by the watchdog if the harness dies without stopping it (SIGKILL included).
      const unwatch = pid !== null ? watchProcessGroup(pid) : () => {};
      let output = '';
      const keep = (d: Buffer) => {
        output = (output + d.toString()).slice(-TAIL);
      };
      child.stdout.on('data', keep);
      child.stderr.on('data', keep);
      let ended: Exit | null = null;
      const exited = new Promise<Exit>((resolve) => {
        child.on('error', (err) => {
          ended ??= { code: null, signal: null, spawnError: err.message };
          if (pid !== null) live.delete(pid);
          unwatch();
          resolve(ended);
        });
        child.on('exit', (code, signal) => {
          ended ??= { code, signal };
          if (pid !== null) live.delete(pid);
          resolve(ended);
        });
      });
      return {
        pid,
        exit: () => ended,
        exited,
        outputTail: () => output,
        async stop(graceMs) {
          if (pid === null) return exited;
          if (!ended) {
            killGroup(pid, 'SIGTERM');
            const timer = setTimeout(() => killGroup(pid, 'SIGKILL'), graceMs);
            await exited;
            clearTimeout(timer);
          }
          killGroup(pid, 'SIGKILL');
          unwatch(); // the whole group is gone now, children included
          return exited;
        },
      };
    },
    get(url, timeoutMs) {
      return new Promise((resolve) => {
        const req = request(url, { method: 'GET', agent: false, timeout: timeoutMs, headers: { connection: 'close' } }, (res) => {
          const hash = createHash('sha256');
          let bytes = 0;
          res.on('data', (d: Buffer) => {
            hash.update(d);
            bytes += d.length;
          });
          res.on('end', () => resolve({ status: res.statusCode ?? 0, contentType: res.headers['content-type'] ?? null, bytes, sha256: hash.digest('hex') }));
          res.on('error', (e) => resolve({ error: e.message }));
        });
        req.on('timeout', () => req.destroy(new Error(`no answer within ${timeoutMs} ms`)));
        req.on('error', (e) => resolve({ error: e.message }));
        req.end();
      });
    },
    freePort() {
      return new Promise((resolve, reject) => {
        const s = createServer();
        s.on('error', reject);
        s.listen(0, '127.0.0.1', () => {
          const addr = s.address();
          s.close(() => (addr && typeof addr === 'object' ? resolve(addr.port) : reject(new Error('no port'))));
        });
      });
    },
    portInUse(port) {
      return new Promise((resolve) => {
        const s = createServer();
        s.once('error', () => resolve(true));
        s.listen(port, '127.0.0.1', () => s.close(() => resolve(false)));
      });
    },
    async portHolder(port) {
      const r = await proc.run('ss', ['-H', '-ltnp', `sport = :${port}`], { cwd: '.', timeoutMs: 10_000 });
      return r.exitCode === 0 ? holderFromSs(r.stdout) : null;
    },
    async peakRssKiB(pid) {
      const own = await vmHwmKiB(pid);
      if (own === null) return null;
      let total = own;
      for (const child of await descendants(pid)) total += (await vmHwmKiB(child)) ?? 0;
      return total;
    },
    sleep: (ms) => new Promise((r) => setTimeout(r, ms)),
    monotonicMs: () => performance.now(),
    killAll() {
      for (const pid of live) killGroup(pid, 'SIGKILL');
    },
  };
}

async function vmHwmKiB(pid: number): Promise<number | null> {
  try {
    const m = /^VmHWM:\s*(\d+)\s*kB/m.exec(await readFile(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) : null;
  } catch {
    return null;
  }
}

/** Every live descendant of a process, from /proc/<pid>/task/<tid>/children (Linux). */
async function descendants(pid: number): Promise<number[]> {
  const out: number[] = [];
  const queue = [pid];
  while (queue.length > 0 && out.length < 1000) {
    const p = queue.shift()!;
    let tids: string[] = [];
    try {
      tids = await readdir(`/proc/${p}/task`);
    } catch {
      continue;
    }
    for (const tid of tids) {
      try {
        const kids = (await readFile(`/proc/${p}/task/${tid}/children`, 'utf8')).trim().split(/\s+/).filter(Boolean).map(Number);
        for (const k of kids) if (!out.includes(k)) { out.push(k); queue.push(k); }
      } catch { /* the thread ended */ }
    }
  }
  return out;
}

/** "python3 (pid 123)" from `ss -ltnp` output (users:(("python3",pid=123,fd=3))), or null. */
export function holderFromSs(out: string): string | null {
  const m = /users:\(\("([^"]+)",pid=(\d+)/.exec(out);
  if (m) return `${m[1]} (pid ${m[2]})`;
  return out.trim() ? 'a process this user cannot see' : null;
}
