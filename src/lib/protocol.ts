/**
 * The measurement protocol's constants, shared by the harness (which applies them) and the
 * methodology page (which states them), so that the page cannot drift from the code.
 */
import type { Profile } from './schema/kernel.ts';

export interface ProtocolSettings {
  /** Rounds; in each, every implementation runs once as a process, in a shuffled order. */
  rounds: number;
  /** Untimed repetitions at the start of every process. */
  warmupPerProcess: number;
  /** Seconds of timed samples wanted per implementation, across rounds 2..n. */
  budgetSeconds: number;
  /** Most samples one process takes in one round. */
  maxSamplesPerRound: number;
  /** Fewest samples per implementation, whatever the budget (a slow one takes longer). */
  minSamples: number;
  /** Timeout of one process in round 1, and the ceiling afterwards (ms). */
  timeoutMs: number;
}

export const PROTOCOLS: Record<Profile, ProtocolSettings> = {
  quick: { rounds: 5, warmupPerProcess: 1, budgetSeconds: 4, maxSamplesPerRound: 20, minSamples: 5, timeoutMs: 300_000 },
  full: { rounds: 7, warmupPerProcess: 1, budgetSeconds: 20, maxSamplesPerRound: 50, minSamples: 13, timeoutMs: 600_000 },
};

/** Later rounds time out after this many times the expected duration (at least MIN_TIMEOUT_MS). */
export const TIMEOUT_FACTOR = 10;
export const MIN_TIMEOUT_MS = 30_000;

/** Spread above which a result gets a warning (interquartile range over median). */
export const HIGH_SPREAD = 0.1;
/** Fewer samples than this get a warning. */
export const FEW_SAMPLES = 5;

/** Bump when a harness change makes earlier results incomparable: every result is then re-measured. */
export const HARNESS_EPOCH = 1;

/**
 * The A/A noise test's design (npm run harness -- --noise; see harness/runner/noise.ts): one
 * implementation measured as two, A and A'. A trial is `pairs` rounds; in each round A and A' run
 * once each as a process, back to back in a random order, and the trial's ratio is the geometric
 * mean of the per-round ratios of their medians, with a Student-t interval over the rounds.
 * Pairing cancels what drifts between rounds (frequency, other load); many processes per trial
 * make the interval include the variation between processes.
 */
export interface NoiseDesign {
  /** Trials: independent A/A comparisons; the false-positive rate is counted over them. */
  trials: number;
  /** Rounds (pairs of processes) per trial. */
  pairs: number;
  /** Untimed repetitions at the start of every process. */
  warmupPerProcess: number;
  /** Seconds of timed samples wanted per process; the count is sized from a first probe process. */
  processSeconds: number;
  minSamplesPerProcess: number;
  maxSamplesPerProcess: number;
}

export const NOISE_DESIGN: Record<Profile, NoiseDesign> = {
  quick: { trials: 10, pairs: 8, warmupPerProcess: 1, processSeconds: 0.2, minSamplesPerProcess: 3, maxSamplesPerProcess: 20 },
  full: { trials: 60, pairs: 12, warmupPerProcess: 1, processSeconds: 0.3, minSamplesPerProcess: 3, maxSamplesPerProcess: 20 },
};

/** Trials per profile (kept for callers that only need the count). */
export const NOISE_TRIALS: Record<Profile, number> = { quick: NOISE_DESIGN.quick.trials, full: NOISE_DESIGN.full.trials };
