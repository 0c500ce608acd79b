import { z } from 'zod';
import { Slug } from './common.ts';
import { PROFILES } from './kernel.ts';
import { WORK_KEYS } from '../metrics.ts';
import { HelperUsage, LoadResult } from './server.ts';

export const STATUSES = ['ok', 'failed', 'timeout', 'wrong-result', 'skipped'] as const;
export type Status = (typeof STATUSES)[number];

/**
 * The persisted-format version of run files (content/runs/<machine>/[quick/]<kernel>.json and their
 * history). Older versions are read through src/lib/migrate.ts; `npm run migrate` rewrites them.
 */
export const RUN_SCHEMA_VERSION = 2 as const;

/** The CPU's identity as /proc/cpuinfo reports it (see src/lib/machine.ts). */
export const CpuIdentity = z.strictObject({
  /** x86: vendor_id (GenuineIntel, AuthenticAMD); ARM: the implementer (ARM, Ampere, 0x..). */
  vendor: z.string().min(1),
  /** x86: cpu family; ARM: CPU architecture. */
  family: z.number().int().min(0).nullable(),
  /** x86: model; ARM: CPU part. */
  model: z.number().int().min(0).nullable(),
  /** x86: stepping; ARM: variant * 16 + revision. */
  stepping: z.number().int().min(0).nullable(),
});
export type CpuIdentity = z.infer<typeof CpuIdentity>;

/** What identifies the machine a run was taken on. */
export const Machine = z.strictObject({
  /**
   * Folder name under content/runs, or set by --machine: from architecture, CPU model (with family,
   * model and stepping when the model string is generic), logical CPUs and memory class; not from the
   * kernel release (src/lib/machine.ts). Runs from before schema 2 keep the id they were written with.
   */
  id: Slug,
  /** The CPU's model name as the operating system reports it ("AMD EPYC 9B45"). */
  cpuModel: z.string(),
  /** Vendor, family, model, stepping; null in runs from before schema 2 (not recorded then). */
  cpu: CpuIdentity.nullable().default(null),
  /** The instruction set architecture (x64, arm64). */
  arch: z.string(),
  /** Logical CPUs available to the harness. */
  cores: z.number().int().positive(),
  /** SIMD extensions the CPU reports (avx2, avx512f, neon, ...). */
  simd: z.array(z.string()),
  /** Installed memory. */
  memoryBytes: z.number().int().positive(),
  /** The operating system and its version ("Debian GNU/Linux 12 (bookworm)"). */
  os: z.string(),
  /** The OS kernel release; a new release on the same CPU re-measures but stays the same machine. */
  kernelRelease: z.string(),
  /** The GPU, when the machine has one; null otherwise. */
  gpu: z.strictObject({
    /** The GPU's model name as the driver reports it. */
    model: z.string(),
    /** The driver version. */
    driver: z.string(),
    /** The GPU's memory. */
    memoryMiB: z.number().optional(),
  }).nullable(),
  /**
   * The clock /proc/cpuinfo reports ("cpu MHz" of the first CPU) when the run started: in a VM
   * usually the nominal base clock, not the boost clock the cores may run at. Optional: older runs
   * lack it, and it is not part of a result's inputs (it fluctuates on machines that scale it).
   */
  cpuMHz: z.number().positive().optional(),
});
export type Machine = z.infer<typeof Machine>;

export const Toolchain = z.strictObject({
  /** Version string as the tool reports it, or null when missing. */
  version: z.string().nullable(),
  /** Why it is missing and how to get it. */
  missing: z.string().optional(),
  /**
   * How it was built, when the harness can read it: for the CPython builds of npm run
   * setup:free-threaded, their BUILD-INFO's optimisation, compiler flags and source.
   */
  build: z.string().optional(),
});
export type Toolchain = z.infer<typeof Toolchain>;

/** A duration in nanoseconds: a measured time is never zero or negative. */
const Nanoseconds = z.number().positive();

export const Summary = z.strictObject({
  /** Number of timed samples summarised. */
  n: z.number().int().positive(),
  /** Median time of one sample. */
  medianNs: Nanoseconds,
  /** First quartile of the sample times. */
  q1Ns: Nanoseconds,
  /** Third quartile of the sample times. */
  q3Ns: Nanoseconds,
  /** Median absolute deviation of the sample times from their median. */
  madNs: z.number().nonnegative(),
  /** Fastest sample. */
  minNs: Nanoseconds,
  /** Slowest sample. */
  maxNs: Nanoseconds,
});
export type Summary = z.infer<typeof Summary>;

export const ImplResult = z.strictObject({
  /** The implementation's id in the kernel's kernel.yaml. */
  id: Slug,
  /** ok, or why it has no measurement: failed (build or run), timeout, wrong-result (checksum differs from the reference's), skipped (toolchain or CPU feature missing). */
  status: z.enum(STATUSES),
  /** Why it was skipped, failed or judged wrong. */
  reason: z.string().optional(),
  /** Every timed sample in nanoseconds, in the order taken. */
  samplesNs: z.array(Nanoseconds).default([]),
  /** Statistics of samplesNs; null when there are none. */
  summary: Summary.nullable().default(null),
  /** A number, or a lowercase hex digest (kernels whose checksum kind is digest). */
  checksum: z.union([z.number(), z.string()]).nullable().default(null),
  /** Threads the program reported using. */
  threads: z.number().int().positive().nullable().default(null),
  /** The process's peak resident memory (VmHWM). */
  peakRssKiB: z.number().nonnegative().nullable().default(null),
  /** How it was built and run, for reproduction. */
  build: z.array(z.string()).nullable().default(null),
  /** The command that ran it (after WARMUP and SAMPLES come the kernel's parameters). */
  run: z.array(z.string()).nullable().default(null),
  /** Samples each process contributed, in order (they sum to samplesNs.length). */
  samplesPerProcess: z.array(z.number().int().positive()).default([]),
  /** Thread-count variables the harness set for it (CLAIMBENCH_THREADS, OMP_NUM_THREADS, ...). */
  threadEnv: z.record(z.string(), z.string()).default({}),
  /**
   * Variables the harness removed from the environment this implementation inherited (NumPy's
   * OpenBLAS overrides, OPENBLAS_CORETYPE and OPENBLAS_L2_SIZE, so that it runs its kernel for this
   * CPU). Absent: none removed.
   */
  envUnset: z.array(z.string()).optional(),
  /**
   * Set when it ran at a smaller size than the profile's and its times were scaled up by the
   * kernel's complexity: the parameters it ran with and the factor its samples were multiplied by.
   */
  extrapolated: z.strictObject({
    /** The smaller parameters it actually ran with. */
    ranWith: z.record(z.string(), z.union([z.number(), z.string()])),
    /** What its times were multiplied by to stand for the workload ((workload / ran with)^exponent). */
    factor: z.number().positive(),
  }).nullable().default(null),
  /** The end of the program's standard error, kept for a failed result. */
  stderrTail: z.string().optional(),
  /** The work of one sample as the program reported it (bytes, items, ...), for throughput. */
  work: z.partialRecord(z.enum(WORK_KEYS), z.number().nonnegative()).optional(),
  /**
   * A suite kernel's per-part times (kernel.yaml `suite`): part id -> one time per sample, aligned
   * with samplesNs (each sample is the sum of its parts). Absent for other kernels.
   */
  parts: z.record(z.string(), z.array(Nanoseconds)).optional(),
  /** The id of the harness session (see Run.sessions) that measured it. */
  session: z.string().min(1),
  /** A server kernel's implementation: how it was driven by the load generator and what it sustained. */
  load: LoadResult.optional(),
  /** A client kernel's implementation (kernel.yaml helperServer): how busy the fixed server was meanwhile. */
  helperServer: HelperUsage.optional(),
});
export type ImplResult = z.infer<typeof ImplResult>;
/** An implementation's result before the harness assigns it to its session. */
export type ImplOutcome = Omit<ImplResult, 'session'>;

export const WARNING_CODES = [
  'few-samples', 'high-spread', 'first-sample-outlier', 'timer-resolution', 'drift', 'machine-load', 'unverified-checksum', 'blas-kernel',
  'mixed-sessions',
] as const;

export const Warning = z.strictObject({
  /** The kind of problem (few-samples, high-spread, machine-load, ...). */
  code: z.enum(WARNING_CODES),
  /** The implementation it concerns; absent for the whole run. */
  impl: z.string().optional(),
  /** What was seen, with its numbers. */
  message: z.string(),
  /** What would remove it. */
  fix: z.string(),
});
export type Warning = z.infer<typeof Warning>;

/**
 * One harness invocation that measured some of a run's implementations. A run measured with
 * `--impl`/`--claim` merges the new results into the file; each implementation names its session,
 * and a run whose sessions had different fingerprints carries a `mixed-sessions` warning.
 */
export const Session = z.strictObject({
  /** Its start time (ISO), which the implementations' `session` fields name. */
  id: z.string().min(1),
  /** When the session started (ISO 8601, UTC). */
  startedAt: z.iso.datetime(),
  /** When it finished (ISO 8601, UTC). */
  finishedAt: z.iso.datetime(),
  /** The machine it ran on (the same machine id as the run's). */
  machine: Machine,
  /** The toolchain versions it used, by toolchain name. */
  toolchains: z.record(z.string(), Toolchain),
});
export type Session = z.infer<typeof Session>;

/** A run measured by the fleet workflow (.github/workflows/fleet.yml) on one of its runners. */
export const RunSource = z.strictObject({
  /** Always "ci": the run came from the fleet workflow. */
  kind: z.literal('ci'),
  /** The runner label the workflow picked (runs-on). */
  runnerLabel: z.string().regex(/^[A-Za-z0-9._-]+$/),
  /** The runner's name as GitHub Actions reports it (RUNNER_NAME). */
  runnerName: z.string().min(1).max(200),
  /** The workflow run's number on the CI service. */
  workflowRunId: z.string().regex(/^\d+$/),
  /** https://github.com/<owner>/<repo>/actions/runs/<id> */
  workflowRunUrl: z.url({ protocol: /^https$/ }),
  /** The commit the runner measured (40 hex). */
  commit: z.string().regex(/^[0-9a-f]{40}$/),
});
export type RunSource = z.infer<typeof RunSource>;

/**
 * `content/runs/<machine>/<kernel>.json` (full profile) or `content/runs/<machine>/quick/<kernel>.json`
 * (quick profile): one kernel measured on one machine. A quick run never replaces a full one.
 */
export const Run = z.strictObject({
  /** The run file format version: 2 (version 1 files are migrated by npm run migrate). */
  schemaVersion: z.literal(RUN_SCHEMA_VERSION),
  /** The kernel measured: a folder under harness/kernels. */
  kernel: Slug,
  /** Set for a run of one of the kernel's variants (kernel.yaml `variants`), stored apart from the main run. */
  variant: Slug.optional(),
  /** The machine measured on; its id is the folder the run file lives in. */
  machine: Machine,
  /** The toolchain versions found, by toolchain name (a missing one says why). */
  toolchains: z.record(z.string(), Toolchain),
  /** sha256 over the kernel folder's files. */
  kernelHash: z.string().regex(/^[0-9a-f]{64}$/),
  /** sha256 over everything that decides whether a result may be reused. */
  inputsHash: z.string().regex(/^[0-9a-f]{64}$/),
  /** The harness's measuring-method version; a result of an older epoch is measured again. */
  harnessEpoch: z.number().int(),
  /** quick (what npm run build measures) or full (the published profile): they differ in budget and samples only. */
  profile: z.enum(PROFILES),
  /** Parameter values as the programs received them (sizes in bytes). */
  params: z.record(z.string(), z.union([z.number(), z.string()])),
  /** The kernel's data set as the implementations read it: file name, size and sha256. */
  /** The data set the implementations read, when the kernel has one. */
  dataset: z.strictObject({
    /** Its file name, from kernel.yaml. */
    name: z.string(),
    /** Its size. */
    bytes: z.number().int().nonnegative(),
    /** The SHA-256 of its contents, lowercase hex. */
    sha256: z.string().regex(/^[0-9a-f]{64}$/),
  }).optional(),
  /** When the run started (ISO 8601, UTC). */
  startedAt: z.iso.datetime(),
  /** When it finished (ISO 8601, UTC). */
  finishedAt: z.iso.datetime(),
  /** How the samples were taken. */
  protocol: z.strictObject({
    /** Rounds of processes, each round running every implementation once. */
    rounds: z.number().int().positive(),
    /** Untimed runs of the work at the start of each process. */
    warmupPerProcess: z.number().int().min(0),
    /** Server kernels: one server at a time, the reference first (its answer defines the correct one). */
    order: z.enum(['interleaved, shuffled per round', 'reference first, then kernel order', 'interleaved, groups back to back in alternating order (ABBA)']),
    /** Paired kernels: the groups run back to back (process n of one member was paired with process n of another). */
    groups: z.array(z.array(z.string().min(1))).optional(),
    /** Paired kernels: the A/A pairs whose paired intervals are the run's noise floors (for their groups; the first for the rest). */
    noisePairs: z.array(z.tuple([z.string().min(1), z.string().min(1)])).optional(),
    /** Paired kernels: the CPU every grouped process was pinned to (taskset), or null when not pinned. */
    pinnedCpu: z.number().int().min(0).nullable().optional(),
    /** Fewest samples per implementation asked for (absent in older files: the profile's, src/lib/protocol.ts). */
    minSamples: z.number().int().positive().optional(),
    /** Seconds of timed samples wanted per implementation (absent in older files: the profile's or the kernel's budgetSeconds). */
    budgetSeconds: z.number().positive().optional(),
    /** Set when the kernel (or variant) used its own full-profile protocol (kernel.yaml fullProtocol): its reason. */
    ownProtocol: z.string().min(1).optional(),
  }),
  /** One result per implementation of the kernel, in kernel order. */
  implementations: z.array(ImplResult),
  /** The harness sessions whose results the file holds, oldest first. */
  sessions: z.array(Session).min(1),
  /** Conditions the results were taken under. */
  provenance: z
    .strictObject({
      /** 1-minute load average when the run started and when it finished. */
      loadAverage: z.strictObject({
        /** The one-minute load average when the run started. */
        start: z.number(),
        /** The one-minute load average when it ended. */
        end: z.number(),
      }),
      /**
       * CPU use of other programs in about a second just before the kernel was measured, from two
       * readings of /proc/stat with the harness's own use taken off; machine-load is judged from it.
       * Absent in older files and where /proc/stat cannot be read (not Linux): the load average judges.
       */
      cpuBefore: z
        .strictObject({
          /** CPUs kept busy by other programs (user, nice, system, irq, softirq time less the harness's own), from 0 to the machine's logical CPUs. */
          busyCpus: z.number().min(0),
          /** CPUs' worth of time other virtual machines on the host took from this one (steal). */
          stealCpus: z.number().min(0),
          /** Length of the sampled interval. */
          sampledMs: z.number().positive(),
        })
        .optional(),
      /** CPUs the harness was allowed to run on (Cpus_allowed_list), when restricted or readable. */
      cpuAffinity: z.string().nullable(),
      /** threadpoolctl's view of NumPy's BLAS/OpenMP pools, as the serial implementations see them. */
      blas: z.array(z.record(z.string(), z.unknown())).nullable(),
      /** Whether the Python interpreter runs with the GIL. */
      pythonGil: z.boolean().nullable(),
    })
    .nullable()
    .default(null),
  /** What the harness noticed that may make a result less trustworthy, each with its fix. */
  warnings: z.array(Warning).default([]),
  /**
   * Where the run came from, when the project's CI measured it: the fleet workflow's runner and run
   * (set by scripts/merge-runs.ts from the artifact's manifest). Absent: contributed by hand (the
   * site names the commit that added the file).
   */
  source: RunSource.optional(),
});
export type Run = z.infer<typeof Run>;
