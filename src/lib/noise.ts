/**
 * The A/A noise test's statistics (pure). One implementation is measured as two, A and A'; every
 * difference found is noise. A trial is a number of paired rounds (A and A' back to back, in a
 * random order); its ratio is judged pair by pair, so that what drifts between rounds cancels.
 * Over many trials: how often a difference was wrongly found (with its own uncertainty), and how
 * large such differences get (the noise floor).
 */
import type { NoiseTrial } from './schema/noise.ts';
import { CONFIDENCE, median, quantileSorted } from './stats.ts';
import { studentTQuantile, wilsonInterval } from './student-t.ts';

/** One round of a trial: the samples of A's process and of A''s process. */
export interface NoisePair {
  a: readonly number[];
  b: readonly number[];
}

/**
 * Judges one paired trial: per round the log-ratio ln(median(A) / median(A')); the trial's ratio
 * is exp(mean), with a Student-t interval over the rounds (n - 1 degrees of freedom). A and A'
 * are the same program and their order in each round is random, so each round's log-ratio is
 * symmetric about 0 and the interval's 95% coverage holds for as few as a handful of rounds.
 */
export function pairedTrial(pairs: readonly NoisePair[], confidence = CONFIDENCE): NoiseTrial {
  if (pairs.length < 2) throw new Error(`a paired trial needs at least 2 rounds, got ${pairs.length}`);
  const d = pairs.map((p, i) => {
    if (p.a.length === 0 || p.b.length === 0) throw new Error(`round ${i + 1} of the trial has no samples`);
    return Math.log(median(p.a) / median(p.b));
  });
  const n = d.length;
  const mean = d.reduce((s, x) => s + x, 0) / n;
  const sd = Math.sqrt(d.reduce((s, x) => s + (x - mean) ** 2, 0) / (n - 1));
  const half = studentTQuantile(1 - (1 - confidence) / 2, n - 1) * (sd / Math.sqrt(n));
  const lo = Math.exp(mean - half);
  const hi = Math.exp(mean + half);
  return { point: Math.exp(mean), lo, hi, falsePositive: lo > 1 || hi < 1, pairs: n };
}

export interface NoiseSummary {
  /** Share of trials whose interval wrongly excluded 1 (a calibrated 95% interval: about 0.05). */
  falsePositiveRate: number;
  /** 95% Wilson interval of that share: with a few dozen trials it is wide, and says so. */
  falsePositiveInterval: { lo: number; hi: number };
  /**
   * The machine's noise floor: the 95th percentile of |ratio - 1| over the trials. A measured
   * ratio within [1 - floor, 1 + floor] of another is indistinguishable from noise on this
   * machine. This is the number the verdict engine reads (field name and meaning are stable).
   */
  floor: number;
  /** Median relative half-width of one trial's interval, sqrt(hi / lo) - 1: the smallest difference one trial resolves. */
  resolution: number;
}

export function summarizeNoise(trials: readonly NoiseTrial[], confidence = CONFIDENCE): NoiseSummary {
  if (trials.length === 0) throw new Error('a noise summary needs at least one trial');
  const dev = trials.map((t) => Math.abs(t.point - 1)).sort((x, y) => x - y);
  const k = trials.filter((t) => t.falsePositive).length;
  const widths = trials.map((t) => Math.sqrt(t.hi / t.lo) - 1).sort((x, y) => x - y);
  return {
    falsePositiveRate: k / trials.length,
    falsePositiveInterval: wilsonInterval(k, trials.length, confidence),
    floor: quantileSorted(dev, 0.95),
    resolution: quantileSorted(widths, 0.5),
  };
}

/** Samples per process: enough for `seconds` of timing at the probed sample time, within bounds. */
export function noiseSamplesPerProcess(sampleNs: number, design: { processSeconds: number; minSamplesPerProcess: number; maxSamplesPerProcess: number }): number {
  const want = Math.ceil((design.processSeconds * 1e9) / Math.max(sampleNs, 1));
  return Math.min(design.maxSamplesPerProcess, Math.max(design.minSamplesPerProcess, want));
}
