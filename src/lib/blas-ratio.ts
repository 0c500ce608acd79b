/**
 * Each language's best matrix-multiplication tier against OpenBLAS (NumPy's BLAS) in the same run, at
 * the same thread count: the throughput ratio = OpenBLAS's median time / the tier's median time (1 =
 * as fast as OpenBLAS). Pure: computed from a run file and its kernel, never typed in. The target is
 * BLAS_TARGET; the ratio only counts when OpenBLAS ran its own kernel for this CPU (see
 * blas-kernel.ts), otherwise the row says why it flatters the tier.
 */
import type { Kernel } from './schema/kernel.ts';
import { RUNTIMES, type SourceLanguage } from './runtimes.ts';
import type { ImplResult, Run } from './schema/run.ts';
import { blasKernelsBelowBest } from './blas-kernel.ts';

/** The share of OpenBLAS's throughput each language's best tier should reach. */
export const BLAS_TARGET = 0.8;

/** Kernels with an OpenBLAS baseline: its implementations, by thread mode. */
export const BLAS_BASELINES: Readonly<Record<string, { serial: string; threaded: string }>> = {
  matmul: { serial: 'numpy', threaded: 'numpy-threads' },
};

/** The compiled languages whose best tier is compared with OpenBLAS. */
export const COMPARED_LANGUAGES: readonly SourceLanguage[] = ['c', 'rust', 'mojo'];

export interface BlasRatioRow {
  language: SourceLanguage;
  /** Its fastest CPU implementation that ran correctly in this run; null when none did. */
  impl: string | null;
  threads: number | null;
  /** The OpenBLAS implementation it is compared with (same thread count), or null. */
  blasImpl: string | null;
  /** OpenBLAS median time / the tier's median time; null when there is nothing to compare. */
  ratio: number | null;
  /** ratio >= BLAS_TARGET, null when there is no ratio or OpenBLAS did not run its own kernel. */
  meetsTarget: boolean | null;
  /** Why there is no ratio or why it does not count; absent when it counts. */
  note?: string;
}

export interface BlasComparison {
  kernel: string;
  /** The OpenBLAS kernel the NumPy implementations ran (threadpoolctl), when recorded. */
  blasArchitecture: string | null;
  /** Set when OpenBLAS ran a kernel below this CPU's best: no ratio of this run counts. */
  blasNotBest: string | null;
  rows: BlasRatioRow[];
}

const okTimed = (r: ImplResult | undefined): r is ImplResult & { summary: NonNullable<ImplResult['summary']> } =>
  r !== undefined && r.status === 'ok' && r.summary !== null && r.extrapolated === null;

/** The comparison for one run, or null when its kernel has no OpenBLAS baseline. */
export function blasComparison(run: Run, kernel: Kernel): BlasComparison | null {
  const base = BLAS_BASELINES[kernel.id];
  if (!base || run.kernel !== kernel.id) return null;
  const results = new Map(run.implementations.map((r) => [r.id, r]));
  const blasRuns = [base.serial, base.threaded].map((id) => results.get(id)).filter(okTimed);
  const pools = (run.provenance?.blas ?? []).filter((p) => p.internal_api === 'openblas' && typeof p.architecture === 'string');
  const blasArchitecture = pools.length > 0 ? String(pools[0]!.architecture) : null;
  const below = blasKernelsBelowBest(run.provenance?.blas ?? null, run.machine.simd)[0];
  const blasNotBest = below ? `OpenBLAS ran its ${below.architecture} kernel although this CPU supports ${below.best} kernels, so these ratios flatter the other languages` : null;

  const rows = COMPARED_LANGUAGES.map((language): BlasRatioRow => {
    const candidates = kernel.implementations
      .filter((i) => RUNTIMES[i.runtime].language === language && !i.gpu)
      .map((i) => results.get(i.id))
      .filter(okTimed)
      .sort((a, b) => a.summary.medianNs - b.summary.medianNs);
    const best = candidates[0];
    if (!best) return { language, impl: null, threads: null, blasImpl: null, ratio: null, meetsTarget: null, note: `no ${language} implementation ran correctly in this run` };
    const threads = best.threads;
    const blas = blasRuns.find((b) => b.threads === threads);
    if (!blas) {
      return { language, impl: best.id, threads, blasImpl: null, ratio: null, meetsTarget: null, note: `no OpenBLAS result on ${threads ?? 'an unknown number of'} thread${threads === 1 ? '' : 's'} in this run` };
    }
    const ratio = blas.summary.medianNs / best.summary.medianNs;
    if (blasNotBest) return { language, impl: best.id, threads, blasImpl: blas.id, ratio, meetsTarget: null, note: blasNotBest };
    return { language, impl: best.id, threads, blasImpl: blas.id, ratio, meetsTarget: ratio >= BLAS_TARGET };
  });
  return { kernel: kernel.id, blasArchitecture, blasNotBest, rows };
}
