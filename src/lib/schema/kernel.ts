import { z } from 'zod';
import { Slug, WebUrl } from './common.ts';
import { ServerSpec } from './server.ts';
import { pathPlaceholders } from '../load-generator.ts';
import { ServiceSpec } from './service.ts';

import { RUNTIME_IDS, RUNTIME_OPTIONS, RUNTIMES, type RuntimeOption } from '../runtimes.ts';
import { METRIC_IDS, WORK_KEYS } from '../metrics.ts';
import { PARAM_TYPES, resolveParam, type ParamValue } from '../params.ts';
import { PROTOCOL_FLOOR, PROTOCOLS } from '../protocol.ts';

/** The kernel.yaml format this code writes about; version 1 files are upgraded on reading (see upgradeKernelV1). */
export const KERNEL_FORMAT_VERSION = 2 as const;
export const TIERS = ['naive', 'idiomatic', 'optimized'] as const;
export const PROFILES = ['quick', 'full'] as const;
export type Profile = (typeof PROFILES)[number];

/** One implementation of a kernel; its `runtime` selects the adapter that builds and runs it. */
export const Implementation = z.strictObject({
  /** Unique within the kernel; claims name it in check.baseline / check.subject. */
  id: Slug,
  /** Human label shown on the site. */
  label: z.string().min(1),
  /**
   * The runtime that builds and runs it (src/lib/runtimes.ts; one adapter each in
   * harness/runner/runtimes/): python, python3.13, python3.13t, c, cpp, rust, mojo, node.
   */
  runtime: z.enum(RUNTIME_IDS),
  /** naive: a direct transcription; idiomatic: what a fluent user writes; optimized: SIMD, threads, tiling. */
  tier: z.enum(TIERS),
  /** True when it uses more than one thread (the harness then passes CLAIMBENCH_THREADS). */
  parallel: z.boolean().default(false),
  /** File (or, for rust, cargo package folder) relative to the kernel folder. */
  source: z.string().min(1),
  /** One sentence on what is special about it. */
  notes: z.string().min(1).optional(),
  /** True when it needs a CUDA GPU: skipped, with that reason, on machines without one. Default false. */
  gpu: z.boolean().default(false),
  /**
   * CPU features it needs, named as in /proc/cpuinfo and the machine fingerprint's `simd` list
   * (e.g. avx512f): skipped, with the missing ones named, on a machine that lacks one. Default none.
   */
  requiresCpu: z.array(z.string().regex(/^[a-z0-9_.]+$/, 'a CPU flag as /proc/cpuinfo names it (lower case, e.g. avx512f)')).default([]),
  /**
   * For an implementation too slow at the workload's size (pure-Python matmul at n=1024): it runs with
   * `param` set to the value given for the profile (a smaller one in the quick profile, to fit its
   * time budget), and its times are multiplied by (workload value / that value)^exponent. Results are labelled extrapolated; its checksum is checked
   * against the reference run at the same smaller size.
   */
  extrapolate: z
    .strictObject({
      /** The integer or size parameter it runs smaller (n for matmul). */
      param: z.string().min(1),
      /** How the time grows with that parameter: 3 for an n^3 matmul. */
      exponent: z.number().positive(),
      /** The smaller value it runs with in the quick profile. */
      quick: z.number().int().positive(),
      /** The smaller value it runs with in the full profile. */
      full: z.number().int().positive(),
    })
    .optional(),
  /** python*: modules it imports beyond the standard library; the harness skips it when one is missing. */
  requires: z.array(z.string().min(1)).optional(),
  /** c, cpp: compiler flags (default ["-O3"]). */
  cflags: z.array(z.string()).optional(),
  /** c, cpp: libraries, after the source (e.g. ["-lm"]). */
  libs: z.array(z.string()).optional(),
  /** rust: binary name inside the cargo package (src/bin/<bin>.rs). */
  bin: z.string().regex(/^[A-Za-z0-9_-]+$/, 'expected a cargo binary name (letters, digits, "_" and "-")').optional(),
  /** mojo: build flags (default ["-D", "ASSERT=none"]). */
  mojoFlags: z.array(z.string()).optional(),
}).superRefine((impl, ctx) => {
  const info = RUNTIMES[impl.runtime];
  for (const option of RUNTIME_OPTIONS) {
    if (impl[option] !== undefined && !info.options.includes(option)) {
      ctx.addIssue({ code: 'custom', path: [option], message: `the ${impl.runtime} runtime takes no "${option}" (it takes ${info.options.length ? info.options.join(', ') : 'no runtime options'})` });
    }
  }
  for (const option of info.requiredOptions) {
    if (impl[option] === undefined) ctx.addIssue({ code: 'custom', path: [option], message: `the ${impl.runtime} runtime needs "${option}"` });
  }
});
export type Implementation = z.infer<typeof Implementation>;

/**
 * A kernel's `helperServer:` block: the fixed server its implementations (clients) talk to. The
 * program is built like an implementation and started as `<program> PORT <params in kernel.yaml
 * order>`; it must listen on 127.0.0.1:PORT only and answer GET `readyPath` with a 2xx once ready.
 * Its CPU time while each implementation runs is recorded, to show whether it was the bottleneck.
 */
export const HelperServerSpec = z.strictObject({
  /** The server program (its id must differ from every implementation's). */
  program: Implementation,
  /** Path the harness polls (GET) until it answers 2xx. */
  readyPath: z.string().regex(/^\/[\x21-\x7e]*$/, 'an absolute URL path such as "/health" (printable ASCII, no spaces)'),
  /** Most seconds to wait after start for a 2xx answer on readyPath; it then fails as "never ready". Default 20. */
  readySeconds: z.number().positive().max(120).default(20),
});
export type HelperServerSpec = z.infer<typeof HelperServerSpec>;
export type { RuntimeOption };

/** A parameter of the workload, passed to every program as a positional argument (in order). */
export const Param = z.strictObject({
  /** Its name in `workload` and in the programs' usage line (letters and digits: n, size, chunk). */
  name: z.string().regex(/^[A-Za-z][A-Za-z0-9]*$/),
  /**
   * integer (default), number, string, enum (one of `values`), or size: written "64 KiB", "4 MiB"
   * or as a number of bytes, passed to programs and recorded as a whole number of bytes.
   */
  type: z.enum(PARAM_TYPES).default('integer'),
  /** What the parameter sets, for the kernel's page ("bytes handed to the CRC function per call"). */
  description: z.string().min(1).optional(),
  /** integer, number, size (in bytes): inclusive bounds, checked in every profile. Integers default to min 1. */
  min: z.number().optional(),
  /** integer, number, size (in bytes): the inclusive upper bound, when there is one. */
  max: z.number().optional(),
  /** enum: the allowed values. */
  values: z.array(z.string().min(1)).min(1).optional(),
});
export type Param = z.infer<typeof Param>;

/** A param's spec with its defaults applied (integers are positive unless stated). */
export function paramSpec(p: Param) {
  return { ...p, min: p.min ?? (p.type === 'integer' ? 1 : undefined) };
}

/** Profile values as written: numbers, or text for string/enum params and sizes such as "4 MiB". */
const Params = z.record(z.string(), z.union([z.number(), z.string()]));

/** What a kernel measures; the direction of each follows from its id (src/lib/metrics.ts). */
export const MetricDecl = z.strictObject({
  /**
   * time: time per operation (one sample); throughput: `work` per second from the work a program
   * reports per sample; requests-per-second, latency-p50, latency-p99: from a load generator;
   * peak-memory: the process's peak resident memory.
   */
  id: z.enum(METRIC_IDS),
  /** throughput: which reported work it counts (bytes, items, tokens, records). */
  work: z.enum(WORK_KEYS).optional(),
  /** What one unit of it is for this kernel ("bytes checksummed per second"), shown on the page. */
  description: z.string().min(1).optional(),
});
export type MetricDecl = z.infer<typeof MetricDecl>;

/**
 * A data set the implementations read, made once per parameter set and cached in
 * .cache/datasets/<kernel>/<hash>/ (hash of the generator, the repository modules it imports and the
 * lock file of the environment it runs in, or of the packaged file and the kernel's lock, and the
 * parameters: src/lib/dataset-key.ts);
 * programs get its path in CLAIMBENCH_DATASET. Never downloaded at run time.
 */
export const DatasetDecl = z.strictObject({
  /** File name of the data set (also what the run records). */
  name: z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._-]*$/, 'a plain file name (letters, digits, ".", "_", "-")'),
  /** What the data are and how they are made, for the kernel's page. */
  description: z.string().min(1).optional(),
  /**
   * A seeded generator: a program in the kernel folder run as `<program> OUTPUT SEED <params in
   * order>` with the kernel's python runtime (a .py file) or node (a .mjs file); it writes OUTPUT.
   */
  generator: z.strictObject({
    /** The generator program, a file in the kernel folder (gen_data.py). */
    source: z.string().min(1),
    /** The seed it is run with; a new seed is a new data set (and a new cache entry). */
    seed: z.number().int().min(0),
  }).optional(),
  /** Or a file shipped inside a pinned Python package of the kernel's environment. */
  package: z.strictObject({
    /** The package's import name, as installed from the kernel's lock file. */
    name: z.string().regex(/^[A-Za-z0-9_.-]+$/),
    /** The file's path inside the installed package. */
    file: z.string().min(1),
  }).optional(),
}).refine((d) => (d.generator === undefined) !== (d.package === undefined), { message: 'expected exactly one of "generator" or "package"' });
export type DatasetDecl = z.infer<typeof DatasetDecl>;

const ChecksumDecl = z.strictObject({
  /** number (default): a number compared within `tolerance`; digest: a lowercase hex string compared exactly. */
  kind: z.enum(['number', 'digest']).default('number'),
  /** What the checksum is, precisely enough for a reader to recompute it. */
  description: z.string().min(1),
  /** Relative tolerance against the reference checksum; 0 = exact equality (digests: always 0). */
  tolerance: z.number().min(0).default(0),
  /** Why a non-zero tolerance is needed (required when tolerance > 0). */
  reason: z.string().min(1).optional(),
}).superRefine((c, ctx) => {
  if (c.tolerance > 0 && c.reason === undefined) ctx.addIssue({ code: 'custom', path: ['reason'], message: 'a non-zero tolerance needs a "reason"' });
  if (c.kind === 'digest' && c.tolerance !== 0) ctx.addIssue({ code: 'custom', path: ['tolerance'], message: 'a digest is compared exactly: expected 0' });
});

/**
 * A kernel whose one sample is a pass over several benchmarks (a suite, e.g. a pyperformance
 * subset): each program reports every part's time per sample (`parts` in its output), and a ratio
 * between two implementations is summarised over the parts instead of taken from the totals.
 */
export const SuiteDecl = z.strictObject({
  /** geometric-mean: the geometric mean over the parts of the ratios of their median times. */
  summary: z.literal('geometric-mean'),
  /** How the suite is summarised and why, for the kernel page. */
  description: z.string().min(1),
  /** The benchmarks, in the order a pass runs them; each program reports exactly these ids. */
  parts: z.array(z.strictObject({
    /** The benchmark's id, as programs report it in `parts` (nbody). */
    id: z.string().regex(/^[A-Za-z0-9_-]+$/, 'a part id (letters, digits, "_" and "-")'),
    /** What the benchmark exercises, in a few words. */
    description: z.string().min(1),
  })).min(2),
});
export type SuiteDecl = z.infer<typeof SuiteDecl>;

/**
 * Implementations measured in pairs (kernel.yaml `pairing`), for ratios smaller than a noisy
 * machine's drift between rounds: the members of a group run back to back in every round, in the
 * listed order in odd rounds and reversed in even ones (ABBA), so a ratio can be taken round by
 * round (process n of one against process n of the other; src/lib/paired.ts). A group of three
 * with the shared baseline in the middle keeps both of its neighbours adjacent to it: the A/A twin
 * of a build is measured exactly like the build it is compared with. A group's members are builds
 * of one runtime running the same programs: a claim about two of them gets the build-pair hardware
 * allowance (BUILD_PAIR_SPREAD_PRIOR in src/lib/verdict-rules.ts), not the one between languages.
 */
export const PairingDecl = z.strictObject({
  /** Groups of implementation ids run back to back (2 or 3 each; an implementation in one group at most). */
  groups: z.array(z.array(Slug).min(2).max(3)).min(1),
  /**
   * A/A pairs: one interpreter and program measured as two implementations in one group. The
   * interval of their paired ratio is the noise floor of this kernel's ratio verdicts on that run
   * (instead of the machine's A/A noise test), stated on the page: a claim about a pair of its
   * group takes that group's, any other the first that ran.
   */
  noisePairs: z.array(z.tuple([Slug, Slug])).optional(),
  /** Pin every grouped process to one CPU (the last the harness may use) with taskset. Default false. */
  pinCpu: z.boolean().default(false),
  /** Rounds per profile instead of the profile's (more rounds of fewer samples narrow a paired interval). */
  rounds: z.strictObject({ quick: z.number().int().min(2).max(200).optional(), full: z.number().int().min(2).max(200).optional() }).optional(),
});
export type PairingDecl = z.infer<typeof PairingDecl>;

/**
 * A kernel's (or variant's) own full-profile protocol, for one whose samples are long or whose
 * processes are expensive (start-up plus loading a data set): fewer rounds and/or a lower minimum
 * sample count than the full profile's, never below PROTOCOL_FLOOR, with the reason. The run file
 * records what was used and the kernel's page says so.
 */
export const FullProtocolDecl = z.strictObject({
  /** Rounds of processes instead of the full profile's (at least PROTOCOL_FLOOR.rounds). */
  rounds: z.number().int().min(PROTOCOL_FLOOR.rounds, `expected at least ${PROTOCOL_FLOOR.rounds} rounds (fewer processes say too little about the variation between them)`).max(PROTOCOLS.full.rounds, `expected at most the full profile's ${PROTOCOLS.full.rounds} rounds`).optional(),
  /** Fewest samples per implementation instead of the full profile's (at least PROTOCOL_FLOOR.minSamples). */
  minSamples: z.number().int().min(PROTOCOL_FLOOR.minSamples, `expected at least ${PROTOCOL_FLOOR.minSamples} samples (fewer make a median and its interval mean little)`).max(PROTOCOLS.full.minSamples, `expected at most the full profile's ${PROTOCOLS.full.minSamples} samples`).optional(),
  /** Why the full profile's protocol does not fit this kernel (shown on its page and the methodology page). */
  why: z.string().min(1),
}).refine((p) => p.rounds !== undefined || p.minSamples !== undefined, { message: 'expected "rounds" or "minSamples" (or both): what differs from the full profile' });
export type FullProtocolDecl = z.infer<typeof FullProtocolDecl>;

/** `harness/kernels/<id>/kernel.yaml` (format version 2): one workload and its implementations. */
export const KernelV2 = z
  .strictObject({
    /** The kernel.yaml format version: 2 (version 1 files are still read and upgraded). */
    schemaVersion: z.literal(KERNEL_FORMAT_VERSION),
    /** Equals the folder name under harness/kernels; claims name it in `check.kernel`. */
    id: Slug,
    /** What is computed, in a line. */
    title: z.string().min(1),
    /** What the workload is and why it answers the claims that name it, in our own words. */
    summary: z.string().min(1),
    /** Where the workload and its parameters come from. */
    origin: z.strictObject({
      /** The benchmark, paper or article that defines the workload. */
      title: z.string().min(1),
      /** Its address. */
      url: WebUrl,
      /** How ours differs from it, or what the article's workload was when it is unknown. */
      note: z.string().min(1).optional(),
    }),
    /**
     * Ordered: passed to every implementation as positional arguments after WARMUP and SAMPLES (a
     * server kernel's: after PORT). At least one, except for a server kernel.
     */
    params: z.array(Param),
    /** How the work grows with the parameters (for the methodology page and extrapolation). */
    complexity: z.string().min(1).optional(),
    /**
     * The parameter values of the workload the claims name (e.g. n: 1024). Every profile measures
     * this workload; profiles differ only in time budget and sample counts (src/lib/protocol.ts,
     * `budgetSeconds`). An implementation too slow for it runs smaller and is extrapolated.
     */
    workload: Params,
    /**
     * Other workloads measured beside it by the full profile (e.g. matmul in float64: bits 64), each
     * stored apart from the main run (content/runs/<machine>/variants/<id>/<kernel>.json). Claims
     * name the main workload unless their `check.variant` names one of these. `workload` overrides
     * some of its parameters.
     */
    variants: z.array(z.strictObject({
      /** Folder name of the variant's runs (f64). */
      id: Slug,
      /** What differs, for the page ("the same workload in float64"). */
      description: z.string().min(1),
      /** The parameters that differ from the main workload. */
      workload: Params,
      /**
       * Only these implementations measure the variant (default: all of the kernel's), to keep the
       * full profile's time; must include the kernel's `reference`, whose checksum the others match.
       */
      implementations: z.array(Slug).min(1).optional(),
      /**
       * A data set of its own in place of the kernel's (default: the kernel's), made and cached by the
       * same data-set step (e.g. the dataframe kernel's TPC-H variants read a lineitem table).
       */
      dataset: DatasetDecl.optional(),
      /**
       * How the variant's workload differs from the article's, shown on the page of a claim that
       * names the variant in place of `origin.note` (which describes the main workload).
       */
      note: z.string().min(1).optional(),
      /** Its own full-profile protocol, in place of the kernel's `fullProtocol` (see FullProtocolDecl). */
      fullProtocol: FullProtocolDecl.optional(),
    })).default([]),
    /** What it measures (default: time per operation and peak memory). */
    metrics: z.array(MetricDecl).min(1).default([{ id: 'time' }, { id: 'peak-memory' }]),
    /** The data set its implementations read, made once by a seeded generator or taken from a package. */
    dataset: DatasetDecl.optional(),
    /**
     * A pip lock file in the kernel folder (every package pinned with --hash): `npm run setup`
     * installs it into .venvs/<kernel>, and the kernel's python runtime runs there instead of .venv.
     */
    pythonLock: z.string().min(1).optional(),
    /** Seconds of timed samples per implementation, per profile (default: the profile's budget). */
    budgetSeconds: z.strictObject({ quick: z.number().positive().optional(), full: z.number().positive().optional() }).optional(),
    /** Its own full-profile protocol: fewer rounds and/or samples, with the reason (see FullProtocolDecl). */
    fullProtocol: FullProtocolDecl.optional(),
    /** Why the quick build (npm run build) does not measure this kernel; set to opt it out. */
    skipQuick: z.string().min(1).optional(),
    /** What every implementation prints to prove it computed the reference's result, checked before timing. */
    checksum: ChecksumDecl,
    /** Implementation whose checksum defines the correct result. */
    reference: Slug,
    /** The programs measured, one per language, library or tier. */
    implementations: z.array(Implementation).min(1),
    /**
     * Set for a kernel whose implementations are HTTP servers measured by a load generator
     * (requests/s, latency percentiles) instead of programs that time themselves. See ServerSpec.
     */
    server: ServerSpec.optional(),
    /**
     * A fixed helper server the implementations are clients of (started and stopped by the harness
     * around the whole measurement; its address in CLAIMBENCH_SERVICE_URL). See ServiceSpec.
     */
    service: ServiceSpec.optional(),
    /**
     * Set for a kernel whose implementations are clients of a fixed server (e.g. embedding clients
     * of a mock API): the harness builds this one program, starts it on a loopback port pinned to
     * one CPU before any implementation runs, passes its address in CLAIMBENCH_SERVER_URL, runs the
     * implementations pinned to another CPU, and stops it on every path out. See HelperServerSpec.
     */
    helperServer: HelperServerSpec.optional(),
    /**
     * A larger amount of work a claim names than fits a sample here (Baseten's 2,097,152 inputs):
     * the machine page shows the time each implementation would take for it at its measured
     * throughput, labelled as extrapolated (linearly), never as measured. Needs a throughput metric
     * counting `work`.
     */
    projection: z.strictObject({
      /** Which reported work it counts (the throughput metric's `work`, e.g. items). */
      work: z.enum(WORK_KEYS),
      /** How much of that work the claim names (e.g. 2097152 inputs). */
      amount: z.number().positive(),
      /** Whose figure it is, in our words ("Baseten's benchmark size"). */
      label: z.string().min(1),
    }).optional(),
    /** Set for a suite of benchmarks per implementation (see SuiteDecl). */
    suite: SuiteDecl.optional(),
    /** Implementations measured back to back in alternating order, for paired ratios (see PairingDecl). */
    pairing: PairingDecl.optional(),
  })
  .superRefine((k, ctx) => {
    const names = k.params.map((p) => p.name);
    if (names.length === 0 && !k.server) ctx.addIssue({ code: 'custom', path: ['params'], message: 'expected at least one parameter (only a server kernel may have none)' });
    const LOAD_METRICS = ['requests-per-second', 'latency-p50', 'latency-p99'];
    k.metrics.forEach((m, n) => {
      if (k.server && !LOAD_METRICS.includes(m.id) && m.id !== 'peak-memory') ctx.addIssue({ code: 'custom', path: ['metrics', n, 'id'], message: `a server kernel measures ${[...LOAD_METRICS, 'peak-memory'].join(', ')}; got "${m.id}"` });
      if (!k.server && LOAD_METRICS.includes(m.id)) ctx.addIssue({ code: 'custom', path: ['metrics', n, 'id'], message: `"${m.id}" comes from a load generator: only a kernel with a "server" block measures it` });
    });
    if (k.server && k.service) ctx.addIssue({ code: 'custom', path: ['service'], message: 'a server kernel\'s implementations are the servers: it takes no "service" helper' });
    if (k.projection && !k.metrics.some((m) => m.id === 'throughput' && m.work === k.projection!.work)) {
      ctx.addIssue({ code: 'custom', path: ['projection', 'work'], message: `a projection needs a throughput metric counting "${k.projection.work}"` });
    }
    if (k.service && k.helperServer) ctx.addIssue({ code: 'custom', path: ['helperServer'], message: 'a client kernel has one fixed server: expected "service" or "helperServer", not both' });
    if (k.server && k.helperServer) ctx.addIssue({ code: 'custom', path: ['helperServer'], message: 'a server kernel measures its own servers: expected no "helperServer"' });
    if (k.helperServer && k.implementations.some((i) => i.id === k.helperServer!.program.id)) {
      ctx.addIssue({ code: 'custom', path: ['helperServer', 'program', 'id'], message: `expected an id no implementation has, got "${k.helperServer.program.id}"` });
    }
    if (k.server) {
      for (const name of pathPlaceholders(k.server.path)) {
        const p = k.params.find((q) => q.name === name);
        if (!p) ctx.addIssue({ code: 'custom', path: ['server', 'path'], message: `expected {name} placeholders that name a parameter (${names.length ? names.join(', ') : 'this kernel has none'}), got "{${name}}"` });
        else if (p.type !== 'enum' && p.type !== 'string') ctx.addIssue({ code: 'custom', path: ['server', 'path'], message: `expected {${name}} to name an enum or string parameter, got one of type ${p.type}` });
      }
      if (k.checksum.kind !== 'digest') ctx.addIssue({ code: 'custom', path: ['checksum', 'kind'], message: 'a server kernel\'s answers are compared by SHA-256: expected "digest"' });
      k.implementations.forEach((impl, n) => {
        if (impl.extrapolate) ctx.addIssue({ code: 'custom', path: ['implementations', n, 'extrapolate'], message: 'a server implementation cannot be extrapolated: it is measured under load at the kernel\'s own size' });
      });
    }
    k.params.forEach((p, n) => {
      if (p.type === 'enum' && !p.values) ctx.addIssue({ code: 'custom', path: ['params', n, 'values'], message: 'an enum parameter needs "values"' });
      if (p.type !== 'enum' && p.values) ctx.addIssue({ code: 'custom', path: ['params', n, 'values'], message: `only an enum parameter takes "values" (this one is ${p.type})` });
      if ((p.type === 'string' || p.type === 'enum') && (p.min !== undefined || p.max !== undefined)) ctx.addIssue({ code: 'custom', path: ['params', n, 'min'], message: `a ${p.type} parameter takes no bounds` });
    });
    const dupParam = names.find((id, n) => names.indexOf(id) !== n);
    if (dupParam) ctx.addIssue({ code: 'custom', path: ['params'], message: `duplicate parameter "${dupParam}"` });
    const given = Object.keys(k.workload).sort();
    if (given.join() !== [...names].sort().join()) {
      ctx.addIssue({ code: 'custom', path: ['workload'], message: `expected exactly the params [${names.join(', ')}], got [${given.join(', ')}]` });
    } else {
      for (const p of k.params) {
        const r = resolveParam(paramSpec(p), k.workload[p.name]);
        if (!r.ok) ctx.addIssue({ code: 'custom', path: ['workload', p.name], message: `expected ${r.expected} (parameter "${p.name}" is ${p.type})` });
      }
    }
    k.metrics.forEach((m, n) => {
      if (m.id === 'throughput' && !m.work) ctx.addIssue({ code: 'custom', path: ['metrics', n, 'work'], message: `throughput needs "work": which reported amount it counts (one of ${WORK_KEYS.join(', ')})` });
      if (m.id !== 'throughput' && m.work) ctx.addIssue({ code: 'custom', path: ['metrics', n, 'work'], message: 'only throughput takes "work"' });
    });
    const mids = k.metrics.map((m) => m.id);
    const dupMetric = mids.find((id, n) => mids.indexOf(id) !== n);
    if (dupMetric) ctx.addIssue({ code: 'custom', path: ['metrics'], message: `duplicate metric "${dupMetric}"` });
    const vids = k.variants.map((v) => v.id);
    const dupVariant = vids.find((id, n) => vids.indexOf(id) !== n);
    if (dupVariant) ctx.addIssue({ code: 'custom', path: ['variants'], message: `duplicate variant id "${dupVariant}"` });
    k.variants.forEach((v, n) => {
      if (Object.keys(v.workload).length === 0) ctx.addIssue({ code: 'custom', path: ['variants', n, 'workload'], message: 'expected at least one parameter that differs from the main workload' });
      for (const [name, value] of Object.entries(v.workload)) {
        const p = k.params.find((q) => q.name === name);
        if (!p) { ctx.addIssue({ code: 'custom', path: ['variants', n, 'workload', name], message: `expected one of the params [${names.join(', ')}], got "${name}"` }); continue; }
        const r = resolveParam(paramSpec(p), value);
        if (!r.ok) ctx.addIssue({ code: 'custom', path: ['variants', n, 'workload', name], message: `expected ${r.expected} (parameter "${name}" is ${p.type})` });
      }
      const implIds = k.implementations.map((i) => i.id);
      v.implementations?.forEach((id, m) => {
        if (!implIds.includes(id)) ctx.addIssue({ code: 'custom', path: ['variants', n, 'implementations', m], message: `expected one of the kernel's implementations [${implIds.join(', ')}], got "${id}"` });
        else if (v.implementations!.indexOf(id) !== m) ctx.addIssue({ code: 'custom', path: ['variants', n, 'implementations', m], message: `"${id}" is listed twice` });
      });
      if (v.implementations && !v.implementations.includes(k.reference)) {
        ctx.addIssue({ code: 'custom', path: ['variants', n, 'implementations'], message: `expected the reference "${k.reference}" among them: the others' checksums are checked against it` });
      }
    });
    const ids = k.implementations.map((i) => i.id);
    const dup = ids.find((id, n) => ids.indexOf(id) !== n);
    if (dup) ctx.addIssue({ code: 'custom', path: ['implementations'], message: `duplicate implementation id "${dup}"` });
    if (!ids.includes(k.reference)) {
      ctx.addIssue({ code: 'custom', path: ['reference'], message: `expected one of [${ids.join(', ')}], got "${k.reference}"` });
    }
    k.implementations.forEach((impl, n) => {
      const x = impl.extrapolate;
      if (!x) return;
      const p = k.params.find((q) => q.name === x.param);
      if (!p) ctx.addIssue({ code: 'custom', path: ['implementations', n, 'extrapolate', 'param'], message: `expected one of [${names.join(', ')}], got "${x.param}"` });
      else if (p.type !== 'integer' && p.type !== 'size') ctx.addIssue({ code: 'custom', path: ['implementations', n, 'extrapolate', 'param'], message: `expected an integer or size parameter, got "${x.param}" (${p.type})` });
      if (impl.id === k.reference) ctx.addIssue({ code: 'custom', path: ['implementations', n, 'extrapolate'], message: 'the reference implementation cannot be extrapolated: the others are checked against it at full size' });
    });
    if (k.dataset || k.variants.some((v) => v.dataset)) {
      k.implementations.forEach((impl, n) => {
        if (impl.extrapolate) ctx.addIssue({ code: 'custom', path: ['implementations', n, 'extrapolate'], message: 'a kernel with a data set cannot extrapolate: the data set is made for the profile\'s parameters' });
      });
    }
    if (k.suite) {
      const pids = k.suite.parts.map((p) => p.id);
      const dupPart = pids.find((id, n) => pids.indexOf(id) !== n);
      if (dupPart) ctx.addIssue({ code: 'custom', path: ['suite', 'parts'], message: `duplicate part id "${dupPart}"` });
      if (k.server) ctx.addIssue({ code: 'custom', path: ['suite'], message: 'a server kernel is measured by a load generator: it cannot be a suite' });
      k.implementations.forEach((impl, n) => {
        if (impl.extrapolate) ctx.addIssue({ code: 'custom', path: ['implementations', n, 'extrapolate'], message: 'a suite\'s parts cannot be extrapolated: every implementation runs the same pass' });
      });
    }
    if (k.pairing) {
      const ids = new Set(k.implementations.map((i) => i.id));
      const seen = new Set<string>();
      k.pairing.groups.forEach((g, n) => g.forEach((id, m) => {
        if (!ids.has(id)) ctx.addIssue({ code: 'custom', path: ['pairing', 'groups', n, m], message: `expected an implementation id of this kernel, got "${id}"` });
        else if (seen.has(id)) ctx.addIssue({ code: 'custom', path: ['pairing', 'groups', n, m], message: `"${id}" is already in another group: an implementation runs in one group at most` });
        seen.add(id);
      }));
      (k.pairing.noisePairs ?? []).forEach((np, n) => {
        if (!k.pairing!.groups.some((g) => g.includes(np[0]) && g.includes(np[1]))) ctx.addIssue({ code: 'custom', path: ['pairing', 'noisePairs', n], message: `expected two implementations of one group, got "${np[0]}" and "${np[1]}"` });
      });
      if (k.server || k.helperServer) ctx.addIssue({ code: 'custom', path: ['pairing'], message: 'a server or client kernel has its own CPU placement: it cannot be paired' });
      if (k.pairing.rounds?.full !== undefined && (k.fullProtocol?.rounds !== undefined || k.variants.some((v) => v.fullProtocol?.rounds !== undefined))) {
        ctx.addIssue({ code: 'custom', path: ['fullProtocol', 'rounds'], message: 'expected the full profile\'s rounds in one place: "pairing.rounds.full" is set' });
      }
    }
    if (k.server && (k.fullProtocol || k.variants.some((v) => v.fullProtocol))) ctx.addIssue({ code: 'custom', path: ['fullProtocol'], message: 'a server kernel is measured by a load generator in one round: it takes no "fullProtocol"' });
    if (k.dataset?.package && !k.pythonLock) ctx.addIssue({ code: 'custom', path: ['dataset', 'package'], message: 'a packaged data set comes from the kernel\'s own environment: add "pythonLock"' });
    k.variants.forEach((v, n) => {
      if (v.dataset?.package && !k.pythonLock) ctx.addIssue({ code: 'custom', path: ['variants', n, 'dataset', 'package'], message: 'a packaged data set comes from the kernel\'s own environment: add "pythonLock"' });
    });
  });

/**
 * Upgrades a version 1 kernel.yaml (implementations named a `language`, parameters were positive
 * integers) to version 2. Anything else passes through unchanged for the schema to judge.
 */
export function upgradeKernelV1(raw: unknown): unknown {
  if (typeof raw !== 'object' || raw === null || (raw as { schemaVersion?: unknown }).schemaVersion !== 1) return raw;
  const k = raw as Record<string, unknown>;
  const impls = Array.isArray(k.implementations)
    ? k.implementations.map((i) => {
        if (typeof i !== 'object' || i === null || !('language' in i) || 'runtime' in i) return i;
        const { language, ...rest } = i as Record<string, unknown>;
        return { ...rest, runtime: language };
      })
    : k.implementations;
  // Version 1 named a smaller quick workload; the workload the claims name is the full one.
  const { profiles, ...restK } = k as { profiles?: unknown } & Record<string, unknown>;
  const full = typeof profiles === 'object' && profiles !== null ? (profiles as { full?: unknown }).full : undefined;
  return { ...restK, ...(full !== undefined && !('workload' in k) ? { workload: full } : profiles !== undefined ? { profiles } : {}), schemaVersion: KERNEL_FORMAT_VERSION, implementations: impls };
}

/** What a server kernel measures when its kernel.yaml declares no metrics. */
export const SERVER_DEFAULT_METRICS = [{ id: 'requests-per-second' }, { id: 'latency-p50' }, { id: 'latency-p99' }, { id: 'peak-memory' }] as const;

/** A server kernel without declared metrics measures the load metrics (not time per operation). */
function serverMetricDefaults(raw: unknown): unknown {
  if (typeof raw !== 'object' || raw === null || !('server' in raw) || 'metrics' in raw) return raw;
  return { ...raw, metrics: SERVER_DEFAULT_METRICS.map((m) => ({ ...m })) };
}

/** A kernel.yaml of format version 2, or version 1 (upgraded on reading). */
export const Kernel = z.preprocess((raw) => serverMetricDefaults(upgradeKernelV1(raw)), KernelV2);
export type Kernel = z.infer<typeof KernelV2>;

/** The workload's parameter values, resolved to what programs receive (sizes in bytes). */
export function workloadParams(kernel: Pick<Kernel, 'params' | 'workload'>): Record<string, ParamValue> {
  const out: Record<string, ParamValue> = {};
  for (const p of kernel.params) {
    const r = resolveParam(paramSpec(p), kernel.workload[p.name]);
    if (!r.ok) throw new Error(`workload.${p.name}: expected ${r.expected}`);
    out[p.name] = r.value;
  }
  return out;
}

/**
 * The kernel as its variant `variantId` measures it: the main workload with the variant's
 * overrides, only the variant's implementations when it lists them, and its data set when it has one.
 */
export function variantKernel(kernel: Kernel, variantId: string): Kernel {
  const v = kernel.variants.find((x) => x.id === variantId);
  if (!v) throw new Error(`kernel ${kernel.id} has no variant "${variantId}" (has: ${kernel.variants.map((x) => x.id).join(', ') || 'none'})`);
  const implementations = v.implementations ? kernel.implementations.filter((i) => v.implementations!.includes(i.id)) : kernel.implementations;
  const fullProtocol = v.fullProtocol ?? kernel.fullProtocol;
  return { ...kernel, workload: { ...kernel.workload, ...v.workload }, implementations, dataset: v.dataset ?? kernel.dataset, ...(fullProtocol ? { fullProtocol } : {}) };
}

/**
 * The parameter values a profile measures: the workload, in every profile (profiles differ only in
 * time budget and sample counts).
 */
export function profileParams(kernel: Pick<Kernel, 'params' | 'workload'>, _profile: Profile): Record<string, ParamValue> {
  return workloadParams(kernel);
}

/** The one JSON line every implementation prints on stdout. */
export const ImplOutput = z.strictObject({
  impl: z.string(),
  params: z.record(z.string(), z.union([z.number(), z.string()])),
  /** A number, or a lowercase hex digest. */
  checksum: z.union([z.number(), z.string().regex(/^[0-9a-f]+$/, 'a lowercase hex digest')]),
  samplesNs: z.array(z.number().positive()).min(1),
  threads: z.number().int().positive(),
  peakRssKiB: z.number().nonnegative(),
  /** The work of ONE sample (for throughput metrics). */
  work: z.partialRecord(z.enum(WORK_KEYS), z.number().nonnegative()).optional(),
  /** A suite kernel's per-part times: part id -> one time per sample, in order (they sum to the sample). */
  parts: z.record(z.string(), z.array(z.number().positive())).optional(),
});
export type ImplOutput = z.infer<typeof ImplOutput>;
