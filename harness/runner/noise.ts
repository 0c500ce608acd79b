/**
 * The A/A noise test: one implementation measured as if it were two, A and A', in paired rounds,
 * several trials. Any difference found is noise; how often one is found (the false-positive rate,
 * with its uncertainty) and how large such differences get (the noise floor) characterize the
 * machine. The statistics are in src/lib/noise.ts, the design in src/lib/protocol.ts.
 */
import { join } from 'node:path';
import { profileParams, type Kernel, type Profile } from '../../src/lib/schema/kernel.ts';
import { RUNTIMES } from '../../src/lib/runtimes.ts';
import type { Machine, Toolchain } from '../../src/lib/schema/run.ts';
import { SCHEMA_VERSION } from '../../src/lib/schema/common.ts';
import type { NoiseResult } from '../../src/lib/schema/noise.ts';
import { noiseSamplesPerProcess, pairedTrial, summarizeNoise } from '../../src/lib/noise.ts';
import { seededRandom } from '../../src/lib/stats.ts';
import { NOISE_DESIGN, PROTOCOLS, type NoiseDesign } from '../../src/lib/protocol.ts';
import { interpretOutput } from './measure.ts';
import { threadEnv } from './commands.ts';
import { envUnsetFor } from './blas-env.ts';
import { missingReason } from './toolchains.ts';
import { buildImplementation, type HarnessDeps } from './harness.ts';
import { DATASET_ENV, prepareDataset } from './dataset.ts';


/** The implementation a noise test uses by default: the first serial compiled one that can run. */
export function defaultNoiseImpl(kernel: Kernel, toolchains: Record<string, Toolchain>): string | null {
  const ok = kernel.implementations.filter((i) => !i.parallel && !i.gpu && !i.extrapolate && missingReason(i, toolchains, kernel) === null);
  const language = (i: Kernel['implementations'][number]) => RUNTIMES[i.runtime].language;
  return (ok.find((i) => language(i) === 'c') ?? ok.find((i) => language(i) !== 'python') ?? ok[0])?.id ?? null;
}

export function noisePath(root: string, machineId: string): string {
  return join(root, 'content/runs', machineId, 'noise.json');
}

/**
 * Runs the paired A/A test: a probe process sizes the samples per process, then each trial runs
 * `pairs` rounds of A and A' (the same program) back to back, in a seeded random order per round.
 * Any failed process stops the test with the reason: a noise test on a program that does not run
 * cleanly measures nothing.
 */
export async function runNoiseTest(
  opts: { kernel: Kernel; implId: string; machine: Machine; profile: Profile; toolchains: Record<string, Toolchain>; design?: NoiseDesign },
  deps: HarnessDeps,
): Promise<NoiseResult> {
  const { kernel, implId, machine, profile, toolchains } = opts;
  const impl = kernel.implementations.find((i) => i.id === implId);
  if (!impl) throw new Error(`noise test: ${kernel.id} has no implementation "${implId}" (has: ${kernel.implementations.map((i) => i.id).join(', ')})`);
  const design = opts.design ?? NOISE_DESIGN[profile];
  const { inv, error } = await buildImplementation(kernel, impl, toolchains, deps);
  if (error) throw new Error(`noise test: building ${implId} failed: ${error.slice(-500)}`);
  const params = profileParams(kernel, profile);
  const args = kernel.params.map((p) => String(params[p.name]));
  const env: Record<string, string> = threadEnv(impl, machine.cores);
  if (kernel.dataset) {
    const made = await prepareDataset(kernel, params, deps);
    if (!made.ok) throw new Error(`noise test: ${made.reason}`);
    env[DATASET_ENV] = made.path;
  }
  const envUnset = envUnsetFor(impl);
  const [cmd, ...lead] = inv.run;
  const runProcess = async (samples: number, what: string): Promise<number[]> => {
    const res = await deps.proc.run(cmd!, [...lead, String(design.warmupPerProcess), String(samples), ...args], { cwd: deps.root, env, envUnset, timeoutMs: PROTOCOLS[profile].timeoutMs });
    const got = interpretOutput(res, implId, params, samples, kernel.suite ? kernel.suite.parts.map((p) => p.id) : null);
    if (!got.ok) throw new Error(`noise test: ${implId} did not run cleanly (${what}: ${got.status}: ${got.reason})`);
    return got.out.samplesNs;
  };
  const startedAt = deps.clock.now().toISOString();
  const probe = await runProcess(1, 'probe');
  const samples = noiseSamplesPerProcess(probe[0]!, design);
  const rand = seededRandom(deps.seed);
  const trials = [];
  for (let t = 0; t < design.trials; t++) {
    deps.onProgress?.({ round: t + 1, rounds: design.trials, impl: `${implId} (A/A, ${design.pairs} pairs)`, samples, etaMs: null });
    const pairs = [];
    for (let r = 0; r < design.pairs; r++) {
      const aFirst = rand() < 0.5;
      const first = await runProcess(samples, `trial ${t + 1}, round ${r + 1}`);
      const second = await runProcess(samples, `trial ${t + 1}, round ${r + 1}`);
      pairs.push(aFirst ? { a: first, b: second } : { a: second, b: first });
    }
    trials.push(pairedTrial(pairs));
  }
  const result: NoiseResult = {
    schemaVersion: SCHEMA_VERSION, machine, kernel: kernel.id, impl: implId, profile, params, trials,
    design: { pairs: design.pairs, warmupPerProcess: design.warmupPerProcess, samplesPerProcess: samples },
    ...summarizeNoise(trials), startedAt, finishedAt: deps.clock.now().toISOString(),
  };
  await deps.fs.writeAtomic(noisePath(deps.root, machine.id), `${JSON.stringify(result, null, 1)}\n`);
  return result;
}
