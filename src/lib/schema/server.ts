import { z } from 'zod';

/**
 * A server kernel's `server:` block in kernel.yaml. Each implementation is then a program that
 * serves HTTP on loopback instead of printing a JSON line: the harness starts it as
 * `<program> PORT <params in kernel.yaml order>`, waits until it answers, checks one response
 * against the reference implementation's, and drives it with the load generator (wrk) at each
 * connection count, with the server and the generator pinned to different CPUs.
 */
export const LoadBudget = z.strictObject({
  /** Seconds of load before each measurement, not recorded (caches, JIT, connection pools). */
  warmupSeconds: z.number().int().min(0).max(60),
  /** Seconds of recorded load at each connection count. */
  durationSeconds: z.number().int().min(1).max(300),
  /**
   * Most requests one measurement may send: the generator stops there and the run fails (a rate
   * above maxRequests / durationSeconds means the kernel needs a larger bound, not a result).
   */
  maxRequests: z.number().int().positive().max(1_000_000_000),
});
export type LoadBudget = z.infer<typeof LoadBudget>;

export const ServerSpec = z.strictObject({
  /**
   * Path requested for the correctness check and under load (GET). `{name}` stands for the value
   * of the kernel parameter `name` (an enum or string), so that one kernel can load several
   * endpoints through a parameter and its variants: "/{endpoint}" with endpoint json → "/json".
   */
  path: z.string().regex(/^\/[\x21-\x7e]*$/, 'an absolute URL path such as "/json" (printable ASCII, no spaces)'),
  /** Media type the answer must carry in Content-Type (parameters such as charset are ignored); omitted: not checked. */
  contentType: z.string().regex(/^[a-z0-9.+-]+\/[a-z0-9.+-]+$/, 'a media type such as "application/json"').optional(),
  /** Most seconds to wait after start for the server's first answer; it then fails as "never ready". Default 20. */
  readySeconds: z.number().positive().max(120).default(20),
  /** Connections the generator keeps open; each count is one measurement (a concurrency sweep). */
  connections: z.array(z.number().int().min(1).max(4096)).min(1),
  /** Warm-up, duration and request bound per profile (profiles never change the workload). */
  profiles: z.strictObject({ quick: LoadBudget, full: LoadBudget }),
});
export type ServerSpec = z.infer<typeof ServerSpec>;

/** Latencies of one measurement in microseconds, as the generator's histogram gives them. */
export const LatencyUs = z.strictObject({
  /** Median latency. @unit microseconds */
  p50: z.number().nonnegative(),
  /** 90th percentile latency. @unit microseconds */
  p90: z.number().nonnegative(),
  /** 99th percentile latency. @unit microseconds */
  p99: z.number().nonnegative(),
  /** Slowest response. @unit microseconds */
  max: z.number().nonnegative(),
  /** Mean latency. @unit microseconds */
  mean: z.number().nonnegative(),
});

/** One connection count under load. */
export const LoadLevel = z.strictObject({
  /** Connections the generator kept open and busy. */
  connections: z.number().int().positive(),
  /** Seconds the generator measured for. */
  seconds: z.number().positive(),
  /** Responses completed in those seconds. */
  requests: z.number().int().min(0),
  /** Responses completed per second (requests / seconds). */
  requestsPerSecond: z.number().min(0),
  /** Latency percentiles of those responses. */
  latencyUs: LatencyUs,
  /** Failed requests by kind; any non-zero count fails the run. non2xx: answers outside 200-299. */
  errors: z.strictObject({
    /** Connections that could not be opened. */
    connect: z.number().int().min(0),
    /** Failed reads of a response. */
    read: z.number().int().min(0),
    /** Failed writes of a request. */
    write: z.number().int().min(0),
    /** Requests that timed out. */
    timeout: z.number().int().min(0),
    /** Answers outside 200-299. */
    non2xx: z.number().int().min(0),
  }),
});
export type LoadLevel = z.infer<typeof LoadLevel>;

/** The response checked before any load: the reference's digest decides what is correct. */
export const CheckedResponse = z.strictObject({
  /** The HTTP status of the checked answer. */
  status: z.number().int(),
  /** Its media type (Content-Type without parameters), null when absent. */
  contentType: z.string().nullable(),
  /** The body's size. */
  bytes: z.number().int().min(0),
  /** SHA-256 of the body, lowercase hex. */
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
});
export type CheckedResponse = z.infer<typeof CheckedResponse>;

/** A result's `load:` block: how a server implementation was driven and what it sustained. */
export const LoadResult = z.strictObject({
  /** The load generator and how it ran. */
  generator: z.strictObject({
    name: z.literal('wrk'),
    /** Version line the generator printed. */
    version: z.string(),
    /** Threads the generator ran with. */
    threads: z.number().int().positive(),
    /** CPU the generator was pinned to (taskset). */
    cpu: z.number().int().min(0),
  }),
  /** CPU the server was pinned to (taskset). */
  serverCpu: z.number().int().min(0),
  /** The URL path requested. */
  path: z.string(),
  /** Seconds of load before each measurement, not counted. */
  warmupSeconds: z.number().int().min(0),
  /** Seconds each connection count was measured for. */
  durationSeconds: z.number().int().positive(),
  /** The bound on requests per measurement (a run that reaches it needs a larger bound). */
  maxRequests: z.number().int().positive(),
  /** The answer checked against the reference's before any load; null when the server never answered. */
  response: CheckedResponse.nullable(),
  /** One entry per connection count measured, in the kernel's order (fewer when the run failed). */
  levels: z.array(LoadLevel),
  /** The server process's peak resident memory (VmHWM) after the last measurement. */
  serverPeakRssKiB: z.number().min(0).nullable(),
});
export type LoadResult = z.infer<typeof LoadResult>;

/**
 * A client kernel's result (kernel.yaml `helperServer`): how busy the fixed server was while this
 * implementation's processes ran. A server pinned to one CPU is saturated near serverCpuSeconds ==
 * wallSeconds; well below that, the client (not the server) set the pace.
 */
export const HelperUsage = z.strictObject({
  /** The helper program's id (kernel.yaml helperServer.program.id). */
  program: z.string().min(1),
  /** CPU the server was pinned to, and CPU the client was pinned to (taskset). */
  serverCpu: z.number().int().min(0),
  /** CPU the client (the implementation) was pinned to (taskset). */
  clientCpu: z.number().int().min(0),
  /** CPU seconds (user + system) the server used while this implementation's processes ran. */
  serverCpuSeconds: z.number().min(0),
  /** Wall-clock seconds those processes ran (start, warm-up and samples). */
  wallSeconds: z.number().min(0),
});
export type HelperUsage = z.infer<typeof HelperUsage>;
