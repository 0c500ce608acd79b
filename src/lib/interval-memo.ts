/**
 * Memoised interval estimates for the site build: a bootstrap (BOOTSTRAP_RESAMPLES resamples of
 * each side) is computed once per (run, baseline, subject) and reused by every claim, page and
 * history entry that asks for the same comparison. Keyed by the run object (a WeakMap, so nothing
 * outlives the dataset it was computed from) and the implementation ids; the estimates are seeded,
 * so a cached value is exactly what a fresh computation would give.
 */
import type { RatioEstimate } from './stats.ts';

type Interval = { point: number; lo: number; hi: number };

const ratios = new WeakMap<object, Map<string, RatioEstimate>>();
const medians = new WeakMap<object, Map<string, Interval>>();
let hits = 0;
let misses = 0;

function memo<T>(store: WeakMap<object, Map<string, T>>, run: object, key: string, compute: () => T): T {
  let byKey = store.get(run);
  if (!byKey) store.set(run, (byKey = new Map()));
  const got = byKey.get(key);
  if (got !== undefined) {
    hits++;
    return got;
  }
  misses++;
  const v = compute();
  byKey.set(key, v);
  return v;
}

/** The ratio-of-medians estimate of `baseline` over `subject` in `run`, computed once. */
export function memoRatio(run: object, baseline: string, subject: string, compute: () => RatioEstimate): RatioEstimate {
  return memo(ratios, run, `${baseline}\0${subject}`, compute);
}

/** The median interval of implementation `impl` in `run`, computed once. */
export function memoMedian(run: object, impl: string, compute: () => Interval): Interval {
  return memo(medians, run, impl, compute);
}

/** How often a memoised estimate was reused and computed (for the build log and tests). */
export function intervalMemoStats(): { hits: number; misses: number } {
  return { hits, misses };
}
