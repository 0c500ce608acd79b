/**
 * Runs one kernel on this machine: skip what has no toolchain, build what needs building, measure
 * the rest interleaved, cross-check checksums, and write the result file atomically. A result whose
 * inputs have not changed is reused unless `fresh` is set.
 */
import { join, relative } from 'node:path';
import { profileParams, variantKernel, type Implementation, type Kernel, type Profile } from '../../src/lib/schema/kernel.ts';
import type { ParamValue } from '../../src/lib/params.ts';
import { RUNTIMES } from '../../src/lib/runtimes.ts';
import type { ImplOutcome, Machine, Run, Toolchain } from '../../src/lib/schema/run.ts';
import { RUN_SCHEMA_VERSION } from '../../src/lib/schema/run.ts';
import { mergeRun } from '../../src/lib/runs.ts';
import { summarize } from '../../src/lib/stats.ts';
import type { Clock, FileSystem, Logger, ProcessRunner } from './effects.ts';
import { buildEnvUnsetFor, invocationFor, threadEnv, type BuildPurpose, type Invocation } from './commands.ts';
import { loadToolsMissing, missingReason, type ToolPaths } from './toolchains.ts';
import { measure, interpretOutput, checksumMatches, type Progress, type Runnable } from './measure.ts';
import { envUnsetFor } from './blas-env.ts';
import { detectWarnings } from '../../src/lib/warnings.ts';
import type { CpuBusy, CpuSample } from '../../src/lib/cpu-busy.ts';
import { HARNESS_EPOCH, PROTOCOLS, protocolFor } from '../../src/lib/protocol.ts';
import { DATASET_ENV, datasetToolchains, prepareDataset, type DatasetRecord } from './dataset.ts';
import { inputsHash, kernelHash, readExisting, runPath, sha256, variantRunPath, VARIANTS_DIR } from './results.ts';
import { protocolHelperFiles } from '../../src/lib/protocol-helpers.ts';
import { kernelHelperFiles } from '../../src/lib/kernel-hash.ts';
import { parseCpuList, pickCpus } from '../../src/lib/load-generator.ts';
import type { ServerEffects } from './server-effects.ts';
import { measureServerKernel } from './server.ts';
import { serviceToolchains, startService, type RunningService } from './service.ts';
import { realHelperEffects, withHelperServer, type HelperEffects } from './helper-server.ts';
import { paramArgument } from '../../src/lib/params.ts';

export interface HarnessDeps {
  proc: ProcessRunner;
  fs: FileSystem;
  clock: Clock;
  log: Logger;
  root: string;
  tools: ToolPaths;
  seed: number;
  /** 1-minute load average of the machine. */
  loadAverage: () => number;
  /**
   * Samples other programs' CPU use over about a second, called before each kernel is measured
   * (effects.ts procStatCpuSampler). Absent: not sampled, and machine-load is judged by the load average.
   */
  sampleCpu?: () => Promise<CpuSample>;
  onProgress?: (p: Progress) => void;
  /** Background processes, HTTP and ports: needed by server kernels only. */
  server?: ServerEffects;
  /** The same plus a process's CPU time: needed by client kernels (helperServer) only; default: from `server`. */
  helper?: HelperEffects;
}

export interface KernelRunOptions {
  kernel: Kernel;
  machine: Machine;
  toolchains: Record<string, Toolchain>;
  profile: Profile;
  fresh: boolean;
  /** Only these implementations (the others are recorded as skipped). */
  only?: readonly string[];
  /** Measure this variant of the kernel (kernel.yaml `variants`) instead of its main workload. */
  variant?: string;
  /** The machine's load average before the harness started any work (default: read now). */
  loadBefore?: number;
  /** Conditions probed once per harness run (CPU affinity, BLAS pools, GIL). */
  provenance?: { cpuAffinity: string | null; blas: Array<Record<string, unknown>> | null; pythonGil: boolean | null };
}


const tail = (s: string) => (s.length > 2000 ? `…${s.slice(-2000)}` : s);

/**
 * Runs a build unless its output is up to date. `cache` names the output and what it is built from;
 * null leaves caching to the tool (cargo).
 */
async function buildOne(deps: HarnessDeps, argv: string[], env: Record<string, string>, envUnset: readonly string[], cache: { output: string; inputs: string[] } | null): Promise<string | null> {
  const stamp = sha256([argv.join(' '), ...(cache?.inputs ?? [])]);
  const stampPath = cache ? `${cache.output}.stamp` : null;
  if (cache && stampPath && deps.fs.exists(stampPath) && deps.fs.exists(cache.output) && (await deps.fs.readText(stampPath)) === stamp) return null;
  const [cmd, ...args] = argv;
  const r = await deps.proc.run(cmd!, args, { cwd: deps.root, env, envUnset, timeoutMs: 600_000 });
  if (r.exitCode !== 0 || r.timedOut || r.spawnError) {
    return `build failed (${r.spawnError ?? (r.timedOut ? 'timed out' : `exit ${r.exitCode}`)}): ${tail(r.stderr || r.stdout)}`;
  }
  if (stampPath) await deps.fs.writeAtomic(stampPath, stamp);
  return null;
}


/**
 * Builds one implementation unless its output is up to date (cached by its sources, command and
 * toolchain versions; cargo caches its own). Returns how it is run, and the build error if any.
 * The harness measures only the default 'measure' builds; tests may ask for 'check' builds.
 */
export async function buildImplementation(kernel: Kernel, impl: Implementation, toolchains: Record<string, Toolchain>, deps: HarnessDeps, purpose: BuildPurpose = 'measure'): Promise<{ inv: Invocation; error: string | null }> {
  const inv = invocationFor(kernel, impl, deps.tools, purpose);
  if (!inv.build) return { inv, error: null };
  deps.log.info(`${kernel.id}/${impl.id}: building`);
  await deps.fs.mkdirp(join(deps.root, '.cache/build', kernel.id));
  const kernelDir = join(deps.root, 'harness/kernels', kernel.id);
  // Its source, and headers of the kernel folder that sources may include.
  const srcFiles = (await deps.fs.listFiles(kernelDir)).filter((f) => f === impl.source || f.startsWith(`${impl.source}/`) || /\.(h|hpp)$/.test(f));
  // The protocol helper is compiled into the program, so it is part of the cache key.
  const helperFiles = protocolHelperFiles(RUNTIMES[impl.runtime].language);
  const contents = await Promise.all([
    ...srcFiles.map((f) => deps.fs.readText(join(kernelDir, f))),
    ...helperFiles.map(async (f) => `${f}\0${await deps.fs.readText(join(deps.root, f))}`),
  ]);
  const versions = JSON.stringify(Object.entries(toolchains).map(([k, t]) => [k, t.version]).sort());
  const cache = inv.toolCachesBuild ? null : { output: join(deps.root, inv.run[0]!), inputs: [versions, ...contents] };
  return { inv, error: await buildOne(deps, inv.build, inv.buildEnv, buildEnvUnsetFor(inv, process.env), cache) };
}

/** Why this CPU cannot run an implementation (features it lacks), or null. */
export function missingCpuFeatures(impl: Pick<Implementation, 'requiresCpu'>, machine: Pick<Machine, 'simd'>): string | null {
  const lacking = impl.requiresCpu.filter((f) => !machine.simd.includes(f));
  return lacking.length > 0 ? `needs CPU feature${lacking.length > 1 ? 's' : ''} ${lacking.join(', ')}, which this CPU lacks` : null;
}

export async function runKernel(opts: KernelRunOptions, deps: HarnessDeps): Promise<{ run: Run; reused: boolean; path: string }> {
  const { machine, toolchains, profile } = opts;
  // A variant measures the kernel with some parameters changed, full profile only, in a file of its own.
  if (opts.variant !== undefined && profile !== 'full') throw new Error(`kernel variants run in the full profile only (asked: ${profile})`);
  const kernel = opts.variant === undefined ? opts.kernel : variantKernel(opts.kernel, opts.variant);
  const params = profileParams(kernel, profile);
  const kernelDir = join(deps.root, 'harness/kernels', kernel.id);
  const path = opts.variant === undefined ? runPath(deps.root, machine.id, kernel.id, profile) : variantRunPath(deps.root, machine.id, kernel.id, opts.variant);
  const selected = kernel.implementations.filter((i) => !opts.only || opts.only.includes(i.id));
  // The hash of the whole kernel (a variant may measure only some implementations): the loader traces it in git history.
  const kHash = await kernelHash(deps.fs, kernelDir, { root: deps.root, files: kernelHelperFiles([...opts.kernel.implementations, ...(kernel.helperServer ? [kernel.helperServer.program] : [])]) });
  const inputs = inputsHash({ kernelHash: kHash, toolchains, machine, profile, params, implIds: selected.map((i) => i.id) });

  const existing = await readExisting(deps.fs, path, relative(deps.root, path));
  // A full-profile result with otherwise unchanged inputs also answers a quick request (it is the
  // better measurement of the same workload): the quick build then measures nothing.
  const fullPath = runPath(deps.root, machine.id, kernel.id, 'full');
  const full = profile === 'quick' ? await readExisting(deps.fs, fullPath, relative(deps.root, fullPath)) : null;
  const fullInputs = inputsHash({ kernelHash: kHash, toolchains, machine, profile: 'full', params, implIds: selected.map((i) => i.id) });
  if (!opts.fresh && full && full.inputsHash === fullInputs) {
    deps.log.info(`${kernel.id}: the full-profile run of ${full.finishedAt} has the same inputs, reusing ${relative(deps.root, fullPath)} (--fresh re-measures)`);
    return { run: full, reused: true, path: fullPath };
  }
  if (!opts.fresh && existing && existing.inputsHash === inputs) {
    deps.log.info(`${kernel.id}: inputs unchanged since ${existing.finishedAt} (${existing.profile} profile), reusing ${relative(deps.root, path)} (--fresh re-measures)`);
    return { run: existing, reused: true, path };
  }

  const startedAt = deps.clock.now().toISOString();
  const early = new Map<string, ImplOutcome>();
  const runnables: Runnable[] = [];
  const builds = new Map<string, string[] | null>();
  const blank = { samplesNs: [], summary: null, checksum: null, threads: null, peakRssKiB: null, build: null, run: null, samplesPerProcess: [], threadEnv: {}, extrapolated: null };
  // A server kernel needs the load generator and two CPUs: one for the server, one for the load.
  const cpus = kernel.server || kernel.helperServer ? pickCpus(parseCpuList(opts.provenance?.cpuAffinity ?? `0-${machine.cores - 1}`)) : null;
  const serverMissing = kernel.server
    ? (loadToolsMissing(toolchains) ?? (cpus ? null : `a server kernel needs two CPUs (one for the server, one for the load generator); this machine lets the harness use ${opts.provenance?.cpuAffinity ?? machine.cores}`))
    : kernel.helperServer
      ? (toolchains.taskset?.version ? null : `taskset missing: ${toolchains.taskset?.missing ?? 'install util-linux (Debian: apt-get install util-linux), which pins the server and the clients to their CPUs'}`)
        ?? (cpus ? null : `a client kernel needs two CPUs (one for its fixed server, one for the client); this machine lets the harness use ${opts.provenance?.cpuAffinity ?? machine.cores}`)
        ?? (missingReason(kernel.helperServer.program, toolchains, kernel) ? `its fixed server ${kernel.helperServer.program.id} cannot be built here: ${missingReason(kernel.helperServer.program, toolchains, kernel)}` : null)
      : null;
  for (const impl of kernel.implementations) {
    if (!selected.includes(impl)) {
      early.set(impl.id, { ...blank, id: impl.id, status: 'skipped', reason: 'not selected for this run (--impl)' });
      continue;
    }
    const missing = impl.gpu && !machine.gpu ? 'needs a CUDA GPU; this machine has none' : (missingCpuFeatures(impl, machine) ?? missingReason(impl, toolchains, kernel) ?? serverMissing);
    if (missing) {
      early.set(impl.id, { ...blank, id: impl.id, status: 'skipped', reason: missing });
      deps.log.info(`${kernel.id}/${impl.id}: skipped (${missing})`);
      continue;
    }
    const { inv, error } = await buildImplementation(kernel, impl, toolchains, deps);
    builds.set(impl.id, inv.build);
    if (error) {
      early.set(impl.id, { ...blank, id: impl.id, status: 'failed', reason: error.split('\n')[0]!.slice(0, 300), stderrTail: error, build: inv.build });
      deps.log.warn(`${kernel.id}/${impl.id}: ${error.split('\n')[0]}`);
      continue;
    }
    const small = impl.extrapolate ? impl.extrapolate[profile] : undefined;
    const runParams = impl.extrapolate && small !== undefined && small < Number(params[impl.extrapolate.param]) ? { ...params, [impl.extrapolate.param]: small } : undefined;
    // A server is pinned to one CPU, so it gets one thread whatever it could use; so does a client of a helper server.
    runnables.push({ impl, run: inv.run, env: threadEnv(impl, kernel.server || kernel.helperServer ? 1 : machine.cores), envUnset: envUnsetFor(impl), ...(runParams ? { params: runParams } : {}) });
  }

  // A client kernel's fixed server is built like an implementation; when it cannot be, no client runs.
  let helperRun: string[] | null = null;
  if (kernel.helperServer && runnables.length > 0) {
    const { inv, error } = await buildImplementation(kernel, kernel.helperServer.program, toolchains, deps);
    if (error) {
      const reason = `its fixed server ${kernel.helperServer.program.id} did not build: ${error.split('\n')[0]!.slice(0, 240)}`;
      deps.log.warn(`${kernel.id}: ${reason}`);
      for (const r of runnables.splice(0)) early.set(r.impl.id, { ...blank, id: r.impl.id, status: 'failed', reason, stderrTail: error, build: builds.get(r.impl.id) ?? null });
    } else helperRun = inv.run;
  }

  // The data-set step: made (or reused from .cache/datasets) before anything is measured; when it
  // fails, every implementation that would have run is a failed result naming the step.
  let dataset: DatasetRecord | undefined;
  if (kernel.dataset && runnables.length > 0) {
    const missingTool = datasetToolchains(kernel).map((n) => (toolchains[n]?.version ? null : `${n} missing: ${toolchains[n]?.missing ?? 'not detected'}`)).find((x) => x !== null);
    const made = missingTool
      ? { ok: false as const, reason: `data set "${kernel.dataset.name}": cannot be made here (${missingTool})`, stderrTail: '' }
      : await prepareDataset(kernel, params, deps);
    if (!made.ok) {
      deps.log.warn(`${kernel.id}: ${made.reason}`);
      for (const r of runnables.splice(0)) {
        early.set(r.impl.id, { ...blank, id: r.impl.id, status: 'failed', reason: made.reason.slice(0, 300), ...(made.stderrTail ? { stderrTail: made.stderrTail } : {}), build: builds.get(r.impl.id) ?? null });
      }
    } else {
      dataset = made.record;
      deps.log.info(`${kernel.id}: data set ${made.record.name} (${made.record.bytes} bytes, sha256 ${made.record.sha256.slice(0, 12)}…) ${made.reused ? 'reused from' : 'written to'} ${made.path}`);
      for (const r of runnables) r.env = { ...r.env, [DATASET_ENV]: made.path };
    }
  }

  // What other programs use right before this kernel is measured: the builds and the data set are
  // done and nothing of ours runs yet (a client kernel's service starts below), so the machine's
  // busy time in the sampled second is theirs. Sampled per kernel, so that load starting partway
  // through a long session is seen by the next kernel.
  let cpuBefore: CpuBusy | undefined;
  let cpuUnsampled: string | undefined;
  if (runnables.length > 0 && deps.sampleCpu) {
    const sample = await deps.sampleCpu();
    if (sample.ok) {
      cpuBefore = sample.busy;
      deps.log.info(`${kernel.id}: other programs used ${cpuBefore.busyCpus.toFixed(2)} of ${machine.cores} CPUs (steal ${cpuBefore.stealCpus.toFixed(2)}) in the ${(cpuBefore.sampledMs / 1000).toFixed(1)} s before measuring`);
    } else {
      cpuUnsampled = sample.reason;
      deps.log.info(`${kernel.id}: other programs' CPU use not sampled (${sample.reason}): the machine-load check uses the load average from the session's start`);
    }
  }

  // A client kernel's helper server: started once, before the first round; when it cannot start,
  // every implementation that would have run fails naming it.
  let service: RunningService | null = null;
  if (kernel.service && runnables.length > 0) {
    const missingTool = serviceToolchains(kernel).map((n) => (toolchains[n]?.version ? null : `${n} missing: ${toolchains[n]?.missing ?? 'not detected'}`)).find((x) => x !== null);
    const started = missingTool
      ? { ok: false as const, reason: `service ${kernel.service.source}: cannot be started here (${missingTool})`, stderrTail: '' }
      : await startService(kernel, params, { server: requireServerEffects(deps), log: deps.log, cwd: deps.root, tools: deps.tools });
    if (!started.ok) {
      deps.log.warn(`${kernel.id}: ${started.reason}`);
      for (const r of runnables.splice(0)) {
        early.set(r.impl.id, { ...blank, id: r.impl.id, status: 'failed', reason: started.reason.slice(0, 300), ...(started.stderrTail ? { stderrTail: started.stderrTail } : {}), build: builds.get(r.impl.id) ?? null });
      }
    } else {
      service = started;
      for (const r of runnables) r.env = { ...r.env, ...started.env };
    }
  }

  // A kernel may set its own time budget per profile (kernel.yaml budgetSeconds), its pairing
  // rounds, and its own full-profile rounds and minimum sample count (fullProtocol).
  const { why: ownProtocol, ...settings } = protocolFor(kernel, profile);
  const asked = { minSamples: settings.minSamples, budgetSeconds: settings.budgetSeconds, ...(ownProtocol ? { ownProtocol } : {}) };
  // A paired kernel may pin its groups to one CPU (the last it may use), when taskset is here.
  const pinCpu = kernel.pairing?.pinCpu && toolchains.taskset?.version ? (parseCpuList(opts.provenance?.cpuAffinity ?? `0-${machine.cores - 1}`).at(-1) ?? null) : null;
  if (kernel.pairing?.pinCpu && pinCpu === null) deps.log.warn(`${kernel.id}: pairing.pinCpu is set but taskset is missing (${toolchains.taskset?.missing ?? 'not detected'}): the groups run unpinned`);
  const loadStart = opts.loadBefore ?? deps.loadAverage();
  let measured: ImplOutcome[];
  try {
    measured = kernel.server
    ? await measureServerKernel(
      { kernel: { ...kernel, server: kernel.server }, profile, runnables, params, cpus: cpus!, generatorVersion: toolchains.wrk?.version ?? 'unknown' },
      { proc: deps.proc, server: requireServerEffects(deps), fs: deps.fs, log: deps.log, cwd: deps.root },
    )
    : kernel.helperServer && helperRun
      ? await measureWithHelper(kernel, kernel.helperServer, helperRun, cpus!, runnables, params, settings, deps)
      : await measure(kernel, runnables, params, settings, {
        proc: deps.proc, log: deps.log, cwd: deps.root, seed: deps.seed, monotonicMs: deps.clock.monotonicMs, pinCpu,
        ...(deps.onProgress ? { onProgress: deps.onProgress } : {}),
      });
  } finally {
    const left = service ? await service.stop() : null;
    if (left) deps.log.warn(`${kernel.id}: ${left}`);
  }
  const extrapolated = await Promise.all(measured.map((m, n) => finishExtrapolated(m, runnables[n]!, kernel, params, runnables, deps)));
  const byId = new Map(extrapolated.map((m) => [m.id, { ...m, build: builds.get(m.id) ?? null }]));
  const implementations = kernel.implementations.map((i) => byId.get(i.id) ?? early.get(i.id)!);
  const loadAverage = { start: loadStart, end: deps.loadAverage() };

  const finishedAt = deps.clock.now().toISOString();
  const sessionId = startedAt;
  const fresh: Run = {
    schemaVersion: RUN_SCHEMA_VERSION,
    kernel: kernel.id,
    ...(opts.variant !== undefined ? { variant: opts.variant } : {}),
    machine,
    toolchains,
    kernelHash: kHash,
    inputsHash: inputs,
    harnessEpoch: HARNESS_EPOCH,
    profile,
    params,
    ...(dataset ? { dataset } : {}),
    startedAt,
    finishedAt,
    protocol: kernel.server
      ? { rounds: 1, warmupPerProcess: 0, order: 'reference first, then kernel order' }
      : kernel.pairing
        ? { rounds: settings.rounds, warmupPerProcess: settings.warmupPerProcess, order: 'interleaved, groups back to back in alternating order (ABBA)', groups: kernel.pairing.groups, ...(kernel.pairing.noisePairs ? { noisePairs: kernel.pairing.noisePairs } : {}), pinnedCpu: pinCpu, ...asked }
        : { rounds: settings.rounds, warmupPerProcess: settings.warmupPerProcess, order: 'interleaved, shuffled per round', ...asked },
    implementations: implementations.map((i) => ({ ...i, session: sessionId })),
    sessions: [{ id: sessionId, startedAt, finishedAt, machine, toolchains }],
    provenance: { loadAverage, ...(cpuBefore ? { cpuBefore } : {}), cpuAffinity: opts.provenance?.cpuAffinity ?? null, blas: opts.provenance?.blas ?? null, pythonGil: opts.provenance?.pythonGil ?? null },
    warnings: detectWarnings(implementations, kernel, { cores: machine.cores, loadAverage, cpuBefore, cpuUnsampled, simd: machine.simd, blas: opts.provenance?.blas ?? null }),
  };
  // With --impl/--claim only some implementations ran: the others keep their earlier results (and
  // the session that measured them) from the file, when it measured the same workload with the
  // same kernel sources; otherwise the file is replaced (and kept in the history below).
  const measuredIds = selected.map((i) => i.id);
  const run = opts.only && existing && existing.kernelHash === kHash && existing.harnessEpoch === HARNESS_EPOCH ? mergeRun(existing, fresh, measuredIds) : fresh;
  const mixed = run.warnings.find((w) => w.code === 'mixed-sessions');
  if (mixed) deps.log.warn(`${kernel.id}: ${mixed.message}`);
  // The result being replaced is kept in the history (the verdict's history is read from there);
  // copied, not moved, so that a failed write below leaves it in place.
  if (existing) await deps.fs.writeAtomic(historyPath(deps.root, existing), await deps.fs.readText(path));
  await deps.fs.writeAtomic(path, `${JSON.stringify(run, null, 1)}\n`);
  return { run, reused: false, path };
}

/**
 * A client kernel: its fixed server started (helper-server.ts) around the usual interleaved
 * measurement; each result gets the server's CPU time while it ran. When the server fails, every
 * client that would have run is a failed result naming the server, with the server's output.
 */
async function measureWithHelper(kernel: Kernel, spec: NonNullable<Kernel['helperServer']>, run: string[], cpus: { server: number; generator: number }, runnables: Runnable[], params: Record<string, ParamValue>, settings: Parameters<typeof measure>[3], deps: HarnessDeps): Promise<ImplOutcome[]> {
  const fx = deps.helper ?? realHelperEffects(requireServerEffects(deps));
  const got = await withHelperServer(
    { spec, run, params: kernel.params.map((p) => paramArgument(params[p.name]!)), env: threadEnv(spec.program, 1), cpus: { server: cpus.server, client: cpus.generator } },
    runnables,
    { proc: deps.proc, fx, log: deps.log, cwd: deps.root },
    (proc) => measure(kernel, runnables, params, settings, {
      proc, log: deps.log, cwd: deps.root, seed: deps.seed, monotonicMs: deps.clock.monotonicMs,
      ...(deps.onProgress ? { onProgress: deps.onProgress } : {}),
    }),
  );
  if (got.ok) return got.value.map((m) => (got.usage.has(m.id) ? { ...m, helperServer: got.usage.get(m.id)! } : m));
  deps.log.warn(`${kernel.id}: ${got.reason}`);
  const blank = { samplesNs: [], summary: null, checksum: null, threads: null, peakRssKiB: null, build: null, samplesPerProcess: [], threadEnv: {}, extrapolated: null };
  // Results measured before the server failed are not trusted either: it may have answered wrongly or slowly.
  return runnables.map((r) => {
    const m = got.value?.find((x) => x.id === r.impl.id);
    return { ...blank, ...(m ?? {}), id: r.impl.id, run: r.run, status: 'failed' as const, reason: got.reason.slice(0, 300), ...(got.stderrTail ? { stderrTail: got.stderrTail.slice(-2000) } : {}) };
  });
}

function requireServerEffects(deps: HarnessDeps): ServerEffects {
  if (!deps.server) throw new Error('a server kernel needs HarnessDeps.server (background processes, HTTP, ports)');
  return deps.server;
}

/**
 * Where a replaced run is kept: content/runs/<machine>/history/<kernel>/<finishedAt>[-quick].json; a
 * variant's under variants/<variant>/history/, so that it never enters the main workload's history.
 */
export function historyPath(root: string, run: Run): string {
  return join(root, 'content/runs', run.machine.id, ...(run.variant ? [VARIANTS_DIR, run.variant] : []), 'history', run.kernel, `${run.finishedAt.replace(/[:.]/g, '-')}${run.profile === 'quick' ? '-quick' : ''}.json`);
}

/**
 * An implementation that ran at a smaller size: verify its checksum against the reference at that
 * size (one extra process of the reference), then scale its samples by the kernel's complexity.
 */
async function finishExtrapolated(m: ImplOutcome, r: Runnable, kernel: Kernel, params: Record<string, ParamValue>, all: Runnable[], deps: HarnessDeps): Promise<ImplOutcome> {
  if (!r.params || !r.impl.extrapolate) return m;
  const { param, exponent } = r.impl.extrapolate;
  const factor = (Number(params[param]) / Number(r.params[param])) ** exponent;
  const scaled = { ...m, extrapolated: { ranWith: r.params, factor } };
  if (m.status !== 'ok') return scaled;
  const ref = all.find((x) => x.impl.id === kernel.reference);
  if (!ref) return { ...scaled, reason: `unverified: the reference "${kernel.reference}" did not run, so its checksum at the smaller size could not be compared` };
  const [cmd, ...lead] = ref.run;
  const res = await deps.proc.run(cmd!, [...lead, '0', '1', ...kernel.params.map((p) => String(r.params![p.name]))], { cwd: deps.root, env: ref.env, ...(ref.envUnset?.length ? { envUnset: ref.envUnset } : {}), timeoutMs: PROTOCOLS.full.timeoutMs });
  const got = interpretOutput(res, ref.impl.id, r.params, 1, kernel.suite ? kernel.suite.parts.map((p) => p.id) : null);
  if (!got.ok) return { ...scaled, reason: `unverified: the reference failed at the smaller size (${got.reason})` };
  if (!checksumMatches(m.checksum!, got.out.checksum, kernel.checksum.tolerance)) {
    return { ...scaled, status: 'wrong-result', reason: `checksum ${m.checksum} at ${param}=${r.params[param]} differs from the reference's ${got.out.checksum} at the same size` };
  }
  const samplesNs = m.samplesNs.map((x) => x * factor);
  return { ...scaled, samplesNs, summary: summarize(samplesNs) };
}
