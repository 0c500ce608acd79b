/**
 * What our measurement says about a sourced or arithmetic claim (`measuredBy`): the measured twin's
 * own verdict and figure, and whether it corroborates or contradicts what the sources (or the
 * article's own figures) say. The sourced or arithmetic verdict never changes: the sources decide
 * it. Pure; the rule is printed on the methodology page (OUR_MEASUREMENT_RULE).
 */
import type { Claim, MeasuredClaim } from './schema/claim.ts';
import type { Verdict } from './verdict-vocabulary.ts';
import type { RunAssessment } from './measured.ts';
import { claimedFigureText } from './sourced.ts';
import { formatNumber, formatRatio } from './format.ts';

export type TwinClaim = Extract<Claim, { kind: 'sourced' | 'arithmetic' }>;
export type TwinRelation = 'corroborates' | 'contradicts' | 'undecided';

export interface OurMeasurement {
  /** The measured claim's id. */
  claimId: string;
  /** Its verdict, computed from its runs. */
  verdict: Verdict;
  relation: TwinRelation;
  /** The deciding machine's figure in the measured claim's unit ("1.52x"), null when nothing was measured. */
  measured: string | null;
  /** The machine that figure comes from. */
  machine: string | null;
  /** The figure the measured claim checks, as the article wrote it ("1.4x"). */
  claimed: string;
  /** What our measurement found and what it means for the sources, in two or three sentences. */
  sentence: string;
}

/** The rule, for the methodology page. */
export const OUR_MEASUREMENT_RULE = [
  'A sourced or arithmetic record may name the measured record that checks the same figure on our hardware (measuredBy). Its verdict stays the sources\' (or the arithmetic\'s); the page adds what our measurement says, computed from the measured record\'s own verdict.',
  'Our measurement agrees with the article\'s figure when its verdict is confirmed, and disagrees when it is overstated, understated or refuted. Plausible (only a projection to the claimed hardware reaches the figure), inconclusive (the interval straddles the edge of the claimed band) and pending (no usable run yet) decide nothing, and the page says what they wait for.',
  'When the sources confirm the figure (or the article\'s figures are consistent), agreement corroborates them and disagreement contradicts them on our hardware and workload only: the sources\' figure came from other hardware and, for a suite, their full set of benchmarks.',
  'When the sources do not back the figure as written (refuted, misquoted, misattributed, partly true, overstated, understated; or inconsistent arithmetic), disagreement corroborates them and agreement contradicts them; a measurement that errs the opposite way (overstated against understated) contradicts them too.',
  'When no source gives the figure (unsupported), there is nothing to corroborate: our measurement is then the only check of the figure itself.',
] as const;

const AGREES: readonly Verdict[] = ['confirmed'];
const DISAGREES: readonly Verdict[] = ['overstated', 'understated', 'refuted'];
const BACKS: readonly Verdict[] = ['confirmed', 'consistent'];

/** How the sources' (or arithmetic's) verdict and our measurement's relate, by the rule above. */
export function twinRelation(own: Verdict, measured: Verdict): TwinRelation {
  const agrees = AGREES.includes(measured);
  const disagrees = DISAGREES.includes(measured);
  if ((!agrees && !disagrees) || own === 'unsupported') return 'undecided';
  if (BACKS.includes(own)) return agrees ? 'corroborates' : 'contradicts';
  if (agrees) return 'contradicts';
  const opposite = (own === 'overstated' && measured === 'understated') || (own === 'understated' && measured === 'overstated');
  return opposite ? 'contradicts' : 'corroborates';
}

const WAITS: Partial<Record<Verdict, string>> = {
  pending: 'it waits for a run it can use (its page names the machine, toolchain or workload)',
  inconclusive: 'its interval, widened by noise and hardware differences, straddles the edge of the claimed band; it waits for a more precise run (more samples, a quieter machine)',
  plausible: 'only a projection of it to the claimed hardware reaches the figure; it waits for a run on hardware like the one the figure came from',
};

function relationSentence(claim: TwinClaim, own: Verdict, measured: Verdict, relation: TwinRelation): string {
  const who = claim.kind === 'sourced' ? 'the sources' : 'the article\'s own figures';
  if (relation === 'undecided') {
    if (!AGREES.includes(measured) && !DISAGREES.includes(measured)) {
      return `It neither corroborates nor contradicts ${who} yet: ${WAITS[measured] ?? `a ${measured} measurement decides nothing`}.`;
    }
    return `No source gives the figure (${own}), so there is nothing to corroborate: our measurement is the only check of the figure itself.`;
  }
  if (BACKS.includes(own)) {
    return relation === 'corroborates'
      ? `It corroborates ${who}: the figure holds on our hardware too.`
      : `It contradicts ${who} on our hardware and workload: their figure came from other hardware and from their own workload (for a benchmark suite, every benchmark in it), so it does not carry over to ours as stated.`;
  }
  return relation === 'corroborates'
    ? `It corroborates ${who}, which do not back the figure as written (${own}): our measurement does not give it either.`
    : `It contradicts ${who}, which find the figure ${own}: our measurement finds it ${measured}.`;
}

/** The figure of the run that decides the measured claim (else the first that measured it). */
function decidingFigure(twin: MeasuredClaim, runs: readonly RunAssessment[], deciding: RunAssessment | null): { measured: string | null; machine: string | null; projected: string | null } {
  const r = deciding?.measured ? deciding : runs.find((x) => x.measured) ?? null;
  if (!r?.measured) return { measured: null, machine: null, projected: null };
  const fmt = (x: number) => (twin.claimed.unit === 'x' ? formatRatio(x) : `${formatNumber(x)} ${twin.claimed.unit}`);
  return { measured: fmt(r.measured.point), machine: r.machine, projected: r.projected ? `${fmt(r.projected.point)} projected to ${r.projected.cores} cores` : null };
}

/** What the measured twin says about `claim`, from the twin's own assessment (never typed). */
export function ourMeasurement(
  claim: TwinClaim,
  own: Verdict,
  twin: MeasuredClaim,
  twinAssessment: { verdict: Verdict; decidingRun: RunAssessment | null; runs: readonly RunAssessment[] },
): OurMeasurement {
  const verdict = twinAssessment.verdict;
  const relation = twinRelation(own, verdict);
  const claimed = claimedFigureText(twin);
  const { measured, machine, projected } = decidingFigure(twin, twinAssessment.runs, twinAssessment.decidingRun);
  const found = measured ? `we measured ${measured} on ${machine}${projected ? ` (${projected})` : ''}` : 'nothing measured yet';
  return {
    claimId: twin.id,
    verdict,
    relation,
    measured,
    machine,
    claimed,
    sentence: `Our measurement of the same figure (${claimed}) is ${verdict}: ${found}. ${relationSentence(claim, own, verdict, relation)}`,
  };
}

/** Reverse links: for each measured claim id, the sourced and arithmetic claims naming it in `measuredBy`, in the order given. */
export function claimsMeasuredBy<C extends Claim>(claims: readonly C[]): Map<string, C[]> {
  const out = new Map<string, C[]>();
  for (const c of claims) {
    if ((c.kind !== 'sourced' && c.kind !== 'arithmetic') || c.measuredBy === undefined) continue;
    out.set(c.measuredBy, [...(out.get(c.measuredBy) ?? []), c]);
  }
  return out;
}

/** On a measured claim's page: how this measurement relates to a sourced or arithmetic claim of the same figure. */
export function relationPhrase(relation: TwinRelation, kind: 'sourced' | 'arithmetic'): string {
  const whose = kind === 'sourced' ? 'its sources' : 'its arithmetic';
  return relation === 'corroborates' ? `our measurement corroborates ${whose}`
    : relation === 'contradicts' ? `our measurement contradicts ${whose} on our hardware and workload`
    : `our measurement neither corroborates nor contradicts ${whose} yet`;
}
