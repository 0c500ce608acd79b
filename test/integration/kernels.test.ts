/**
 * Every implementation of every kernel, built and run for real with the project's toolchains at a
 * tiny size: each must follow the output protocol and give the reference implementation's checksum.
 * In CI a missing toolchain fails the test; elsewhere it is skipped with the reason.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadKernelDefinitions } from '../../src/io/load.ts';
import { variantKernel, workloadParams, type Kernel } from '../../src/lib/schema/kernel.ts';
import { realFileSystem, realProcessRunner } from '../../harness/runner/effects.ts';
import { DATASET_ENV, datasetToolchains, prepareDataset } from '../../harness/runner/dataset.ts';
import { buildEnvUnsetFor, invocationFor, threadEnv } from '../../harness/runner/commands.ts';
import { envUnsetFor } from '../../harness/runner/blas-env.ts';
import { detectToolchains, kernelToolchains, missingReason, toolPaths } from '../../harness/runner/toolchains.ts';
import { interpretOutput, checksumMatches } from '../../harness/runner/measure.ts';
import { missingCpuFeatures } from '../../harness/runner/harness.ts';
import { parseCpuinfo } from '../../harness/runner/fingerprint.ts';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { startService, type RunningService } from '../../harness/runner/service.ts';
import { realServerEffects } from '../../harness/runner/server-effects.ts';
import { quietLogger } from '../fixtures/fakes.ts';

const root = process.cwd();
const proc = realProcessRunner();
const tools = toolPaths(root);
const kernels = loadKernelDefinitions(root);
/** GPU implementations run only where nvidia-smi finds a GPU (as in the harness). */
const hasGpu = (await proc.run('nvidia-smi', ['-L'], { cwd: root, timeoutMs: 15_000 })).exitCode === 0;
/** CPU features, as the fingerprint reads them (implementations that need one this CPU lacks are skipped, as in the harness). */
const cpu = existsSync('/proc/cpuinfo') ? parseCpuinfo(readFileSync('/proc/cpuinfo', 'utf8')) : { simd: [] as string[] };

/**
 * The smallest sizes that still exercise every code path (remainder lanes, several rows per thread).
 * An entry with `variant` runs that variant's programs on its data set (kernel.yaml `variants`).
 */
const TINY: Record<string, Array<Record<string, number | string>>> = {
  // The Benchmarks Game problems at their checking sizes (test/integration/benchmarks-game.test.ts compares the text too).
  nbody: [{ steps: 1000 }],
  'spectral-norm': [{ n: 100 }],
  'fannkuch-redux': [{ n: 7 }],
  'binary-trees': [{ depth: 10 }],
  mandelbrot: [{ width: 37, height: 23, maxIter: 60 }],
  // n=263: two k blocks (KC=256), several row blocks (at most MC=96 rows; four on two threads), edge strips and panels
  // (263 = 43*6 + 5 = 8*32 + 7), a vector remainder; in float32 and in float64 (the full profile's f64 variant), every
  // implementation including rust-faer and numpy-threads. n=5: fewer 6-row strips than threads, so a row block is empty.
  matmul: [{ n: 263, bits: 32 }, { n: 263, bits: 64 }, { n: 5, bits: 32 }],
  // 70001 bytes in 1000-byte pieces: every piece and the buffer end leave a tail shorter than a word.
  crc32c: [{ size: 70001, chunk: 1000 }],
  // 13 rows over 2 worker threads: blocks of 7 and 6 rows.
  'free-threading': [{ n: 13 }],
  // 30011 rows: every store and segment present, a filter that keeps some rows; the filter and the
  // join (the dataframe kernel's variants) too, by every program. Each reads the table, runs its query and digests it.
  dataframe: [{ rows: 30011, query: 'groupby' }, { rows: 30011, query: 'filter' }, { rows: 30011, query: 'join' },
    // TPC-H at scale factor 0.01 (60,175 lineitem rows; tpchgen-cli, gen_tpch.py): the variants' own data set and programs.
    { variant: 'tpch-q1', rows: 60175, query: 'tpch-q1' }, { variant: 'tpch-q6', rows: 60175, query: 'tpch-q6' }],
  // 37 items over 4 workers (some with more items than others), a short wait, a little work per item.
  'free-threading-io': [{ items: 37, workers: 4, delayUs: 500, workIterations: 50 }],
  // 37 records: quotes, backslashes, newlines, a control character, accents and CJK all appear in the first few dozen.
  serialization: [{ records: 37 }],
  // 23 records in 16-id blocks: several blocks, records spanning block boundaries, a dropped tail; a BPE trained on the tiny corpus.
  'data-loading': [{ records: 23, block: 16 }],
  // About 60 kB of prose paragraphs of python3.11-doc and a 600-token vocabulary: the data-set step (corpus, BPE
  // training, manifest) and every implementation, the pure-Python tokenizer's ids against the Rust library's. The
  // large variant's five Debian manuals are not installed in CI; test/integration/tokenizer-dataset.test.ts
  // runs the generator on small copies of each format.
  tokenizer: [{ size: 60000, vocab: 600, docs: 'python' }],
  // The smallest pass of the 26 pyperformance benchmarks (each part's time is checked against the sample).
  'free-threading-overhead': [{ scale: 1 }],
};

// The CPython builds of npm run setup:free-threaded are opt-in (each takes minutes to build): CI does
// not build them, so their implementations skip with the reason there too.
const optInRuntime = (runtime: string) => /^python3\.\d+t?$/.test(runtime);

// Server kernels are started, checked and loaded by test/integration/server.test.ts; client kernels
// (with a helper server) run against their server in test/integration/helper-server.test.ts.
for (const main of kernels.filter((k) => !k.server && !k.helperServer)) for (const { variant, ...params } of TINY[main.id] ?? [workloadParams(main)]) {
  const kernel: Kernel = variant === undefined ? main : variantKernel(main, String(variant));
  describe(`kernel ${kernel.id}${variant === undefined ? '' : ` (variant ${variant})`} at ${Object.entries(params).map(([k, v]) => `${k}=${v}`).join(' ')}`, async () => {
    const toolchains = await detectToolchains(proc, tools, kernelToolchains(kernel));
    const args = kernel.params.map((p) => String(params[p.name]));
    const checksums = new Map<string, number | string>();
    mkdirSync(`${root}/.cache/build/${kernel.id}`, { recursive: true });
    // The data-set step, as the harness runs it (generator in the kernel folder, cached by hash).
    const dataset = kernel.dataset && datasetToolchains(kernel).every((n) => toolchains[n]?.version) ? await prepareDataset(kernel, params, { proc, fs: realFileSystem(), root, tools }) : null;
    const datasetEnv: Record<string, string> = dataset?.ok ? { [DATASET_ENV]: dataset.path } : {};
    // A client kernel's helper service (kernel.yaml `service:`), started and stopped as the harness does.
    let service: RunningService | null = null;
    const serviceEnv: Record<string, string> = {};
    if (kernel.service) {
      beforeAll(async () => {
        const started = await startService(kernel, params, { server: realServerEffects(proc), log: quietLogger(), cwd: root, tools });
        if (!started.ok) throw new Error(`${started.reason}\n${started.stderrTail}`);
        service = started;
        Object.assign(serviceEnv, started.env);
      }, 60_000);
      afterAll(async () => {
        expect(await service?.stop()).toBeNull();
      }, 30_000);
    }

    // The reference first, so the others have something to match.
    const ordered = [...kernel.implementations].sort((a, b) => Number(b.id === kernel.reference) - Number(a.id === kernel.reference));
    for (const impl of ordered) {
      const cpuMissing = missingCpuFeatures(impl, cpu);
      const missing = impl.gpu && !hasGpu ? 'needs a CUDA GPU; this machine has none' : (cpuMissing ?? missingReason(impl, toolchains, kernel));
      it.skipIf(missing !== null && (!process.env.CI || (impl.gpu && !hasGpu) || cpuMissing !== null || optInRuntime(impl.runtime)))(`${impl.id} builds, follows the protocol and matches the reference checksum${missing ? ` (skipped: ${missing})` : ''}`, async () => {
        expect(missing, `toolchain missing in CI: ${missing}`).toBeNull();
        if (kernel.dataset) expect(dataset?.ok ? 'ok' : (dataset as { reason?: string } | null)?.reason ?? 'the data set could not be made').toBe('ok');
        // A check build: only the answer matters at these sizes (Rust: a lighter profile, one cache for every kernel).
        const inv = invocationFor(kernel, impl, tools, 'check');
        if (inv.build) {
          const [cmd, ...bargs] = inv.build;
          const b = await proc.run(cmd!, bargs, { cwd: root, env: inv.buildEnv, envUnset: buildEnvUnsetFor(inv, process.env), timeoutMs: 600_000 });
          expect(b.exitCode, `build failed: ${b.stderr || b.spawnError}`).toBe(0);
        }
        const [cmd, ...lead] = inv.run;
        const r = await proc.run(cmd!, [...lead, '1', '2', ...args], { cwd: root, env: { ...threadEnv(impl, 2), ...datasetEnv, ...serviceEnv }, envUnset: envUnsetFor(impl), timeoutMs: 120_000 });
        const got = interpretOutput(r, impl.id, params, 2, kernel.suite ? kernel.suite.parts.map((p) => p.id) : null);
        expect(got.ok ? 'ok' : `${got.status}: ${got.reason}\n${r.stderr}`).toBe('ok');
        if (!got.ok) return;
        checksums.set(impl.id, got.out.checksum);
        const ref = checksums.get(kernel.reference);
        expect(ref, 'the reference implementation must run first').toBeDefined();
        expect(checksumMatches(got.out.checksum, ref!, kernel.checksum.tolerance), `checksum ${got.out.checksum} vs reference ${ref}`).toBe(true);
        if (impl.parallel) expect(got.out.threads).toBe(2);
      }, 900_000);
    }
  });
}
