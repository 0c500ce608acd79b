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
});

/** `content/runs/<machine>/noise.json`: the machine's A/A noise test (npm run harness -- --noise). */
export const NoiseResult = z.strictObject({
  schemaVersion: z.literal(SCHEMA_VERSION),
  machine: Machine,
  kernel: Slug,
  impl: Slug,
  profile: z.enum(PROFILES),
  params: z.record(z.string(), z.number()),
  trials: z.array(NoiseTrial).min(1),
  /** Share of trials whose interval wrongly excluded 1 (a correct 95% interval: about 5%). */
  falsePositiveRate: z.number().min(0).max(1),
  /** 95th percentile of |ratio - 1| over the trials: differences smaller than this are noise here. */
  floor: z.number().min(0),
  startedAt: z.iso.datetime(),
  finishedAt: z.iso.datetime(),
});
export type NoiseResult = z.infer<typeof NoiseResult>;
export type NoiseTrial = z.infer<typeof NoiseTrial>;
