/**
 * Runs one kernel on this machine: skip what has no toolchain, build what needs building, measure
 * the rest interleaved, cross-check checksums, and write the result file atomically. A result whose
 * inputs have not changed is reused unless `fresh` is set.
 */
import { join, relative } from 'node:path';
import type { Kernel, Profile } from '../../src/lib/schema/kernel.ts';
import type { ImplResult, Machine, Run, Toolchain, Warning } from '../../src/lib/schema/run.ts';
import { SCHEMA_VERSION } from '../../src/lib/schema/common.ts';
import { relativeIqr } from '../../src/lib/stats.ts';
import type { Clock, FileSystem, Logger, ProcessRunner } from './effects.ts';
import { invocationFor, threadEnv } from './commands.ts';
import { missingReason, type ToolPaths } from './toolchains.ts';
import { measure, type Runnable } from './measure.ts';
import { FEW_SAMPLES, HARNESS_EPOCH, HIGH_SPREAD, PROTOCOLS } from '../../src/lib/protocol.ts';
import { inputsHash, kernelHash, readExisting, runPath, sha256 } from './results.ts';

export interface HarnessDeps {
  proc: ProcessRunner;
  fs: FileSystem;
  clock: Clock;
  log: Logger;
  root: string;
  tools: ToolPaths;
  seed: number;
  onProgress?: (p: { round: number; rounds: number; impl: string; samples: number }) => void;
}

export interface KernelRunOptions {
  kernel: Kernel;
  machine: Machine;
  toolchains: Record<string, Toolchain>;
  profile: Profile;
  fresh: boolean;
  /** Only these implementations (the others are recorded as skipped). */
  only?: readonly string[];
}


const tail = (s: string) => (s.length > 2000 ? `…${s.slice(-2000)}` : s);

/**
 * Runs a build unless its output is up to date. `cache` names the output and what it is built from;
 * null leaves caching to the tool (cargo).
 */
async function buildOne(deps: HarnessDeps, argv: string[], env: Record<string, string>, cache: { output: string; inputs: string[] } | null): Promise<string | null> {
  const stamp = sha256([argv.join(' '), ...(cache?.inputs ?? [])]);
  const stampPath = cache ? `${cache.output}.stamp` : null;
  if (cache && stampPath && deps.fs.exists(stampPath) && deps.fs.exists(cache.output) && (await deps.fs.readText(stampPath)) === stamp) return null;
  const [cmd, ...args] = argv;
  const r = await deps.proc.run(cmd!, args, { cwd: deps.root, env, timeoutMs: 600_000 });
  if (r.exitCode !== 0 || r.timedOut || r.spawnError) {
    return `build failed (${r.spawnError ?? (r.timedOut ? 'timed out' : `exit ${r.exitCode}`)}): ${tail(r.stderr || r.stdout)}`;
  }
  if (stampPath) await deps.fs.writeAtomic(stampPath, stamp);
  return null;
}

export function warningsFor(results: ImplResult[], kernel: Kernel): Warning[] {
  const out: Warning[] = [];
  for (const r of results) {
    if (r.status !== 'ok' || !r.summary) continue;
    if (r.summary.n < FEW_SAMPLES) {
      out.push({ code: 'few-samples', impl: r.id, message: `only ${r.summary.n} samples: the interval of any ratio using it is coarse`, fix: 'run the full profile (--profile full), which gives each implementation a larger time budget' });
    }
    const spread = relativeIqr(r.summary);
    if (spread > HIGH_SPREAD) {
      out.push({ code: 'high-spread', impl: r.id, message: `spread (IQR/median) is ${(spread * 100).toFixed(0)}%: the machine was probably busy or changing frequency`, fix: 'close other programs, rerun with --fresh, and compare with the machine\'s noise floor' });
    }
    if (r.reason?.startsWith('unverified')) {
      out.push({ code: 'unverified-checksum', impl: r.id, message: r.reason, fix: `make the reference implementation "${kernel.reference}" run on this machine` });
    }
  }
  return out;
}

export async function runKernel(opts: KernelRunOptions, deps: HarnessDeps): Promise<{ run: Run; reused: boolean; path: string }> {
  const { kernel, machine, toolchains, profile } = opts;
  const params = kernel.profiles[profile];
  const kernelDir = join(deps.root, 'harness/kernels', kernel.id);
  const path = runPath(deps.root, machine.id, kernel.id);
  const selected = kernel.implementations.filter((i) => !opts.only || opts.only.includes(i.id));
  const kHash = await kernelHash(deps.fs, kernelDir);
  const inputs = inputsHash({ kernelHash: kHash, toolchains, machine, profile, params, implIds: selected.map((i) => i.id) });

  const existing = await readExisting(deps.fs, path, relative(deps.root, path));
  if (!opts.fresh && existing && existing.inputsHash === inputs) {
    deps.log.info(`${kernel.id}: inputs unchanged since ${existing.finishedAt}, reusing ${relative(deps.root, path)} (--fresh re-measures)`);
    return { run: existing, reused: true, path };
  }

  const startedAt = deps.clock.now().toISOString();
  await deps.fs.mkdirp(join(deps.root, '.cache/build', kernel.id));
  const early = new Map<string, ImplResult>();
  const runnables: Runnable[] = [];
  const builds = new Map<string, string[] | null>();
  const blank = { samplesNs: [], summary: null, checksum: null, threads: null, peakRssKiB: null, build: null, run: null };
  for (const impl of kernel.implementations) {
    if (!selected.includes(impl)) {
      early.set(impl.id, { ...blank, id: impl.id, status: 'skipped', reason: 'not selected for this run (--impl)' });
      continue;
    }
    const missing = impl.gpu && !machine.gpu ? 'needs a CUDA GPU; this machine has none' : missingReason(impl, toolchains);
    if (missing) {
      early.set(impl.id, { ...blank, id: impl.id, status: 'skipped', reason: missing });
      deps.log.info(`${kernel.id}/${impl.id}: skipped (${missing})`);
      continue;
    }
    const inv = invocationFor(kernel.id, impl, deps.tools);
    builds.set(impl.id, inv.build);
    if (inv.build) {
      deps.log.info(`${kernel.id}/${impl.id}: building`);
      const srcFiles = (await deps.fs.listFiles(kernelDir)).filter((f) => f === impl.source || f.startsWith(`${impl.source}/`));
      const contents = await Promise.all(srcFiles.map((f) => deps.fs.readText(join(kernelDir, f))));
      const versions = JSON.stringify(Object.entries(toolchains).sort());
      const cache = impl.language === 'rust' ? null : { output: join(deps.root, inv.run[0]!), inputs: [versions, ...contents] };
      const err = await buildOne(deps, inv.build, inv.buildEnv, cache);
      if (err) {
        early.set(impl.id, { ...blank, id: impl.id, status: 'failed', reason: err.split('\n')[0]!.slice(0, 300), stderrTail: err, build: inv.build });
        deps.log.warn(`${kernel.id}/${impl.id}: ${err.split('\n')[0]}`);
        continue;
      }
    }
    runnables.push({ impl, run: inv.run, env: threadEnv(impl, machine.cores) });
  }

  const settings = PROTOCOLS[profile];
  const measured = await measure(kernel, runnables, params, settings, { proc: deps.proc, log: deps.log, cwd: deps.root, seed: deps.seed, ...(deps.onProgress ? { onProgress: deps.onProgress } : {}) });
  const byId = new Map(measured.map((m) => [m.id, { ...m, build: builds.get(m.id) ?? null }]));
  const implementations = kernel.implementations.map((i) => byId.get(i.id) ?? early.get(i.id)!);

  const run: Run = {
    schemaVersion: SCHEMA_VERSION,
    kernel: kernel.id,
    machine,
    toolchains,
    kernelHash: kHash,
    inputsHash: inputs,
    harnessEpoch: HARNESS_EPOCH,
    profile,
    params,
    startedAt,
    finishedAt: deps.clock.now().toISOString(),
    protocol: { rounds: settings.rounds, warmupPerProcess: settings.warmupPerProcess, order: 'interleaved, shuffled per round' },
    implementations,
    warnings: warningsFor(implementations, kernel),
  };
  await deps.fs.writeAtomic(path, `${JSON.stringify(run, null, 1)}\n`);
  return { run, reused: false, path };
}
