/**
 * What a kernel can measure, and which way is better for each: the one place that knows a metric's
 * direction. Pure; used by the kernel schema (declared metrics), the claim schema (the metric a
 * check names), the harness (what it derives from the samples) and the verdict engine (which way
 * "overstated" points).
 */

/** The amounts of work a program can report for ONE sample (its `work` object). */
export const WORK_KEYS = ['bytes', 'items', 'tokens', 'records'] as const;
export type WorkKey = (typeof WORK_KEYS)[number];

export const METRIC_IDS = ['time', 'throughput', 'requests-per-second', 'latency-p50', 'latency-p99', 'peak-memory'] as const;
export type MetricId = (typeof METRIC_IDS)[number];

export type Direction = 'lower' | 'higher';

export interface MetricInfo {
  /** Which way is better. */
  direction: Direction;
  /** Plain name for pages and messages. */
  label: string;
  /** Unit of the measured value (throughput: per unit of the kernel's declared work). */
  unit: string;
}

export const METRICS: Readonly<Record<MetricId, MetricInfo>> = {
  time: { direction: 'lower', label: 'time per operation', unit: 'ns' },
  throughput: { direction: 'higher', label: 'throughput', unit: 'work/s' },
  'requests-per-second': { direction: 'higher', label: 'requests per second', unit: 'requests/s' },
  'latency-p50': { direction: 'lower', label: 'median latency (p50)', unit: 'ns' },
  'latency-p99': { direction: 'lower', label: '99th-percentile latency (p99)', unit: 'ns' },
  'peak-memory': { direction: 'lower', label: 'peak resident memory', unit: 'KiB' },
};

/** Which way is better for a metric. */
export function metricDirection(metric: MetricId): Direction {
  return METRICS[metric].direction;
}

/** True when value `a` is better than value `b` for the metric (equal is not better). */
export function isBetter(metric: MetricId, a: number, b: number): boolean {
  return metricDirection(metric) === 'lower' ? a < b : a > b;
}

/**
 * How many times better `subject` is than `baseline` for the metric (> 1: the subject is better):
 * baseline / subject for lower-is-better metrics, subject / baseline for higher-is-better ones.
 * A speed-up computed from times and from throughputs of the same work are then the same number.
 */
export function improvementFactor(metric: MetricId, baseline: number, subject: number): number {
  return metricDirection(metric) === 'lower' ? baseline / subject : subject / baseline;
}

/** The metric a claim check judges when it names none: its comparison's. */
export function defaultMetric(comparison: 'ratio' | 'time' | 'memory' | string): MetricId {
  return comparison === 'memory' ? 'peak-memory' : 'time';
}

/** Work per second from the work of one sample and that sample's time in nanoseconds. */
export function throughputPerSecond(workPerSample: number, sampleNs: number): number {
  return sampleNs > 0 ? workPerSample / (sampleNs / 1e9) : Number.POSITIVE_INFINITY;
}
