/**
 * The A/A noise test: one implementation measured as if it were two, interleaved, several times.
 * Any difference found is noise; how often one is found (the false-positive rate) and how large
 * such differences get (the noise floor) characterize the machine.
 */
import { join } from 'node:path';
import type { Kernel, Profile } from '../../src/lib/schema/kernel.ts';
import type { Machine, Toolchain } from '../../src/lib/schema/run.ts';
import { SCHEMA_VERSION } from '../../src/lib/schema/common.ts';
import type { NoiseResult } from '../../src/lib/schema/noise.ts';
import { noiseTrial, summarizeNoise } from '../../src/lib/noise.ts';
import { byProcess } from '../../src/lib/stats.ts';
import { NOISE_PROTOCOL, NOISE_TRIALS } from '../../src/lib/protocol.ts';
import { measure } from './measure.ts';
import { threadEnv } from './commands.ts';
import { missingReason } from './toolchains.ts';
import { buildImplementation, type HarnessDeps } from './harness.ts';


/** The implementation a noise test uses by default: the first serial compiled one that can run. */
export function defaultNoiseImpl(kernel: Kernel, toolchains: Record<string, Toolchain>): string | null {
  const ok = kernel.implementations.filter((i) => !i.parallel && !i.gpu && !i.extrapolate && missingReason(i, toolchains) === null);
  return (ok.find((i) => i.language === 'c') ?? ok.find((i) => i.language !== 'python') ?? ok[0])?.id ?? null;
}

export function noisePath(root: string, machineId: string): string {
  return join(root, 'content/runs', machineId, 'noise.json');
}

export async function runNoiseTest(
  opts: { kernel: Kernel; implId: string; machine: Machine; profile: Profile; toolchains: Record<string, Toolchain> },
  deps: HarnessDeps,
): Promise<NoiseResult> {
  const { kernel, implId, machine, profile, toolchains } = opts;
  const impl = kernel.implementations.find((i) => i.id === implId)!;
  const { inv, error } = await buildImplementation(kernel, impl, toolchains, deps);
  if (error) throw new Error(`noise test: building ${implId} failed: ${error.slice(-500)}`);
  const params = kernel.profiles.quick;
  const runnable = { impl, run: inv.run, env: threadEnv(impl, machine.cores) };
  const startedAt = deps.clock.now().toISOString();
  const trials = [];
  for (let t = 0; t < NOISE_TRIALS[profile]; t++) {
    deps.onProgress?.({ round: t + 1, rounds: NOISE_TRIALS[profile], impl: `${implId} (A/A)`, samples: 0, etaMs: null });
    const [a, b] = await measure({ ...kernel, reference: implId }, [runnable, runnable], params, NOISE_PROTOCOL, {
      proc: deps.proc, log: deps.log, cwd: deps.root, seed: deps.seed + t, monotonicMs: deps.clock.monotonicMs,
    });
    if (a!.status !== 'ok' || b!.status !== 'ok') throw new Error(`noise test: ${implId} did not run cleanly (${a!.reason ?? b!.reason})`);
    trials.push(noiseTrial(byProcess(a!), byProcess(b!), deps.seed + t));
  }
  const result: NoiseResult = {
    schemaVersion: SCHEMA_VERSION, machine, kernel: kernel.id, impl: implId, profile, params, trials,
    ...summarizeNoise(trials), startedAt, finishedAt: deps.clock.now().toISOString(),
  };
  await deps.fs.writeAtomic(noisePath(deps.root, machine.id), `${JSON.stringify(result, null, 1)}\n`);
  return result;
}
