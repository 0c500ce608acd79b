/**
 * Spread claims: a claimed range of ratios over many programs ("Rust programs are 10x-80x faster
 * than Python") judged from the distribution of measured ratios, one per problem (kernel), on each
 * machine; the machines are then combined like any measured claim. Pure. The rule's constants are
 * in verdict-rules.ts and printed on the methodology page.
 */
import type { MeasuredClaim, SpreadPair } from './schema/claim.ts';
import type { Run } from './schema/run.ts';
import { ratioOfMedians, byProcess, type RatioEstimate, CONFIDENCE } from './stats.ts';
import { memoRatio } from './interval-memo.ts';
import type { Verdict } from './verdict-vocabulary.ts';
import { formatNumber, formatRatio, formatWritten } from './format.ts';
import type { NoiseUsed, RunAssessment } from './measured.ts';
import { SPREAD_CONFIRM_SHARE, SPREAD_MIN_PROBLEMS, UNDECIDING_WARNINGS } from './verdict-rules.ts';

export const SPREAD_POSITIONS = ['inside', 'below', 'above', 'edge'] as const;
export type SpreadPosition = (typeof SPREAD_POSITIONS)[number];

/** One problem's ratio on one machine, placed against the claimed range. */
export interface SpreadPoint {
  machine: string;
  kernel: string;
  subject: string;
  baseline: string;
  /** Ratio of median times (baseline / subject) with its 95% interval. */
  point: number;
  lo: number;
  hi: number;
  position: SpreadPosition;
}

export interface SpreadCounts {
  inside: number;
  below: number;
  above: number;
  edge: number;
}

/** Where a ratio's interval, widened by the noise floor (0.05 = 5% each side), lies against [min, max]. */
export function placeRatio(est: { lo: number; hi: number }, range: { min: number; max: number }, noiseFloor: number): SpreadPosition {
  const n = 1 + noiseFloor;
  const lo = est.lo / n;
  const hi = est.hi * n;
  if (hi < range.min) return 'below';
  if (lo > range.max) return 'above';
  if (lo >= range.min && hi <= range.max) return 'inside';
  return 'edge';
}

export function countPositions(points: ReadonlyArray<{ position: SpreadPosition }>): SpreadCounts {
  const c: SpreadCounts = { inside: 0, below: 0, above: 0, edge: 0 };
  for (const p of points) c[p.position] += 1;
  return c;
}

/**
 * The rule on one machine's counts (SPREAD_RULE): pending below SPREAD_MIN_PROBLEMS problems;
 * confirmed when at least SPREAD_CONFIRM_SHARE are inside; overstated when more than half are
 * below; understated when more than half are above; otherwise inconclusive.
 */
export function spreadVerdict(c: SpreadCounts): Verdict {
  const total = c.inside + c.below + c.above + c.edge;
  if (total < SPREAD_MIN_PROBLEMS) return 'pending';
  if (c.inside >= Math.ceil(SPREAD_CONFIRM_SHARE * total - 1e-9)) return 'confirmed';
  if (c.below > total / 2) return 'overstated';
  if (c.above > total / 2) return 'understated';
  return 'inconclusive';
}

/** The range the claim gives (a single value is a range of one point). */
export function claimedRange(claim: MeasuredClaim): { min: number; max: number } {
  const c = claim.claimed;
  if (c.range) return c.range;
  if (c.value === undefined) throw new Error(`claim ${claim.id}: a spread claim needs claimed.range or claimed.value`);
  return { min: c.value, max: c.value };
}

/** The newest run of each kernel on one machine. */
function newestByKernel(runs: readonly Run[]): Map<string, Run> {
  const out = new Map<string, Run>();
  for (const r of runs) {
    const had = out.get(r.kernel);
    if (!had || r.finishedAt > had.finishedAt) out.set(r.kernel, r);
  }
  return out;
}

function pairRatio(run: Run, pair: SpreadPair): RatioEstimate | string {
  const b = run.implementations.find((i) => i.id === pair.baseline);
  const s = run.implementations.find((i) => i.id === pair.subject);
  for (const [id, r] of [[pair.baseline, b], [pair.subject, s]] as const) {
    if (!r) return `"${id}" was not part of the run`;
    if (r.status !== 'ok' || r.samplesNs.length === 0) return `"${id}" ${r.status === 'skipped' ? `was skipped (${r.reason ?? 'no reason recorded'})` : r.status}`;
  }
  return memoRatio(run, b!.id, s!.id, () => ratioOfMedians(byProcess(b!), byProcess(s!)));
}

const median = (xs: readonly number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
};

/** One machine's verdict on a spread claim, from its runs of the claim's kernels. */
export function assessSpreadMachine(claim: MeasuredClaim, machine: string, runs: readonly Run[], noise: NoiseUsed): { assessment: RunAssessment; points: SpreadPoint[] } {
  const pairs = claim.check.spread!.pairs;
  const range = claimedRange(claim);
  const byKernel = newestByKernel(runs.filter((r) => r.machine.id === machine));
  const points: SpreadPoint[] = [];
  const missing: string[] = [];
  const used: Run[] = [];
  for (const pair of pairs) {
    const run = byKernel.get(pair.kernel);
    if (!run) {
      missing.push(`${pair.kernel} (not run)`);
      continue;
    }
    const r = pairRatio(run, pair);
    if (typeof r === 'string') {
      missing.push(`${pair.kernel} (${r})`);
      continue;
    }
    used.push(run);
    points.push({ machine, kernel: pair.kernel, subject: pair.subject, baseline: pair.baseline, point: r.point, lo: r.lo, hi: r.hi, position: placeRatio(r, range, noise.floor) });
  }
  const counts = countPositions(points);
  const total = points.length;
  const rangeText = `${formatWritten(range.min)}x–${formatWritten(range.max)}x`;
  const pct = Math.round(CONFIDENCE * 100);
  const listed = points.map((p) => `${p.kernel} ${formatRatio(p.point)} (${formatRatio(p.lo)}–${formatRatio(p.hi)}, ${p.position === 'edge' ? 'on the edge' : p.position})`).join('; ');
  const missingText = missing.length > 0 ? ` Not measured here: ${missing.join('; ')}.` : '';
  const base: RunAssessment = {
    machine,
    runFinishedAt: used.map((r) => r.finishedAt).sort().at(-1) ?? '',
    verdict: 'pending',
    wouldBe: null,
    unlikeBuilds: null,
    explanation: '',
    measured: total > 0 ? { point: median(points.map((p) => p.point)), lo: Math.min(...points.map((p) => p.lo)), hi: Math.max(...points.map((p) => p.hi)) } : null,
    threads: 1,
    projected: null,
    coresNeeded: null,
    noise,
    spread: null,
    inClaimedClass: false,
  };
  if (total < SPREAD_MIN_PROBLEMS) {
    return {
      assessment: { ...base, explanation: `On ${machine}, ${total} of the ${pairs.length} problems have been measured${total > 0 ? ` (${listed})` : ''}; the rule needs at least ${SPREAD_MIN_PROBLEMS}.${missingText}` },
      points,
    };
  }
  const verdict = spreadVerdict(counts);
  const head = `On ${machine}, the ratio of median times per problem (${pct}% intervals): ${listed}.${missingText} ` +
    `Against the claimed ${rangeText}, with the noise floor ${formatNumber(noise.floor * 100)}% from ${noise.source}: ${counts.inside} of ${total} inside, ${counts.below} below, ${counts.above} above, ${counts.edge} on the edge.`;
  const why: Record<Verdict, string> = {
    confirmed: `At least two thirds are inside: confirmed.`,
    overstated: `More than half are below the range: overstated (the claim makes the subject look faster than measured).`,
    understated: `More than half are above the range: understated (the claim is too modest).`,
    inconclusive: `Fewer than two thirds are inside and no side has more than half: inconclusive (the ratios spread across and beyond the range).`,
  } as Record<Verdict, string>;
  const explanation = `${head} ${why[verdict] ?? ''}`.trim();
  const warned = used.flatMap((r) => r.warnings).filter((w) => (UNDECIDING_WARNINGS as readonly string[]).includes(w.code));
  if (verdict !== 'inconclusive' && warned.length > 0) {
    const codes = [...new Set(warned.map((w) => w.code))].join(' and ');
    return { assessment: { ...base, verdict: 'inconclusive', wouldBe: verdict, explanation: `${explanation} But runs used here carry ${codes} warnings, so this machine does not decide alone: it would say ${verdict} if another machine agreed, or after a rerun on a quiet machine.` }, points };
  }
  return { assessment: { ...base, verdict, explanation }, points };
}
