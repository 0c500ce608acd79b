/** The closed vocabulary of verdicts, per claim kind, with what each one guarantees. */
import type { Direction } from './direction.ts';

export const MEASURED_VERDICTS = ['confirmed', 'plausible', 'overstated', 'understated', 'refuted', 'inconclusive', 'pending'] as const;
export const PROBE_VERDICTS = ['confirmed', 'refuted', 'pending'] as const;
export const ARITHMETIC_VERDICTS = ['consistent', 'inconsistent'] as const;
export const SOURCED_VERDICTS = ['confirmed', 'partly-true', 'overstated', 'understated', 'misquoted', 'misattributed', 'refuted', 'unsupported'] as const;
export const UNVERIFIABLE_VERDICTS = ['unverifiable'] as const;

export const ALL_VERDICTS = [
  'confirmed', 'plausible', 'consistent', 'partly-true', 'understated', 'overstated', 'inconsistent', 'misquoted', 'misattributed',
  'refuted', 'unsupported', 'inconclusive', 'pending', 'unverifiable',
] as const;
export type Verdict = (typeof ALL_VERDICTS)[number];

/** tone drives the badge colour; the badge always also shows the word and a symbol, never colour alone. */
export type Tone = 'holds' | 'partly' | 'fails' | 'open';

export const VERDICT_INFO: Record<Verdict, { symbol: string; tone: Tone; label: string; meaning: string }> = {
  confirmed: { symbol: '✓', tone: 'holds', label: 'confirmed', meaning: 'The measurement (or a primary source) agrees with the claimed figure within the stated tolerance of the claim (a factor for a measurement, a relative difference for a source), once measurement noise and hardware differences are taken into account.' },
  plausible: { symbol: '≈', tone: 'partly', label: 'plausible', meaning: 'Not reached on the machines we have, but within reach of a projection of our measurement to the claimed hardware; the projection rests on stated assumptions and carries its own uncertainty, so this is neither a confirmation nor "mostly true".' },
  consistent: { symbol: '✓', tone: 'holds', label: 'consistent', meaning: "The article's own figures, recomputed, give the figure it states (within the stated relative tolerance)." },
  'partly-true': { symbol: '◐', tone: 'partly', label: 'partly true', meaning: 'True as stated for only part of its scope (a primary source confirms it for a narrower case than the article claims): misleading as written.' },
  understated: { symbol: '↑', tone: 'partly', label: 'understated', meaning: 'The claim makes its subject look worse than measured or sourced (a speed-up too low, a time or memory figure too high), beyond the tolerance: too modest.' },
  overstated: { symbol: '↓', tone: 'fails', label: 'overstated', meaning: 'The claim makes its subject look better than measured or sourced (a speed-up too high, a time or memory figure too low), beyond the tolerance, noise and hardware differences, even after any scaling rule.' },
  inconsistent: { symbol: '✗', tone: 'fails', label: 'inconsistent', meaning: "The article's own figures, recomputed, do not give the figure it states." },
  misquoted: { symbol: '❝', tone: 'fails', label: 'misquoted', meaning: 'The source exists and says something else: another figure, another metric, or several of its figures combined into one.' },
  misattributed: { symbol: '⇄', tone: 'fails', label: 'misattributed', meaning: 'The figure exists in a primary source, but for a different workload or setting than the article ties it to.' },
  refuted: { symbol: '✗', tone: 'fails', label: 'refuted', meaning: 'Contradicted: the measurement shows the subject is not better at all, beyond noise and hardware differences, or a primary source states the opposite.' },
  unsupported: { symbol: '?', tone: 'fails', label: 'unsupported', meaning: 'No primary source for the figure could be found (a secondary summary alone does not count); the record says where we looked.' },
  inconclusive: { symbol: '~', tone: 'open', label: 'inconclusive', meaning: "The measurement's 95% interval, widened by the machine's noise floor and hardware differences, does not clear the boundary of the band the claim's tolerance factor sets: the page says what would decide it." },
  pending: { symbol: '…', tone: 'open', label: 'pending', meaning: 'Needs a run this site does not have yet (hardware, a toolchain, or an implementation that failed); the page says which.' },
  unverifiable: { symbol: '—', tone: 'open', label: 'unverifiable', meaning: 'No public artifact exists to check it (private data, anecdote); the record says why.' },
};

/**
 * The one-line meaning of a verdict for a claim whose metric has this direction: "overstated" on a
 * time says the claimed time is too low, on a speed-up that the claimed speed-up is too high.
 */
export function verdictMeaning(verdict: Verdict, direction: Direction): string {
  if (verdict === 'overstated') {
    if (direction === 'lower-is-better') return 'The claimed figure is lower than measured or sourced (a lower time or memory is better), beyond the tolerance, noise and hardware differences: the claim makes its subject look better than it is.';
    if (direction === 'higher-is-better') return 'The claimed figure is higher than measured or sourced (a higher speed-up or throughput is better), beyond the tolerance, noise and hardware differences, even after any scaling rule: the claim makes its subject look better than it is.';
    return 'The claimed figure is larger than the source gives, beyond the tolerance.';
  }
  if (verdict === 'understated') {
    if (direction === 'lower-is-better') return 'The claimed figure is higher than measured or sourced (a lower time or memory is better), beyond the tolerance: the claim is too modest.';
    if (direction === 'higher-is-better') return 'The claimed figure is lower than measured or sourced (a higher speed-up or throughput is better), beyond the tolerance: the claim is too modest.';
    return 'The claimed figure is smaller than the source gives, beyond the tolerance.';
  }
  return VERDICT_INFO[verdict].meaning;
}
