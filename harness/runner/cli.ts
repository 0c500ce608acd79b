/**
 * `npm run harness -- [--kernel K [--variant V]] [--impl I,J] [--profile quick|full] [--fresh] [--list] [--json] [--machine ID]`
 * Exit code: 0 when every selected kernel was measured or reused (a kernel implementation that
 * failed is a recorded result, not a harness error); 1 for a harness error; 130 when interrupted.
 */
import os from 'node:os';
import { parseArgs } from 'node:util';
import { existsSync } from 'node:fs';
import { freeThreadedCandidates, pathDirsFrom, toolchainCacheDir } from './free-threaded.ts';
import { relative, join } from 'node:path';
import { loadDataset, loadKernelDefinitions, loadProbeDefinitions } from '../../src/io/load.ts';
import { runProbes, probeToolchains } from './probes.ts';
import { ValidationError } from '../../src/lib/schema-errors.ts';
import { PROFILES, type Profile } from '../../src/lib/schema/kernel.ts';
import { formatDuration, formatKiB } from '../../src/lib/format.ts';
import { consoleLogger, procStatCpuSampler, realClock, realFileSystem, realProcessRunner } from './effects.ts';
import { fingerprint } from './fingerprint.ts';
import { detectToolchains, kernelToolchains, toolPaths, missingReason, LOAD_TOOLCHAINS } from './toolchains.ts';
import { realServerEffects } from './server-effects.ts';
import { runKernel, type HarnessDeps } from './harness.ts';
import { runNoiseTest, defaultNoiseImpl, noisePath } from './noise.ts';
import { probeProvenance } from './provenance.ts';
import { threadEnv } from './commands.ts';
import type { Progress } from './measure.ts';
import { acquireLock, LockError, processAlive } from './results.ts';

const USAGE = `usage: npm run harness -- [options]
  --kernel K        only kernel K (repeatable); default: every kernel
  --variant V       with one --kernel: only its variant V (kernel.yaml variants; full profile only)
  --claim C         only what claim C needs: its kernel (or the variant it names) and implementations
  --impl I,J        only these implementations (the others are recorded as skipped)
  --profile P       quick (default; what npm run build uses) or full (published runs)
  --fresh           re-measure even when the inputs are unchanged
  --noise           run the A/A noise test instead (with --kernel, --impl to choose what is measured)
  --probes          only build and run the probes (programs that answer claims about code);
                    a run with no --kernel, --claim or --impl runs them after the kernels
  --list            kernels, implementations and toolchains; how to get a missing toolchain
  --json            machine-readable output on stdout (logs go to stderr)
  --machine ID      folder name for this machine's results (default: from CPU model and cores)`;

async function main(): Promise<number> {
  let values;
  try {
    ({ values } = parseArgs({
      options: {
        kernel: { type: 'string', multiple: true },
        claim: { type: 'string' },
        variant: { type: 'string' },
        noise: { type: 'boolean', default: false },
        probes: { type: 'boolean', default: false },
        impl: { type: 'string' },
        profile: { type: 'string', default: 'quick' },
        fresh: { type: 'boolean', default: false },
        list: { type: 'boolean', default: false },
        json: { type: 'boolean', default: false },
        machine: { type: 'string' },
        help: { type: 'boolean', default: false },
      },
    }));
  } catch (e) {
    console.error(`${(e as Error).message}\n${USAGE}`);
    return 1;
  }
  if (values.help) {
    console.log(USAGE);
    return 0;
  }
  if (!(PROFILES as readonly string[]).includes(values.profile)) {
    console.error(`--profile: expected one of [${PROFILES.join(', ')}], got "${values.profile}"`);
    return 1;
  }
  const profile = values.profile as Profile;
  const root = process.cwd();
  const proc = realProcessRunner();
  const servers = realServerEffects(proc);
  const fs = realFileSystem();
  const log = values.json ? { info: (l: string) => console.error(l), warn: (l: string) => console.error(`warning: ${l}`), error: (l: string) => console.error(`error: ${l}`) } : consoleLogger();
  const tools = toolPaths(root);

  const all = loadKernelDefinitions(root);
  let selectedKernels = values.kernel;
  let selectedImpls = values.impl;
  let selectedVariant = values.variant;
  if (values.claim) {
    const claim = loadDataset(root).claims.find((c) => c.id === values.claim);
    if (!claim) {
      console.error(`--claim: no claim "${values.claim}" under claims/`);
      return 1;
    }
    if (claim.kind !== 'measured' || claim.check.planned) {
      console.error(`--claim: "${claim.id}" is a ${claim.kind}${claim.kind === 'measured' ? ' claim whose kernel is only planned' : ' claim'}; nothing to measure`);
      return 1;
    }
    selectedKernels = [claim.check.kernel];
    selectedVariant = claim.check.variant;
    selectedImpls ??= [claim.check.baseline, claim.check.subject, claim.check.scaling?.from].filter(Boolean).join(',');
    console.error(`--claim ${claim.id}: kernel ${claim.check.kernel}${selectedVariant ? ` (variant ${selectedVariant})` : ''}, implementations ${selectedImpls}`);
  }
  const kernels = selectedKernels ? all.filter((k) => selectedKernels!.includes(k.id)) : all;
  for (const k of selectedKernels ?? []) {
    if (!all.some((x) => x.id === k)) {
      console.error(`--kernel: expected one of [${all.map((x) => x.id).join(', ')}], got "${k}"`);
      return 1;
    }
  }
  if (selectedVariant !== undefined) {
    const k = selectedKernels?.length === 1 ? all.find((x) => x.id === selectedKernels![0]) : undefined;
    if (!k) {
      console.error(`--variant: name the one kernel it belongs to with --kernel`);
      return 1;
    }
    if (!k.variants.some((v) => v.id === selectedVariant)) {
      console.error(`--variant: expected one of the variants harness/kernels/${k.id}/kernel.yaml declares [${k.variants.map((v) => v.id).join(', ')}], got "${selectedVariant}"`);
      return 1;
    }
    if (profile !== 'full') {
      console.error(`--variant ${selectedVariant}: kernel variants run in the full profile only: add --profile full`);
      return 1;
    }
  }
  const only = selectedImpls?.split(',').map((s) => s.trim()).filter(Boolean);
  for (const id of only ?? []) {
    if (!kernels.some((k) => k.implementations.some((i) => i.id === id))) {
      console.error(`--impl: no selected kernel has an implementation "${id}"`);
      return 1;
    }
  }
  const probes = loadProbeDefinitions(root);
  const withProbes = values.probes || (!selectedKernels && !selectedImpls && !values.noise);
  const needed = [
    ...(values.probes ? [] : kernels.flatMap((k) => [...kernelToolchains(k), ...(k.server ? LOAD_TOOLCHAINS : [])])),
    ...(withProbes ? probes.flatMap(probeToolchains) : []),
  ];
  const toolchains = await detectToolchains(proc, tools, needed);

  if (values.list) {
    const listMachine = await fingerprint(fs, proc, values.machine);
    if (values.json) {
      console.log(JSON.stringify({ toolchains, kernels: kernels.map((k) => ({ id: k.id, implementations: k.implementations.map((i) => ({ id: i.id, runtime: i.runtime, tier: i.tier, runnable: !(i.gpu && !listMachine.gpu) && missingReason(i, toolchains, k) === null })) })) }, null, 1));
      return 0;
    }
    console.log('Toolchains:');
    for (const [name, t] of Object.entries(toolchains)) console.log(`  ${name.padEnd(16)} ${t.version ?? `MISSING: ${t.missing}`}`);
    console.log('\nCPython builds for free-threading comparisons:');
    const interpreters = freeThreadedCandidates(pathDirsFrom(process.env.PATH), existsSync, root);
    if (interpreters.length === 0) {
      const cache = toolchainCacheDir(process.env, os.homedir());
      console.log(existsSync(cache)
        ? `  none linked: builds may be cached in ${cache}; "npm run setup:free-threaded" links .toolchains to them (seconds when cached)`
        : '  none: build CPython 3.13, 3.14 and 3.15, each with and without the GIL, with "npm run setup:free-threaded" (one version: -- 3.14; about 10 minutes and 870 MB per pair, cached in ~/.cache/claimbench/toolchains for every clone)');
    }
    for (const c of interpreters) {
      const r = await proc.run(c.path, ['-c', 'import sys; print(sys.version.split()[0], "GIL" if getattr(sys, "_is_gil_enabled", lambda: True)() else "no GIL")'], { cwd: root, timeoutMs: 30_000 });
      console.log(`  ${c.name.padEnd(16)} ${r.exitCode === 0 ? r.stdout.trim() : 'does not start'} (${c.source === 'project' ? 'built by setup:free-threaded' : 'on PATH'}: ${relative(root, c.path).startsWith('..') ? c.path : relative(root, c.path)})`);
    }
    for (const k of kernels) {
      console.log(`\nKernel ${k.id}: ${k.title}`);
      for (const i of k.implementations) {
        const why = i.gpu && !listMachine.gpu ? 'needs a CUDA GPU; this machine has none' : missingReason(i, toolchains, k);
        console.log(`  ${i.id.padEnd(22)} ${i.runtime.padEnd(11)} ${i.tier.padEnd(10)} ${why ? `skipped: ${why}` : 'ready'}`);
      }
    }
    return 0;
  }

  const loadBefore = os.loadavg()[0]!;
  const machine = await fingerprint(fs, proc, values.machine);
  const lockPath = join(root, '.cache/harness.lock');
  const release = await acquireLock(fs, lockPath, process.pid, processAlive);
  let interrupted = false;
  const onSignal = (sig: string) => {
    if (interrupted) return;
    interrupted = true;
    console.error(`\n${sig}: stopping; results already written are kept, the one in progress is discarded`);
    proc.killAll();
    servers.killAll();
    void release().finally(() => process.exit(130));
  };
  process.on('SIGINT', () => onSignal('SIGINT'));
  process.on('SIGTERM', () => onSignal('SIGTERM'));

  const tty = process.stdout.isTTY && !values.json && !process.env.CI;
  const started = Date.now();
  const summaries = [];
  let probeSummary: { reran: string[]; outcomes: Array<{ id: string; compiled: boolean | null; last: string; reason?: string | undefined }> } | null = null;
  const progress = (kernelId: string) => (p: Progress) => {
    const elapsed = formatDuration((Date.now() - started) * 1e6);
    const eta = p.etaMs === null ? '' : `, about ${formatDuration(p.etaMs * 1e6)} left`;
    const what = p.samples > 0 ? ` (${p.samples} sample${p.samples > 1 ? 's' : ''})` : '';
    const line = `${kernelId} round ${p.round}/${p.rounds}: ${p.impl}${what}; ${elapsed} elapsed${eta}`;
    if (tty) process.stdout.write(`\r\x1b[K${line}`);
    else log.info(line);
  };
  const sampleCpu = procStatCpuSampler();
  const deps = (kernelId: string): HarnessDeps => ({
    proc, fs, clock: realClock, log, root, tools, seed: Date.now() & 0xffffffff, loadAverage: () => os.loadavg()[0]!, sampleCpu, onProgress: progress(kernelId), server: servers,
  });
  try {
    log.info(`machine ${machine.id}: ${machine.cpuModel}, ${machine.cores} logical CPUs, ${machine.os}; profile ${profile}`);
    if (values.noise) {
      for (const kernel of kernels.slice(0, 1)) {
        const implId = only?.[0] ?? defaultNoiseImpl(kernel, toolchains);
        if (!implId) throw new Error(`noise test: no implementation of ${kernel.id} can run here`);
        const n = await runNoiseTest({ kernel, implId, machine, profile, toolchains }, deps(kernel.id));
        if (tty) process.stdout.write('\r\x1b[K');
        const out = { machine: machine.id, kernel: kernel.id, impl: implId, trials: n.trials.length, pairsPerTrial: n.design?.pairs, falsePositiveRate: n.falsePositiveRate, falsePositiveInterval: n.falsePositiveInterval, floor: n.floor, resolution: n.resolution, path: relative(root, noisePath(root, machine.id)) };
        const fpi = n.falsePositiveInterval ? ` (95% interval ${(n.falsePositiveInterval.lo * 100).toFixed(0)}-${(n.falsePositiveInterval.hi * 100).toFixed(0)}%)` : '';
        console.log(values.json ? JSON.stringify(out, null, 1) : `A/A noise test of ${kernel.id}/${implId} on ${machine.id}: ${n.trials.length} trials of ${n.design?.pairs} paired rounds, a difference wrongly found in ${(n.falsePositiveRate * 100).toFixed(0)}%${fpi}, noise floor ±${(n.floor * 100).toFixed(1)}% (95th percentile of |ratio - 1|); written to ${out.path}`);
      }
      return 0;
    }
    const serialEnv = threadEnv({ parallel: false }, machine.cores);
    const provenance = await probeProvenance(fs, proc, tools, toolchains, serialEnv);
    for (const kernel of values.probes ? [] : kernels) {
      // A kernel opted out of the quick build is measured only when asked for by name or by --claim.
      if (profile === 'quick' && kernel.skipQuick && !selectedKernels) {
        log.info(`${kernel.id}: not measured by the quick profile (${kernel.skipQuick}); run it with --kernel ${kernel.id} or --profile full`);
        continue;
      }
      // --variant (or a --claim naming a variant) measures only that variant.
      if (selectedVariant === undefined) {
        const { run, reused, path } = await runKernel({ kernel, machine, toolchains, profile, fresh: values.fresh, provenance, loadBefore, ...(only ? { only } : {}) }, deps(kernel.id));
        if (tty) process.stdout.write('\r\x1b[K');
        summaries.push({ kernel: kernel.id, reused, path: relative(root, path), run });
      }
      // The full profile also measures the kernel's variants (e.g. matmul in float64), each into its
      // own file; a --claim run measures only what the claim needs (its variant, if it names one).
      const variants = selectedVariant !== undefined ? kernel.variants.filter((v) => v.id === selectedVariant) : profile === 'full' && !values.claim ? kernel.variants : [];
      for (const v of variants) {
        const r = await runKernel({ kernel, machine, toolchains, profile, fresh: values.fresh, provenance, loadBefore, variant: v.id, ...(only ? { only } : {}) }, deps(`${kernel.id}/${v.id}`));
        if (tty) process.stdout.write('\r\x1b[K');
        summaries.push({ kernel: `${kernel.id} (${v.id})`, reused: r.reused, path: relative(root, r.path), run: r.run });
      }
    }
    if (withProbes && probes.length > 0) {
      const { run, reran } = await runProbes(probes, machine, toolchains, deps('probes'));
      probeSummary = { reran, outcomes: run.outcomes.map((o) => ({ id: o.interpreter ? `${o.id} (${o.interpreter})` : o.id, compiled: o.compiled, last: o.stdout.trim().split('\n').at(-1) ?? '', reason: o.reason })) };
    }
  } finally {
    await release();
  }
  if (probeSummary && !values.json) {
    console.log(`\nprobes on ${machine.id} (${probeSummary.reran.length} re-run, the others reused):`);
    for (const o of probeSummary.outcomes) console.log(`  ${o.id.padEnd(28)} ${o.compiled === null ? `not run (${o.reason ?? 'toolchain missing'})` : o.compiled ? `compiled; ${o.last}` : 'did not compile'}`);
  }

  if (values.json) {
    console.log(JSON.stringify(summaries.map((s) => ({ kernel: s.kernel, reused: s.reused, path: s.path })), null, 1));
    return 0;
  }
  for (const s of summaries) {
    console.log(`\n${s.kernel} on ${s.run.machine.id} (${s.reused ? 'reused' : 'measured'}): ${s.path}`);
    console.log(`  ${'implementation'.padEnd(22)} ${'status'.padEnd(13)} ${'median'.padStart(10)} ${'IQR'.padStart(10)} ${'n'.padStart(4)} ${'threads'.padStart(7)} ${'peak RSS'.padStart(10)}`);
    for (const r of s.run.implementations) {
      const sm = r.summary;
      console.log(`  ${r.id.padEnd(22)} ${r.status.padEnd(13)} ${(sm ? formatDuration(sm.medianNs) : '-').padStart(10)} ${(sm ? formatDuration(sm.q3Ns - sm.q1Ns) : '-').padStart(10)} ${String(sm?.n ?? '-').padStart(4)} ${String(r.threads ?? '-').padStart(7)} ${(r.peakRssKiB !== null ? formatKiB(r.peakRssKiB) : '-').padStart(10)}${r.status !== 'ok' && r.reason ? `  ${r.reason.slice(0, 100)}` : ''}`);
    }
    for (const r of s.run.implementations) {
      for (const l of r.load?.levels ?? []) {
        console.log(`  ${r.id.padEnd(22)} ${String(l.connections).padStart(5)} connections: ${Math.round(l.requestsPerSecond)} requests/s, latency p50 ${formatDuration(l.latencyUs.p50 * 1e3)}, p99 ${formatDuration(l.latencyUs.p99 * 1e3)} (${l.requests} requests in ${l.seconds.toFixed(1)} s)`);
      }
    }
    for (const w of s.run.warnings) console.log(`  warning [${w.code}] ${w.impl ?? ''}: ${w.message}. Fix: ${w.fix}`);
  }
  return 0;
}

main().then(
  (code) => process.exit(code),
  (e) => {
    if (e instanceof ValidationError || e instanceof LockError) console.error(`error: ${e.message}`);
    else console.error(e);
    process.exit(1);
  },
);
