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

/**
 * The least a kernel's own full protocol (kernel.yaml `fullProtocol`) may set: with fewer rounds
 * the between-process variation has too few observations, and with fewer samples a median and its
 * interval mean little (FEW_SAMPLES warns below 5).
 */
export const PROTOCOL_FLOOR = { rounds: 3, minSamples: 7 } as const;

/** A kernel's or variant's own full-profile protocol, as kernel.yaml declares it. */
export interface ProtocolOverrideDecl {
  rounds?: number | undefined;
  minSamples?: number | undefined;
  why: string;
}

/** What a kernel (or a variant, resolved by variantKernel) declares that changes its protocol. */
export interface ProtocolSource {
  budgetSeconds?: { quick?: number | undefined; full?: number | undefined } | undefined;
  pairing?: { rounds?: { quick?: number | undefined; full?: number | undefined } | undefined } | undefined;
  fullProtocol?: ProtocolOverrideDecl | undefined;
}

/**
 * The settings the harness applies to a kernel in a profile: the profile's, with the kernel's own
 * time budget, its pairing rounds, and (full profile only) its `fullProtocol` rounds and minimum
 * sample count. `why` is the kernel's reason when its full protocol is its own, else null.
 */
export function protocolFor(kernel: ProtocolSource, profile: Profile): ProtocolSettings & { why: string | null } {
  const base = PROTOCOLS[profile];
  const own = profile === 'full' ? kernel.fullProtocol : undefined;
  return {
    ...base,
    budgetSeconds: kernel.budgetSeconds?.[profile] ?? base.budgetSeconds,
    rounds: own?.rounds ?? kernel.pairing?.rounds?.[profile] ?? base.rounds,
    minSamples: own?.minSamples ?? base.minSamples,
    why: own ? own.why : null,
  };
}

/** Samples per process in rounds 2..n: enough for the budget and the minimum, at most the cap. */
export function samplesPerRound(sampleNs: number, s: Pick<ProtocolSettings, 'rounds' | 'budgetSeconds' | 'minSamples' | 'maxSamplesPerRound'>): number {
  const later = Math.max(s.rounds - 1, 1);
  const forBudget = Math.ceil(s.budgetSeconds / (Math.max(sampleNs, 1) / 1e9) / later);
  const forMinimum = Math.ceil((s.minSamples - 1) / later);
  return Math.min(s.maxSamplesPerRound, Math.max(1, forBudget, forMinimum));
}

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
