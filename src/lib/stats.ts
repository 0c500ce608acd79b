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

function sorted(xs: readonly number[]): number[] {
  return [...xs].sort((a, b) => a - b);
}

/** Quantile by linear interpolation between order statistics (Hyndman & Fan type 7, as R and NumPy default). */
export function quantileSorted(s: readonly number[], p: number): number {
  if (s.length === 0) throw new Error('quantile of an empty sample');
  const h = (s.length - 1) * p;
  const lo = Math.floor(h);
  const hi = Math.ceil(h);
  return s[lo]! + (h - lo) * (s[hi]! - s[lo]!);
}

export function median(xs: readonly number[]): number {
  return quantileSorted(sorted(xs), 0.5);
}

/** Median absolute deviation (unscaled). */
export function mad(xs: readonly number[]): number {
  const m = median(xs);
  return median(xs.map((x) => Math.abs(x - m)));
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

function resampleMedian(xs: readonly number[], rand: () => number): number {
  const r = new Array<number>(xs.length);
  for (let i = 0; i < xs.length; i++) r[i] = xs[Math.floor(rand() * xs.length)]!;
  return median(r);
}

export interface RatioEstimate {
  /** median(baseline) / median(subject). */
  point: number;
  /** Percentile-bootstrap interval of the ratio of medians at CONFIDENCE. */
  lo: number;
  hi: number;
  nBaseline: number;
  nSubject: number;
}

/**
 * Ratio of medians (how many times faster the subject is) with a percentile bootstrap interval:
 * both samples are resampled independently BOOTSTRAP_RESAMPLES times. With fewer than 5 samples a
 * side the interval is coarse (it can only take values built from the observed samples): it
 * understates uncertainty, which the methodology page says.
 */
export function ratioOfMedians(
  baselineNs: readonly number[],
  subjectNs: readonly number[],
  opts: { resamples?: number; seed?: number; confidence?: number } = {},
): RatioEstimate {
  if (baselineNs.length === 0 || subjectNs.length === 0) throw new Error('ratio of an empty sample');
  const resamples = opts.resamples ?? BOOTSTRAP_RESAMPLES;
  const rand = seededRandom(opts.seed ?? BOOTSTRAP_SEED);
  const conf = opts.confidence ?? CONFIDENCE;
  const ratios = new Array<number>(resamples);
  for (let i = 0; i < resamples; i++) ratios[i] = resampleMedian(baselineNs, rand) / resampleMedian(subjectNs, rand);
  const s = sorted(ratios);
  return {
    point: median(baselineNs) / median(subjectNs),
    lo: quantileSorted(s, (1 - conf) / 2),
    hi: quantileSorted(s, 1 - (1 - conf) / 2),
    nBaseline: baselineNs.length,
    nSubject: subjectNs.length,
  };
}

/** The median with its percentile-bootstrap interval (BOOTSTRAP_RESAMPLES resamples, seeded). */
export function medianInterval(xs: readonly number[], opts: { resamples?: number; seed?: number; confidence?: number } = {}): { point: number; lo: number; hi: number } {
  if (xs.length === 0) throw new Error('median of an empty sample');
  const rand = seededRandom(opts.seed ?? BOOTSTRAP_SEED);
  const conf = opts.confidence ?? CONFIDENCE;
  const meds = Array.from({ length: opts.resamples ?? BOOTSTRAP_RESAMPLES }, () => resampleMedian(xs, rand));
  const s = sorted(meds);
  return { point: median(xs), lo: quantileSorted(s, (1 - conf) / 2), hi: quantileSorted(s, 1 - (1 - conf) / 2) };
}
