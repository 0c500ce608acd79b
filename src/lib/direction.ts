/**
 * Which way a metric is better. The verdict engine reads it to say whether a claimed figure makes
 * its subject look better (overstated) or worse (understated) than measured. When the kernel
 * declares its metrics with a direction (src/lib/metrics.ts, kernel.yaml v2), a measured claim
 * follows the metric its check names; this table covers the claim metrics of sourced claims.
 */
import type { Claim } from './schema/claim.ts';
import { defaultMetric, metricDirection } from './metrics.ts';

export type Direction = 'lower-is-better' | 'higher-is-better' | 'neutral';

/** Per claim metric: time, memory, overhead and price are better lower; speed-up, throughput better higher. */
export const METRIC_DIRECTION: Record<Claim['claimed']['metric'], Direction> = {
  speedup: 'higher-is-better',
  throughput: 'higher-is-better',
  time: 'lower-is-better',
  memory: 'lower-is-better',
  overhead: 'lower-is-better',
  price: 'lower-is-better',
  count: 'neutral',
  share: 'neutral',
  growth: 'neutral',
  date: 'neutral',
  fact: 'neutral',
};

/** Per measured comparison: a ratio of times (baseline/subject) is a speed-up; a time or memory is better lower. */
export const COMPARISON_DIRECTION = { ratio: 'higher-is-better', time: 'lower-is-better', memory: 'lower-is-better' } as const satisfies Record<string, Direction>;

/**
 * The direction of a claim's figure: a measured claim's comparison decides, else its metric. A time
 * or memory figure in percent is a reduction ("25% lower latency", "30% less memory"): better higher.
 */
export function claimDirection(claim: Claim): Direction {
  if (claim.kind === 'measured') {
    // A ratio is the improvement factor (metrics.ts improvementFactor): better higher whatever the metric.
    if (claim.check.comparison === 'ratio') return COMPARISON_DIRECTION.ratio;
    return metricDirection(claim.check.metric ?? defaultMetric(claim.check.comparison)) === 'lower' ? 'lower-is-better' : 'higher-is-better';
  }
  const { metric, unit } = claim.claimed;
  if ((metric === 'time' || metric === 'memory') && unit === 'percent') return 'higher-is-better';
  return METRIC_DIRECTION[metric];
}

/**
 * Whether a claimed figure that differs from the reference (measured or sourced) makes the subject
 * look better: 'overstated', or worse: 'understated'. Neutral metrics call a larger figure overstated.
 */
export function misstatement(direction: Direction, claimedIsLarger: boolean): 'overstated' | 'understated' {
  if (direction === 'lower-is-better') return claimedIsLarger ? 'understated' : 'overstated';
  return claimedIsLarger ? 'overstated' : 'understated';
}
