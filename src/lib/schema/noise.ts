import { z } from 'zod';
import { SCHEMA_VERSION, Slug } from './common.ts';
import { Machine } from './run.ts';
import { PROFILES } from './kernel.ts';

/** One A/A trial: the same implementation measured as two, and the ratio found between them. */
export const NoiseTrial = z.strictObject({
  point: z.number(),
  lo: z.number(),
  hi: z.number(),
  /** True when the 95% interval excluded 1: a difference found where there is none. */
  falsePositive: z.boolean(),
  /** Paired rounds (A and A' back to back) the trial's interval rests on; absent in unpaired trials of older files. */
  pairs: z.number().int().min(2).optional(),
});

/** `content/runs/<machine>/noise.json`: the machine's A/A noise test (npm run harness -- --noise). */
export const NoiseResult = z.strictObject({
  schemaVersion: z.literal(SCHEMA_VERSION),
  machine: Machine,
  kernel: Slug,
  impl: Slug,
  profile: z.enum(PROFILES),
  params: z.record(z.string(), z.union([z.number(), z.string()])),
  trials: z.array(NoiseTrial).min(1),
  /** How the test was run (src/lib/protocol.ts NOISE_DESIGN); absent in older files (unpaired, 3 processes per side). */
  design: z.strictObject({
    /** Rounds per trial, each one process of A and one of A', in a random order. */
    pairs: z.number().int().min(2),
    warmupPerProcess: z.number().int().min(0),
    samplesPerProcess: z.number().int().min(1),
  }).optional(),
  /** Share of trials whose interval wrongly excluded 1 (a correct 95% interval: about 5%). */
  falsePositiveRate: z.number().min(0).max(1),
  /** 95% Wilson interval of falsePositiveRate (its uncertainty from the number of trials); absent in older files. */
  falsePositiveInterval: z.strictObject({ lo: z.number().min(0).max(1), hi: z.number().min(0).max(1) }).optional(),
  /**
   * The machine's noise floor, read by the verdict engine: the 95th percentile of |ratio - 1| over
   * the trials. Ratios closer than this to each other (or to a claimed figure) cannot be told
   * apart on this machine. A plain number >= 0; 0.03 means 3%.
   */
  floor: z.number().min(0),
  /** Median relative half-width of one trial's interval: the smallest difference one trial resolves; absent in older files. */
  resolution: z.number().min(0).optional(),
  startedAt: z.iso.datetime(),
  finishedAt: z.iso.datetime(),
});
export type NoiseResult = z.infer<typeof NoiseResult>;
export type NoiseTrial = z.infer<typeof NoiseTrial>;
