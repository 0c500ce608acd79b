/**
 * How an implementation is built and run: the runtime adapter's commands (harness/runner/runtimes/),
 * pure. The site shows these same commands so a reader can reproduce a result.
 */
import type { Implementation } from '../../src/lib/schema/kernel.ts';
import { adapterFor, type BuildPurpose, type Invocation, type KernelContext, type ToolPaths } from './runtimes/index.ts';

export type { BuildPurpose, Invocation };

/** The kernel an implementation belongs to: its id, or the parts of kernel.yaml adapters read. */
export type KernelRef = string | KernelContext;

export const kernelContext = (k: KernelRef): KernelContext => (typeof k === 'string' ? { id: k } : { id: k.id, pythonLock: k.pythonLock });

/**
 * Paths are relative to the repository root, which is the working directory of every command.
 * `purpose` 'check' is the tests' build (see BuildPurpose); the harness measures only 'measure' builds.
 */
export function invocationFor(kernel: KernelRef, impl: Implementation, tools: ToolPaths, purpose: BuildPurpose = 'measure'): Invocation {
  return adapterFor(impl.runtime).invocation(impl, kernelContext(kernel), tools, purpose);
}

/** The inherited variables a build must not see (Invocation.buildEnvUnset), among those of `env`. */
export function buildEnvUnsetFor(inv: Pick<Invocation, 'buildEnv' | 'buildEnvUnset'>, env: Readonly<Record<string, string | undefined>>): string[] {
  const names = new Set(inv.buildEnvUnset?.names ?? []);
  const prefixes = inv.buildEnvUnset?.prefixes ?? [];
  return Object.keys(env).filter((k) => !(k in inv.buildEnv) && (names.has(k) || prefixes.some((p) => k.startsWith(p)))).sort();
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
