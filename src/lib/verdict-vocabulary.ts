/** The closed vocabulary of verdicts, per claim kind, with what each one guarantees. */
export const MEASURED_VERDICTS = ['confirmed', 'plausible', 'overstated', 'understated', 'refuted', 'inconclusive', 'pending'] as const;
export const PROBE_VERDICTS = ['confirmed', 'refuted', 'pending'] as const;
export const ARITHMETIC_VERDICTS = ['consistent', 'inconsistent'] as const;
export const SOURCED_VERDICTS = ['confirmed', 'overstated', 'understated', 'misattributed', 'refuted', 'unsupported'] as const;
export const UNVERIFIABLE_VERDICTS = ['unverifiable'] as const;

export const ALL_VERDICTS = [
  'confirmed', 'plausible', 'consistent', 'understated', 'overstated', 'inconsistent', 'misattributed',
  'refuted', 'unsupported', 'inconclusive', 'pending', 'unverifiable',
] as const;
export type Verdict = (typeof ALL_VERDICTS)[number];

/** tone drives the badge colour; the badge always also shows the word and a symbol, never colour alone. */
export type Tone = 'holds' | 'partly' | 'fails' | 'open';

export const VERDICT_INFO: Record<Verdict, { symbol: string; tone: Tone; meaning: string }> = {
  confirmed: { symbol: '✓', tone: 'holds', meaning: 'The measurement (or the primary source) agrees with the claimed figure within the stated tolerance.' },
  plausible: { symbol: '≈', tone: 'partly', meaning: 'Not reached on the machines we have, but within reach once the stated scaling rule is applied to carry our measurement to the claimed hardware; the rule is an optimistic bound, so this is not a confirmation.' },
  consistent: { symbol: '✓', tone: 'holds', meaning: "The article's own figures, recomputed, give the figure it states (within the stated tolerance)." },
  understated: { symbol: '↑', tone: 'partly', meaning: 'The measured (or sourced) figure is larger than claimed, beyond the tolerance: the claim is too modest.' },
  overstated: { symbol: '↓', tone: 'fails', meaning: 'The measured (or sourced) figure is smaller than claimed, beyond the tolerance, even after any scaling rule.' },
  inconsistent: { symbol: '✗', tone: 'fails', meaning: "The article's own figures, recomputed, do not give the figure it states." },
  misattributed: { symbol: '⇄', tone: 'fails', meaning: 'The figure exists in a primary source, but for a different workload or setting than the article ties it to.' },
  refuted: { symbol: '✗', tone: 'fails', meaning: 'Contradicted: the measurement shows the subject is not faster at all, or the primary source states something else.' },
  unsupported: { symbol: '?', tone: 'fails', meaning: 'No primary source for the figure could be found; the record says where we looked.' },
  inconclusive: { symbol: '~', tone: 'open', meaning: "The measurement's 95% interval is too wide, or straddles the tolerance band with the median outside it: more samples or a quieter machine are needed." },
  pending: { symbol: '…', tone: 'open', meaning: 'Needs a run this site does not have yet (hardware, a toolchain, or an implementation that failed); the page says which.' },
  unverifiable: { symbol: '—', tone: 'open', meaning: 'No public artifact exists to check it (private data, anecdote); the record says why.' },
};
