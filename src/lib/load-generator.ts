/**
 * The load generator, as pure functions: wrk's command line and Lua script, reading its report,
 * deciding whether a measurement counts, choosing CPUs, and the metrics a server kernel reports.
 * The harness (harness/runner/server.ts) runs the processes.
 *
 * wrk 4.1.0 as Debian packages it (`apt-get install wrk`, or `npm run setup:load`): a C program
 * on epoll that keeps N connections open and sends the next request on a connection as soon as
 * the previous answer arrives (closed loop: latencies are not corrected for coordinated omission).
 */
import type { LoadBudget, LoadLevel, LoadResult } from './schema/server.ts';
import type { MetricId } from './metrics.ts';

/** The generator and the version this project pins (Debian's package of it). */
export const LOAD_GENERATOR = {
  name: 'wrk',
  version: '4.1.0',
  debianPackage: 'wrk',
  howToGet: 'run "npm run setup:load" (installs Debian\'s wrk 4.1.0 with apt-get; needs root), or "apt-get install wrk" on Debian/Ubuntu',
} as const;

/** Marks the one line of the report the Lua script prints, among wrk's own text. */
export const REPORT_TAG = 'CLAIMBENCH-WRK ';

/**
 * Lua run by wrk: counts answers outside 200-299 per thread (wrk's own error count only covers
 * status >= 400), stops a thread at the request bound (passed as the script's first argument)
 * and prints one tagged JSON line with the counts and latency percentiles in microseconds.
 */
export const WRK_SCRIPT = `-- claimbench: written by the harness for each run (src/lib/load-generator.ts)
local threads = {}
function setup(thread) table.insert(threads, thread) end
function init(args)
  non2xx = 0; seen = 0; capped = 0
  cap = tonumber(args[1] or "0")
end
function response(status, headers, body)
  seen = seen + 1
  if status < 200 or status > 299 then non2xx = non2xx + 1 end
  if cap > 0 and seen >= cap then capped = 1; wrk.thread:stop() end
end
function done(summary, latency, requests)
  local bad, stopped = 0, 0
  for _, t in ipairs(threads) do
    bad = bad + (t:get("non2xx") or 0)
    stopped = stopped + (t:get("capped") or 0)
  end
  local e = summary.errors
  io.write(string.format('${REPORT_TAG}{"durationUs":%d,"requests":%d,"bytes":%d,"connect":%d,"read":%d,"write":%d,"status":%d,"timeout":%d,"non2xx":%d,"capped":%d,"p50":%d,"p90":%d,"p99":%d,"max":%d,"mean":%.3f}\\n',
    summary.duration, summary.requests, summary.bytes, e.connect, e.read, e.write, e.status, e.timeout, bad, stopped,
    latency:percentile(50), latency:percentile(90), latency:percentile(99), latency.max, latency.mean))
end
`;

export interface WrkRun {
  url: string;
  connections: number;
  seconds: number;
  /** Request bound per generator thread (the script's argument). */
  maxRequests: number;
  scriptPath: string;
  threads: number;
}

/**
 * wrk's arguments. One thread per generator CPU; a request without an answer after
 * `seconds` + 2 s counts as a timeout.
 */
export function wrkArgs(r: WrkRun): string[] {
  return [
    '-t', String(r.threads),
    '-c', String(Math.max(r.connections, r.threads)),
    '-d', `${r.seconds}s`,
    '--timeout', `${r.seconds + 2}s`,
    '-s', r.scriptPath,
    r.url,
    '--', String(Math.ceil(r.maxRequests / r.threads)),
  ];
}

export interface WrkReport {
  durationUs: number;
  requests: number;
  bytes: number;
  connect: number;
  read: number;
  write: number;
  status: number;
  timeout: number;
  non2xx: number;
  capped: number;
  p50: number;
  p90: number;
  p99: number;
  max: number;
  mean: number;
}

const REPORT_FIELDS: ReadonlyArray<keyof WrkReport> = ['durationUs', 'requests', 'bytes', 'connect', 'read', 'write', 'status', 'timeout', 'non2xx', 'capped', 'p50', 'p90', 'p99', 'max', 'mean'];

/** Reads the script's tagged line from wrk's output; an error text when it is missing or malformed. */
export function parseWrkReport(stdout: string): { ok: true; report: WrkReport } | { ok: false; reason: string } {
  const line = stdout.split('\n').find((l) => l.startsWith(REPORT_TAG));
  if (!line) return { ok: false, reason: `wrk printed no report line (${JSON.stringify(stdout.trim().split('\n').at(-1)?.slice(0, 120) ?? '')})` };
  let json: unknown;
  try {
    json = JSON.parse(line.slice(REPORT_TAG.length));
  } catch {
    return { ok: false, reason: `wrk's report line is not JSON: ${JSON.stringify(line.slice(0, 160))}` };
  }
  const o = json as Record<string, unknown>;
  for (const f of REPORT_FIELDS) {
    if (typeof o[f] !== 'number' || !Number.isFinite(o[f]) || (o[f] as number) < 0) return { ok: false, reason: `wrk's report: ${f}: expected a non-negative number, got ${JSON.stringify(o[f])}` };
  }
  return { ok: true, report: Object.fromEntries(REPORT_FIELDS.map((f) => [f, o[f]])) as unknown as WrkReport };
}

/** The version line of `wrk --version` (which exits 1), or null when it is not wrk's. */
export function wrkVersion(output: string): string | null {
  const line = output.split('\n').find((l) => /^wrk\s/.test(l.trim()));
  return line ? line.trim().replace(/\s+Copyright.*$/, '') : null;
}

/**
 * Turns one report into a measured level, or says why the measurement does not count: any
 * connect/read/write error, timeout or non-2xx answer fails it, and so does reaching the request
 * bound (the rate would then be computed over a generator that stopped early).
 */
export function judgeLevel(report: WrkReport, connections: number, budget: Pick<LoadBudget, 'maxRequests'>): { ok: true; level: LoadLevel } | { ok: false; reason: string } {
  const errors = { connect: report.connect, read: report.read, write: report.write, timeout: report.timeout, non2xx: Math.max(report.non2xx, report.status) };
  const bad = Object.entries(errors).filter(([, n]) => n > 0);
  if (report.capped > 0) return { ok: false, reason: `reached the bound of ${budget.maxRequests} requests before the duration ended: raise server.profiles.<profile>.maxRequests in kernel.yaml` };
  if (bad.length > 0) {
    return { ok: false, reason: `${bad.map(([k, n]) => `${n} ${k === 'non2xx' ? 'non-2xx answers' : `${k} errors`}`).join(', ')} in ${report.requests} requests at ${connections} connections` };
  }
  if (report.requests === 0) return { ok: false, reason: `no request completed in ${(report.durationUs / 1e6).toFixed(1)} s at ${connections} connections` };
  const seconds = report.durationUs / 1e6;
  return {
    ok: true,
    level: {
      connections,
      seconds,
      requests: report.requests,
      requestsPerSecond: report.requests / seconds,
      latencyUs: { p50: report.p50, p90: report.p90, p99: report.p99, max: report.max, mean: report.mean },
      errors,
    },
  };
}

/** CPUs in a list such as "0-3,6" (Cpus_allowed_list, taskset -c). */
export function parseCpuList(list: string): number[] {
  const out = new Set<number>();
  for (const part of list.trim().split(',').filter(Boolean)) {
    const m = /^(\d+)(?:-(\d+))?$/.exec(part.trim());
    if (!m) throw new Error(`not a CPU list: "${list}" (expected e.g. "0-3,6")`);
    const lo = Number(m[1]);
    const hi = m[2] === undefined ? lo : Number(m[2]);
    for (let c = lo; c <= hi; c++) out.add(c);
  }
  return [...out].sort((a, b) => a - b);
}

/**
 * The server gets the first allowed CPU, the generator the second: they never share one. Null
 * when fewer than two CPUs are allowed (the measurement would compare a server with its own load).
 */
export function pickCpus(allowed: readonly number[]): { server: number; generator: number } | null {
  if (allowed.length < 2) return null;
  return { server: allowed[0]!, generator: allowed[1]! };
}

/**
 * One implementation's metrics at one connection count, in the units of src/lib/metrics.ts
 * (latencies in ns; peak memory in KiB); null when it was not measured there.
 */
export function serverMetrics(load: Pick<LoadResult, 'levels' | 'serverPeakRssKiB'> | null | undefined, connections: number): Partial<Record<MetricId, number>> | null {
  const level = load?.levels.find((l) => l.connections === connections);
  if (!level) return null;
  return {
    'requests-per-second': level.requestsPerSecond,
    'latency-p50': level.latencyUs.p50 * 1e3,
    'latency-p99': level.latencyUs.p99 * 1e3,
    ...(load!.serverPeakRssKiB !== null ? { 'peak-memory': load!.serverPeakRssKiB } : {}),
  };
}

/** The parameter names a server path template uses: "/{endpoint}" → ["endpoint"]. */
export function pathPlaceholders(template: string): string[] {
  return [...template.matchAll(/\{([^{}]*)\}/g)].map((m) => m[1]!);
}

/**
 * The path a server kernel requests at these parameter values: each `{name}` in `server.path`
 * replaced by the parameter's value (URL-encoded), so one kernel can load several endpoints
 * through a parameter and its variants. Throws on a name without a value (the schema refuses it).
 */
export function serverPath(template: string, params: Readonly<Record<string, string | number>>): string {
  return template.replace(/\{([^{}]*)\}/g, (_, name: string) => {
    const v = params[name];
    if (v === undefined) throw new Error(`server.path "${template}" names {${name}}, which is not a parameter`);
    return encodeURIComponent(String(v));
  });
}
