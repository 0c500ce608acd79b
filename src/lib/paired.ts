/**
 * Paired ratios (kernel.yaml `pairing`): two implementations ran back to back in every round, in
 * alternating order (ABBA), so process n of one and process n of the other saw the same machine.
 * The ratio is taken round by round, which cancels what drifts between rounds (another tenant's
 * load, the clock of a shared VM), and summarised over the rounds; its interval resamples rounds.
 * The run's A/A pair (one build measured as two implementations) gives the noise floor: how far
 * apart two identical measurements land with this design on this machine. Pure.
 */
import { BOOTSTRAP_RESAMPLES, BOOTSTRAP_SEED, CONFIDENCE, median, quantileSorted, seededRandom } from './stats.ts';
import type { PartRatio, SuiteRatio } from './suite.ts';
import type { ImplResult, Run } from './schema/run.ts';

/** One side of a paired comparison: per-part times aligned with the samples, and the samples per process (= per round). */
export interface PairedSide {
  parts: Readonly<Record<string, readonly number[]>>;
  samplesPerProcess: readonly number[];
}

export interface PairedRatio extends SuiteRatio {
  /** Rounds paired (processes of each side). */
  rounds: number;
}

/** Median of each process's samples of one part, in process order; null when the counts do not add up. */
function processMedians(side: PairedSide, part: string): number[] | null {
  const times = side.parts[part];
  if (!times) return null;
  const counts = side.samplesPerProcess;
  if (counts.length === 0 || counts.some((c) => c <= 0) || counts.reduce((a, b) => a + b, 0) !== times.length) return null;
  const out: number[] = [];
  let at = 0;
  for (const c of counts) {
    out.push(median(times.slice(at, at + c)));
    at += c;
  }
  return out;
}

/**
 * Whether two results can be paired round by round: both ran the same number of processes (one per
 * round) with per-sample times for every part. Results merged from separate sessions, or of a run
 * that did not pair them, cannot.
 */
export function canPair(parts: readonly string[], baseline: PairedSide, subject: PairedSide): boolean {
  if (parts.length === 0 || baseline.samplesPerProcess.length < 2 || baseline.samplesPerProcess.length !== subject.samplesPerProcess.length) return false;
  return parts.every((p) => processMedians(baseline, p) !== null && processMedians(subject, p) !== null);
}

/**
 * The geometric mean over `parts` of each part's paired ratio (baseline time over subject time,
 * above 1 when the subject is faster), where a part's paired ratio is the median over rounds of
 * that round's ratio of the two processes' medians; with a percentile bootstrap interval at
 * CONFIDENCE that resamples whole rounds (the same rounds for every part, since the parts of one
 * round share its conditions). Throws when the sides cannot be paired (see canPair).
 */
export function pairedGeometricMeanRatio(parts: readonly string[], baseline: PairedSide, subject: PairedSide, opts: { resamples?: number; seed?: number; confidence?: number } = {}): PairedRatio {
  if (!canPair(parts, baseline, subject)) throw new Error('paired ratio: both sides need one process per round, the same number of rounds (at least 2), and times for every part');
  const logs = parts.map((p) => {
    const b = processMedians(baseline, p)!;
    const s = processMedians(subject, p)!;
    return b.map((x, r) => Math.log(x / s[r]!));
  });
  const rounds = logs[0]!.length;
  const perPart: PartRatio[] = parts.map((p, k) => ({ part: p, ratio: Math.exp(median(logs[k]!)), baselineMedianNs: median(baseline.parts[p]!), subjectMedianNs: median(subject.parts[p]!) }));
  const point = Math.exp(perPart.reduce((a, x) => a + Math.log(x.ratio), 0) / parts.length);
  const resamples = opts.resamples ?? BOOTSTRAP_RESAMPLES;
  const rand = seededRandom(opts.seed ?? BOOTSTRAP_SEED);
  const est = new Float64Array(resamples);
  const pick = new Array<number>(rounds);
  for (let k = 0; k < resamples; k++) {
    for (let r = 0; r < rounds; r++) pick[r] = Math.floor(rand() * rounds);
    let sum = 0;
    for (const l of logs) sum += median(pick.map((r) => l[r]!));
    est[k] = Math.exp(sum / parts.length);
  }
  est.sort();
  const alpha = (1 - (opts.confidence ?? CONFIDENCE)) / 2;
  const nB = baseline.parts[parts[0]!]!.length;
  const nS = subject.parts[parts[0]!]!.length;
  return { point, lo: quantileSorted(est, alpha), hi: quantileSorted(est, 1 - alpha), nBaseline: nB, nSubject: nS, parts: perPart, rounds };
}

/**
 * The noise floor an A/A paired ratio states: how far from 1 its interval (or its point, were it
 * outside) reaches, either way, as a relative figure: an interval 0.97–1.04 gives 0.04 (1/0.97
 * is 1.031).
 */
export function aaNoiseFloor(aa: { lo: number; hi: number; point: number }): number {
  return Math.max(aa.hi, 1 / aa.lo, aa.point, 1 / aa.point) - 1;
}

const side = (r: ImplResult): PairedSide => ({ parts: r.parts ?? { total: r.samplesNs }, samplesPerProcess: r.samplesPerProcess ?? [] });

/** True when the run paired these two implementations (they ran in one group of its protocol). */
export function pairedInRun(run: Run, a: string, b: string): boolean {
  return (run.protocol.groups ?? []).some((g) => g.includes(a) && g.includes(b));
}

/**
 * The paired ratio of two results of one run (baseline time over subject time), over the suite's
 * parts or, for a kernel that is not a suite, over the samples themselves; null when the run did not
 * pair them or they cannot be paired (not ok, merged from another session, one round).
 */
export function pairedRatioInRun(run: Run, baselineId: string, subjectId: string, opts: { resamples?: number } = {}): PairedRatio | null {
  if (!pairedInRun(run, baselineId, subjectId)) return null;
  const b = run.implementations.find((i) => i.id === baselineId);
  const s = run.implementations.find((i) => i.id === subjectId);
  if (b?.status !== 'ok' || s?.status !== 'ok' || (b.session ?? null) !== (s.session ?? null)) return null;
  const parts = Object.keys(b.parts ?? { total: [] });
  const bs = side(b);
  const ss = side(s);
  return canPair(parts, bs, ss) ? pairedGeometricMeanRatio(parts, bs, ss, opts) : null;
}

/**
 * The run's A/A noise floor (relative) with the A/A ratio it comes from: the pair in the same group
 * as `near` (an implementation id) when that one ran, else the first of the run's pairs that ran;
 * null when the run has none.
 */
export function runNoiseFloor(run: Run, opts: { resamples?: number; near?: string } = {}): { floor: number; pair: [string, string]; ratio: PairedRatio } | null {
  const pairs = run.protocol.noisePairs ?? [];
  const group = opts.near === undefined ? undefined : (run.protocol.groups ?? []).find((g) => g.includes(opts.near!));
  const ordered = [...pairs.filter((p) => group?.includes(p[0])), ...pairs.filter((p) => !group?.includes(p[0]))];
  for (const np of ordered) {
    const ratio = pairedRatioInRun(run, np[0], np[1], opts);
    if (ratio) return { floor: aaNoiseFloor(ratio), pair: [np[0], np[1]], ratio };
  }
  return null;
}
