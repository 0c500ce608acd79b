/** Summaries of an A/A noise test (pure). */
import type { NoiseTrial } from './schema/noise.ts';
import { quantileSorted, ratioOfMedians, type Samples } from './stats.ts';

/** Judges one A/A trial from the two sample sets of the same implementation. */
export function noiseTrial(a: Samples, b: Samples, seed: number): NoiseTrial {
  const r = ratioOfMedians(a, b, { seed });
  return { point: r.point, lo: r.lo, hi: r.hi, falsePositive: r.lo > 1 || r.hi < 1 };
}

export function summarizeNoise(trials: readonly NoiseTrial[]): { falsePositiveRate: number; floor: number } {
  const dev = trials.map((t) => Math.abs(t.point - 1)).sort((x, y) => x - y);
  return {
    falsePositiveRate: trials.filter((t) => t.falsePositive).length / trials.length,
    floor: quantileSorted(dev, 0.95),
  };
}
