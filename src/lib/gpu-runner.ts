/**
 * Claims that only a CUDA GPU can decide: which runner label of the fleet would measure them.
 * Pure: takes the implementations a claim compares and the runs of its kernel.
 */
import type { Run } from './schema/run.ts';

/** The label a self-hosted runner with a CUDA GPU carries (CONTRIBUTING.md, "The fleet"). */
export const GPU_RUNNER_LABEL = 'claimbench-cuda';

/**
 * A sentence naming the GPU runner label when the claim compares a GPU implementation that no run
 * has measured successfully; null when none is needed or one has.
 */
export function gpuRunnerNote(impls: ReadonlyArray<{ id: string; gpu: boolean }>, runs: readonly Run[]): string | null {
  const gpu = impls.filter((i) => i.gpu);
  if (gpu.length === 0) return null;
  const unmeasured = gpu.filter((i) => !runs.some((r) => r.implementations.some((x) => x.id === i.id && x.status === 'ok')));
  if (unmeasured.length === 0) return null;
  return `${unmeasured.map((i) => i.id).join(' and ')} need${unmeasured.length === 1 ? 's' : ''} a CUDA GPU, which no machine that measured this kernel has: a fleet runner labelled ${GPU_RUNNER_LABEL} (the fleet workflow's gpu-runner input) would decide this claim.`;
}
