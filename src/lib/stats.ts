/**
 * Robust statistics for timing samples. Pure functions; randomness only from a seeded generator,
 * so that every build computes the same intervals from the same samples.
 */
import type { Summary } from './schema/run.ts';

/** Bootstrap resamples for every ratio interval. */
export const BOOTSTRAP_RESAMPLES = 2000;
/** Confidence level of every interval we publish. */
export const CONFIDENCE = 0.95;
/** Seed of the bootstrap's generator (fixed: same samples, same interval). */
export const BOOTSTRAP_SEED = 0x5eed;

/** Ascending copy; a typed array's numeric sort, several times faster than a comparator (bootstrap hot path). */
function sorted(xs: ArrayLike<number>): Float64Array {
  return Float64Array.from(xs).sort();
}

/** Quantile by linear interpolation between order statistics (Hyndman & Fan type 7, as R and NumPy default). */
export function quantileSorted(s: ArrayLike<number>, p: number): number {
  if (s.length === 0) throw new Error('quantile of an empty sample');
  const h = (s.length - 1) * p;
  const lo = Math.floor(h);
  const hi = Math.ceil(h);
  return s[lo]! + (h - lo) * (s[hi]! - s[lo]!);
}

export function median(xs: ArrayLike<number>): number {
  return quantileSorted(sorted(xs), 0.5);
}

/** Median absolute deviation (unscaled). */
export function mad(xs: ArrayLike<number>): number {
  const m = median(xs);
  return median(Array.from(xs, (x) => Math.abs(x - m)));
}

export function summarize(samplesNs: readonly number[]): Summary {
  const s = sorted(samplesNs);
  return {
    n: s.length,
    medianNs: quantileSorted(s, 0.5),
    q1Ns: quantileSorted(s, 0.25),
    q3Ns: quantileSorted(s, 0.75),
    madNs: mad(s),
    minNs: s[0]!,
    maxNs: s[s.length - 1]!,
  };
}

/** Relative spread: interquartile range over the median. */
export function relativeIqr(s: Summary): number {
  return s.medianNs === 0 ? 0 : (s.q3Ns - s.q1Ns) / s.medianNs;
}

/** mulberry32: a small, fast, seedable generator; returns floats in [0, 1). */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * Timing samples, either flat or grouped by the process that took them. Samples from one process
 * share that process's conditions (memory layout, CPU placement, frequency), so they vary less
 * among themselves than across processes; intervals must resample processes too.
 */
export type Samples = readonly number[] | ReadonlyArray<readonly number[]>;

function groups(x: Samples): ReadonlyArray<readonly number[]> {
  return x.length > 0 && Array.isArray(x[0]) ? (x as ReadonlyArray<readonly number[]>).filter((g) => g.length > 0) : [x as readonly number[]];
}

function pooled(x: Samples): number[] {
  return groups(x).flat();
}

/**
 * One hierarchical bootstrap resample's median: draw as many processes as there are, with
 * replacement, then within each drawn process as many of its samples, with replacement. With a
 * single group this is the ordinary bootstrap.
 */
function resampleMedian(gs: ReadonlyArray<readonly number[]>, rand: () => number): number {
  const r: number[] = [];
  for (let i = 0; i < gs.length; i++) {
    const g = gs[Math.floor(rand() * gs.length)]!;
    for (let j = 0; j < g.length; j++) r.push(g[Math.floor(rand() * g.length)]!);
  }
  return median(r);
}

export interface RatioEstimate {
  /** median(baseline) / median(subject), over all samples. */
  point: number;
  /** Percentile-bootstrap interval of the ratio of medians at CONFIDENCE. */
  lo: number;
  hi: number;
  nBaseline: number;
  nSubject: number;
}

/**
 * Ratio of medians (how many times faster the subject is) with a percentile bootstrap interval:
 * each side is resampled independently BOOTSTRAP_RESAMPLES times, hierarchically when its samples
 * are grouped by process (processes, then samples within them), so that the interval includes the
 * variation between processes, which an A/A test on a noisy machine shows to dominate. With few
 * processes the interval is coarse.
 */
export function ratioOfMedians(
  baseline: Samples,
  subject: Samples,
  opts: { resamples?: number; seed?: number; confidence?: number } = {},
): RatioEstimate {
  const b = pooled(baseline);
  const s0 = pooled(subject);
  if (b.length === 0 || s0.length === 0) throw new Error('ratio of an empty sample');
  const resamples = opts.resamples ?? BOOTSTRAP_RESAMPLES;
  const rand = seededRandom(opts.seed ?? BOOTSTRAP_SEED);
  const conf = opts.confidence ?? CONFIDENCE;
  const bg = groups(baseline);
  const sg = groups(subject);
  const ratios = new Array<number>(resamples);
  for (let i = 0; i < resamples; i++) ratios[i] = resampleMedian(bg, rand) / resampleMedian(sg, rand);
  const s = sorted(ratios);
  return {
    point: median(b) / median(s0),
    lo: quantileSorted(s, (1 - conf) / 2),
    hi: quantileSorted(s, 1 - (1 - conf) / 2),
    nBaseline: b.length,
    nSubject: s0.length,
  };
}

/** The median with its percentile-bootstrap interval (hierarchical for grouped samples; seeded). */
export function medianInterval(xs: Samples, opts: { resamples?: number; seed?: number; confidence?: number } = {}): { point: number; lo: number; hi: number } {
  const all = pooled(xs);
  if (all.length === 0) throw new Error('median of an empty sample');
  const rand = seededRandom(opts.seed ?? BOOTSTRAP_SEED);
  const conf = opts.confidence ?? CONFIDENCE;
  const gs = groups(xs);
  const meds = Array.from({ length: opts.resamples ?? BOOTSTRAP_RESAMPLES }, () => resampleMedian(gs, rand));
  const s = sorted(meds);
  return { point: median(all), lo: quantileSorted(s, (1 - conf) / 2), hi: quantileSorted(s, 1 - (1 - conf) / 2) };
}

/** A result's samples grouped by the process that took them (flat when the grouping is unknown). */
export function byProcess(r: { samplesNs: readonly number[]; samplesPerProcess: readonly number[] }): number[][] {
  const total = r.samplesPerProcess.reduce((a, b) => a + b, 0);
  if (r.samplesPerProcess.length === 0 || total !== r.samplesNs.length) return [[...r.samplesNs]];
  const out: number[][] = [];
  let i = 0;
  for (const n of r.samplesPerProcess) {
    out.push(r.samplesNs.slice(i, i + n));
    i += n;
  }
  return out;
}
