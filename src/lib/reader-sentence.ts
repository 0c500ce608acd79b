/**
 * One plain sentence per claim, generated from the numbers, for readers: what the article says
 * against what we measured (or what the source, or the article's own figures, give). Shown before
 * the statistics on claim pages and lists, and as the ClaimReview reviewBody. Pure.
 */
import type { Claim, MeasuredClaim } from './schema/claim.ts';
import type { Kernel } from './schema/kernel.ts';
import type { ImplResult, Run } from './schema/run.ts';
import type { Assessment } from './verdict.ts';
import { assessSourced } from './sourced.ts';
import { measuresClaimWorkload } from './runs.ts';
import { formatWritten } from './format.ts';
import { agreementText, serverMetric, serverValue } from './measured.ts';
import { improvementFactor } from './metrics.ts';

const TIME_UNITS: Array<[number, string]> = [[1, 's'], [1e-3, 'ms'], [1e-6, 'µs'], [1e-9, 'ns']];
const TO_SECONDS: Record<string, number> = { s: 1, ms: 1e-3, us: 1e-6, ns: 1e-9 };

/** Significant digits of a figure as written: 0.0006 has 1, 43.95 has 4, 35000 has 2. */
function writtenDigits(x: number): number {
  const s = String(Math.abs(x)).replace('.', '').replace(/^0+/, '');
  const digits = String(Math.abs(x)).includes('.') ? s : s.replace(/0+$/, '');
  return Math.max(digits.length, 1);
}

/** Two significant digits, grouped: 44, 6.8, 0.52, 1,200. */
function two(x: number): string {
  return formatWritten(Number(x.toPrecision(2)));
}

/** A time in seconds in the unit that keeps it at 1 or above: 0.0006 -> "0.6 ms" (with `digits` significant digits). */
export function readableTime(seconds: number, digits: number): string {
  for (const [scale, unit] of TIME_UNITS) {
    const v = Number((seconds / scale).toPrecision(digits));
    // The largest unit that keeps the figure at 1 or above; "0.6 ms" (one digit) reads better than "600 µs".
    if (Math.abs(v) >= 1 || (Math.abs(v) >= 0.1 && writtenDigits(v) <= 1)) return `${formatWritten(v)} ${unit}`;
  }
  return `${formatWritten(Number((seconds / 1e-9).toPrecision(digits)))} ns`;
}

/** "74 times less than", "1.9 times more than", "matches". */
function compare(claimed: number, measured: number): string {
  const k = claimed / measured;
  if (k >= 1.1) return `is ${two(k)} times more than`;
  if (k <= 1 / 1.1) return `is ${two(1 / k)} times less than`;
  return 'matches';
}

const threadsText = (n: number) => (n <= 1 ? 'one thread' : n === 2 ? 'two threads' : `${n} threads`);

interface Side {
  label: string;
  value: number;
  threads: number;
  result: ImplResult;
}

/** The subject and the fastest implementation of the same runtime, in the claim's unit. */
function sides(claim: MeasuredClaim, run: Run, kernel: Kernel | null): { subject: Side; fastest: Side | null } | null {
  const { comparison, subject, baseline } = claim.check;
  const implOf = (id: string) => kernel?.implementations.find((i) => i.id === id);
  // Server kernels: one load measurement at the claim's connection count instead of samples.
  const server = claim.check.connections !== undefined && run.implementations.some((i) => i.load);
  const ok = (r: ImplResult | undefined): r is ImplResult => (server ? serverValue(claim, r) !== null : r?.status === 'ok' && !!r.summary && r.summary.medianNs > 0);
  const base = baseline ? run.implementations.find((i) => i.id === baseline) : undefined;
  const valueOf = (r: ImplResult): number | null => {
    if (server) {
      const v = serverValue(claim, r)!;
      if (comparison === 'ratio') return ok(base) ? improvementFactor(serverMetric(claim), serverValue(claim, base)!, v) : null;
      if (comparison === 'time') return v / 1e9;
      return (v * 1024) / (claim.claimed.unit === 'GB' ? 1e9 : claim.claimed.unit === 'bytes' ? 1 : 1e6);
    }
    if (comparison === 'ratio') return ok(base) ? base.summary!.medianNs / r.summary!.medianNs : null;
    if (comparison === 'time') {
      // A time for an amount of work (check.forWork) is the median scaled from the work one sample did.
      const w = claim.check.forWork;
      const per = w ? r.work?.[w.unit] : undefined;
      if (w && !per) return null;
      return (r.summary!.medianNs / 1e9) * (w && per ? w.amount / per : 1);
    }
    return r.peakRssKiB ? (r.peakRssKiB * 1024) / (claim.claimed.unit === 'GB' ? 1e9 : claim.claimed.unit === 'bytes' ? 1 : 1e6) : null;
  };
  const s = run.implementations.find((i) => i.id === subject);
  if (!ok(s)) return null;
  const sv = valueOf(s);
  if (sv === null) return null;
  const side = (r: ImplResult, v: number): Side => ({ label: implOf(r.id)?.label ?? r.id, value: v, threads: r.threads ?? 1, result: r });
  const runtime = implOf(subject)?.runtime;
  let fastest: Side | null = null;
  if (runtime && comparison !== 'memory') {
    for (const r of run.implementations) {
      if (r.id === subject || r.id === baseline || !ok(r) || implOf(r.id)?.runtime !== runtime || r.extrapolated) continue;
      const v = valueOf(r);
      if (v === null) continue;
      const better = comparison === 'ratio' ? v > (fastest?.value ?? sv) : v < (fastest?.value ?? sv);
      if (better) fastest = side(r, v);
    }
  }
  return { subject: side(s, sv), fastest };
}

const runtimeName: Record<string, string> = { python: 'Python', 'python3.13': 'Python 3.13', 'python3.13t': 'free-threaded Python 3.13', c: 'C', cpp: 'C++', rust: 'Rust', mojo: 'Mojo', node: 'Node' };

/** A spread claim: how many problems' ratios fall in the claimed range on the deciding machine, and their range. */
function spreadSentence(claim: MeasuredClaim, a: Assessment): string {
  const decider = a.decidingRun ?? a.runs.find((r) => r.measured) ?? null;
  const points = (a.spreadPoints ?? []).filter((p) => p.machine === decider?.machine);
  if (!decider || points.length === 0) return `Not measured yet: ${a.explanation.split(/(?<=\.)\s/)[0]!.replace(/^./, (x) => x.toLowerCase())}`;
  const c = claim.claimed;
  const range = c.range ? `${formatWritten(c.range.min)}–${formatWritten(c.range.max)}x` : `${formatWritten(c.value!)}x`;
  const inside = points.filter((p) => p.position === 'inside').length;
  const ratios = points.map((p) => p.point).sort((x, y) => x - y);
  const median = ratios.length % 2 ? ratios[ratios.length >> 1]! : (ratios[ratios.length / 2 - 1]! + ratios[ratios.length / 2]!) / 2;
  let sentence = `Of the ${points.length} programs we measured in both languages on one thread, ${inside} ${inside === 1 ? 'runs' : 'run'} within the article's ${range}; ours range from ${two(ratios[0]!)}x to ${two(ratios.at(-1)!)}x (median ${two(median)}x).`;
  if (a.verdict === 'pending') sentence += ' Too few programs have been measured yet to judge the spread.';
  if (a.agreement && a.agreement.measured > 1) sentence += ` ${agreementText(a.agreement).replace(/^./, (x) => x.toUpperCase())}.`;
  return sentence;
}

function measuredSentence(claim: MeasuredClaim, a: Assessment, runs: readonly Run[], kernel: Kernel | null): string {
  if (claim.check.spread) return spreadSentence(claim, a);
  if (a.verdict === 'pending' && !a.runs.some((r) => r.measured)) {
    const why = a.explanation.split(/(?<=\.)\s/)[0]!.replace(/^On \S+ this cannot be measured yet: /, '');
    return `Not measured yet: ${why.replace(/^./, (x) => x.toLowerCase())}`;
  }
  const decider = a.decidingRun ?? a.runs.find((r) => r.measured) ?? null;
  const run = decider ? runs.find((r) => r.machine.id === decider.machine && r.finishedAt === decider.runFinishedAt && measuresClaimWorkload(r, claim.check)) : undefined;
  const got = run ? sides(claim, run, kernel) : null;
  if (!got) return `We have not measured this yet on any machine.`;
  const c = claim.claimed;
  const claimedValue = c.range ? c.range.min : c.value!;
  const comparison = claim.check.comparison;
  const inSeconds = comparison === 'time' ? TO_SECONDS[c.unit] ?? 1 : 1;
  const claimedText = comparison === 'time' && !c.range
    ? readableTime(c.value! * inSeconds, writtenDigits(c.value!))
    : c.range ? `${formatWritten(c.range.min)}–${formatWritten(c.range.max)}${c.unit === 'x' ? 'x' : ` ${c.unit}`}` : `${formatWritten(c.value!)}${c.unit === 'x' ? 'x' : ` ${c.unit}`}`;
  const fig = (v: number) => (comparison === 'ratio' ? `${two(v)}x` : comparison === 'time' ? readableTime(v, 2) : `${two(v)} ${c.unit}`);
  // A claimed range is compared at its nearer end (and "lies within" when the measurement is inside it).
  const within = (v: number) => !!c.range && v >= c.range.min * inSeconds && v <= c.range.max * inSeconds;
  const nearer = (v: number) => (c.range ? (v < c.range.min * inSeconds ? c.range.min : c.range.max) * inSeconds : claimedValue * inSeconds);
  const cmp = (v: number) => (within(v) ? 'includes' : compare(nearer(v), v));
  const how = (s: Side) => (claim.check.connections !== undefined ? `at ${claim.check.connections} connections` : `on ${threadsText(s.threads)}`);
  const what = (s: Side) => comparison === 'ratio'
    ? `the ${fig(s.value)} we measured for ${s.label} over ${kernel?.implementations.find((i) => i.id === claim.check.baseline)?.label ?? claim.check.baseline} ${how(s)}`
    : comparison === 'time' ? `our ${s.label} run, ${fig(s.value)} on ${threadsText(s.threads)}` : `the ${fig(s.value)} peak we measured for ${s.label}`;
  let sentence = `The article's ${claimedText} ${cmp(got.subject.value)} ${what(got.subject)}`;
  const runtime = kernel?.implementations.find((i) => i.id === claim.check.subject)?.runtime;
  if (got.fastest && runtime) {
    const f = got.fastest;
    sentence += `, and ${cmp(f.value).replace(/^is /, '')} our fastest ${runtimeName[runtime] ?? runtime} run, ${fig(f.value)} (${f.label}, ${claim.check.connections !== undefined ? `${claim.check.connections} connections` : threadsText(f.threads)})`;
  }
  const p = decider?.projected;
  if (p && comparison === 'time') sentence += claim.check.scaling?.claimedCores === undefined
    ? `; at the one-thread rate measured here it needs at least ${decider?.coresNeeded ?? p.cores} cores, where our projection gives ${readableTime(p.point * inSeconds, 2)} (between ${readableTime(p.lo * inSeconds, 2)} and ${readableTime(p.hi * inSeconds, 2)})`
    : `; carried to the claimed cores, our projection gives ${readableTime(p.point * inSeconds, 2)} (between ${readableTime(p.lo * inSeconds, 2)} and ${readableTime(p.hi * inSeconds, 2)})`;
  else if (p) sentence += claim.check.scaling?.rule === 'per-thread' && claim.check.scaling.claimedCores === undefined
    ? `; at the one-thread rate measured here it needs at least ${decider?.coresNeeded ?? p.cores} cores, where our projection gives ${two(p.point)}x (between ${two(p.lo)}x and ${two(p.hi)}x)`
    : `; carried to the claimed cores, our projection gives ${two(p.point)}x (between ${two(p.lo)}x and ${two(p.hi)}x)`;
  sentence += '.';
  if (a.agreement && a.agreement.measured > 1) sentence += ` ${agreementText(a.agreement).replace(/^./, (x) => x.toUpperCase())}.`;
  return sentence;
}

/** The reader's sentence for any claim. */
export function readerSentence(claim: Claim, a: Assessment, runs: readonly Run[] = [], kernel: Kernel | null = null): string {
  switch (claim.kind) {
    case 'measured':
      return measuredSentence(claim, a, runs, kernel);
    case 'sourced': {
      const s = assessSourced(claim);
      const head = s.outcomes.find((o) => o.source.primary && o.verdict === a.verdict) ?? s.outcomes.find((o) => o.source.primary) ?? s.outcomes[0];
      if (!head) return 'No source we found states it.';
      const article = `The article says ${s.explanation.match(/^The article says (.*?)\.(\s|$)/)?.[1] ?? 'this'}`;
      const why = a.verdict === 'confirmed' ? '' : ` ${head.why}`;
      return `${article}; ${head.source.primary ? 'its primary source' : 'only a secondary source'}, “${head.source.title}”, ${head.states.replace(/\.$/, '')}.${why}`;
    }
    case 'arithmetic':
    case 'probe':
      return a.explanation.split(/(?<=\.)\s/)[0]!;
    case 'unverifiable':
      return `No public artifact can check this: ${claim.check.reason.split(/(?<=\.)\s/)[0]!.replace(/^./, (x) => x.toLowerCase())}`;
  }
}
