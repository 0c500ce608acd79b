/**
 * How an implementation is built and run: the runtime adapter's commands (harness/runner/runtimes/),
 * pure. The site shows these same commands so a reader can reproduce a result.
 */
import type { Implementation } from '../../src/lib/schema/kernel.ts';
import { adapterFor, type Invocation, type KernelContext, type ToolPaths } from './runtimes/index.ts';

export type { Invocation };

/** The kernel an implementation belongs to: its id, or the parts of kernel.yaml adapters read. */
export type KernelRef = string | KernelContext;

export const kernelContext = (k: KernelRef): KernelContext => (typeof k === 'string' ? { id: k } : { id: k.id, pythonLock: k.pythonLock });

/** Paths are relative to the repository root, which is the working directory of every command. */
export function invocationFor(kernel: KernelRef, impl: Implementation, tools: ToolPaths): Invocation {
  return adapterFor(impl.runtime).invocation(impl, kernelContext(kernel), tools);
}

/** Thread-count environment for an implementation: all cores for parallel ones, one otherwise. */
export function threadEnv(impl: Pick<Implementation, 'parallel'>, cores: number): Record<string, string> {
  const n = String(impl.parallel ? cores : 1);
  return {
    CLAIMBENCH_THREADS: n,
    OMP_NUM_THREADS: n,
    RAYON_NUM_THREADS: n,
    OPENBLAS_NUM_THREADS: n,
    MKL_NUM_THREADS: n,
    MODULAR_TELEMETRY_ENABLED: '0',
  };
}
