/**
 * The benchmark environment of NumPy implementations: some machines set OPENBLAS_CORETYPE and
 * OPENBLAS_L2_SIZE globally (a workaround for old OpenBLAS builds), which pins NumPy's OpenBLAS to
 * an older kernel (Haswell on an AVX-512 CPU: about half the float32 throughput). For NumPy
 * implementations only, the harness removes both from the process's environment, so that OpenBLAS
 * picks its kernel for this CPU, and records the removal in the result. Other implementations keep
 * the environment as it is.
 */
import type { Implementation } from '../../src/lib/schema/kernel.ts';
import { usesNumpy } from '../../src/lib/blas-kernel.ts';

/** Variables that override OpenBLAS's choice of CPU kernel and cache size. */
export const OPENBLAS_OVERRIDES: readonly string[] = ['OPENBLAS_CORETYPE', 'OPENBLAS_L2_SIZE'];

/** Variables removed from an implementation's benchmark environment (empty: none). */
export function envUnsetFor(impl: Implementation): string[] {
  return usesNumpy(impl) ? [...OPENBLAS_OVERRIDES] : [];
}
