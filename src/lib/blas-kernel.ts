/**
 * Which OpenBLAS CPU kernel ("architecture", as threadpoolctl reports it) a CPU deserves, and
 * whether the one a run used was it. Pure: from the machine's SIMD flags and the recorded pools.
 * OpenBLAS names its kernels after the CPU generation that introduced their instruction set; what
 * decides throughput is the vector width of its FMA kernels, so the levels below rank by that.
 */
import type { Implementation } from './schema/kernel.ts';
import { RUNTIMES } from './runtimes.ts';

/** True for Python implementations that import NumPy (and so call its OpenBLAS). */
export function usesNumpy(impl: Implementation): boolean {
  return RUNTIMES[impl.runtime].language === 'python' && (impl.requires ?? []).includes('numpy');
}

/** Instruction-set level of an OpenBLAS kernel family (higher = wider vectors). */
export const OPENBLAS_CORE_LEVEL: Readonly<Record<string, number>> = {
  prescott: 1, core2: 1, penryn: 1, dunnington: 1, nehalem: 1, atom: 1, opteron: 1, barcelona: 1, bobcat: 1,
  sandybridge: 2, bulldozer: 2, piledriver: 2, steamroller: 2, excavator: 2,
  haswell: 3, zen: 3,
  skylakex: 4, cooperlake: 4, sapphirerapids: 4,
};

const LEVEL_NAME: Record<number, string> = { 1: 'SSE', 2: 'AVX', 3: 'AVX2/FMA (Haswell)', 4: 'AVX-512 (SkylakeX)' };

/** The highest kernel level this CPU can run, from /proc/cpuinfo flags. */
export function bestOpenblasLevel(simd: readonly string[]): number {
  const has = (f: string) => simd.includes(f);
  if (['avx512f', 'avx512bw', 'avx512dq', 'avx512vl'].every(has)) return 4;
  if (has('avx2') && has('fma')) return 3;
  if (has('avx')) return 2;
  return 1;
}

export interface BlasKernelFinding {
  architecture: string;
  best: string;
}

/**
 * OpenBLAS pools whose kernel is below this CPU's best level (e.g. Haswell on an AVX-512 CPU).
 * Pools of other libraries, and kernels OpenBLAS names that are not in the table, are left alone.
 */
export function blasKernelsBelowBest(blas: ReadonlyArray<Record<string, unknown>> | null, simd: readonly string[]): BlasKernelFinding[] {
  const best = bestOpenblasLevel(simd);
  const out: BlasKernelFinding[] = [];
  for (const pool of blas ?? []) {
    if (pool.internal_api !== 'openblas' || typeof pool.architecture !== 'string') continue;
    const level = OPENBLAS_CORE_LEVEL[pool.architecture.toLowerCase()];
    if (level !== undefined && level < best) out.push({ architecture: pool.architecture, best: LEVEL_NAME[best]! });
  }
  return out;
}
