import { describe, expect, it } from 'vitest';
import { gpuRunnerNote, GPU_RUNNER_LABEL } from '../../src/lib/gpu-runner.ts';
import type { Run } from '../../src/lib/schema/run.ts';

const runWith = (id: string, status: string) => ({ implementations: [{ id, status }] }) as unknown as Run;

describe('gpuRunnerNote', () => {
  const impls = [{ id: 'numpy', gpu: false }, { id: 'pytorch-cuda', gpu: true }];
  it('names the GPU runner label while no run measured the GPU implementation', () => {
    expect(gpuRunnerNote(impls, [runWith('numpy', 'ok'), runWith('pytorch-cuda', 'skipped')])).toBe(`pytorch-cuda needs a CUDA GPU, which no machine that measured this kernel has: a fleet runner labelled ${GPU_RUNNER_LABEL} (the fleet workflow's gpu-runner input) would decide this claim.`);
  });
  it('says nothing once a run measured it, or when the claim compares no GPU implementation', () => {
    expect(gpuRunnerNote(impls, [runWith('pytorch-cuda', 'ok')])).toBeNull();
    expect(gpuRunnerNote([{ id: 'numpy', gpu: false }], [])).toBeNull();
  });
});
