/**
 * Measured claims: one run per machine is judged on its own, then the machines are combined by a
 * stated rule (verdict-rules.ts MACHINE_RULE). Pure.
 *
 * A machine decides only when its 95% interval, widened by its noise floor (and, to call a figure
 * from other hardware wrong, by the spread hardware differences explain), clears the tolerance
 * band's boundary; otherwise it is inconclusive and says what would decide it.
 */
import type { MeasuredClaim, ScalingRule } from './schema/claim.ts';
import type { ImplResult, Run } from './schema/run.ts';
import type { NoiseResult } from './schema/noise.ts';
import { ratioOfMedians, medianInterval, byProcess, type RatioEstimate, CONFIDENCE } from './stats.ts';
import { memoMedian, memoRatio } from './interval-memo.ts';
import { geometricMeanRatio } from './suite.ts';
import { pairedRatioInRun, runNoiseFloor, type PairedRatio } from './paired.ts';
import { platformMismatch } from './platform.ts';
import type { Verdict } from './verdict-vocabulary.ts';
import { formatRatio, formatNumber, formatWritten } from './format.ts';
import { claimDirection, misstatement, type Direction } from './direction.ts';
import { serverMetrics } from './load-generator.ts';
import { improvementFactor, metricDirection, type MetricId } from './metrics.ts';
import { comparedBuildMismatch, type BuildMismatch } from './build-optimisation.ts';
import { BUILD_PAIR_SPREAD_PRIOR, DEFAULT_NOISE_FLOOR, HARDWARE_SPREAD_PRIOR, MEMORY_SPREAD_PRIOR, UNDECIDING_WARNINGS, PROJECTION_ASSUMPTIONS } from './verdict-rules.ts';

/** A measured quantity in the claim's unit with its 95% interval. */
export interface Estimate {
  point: number;
  lo: number;
  hi: number;
}

export interface NoiseUsed {
  /** Relative noise floor: 0.03 widens an interval by 3% on each side. */
  floor: number;
  /** "A/A test of 2026-11-20" or "default (no A/A test on this machine)". */
  source: string;
}

export interface SpreadUsed {
  /** Factor by which the same measurement can differ between CPUs: 3.6 means up to 3.6x either way. */
  factor: number;
  /** measured: from this site's machines (which, with their values); prior: the cited default. */
  kind: 'measured' | 'prior';
  text: string;
}

export interface RunAssessment {
  machine: string;
  runFinishedAt: string;
  verdict: Verdict;
  /** For a run that cannot decide alone (load or drift warnings, builds not optimised alike): what it would say. */
  wouldBe: Verdict | null;
  /**
   * Set when the CPython builds the claim's ratio compares recorded different optimisations, or only
   * some recorded one (build-optimisation.ts comparedBuildMismatch): the run never decides, not even
   * with another machine agreeing.
   */
  unlikeBuilds: BuildMismatch | null;
  explanation: string;
  /** What was measured, in the claim's unit, with its 95% interval. */
  measured: Estimate | null;
  /** Threads the subject used on this machine. */
  threads: number | null;
  /**
   * The projection to the claimed hardware, when a scaling rule applied, with its uncertainty: `cores`
   * it projects to (the claimed cores, or for a per-thread rule without them the cores the claim needs).
   */
  projected: { factor: number; cores: number; lo: number; point: number; hi: number; assumptions: string } | null;
  /** Per-thread rule: the fewest cores at which the projection reaches the claimed figure (null otherwise). */
  coresNeeded: number | null;
  /** The noise floor and hardware spread this machine's verdict took into account. */
  noise: NoiseUsed | null;
  spread: SpreadUsed | null;
  /** True when the machine is in the claimed hardware class (decides first). */
  inClaimedClass: boolean;
}

export interface MachineAgreement {
  /** Machines whose run measured the claim (not pending). */
  measured: number;
  /** Of those, how many give the overall verdict. */
  agree: number;
  /** Machines that give another verdict. */
  disagreeing: Array<{ machine: string; verdict: Verdict }>;
}

const TIME_NS: Record<string, number> = { s: 1e9, ms: 1e6, us: 1e3, ns: 1 };
const MEMORY_BYTES: Record<string, number> = { MB: 1e6, GB: 1e9, bytes: 1 };

function describeImpl(r: ImplResult | undefined, id: string): string {
  if (!r) return `implementation "${id}" was not part of this run`;
  if (r.status === 'skipped') return `"${id}" was skipped (${r.reason ?? 'no reason recorded'})`;
  if (r.status === 'ok') return `"${id}" ran`;
  return `"${id}" ${r.status === 'wrong-result' ? 'gave a wrong result' : r.status === 'timeout' ? 'timed out' : 'failed'}${r.reason ? ` (${r.reason})` : ''}`;
}

/** The claimed figure's band: [claimed/t, claimed*t], open on the side a bound leaves open. */
export function claimedBand(claim: MeasuredClaim): { lo: number; hi: number; claimLo: number; claimHi: number; text: string } {
  const c = claim.claimed;
  if (c.value === undefined && c.range === undefined) throw new Error(`claim ${claim.id}: a measured claim needs claimed.value or claimed.range`);
  const t = claim.check.toleranceFactor;
  const claimLo = c.range ? c.range.min : c.value!;
  const claimHi = c.range ? c.range.max : c.value!;
  const unit = c.unit === 'x' ? 'x' : ` ${c.unit}`;
  const hedge = c.bound === 'at-least' ? 'over ' : c.bound === 'at-most' ? 'up to ' : c.approximate ? 'about ' : '';
  const text = c.range ? `${hedge}${formatWritten(claimLo)}–${formatWritten(claimHi)}${unit}` : `${hedge}${formatWritten(claimLo)}${unit}`;
  return { lo: c.bound === 'at-most' ? 0 : claimLo / t, hi: c.bound === 'at-least' ? Number.POSITIVE_INFINITY : claimHi * t, claimLo, claimHi, text };
}

/** The kernel metric a server claim compares: the check's, else requests/s for a ratio and a time, peak memory for memory. */
export function serverMetric(claim: MeasuredClaim): MetricId {
  return claim.check.metric ?? (claim.check.comparison === 'memory' ? 'peak-memory' : claim.check.comparison === 'time' ? 'latency-p50' : 'requests-per-second');
}

/**
 * A server implementation's value of the claim's metric at the claim's connection count (metrics.ts
 * units: requests/s, ns, KiB); null when it has no load measurement there.
 */
export function serverValue(claim: MeasuredClaim, r: ImplResult | undefined): number | null {
  if (r?.status !== 'ok' || !r.load || claim.check.connections === undefined) return null;
  return serverMetrics(r.load, claim.check.connections)?.[serverMetric(claim)] ?? null;
}

/** True when the result comes from a server kernel (measured under load, no samples). */
const isServer = (r: ImplResult | undefined) => r?.load !== undefined;

/**
 * What a server run measured: one figure per implementation and connection count (wrk gives one
 * measurement, not samples), so the estimate is a point; the noise floor and hardware allowances
 * are the only widening.
 */
function measureServer(claim: MeasuredClaim, b: ImplResult | undefined, s: ImplResult, where: string): { est: Estimate; text: string } {
  const { comparison, subject, baseline, connections } = claim.check;
  const metric = serverMetric(claim);
  const sv = serverValue(claim, s)!;
  const seconds = s.load!.durationSeconds;
  const at = `at ${connections} connection${connections === 1 ? '' : 's'}`;
  const say = (v: number) => (metric === 'requests-per-second' ? `${formatNumber(v)} requests/s` : metric === 'peak-memory' ? `${formatNumber(v / 1024)} MiB peak resident memory` : `a ${metric === 'latency-p99' ? 'p99' : 'median'} latency of ${formatNumber(v / 1e6)} ms`);
  const once = `one ${seconds} s load measurement each, so the figure has no sampling interval and only the allowances below widen it`;
  if (comparison === 'ratio') {
    const bv = serverValue(claim, b)!;
    const v = improvementFactor(metric, bv, sv);
    return { est: { point: v, lo: v, hi: v }, text: `${where}, ${at}, "${subject}" gave ${say(sv)} and "${baseline}" ${say(bv)}: ${formatRatio(v)} (${metricDirection(metric) === 'lower' ? 'baseline over subject' : 'subject over baseline'}; ${once}).` };
  }
  const unit = claim.claimed.unit;
  const scale = comparison === 'time' ? TIME_NS[unit] : MEMORY_BYTES[unit];
  if (!scale) throw new Error(`claim ${claim.id}: a ${comparison} comparison needs a claimed unit of ${comparison === 'time' ? 's, ms, us or ns' : 'MB, GB or bytes'}, got "${unit}"`);
  const v = comparison === 'time' ? sv / scale : (sv * 1024) / scale;
  return { est: { point: v, lo: v, hi: v }, text: `${where}, ${at}, "${subject}" gave ${say(sv)}: ${formatNumber(v)} ${unit} (${once}).` };
}

/** What one run measured for the claim, in the claim's unit, with the text that says so. */
function measure(claim: MeasuredClaim, run: Run, b: ImplResult | undefined, s: ImplResult): { est: Estimate; text: string; paired?: boolean } {
  const { comparison, subject, baseline } = claim.check;
  const pct = Math.round(CONFIDENCE * 100);
  const threads = s.threads ?? 1;
  const who = `"${subject}"${threads > 1 ? ` on ${threads} threads` : ''}`;
  const where = `On ${run.machine.id} (${run.machine.cpuModel}, ${run.machine.cores} logical CPUs, ${run.profile} profile)`;
  if (isServer(s)) return measureServer(claim, b, s, where);
  const unit = claim.claimed.unit;
  const paired = comparison === 'ratio' ? (memoRatio(run, b!.id, `${s.id} (paired)`, () => pairedRatioInRun(run, b!.id, s.id) ?? { point: NaN, lo: NaN, hi: NaN, nBaseline: 0, nSubject: 0 }) as PairedRatio) : null;
  if (paired && Number.isFinite(paired.point)) {
    // A paired kernel: the two ran back to back in every round (ABBA), so the ratio is taken round by round.
    const over = b!.parts ? `the geometric mean over ${Object.keys(b!.parts).length} benchmarks of each benchmark's median over rounds` : 'the median over rounds';
    return {
      est: paired,
      paired: true,
      text: `${where}, ${who} ran ${formatRatio(paired.point)} as fast as "${baseline}" (paired: both ran back to back in each of ${paired.rounds} rounds, in alternating order, and the ratio is ${over} of that round's ratio; ${pct}% interval ${formatRatio(paired.lo)}–${formatRatio(paired.hi)}, resampling rounds; ${paired.nBaseline} and ${paired.nSubject} passes).`,
    };
  }
  if (comparison === 'ratio' && b!.parts && s.parts) {
    // A suite kernel: the geometric mean over its benchmarks of the ratios of their medians.
    const parts = Object.keys(b!.parts);
    const r = memoRatio(run, b!.id, `${s.id} (suite)`, () => geometricMeanRatio(parts, { parts: b!.parts!, samplesPerProcess: b!.samplesPerProcess }, { parts: s.parts!, samplesPerProcess: s.samplesPerProcess }));
    return {
      est: r,
      text: `${where}, ${who} ran ${formatRatio(r.point)} as fast as "${baseline}" (geometric mean over ${parts.length} benchmarks of the ratios of their median times; ${pct}% interval ${formatRatio(r.lo)}–${formatRatio(r.hi)}, ${r.nBaseline} and ${r.nSubject} passes).`,
    };
  }
  if (comparison === 'ratio') {
    const r = memoRatio(run, b!.id, s.id, () => ratioOfMedians(byProcess(b!), byProcess(s)));
    return {
      est: r,
      text: `${where}, ${who} ran ${formatRatio(r.point)} as fast as "${baseline}" (median ratio; ${pct}% interval ${formatRatio(r.lo)}–${formatRatio(r.hi)}, ${r.nBaseline} and ${r.nSubject} samples).`,
    };
  }
  if (comparison === 'time') {
    const t = timeFor(claim, run, s);
    const est = t.est;
    const forText = t.forWork ? ` for ${formatNumber(t.forWork.amount)} ${t.forWork.unit} (each sample did ${formatNumber(t.forWork.perSample)}; median time scaled by ${formatNumber(t.forWork.amount / t.forWork.perSample)}, its throughput held constant)` : '';
    return { est, text: `${where}, ${who} took ${formatNumber(est.point)} ${unit}${forText} (median; ${pct}% interval ${formatNumber(est.lo)}–${formatNumber(est.hi)} ${unit}, ${s.samplesNs.length} samples).` };
  }
  const scale = MEMORY_BYTES[unit];
  if (!scale) throw new Error(`claim ${claim.id}: a memory comparison needs a claimed unit of MB, GB or bytes, got "${unit}"`);
  const v = ((s.peakRssKiB ?? 0) * 1024) / scale;
  return { est: { point: v, lo: v, hi: v }, text: `${where}, ${who} peaked at ${formatNumber(v)} ${unit} of resident memory (1 ${unit} = ${formatNumber(scale)} bytes; the largest of its processes).` };
}

/**
 * A time claim's measurement of one implementation in the claim's unit: its median time per sample,
 * scaled to `check.forWork` (the claimed amount of work over the work one sample did) when given.
 */
export function timeFor(claim: MeasuredClaim, run: Run, r: ImplResult): { est: Estimate; forWork: { unit: string; amount: number; perSample: number } | null } {
  const unit = claim.claimed.unit;
  const scale = TIME_NS[unit];
  if (!scale) throw new Error(`claim ${claim.id}: a time comparison needs a claimed unit of s, ms, us or ns, got "${unit}"`);
  const m = memoMedian(run, r.id, () => medianInterval(byProcess(r)));
  const w = claim.check.forWork;
  const perSample = w ? r.work?.[w.unit] : undefined;
  const k = w && perSample ? w.amount / perSample : 1;
  return { est: { point: (m.point * k) / scale, lo: (m.lo * k) / scale, hi: (m.hi * k) / scale }, forWork: w && perSample ? { unit: w.unit, amount: w.amount, perSample } : null };
}

/** The newest noise floor of a machine, or the stated default. */
export function noiseFloorFor(machineId: string, noise: readonly NoiseResult[]): NoiseUsed {
  const n = noise.filter((x) => x.machine.id === machineId).sort((a, b) => b.finishedAt.localeCompare(a.finishedAt))[0];
  if (!n) return { floor: DEFAULT_NOISE_FLOOR, source: `the default ${formatNumber(DEFAULT_NOISE_FLOOR * 100)}% (no A/A noise test on this machine)` };
  return { floor: n.floor, source: `its A/A noise test of ${n.finishedAt.slice(0, 10)} (${n.trials.length} trials)` };
}

/** The same measurement (the claim's pair or subject) on each CPU model that ran it: point values. */
function perCpuValues(claim: MeasuredClaim, runs: readonly Run[]): Array<{ cpu: string; value: number }> {
  const { comparison, subject, baseline } = claim.check;
  const byCpu = new Map<string, number>();
  for (const run of runs) {
    if (run.kernel !== claim.check.kernel || byCpu.has(run.machine.cpuModel)) continue;
    const s = run.implementations.find((i) => i.id === subject);
    if (isServer(s)) {
      const sv = serverValue(claim, s);
      const bv = comparison === 'ratio' ? serverValue(claim, run.implementations.find((i) => i.id === baseline)) : 1;
      if (sv !== null && bv !== null) byCpu.set(run.machine.cpuModel, comparison === 'ratio' ? improvementFactor(serverMetric(claim), bv, sv) : sv);
      continue;
    }
    if (s?.status !== 'ok' || !s.summary) continue;
    if (comparison === 'ratio') {
      const b = run.implementations.find((i) => i.id === baseline);
      if (b?.status !== 'ok' || !b.summary) continue;
      byCpu.set(run.machine.cpuModel, b.parts && s.parts ? geometricMeanRatio(Object.keys(b.parts), { parts: b.parts, samplesPerProcess: [] }, { parts: s.parts, samplesPerProcess: [] }, { resamples: 1 }).point : b.summary.medianNs / s.summary.medianNs);
    } else if (comparison === 'time') byCpu.set(run.machine.cpuModel, s.summary.medianNs);
    else if (s.peakRssKiB) byCpu.set(run.machine.cpuModel, s.peakRssKiB);
  }
  return [...byCpu].map(([cpu, value]) => ({ cpu, value }));
}

/**
 * How far hardware differences can move this measurement: measured from the CPU models this site
 * has for the same pair of implementations (largest over smallest), else the cited prior.
 */
export function hardwareSpread(claim: MeasuredClaim, runs: readonly Run[]): SpreadUsed {
  // A ratio of peak memories moves with allocators and library builds, not with CPU speed; a ratio
  // between two builds of one interpreter measured as a pair (the kernel's pairing groups) with
  // the CPU far less than a ratio between languages.
  const prior = claim.check.comparison === 'memory' || claim.check.metric === 'peak-memory' ? MEMORY_SPREAD_PRIOR
    : isBuildPair(claim, runs) ? BUILD_PAIR_SPREAD_PRIOR : HARDWARE_SPREAD_PRIOR;
  const values = perCpuValues(claim, runs);
  if (values.length >= 2) {
    const max = values.reduce((m, v) => (v.value > m.value ? v : m));
    const min = values.reduce((m, v) => (v.value < m.value ? v : m));
    const factor = Math.max(max.value / min.value, 1);
    return { factor, kind: 'measured', text: `×${formatNumber(factor)}, measured on this site's ${values.length} CPU models (${min.cpu} lowest, ${max.cpu} highest)` };
  }
  return { factor: prior.factor, kind: 'prior', text: `×${formatNumber(prior.factor)}, a cited prior because only one CPU model has measured this here: ${prior.citation}` };
}

/** A ratio claim whose baseline and subject ran in one paired group (builds of one interpreter) in a run of its kernel. */
function isBuildPair(claim: MeasuredClaim, runs: readonly Run[]): boolean {
  const { comparison, baseline, subject, kernel } = claim.check;
  if (comparison !== 'ratio' || !baseline) return false;
  return runs.some((r) => r.kernel === kernel && (r.protocol.groups ?? []).some((g) => g.includes(baseline) && g.includes(subject)));
}

/** True when this machine is the hardware the article names (its CPU model appears in the claimed description). */
function sameCpu(claim: MeasuredClaim, run: Run): boolean {
  const d = claim.claimed.hardware?.description.toLowerCase();
  const cpu = run.machine.cpuModel.toLowerCase().trim();
  return !!d && cpu.length > 3 && d.includes(cpu);
}

/** The claimed hardware class: claimed cores reached, claimed GPU present, or claimed CPU model named. */
function inClaimedClass(claim: MeasuredClaim, run: Run, threads: number): boolean {
  const hw = claim.claimed.hardware;
  if (!hw) return false;
  if (hw.gpu && run.machine.gpu && run.machine.gpu.model.toLowerCase().includes(hw.gpu.toLowerCase())) return true;
  if (hw.cores !== undefined && threads >= hw.cores) return true;
  return sameCpu(claim, run);
}

/**
 * What the per-core rule multiplies: the single-threaded `from` implementation's speed-up times the
 * claimed cores when the rule names one (and it ran), else the subject's speed-up times claimed
 * cores over the threads it used.
 */
function perCoreBasis(scaling: ScalingRule, run: Run, subjectRatio: RatioEstimate, threads: number, baseline: string):
  { factor: number; cores: number; basis: RatioEstimate; basisText: string } {
  const cores = scaling.claimedCores!;
  if (scaling.from) {
    const b = run.implementations.find((i) => i.id === baseline);
    const f = run.implementations.find((i) => i.id === scaling.from);
    if (b?.status === 'ok' && f?.status === 'ok' && f.samplesNs.length > 0 && b.samplesNs.length > 0) {
      const basis = memoRatio(run, b.id, f.id, () => ratioOfMedians(byProcess(b), byProcess(f)));
      return { factor: cores, cores, basis, basisText: `the one-thread speed-up of "${scaling.from}" (${formatRatio(basis.point)})` };
    }
  }
  const fallback = scaling.from ? ` ("${scaling.from}" did not run)` : '';
  return { factor: cores / threads, cores, basis: subjectRatio, basisText: `the measured speed-up${fallback}` };
}

/**
 * The per-thread rule (the baseline's threads take turns, the subject's run at once): the speed-up
 * per thread is the one-thread speed-up of `from` over the baseline (else the subject's speed-up
 * over its thread count, which includes the efficiency measured here). The claim needs
 * ceil(claimed / per-thread speed-up) cores; the projection is to the claimed cores when the record
 * gives them, else to those it needs. Also the cores needed at the efficiency measured here with
 * `threads` threads (subject against `from`), which is what a reader can expect short of perfect
 * scaling.
 */
export function perThreadBasis(scaling: ScalingRule, run: Run, subjectRatio: RatioEstimate, threads: number, baseline: string, claimed: number):
  { factor: number; cores: number; coresNeeded: number; basis: RatioEstimate; basisText: string; efficiencyText: string } {
  const b = run.implementations.find((i) => i.id === baseline);
  const f = run.implementations.find((i) => i.id === scaling.from);
  let basis: RatioEstimate;
  let basisText: string;
  let efficiencyText = '';
  if (b?.status === 'ok' && f?.status === 'ok' && f.samplesNs.length > 0 && b.samplesNs.length > 0) {
    basis = memoRatio(run, b.id, f.id, () => ratioOfMedians(byProcess(b), byProcess(f)));
    basisText = `the one-thread speed-up of "${scaling.from}" over "${baseline}" (${formatRatio(basis.point)} per thread)`;
    const efficiency = subjectRatio.point / (basis.point * threads);
    if (threads > 1 && efficiency > 0) {
      const realistic = Math.ceil(claimed / (basis.point * Math.min(efficiency, 1)));
      efficiencyText = ` With ${threads} threads the subject reached ${formatNumber(Math.round(efficiency * 100))}% of perfect scaling here; at that efficiency the claimed ${formatRatio(claimed)} would need about ${realistic} cores.`;
    }
  } else {
    basis = { ...subjectRatio, point: subjectRatio.point / threads, lo: subjectRatio.lo / threads, hi: subjectRatio.hi / threads };
    basisText = `the measured speed-up per thread (${formatRatio(basis.point)}; "${scaling.from}" did not run)`;
  }
  const coresNeeded = Math.max(1, Math.ceil(claimed / basis.point));
  const cores = scaling.claimedCores ?? coresNeeded;
  return { factor: cores, cores, coresNeeded, basis, basisText, efficiencyText };
}

const ln = Math.log;

/** What would decide an interval that straddles `boundary`: more samples, or only a quieter machine. */
function whatWouldDecide(m: Estimate, boundary: number, widen: number, fmt: (x: number) => string, single = false): string {
  const d = Math.abs(ln(m.point) - ln(boundary));
  // One load measurement per point (server kernels): no interval to narrow, only the allowances.
  if (single) {
    return `It is one load measurement within the allowance (×${formatNumber(widen)}) of the boundary ${fmt(boundary)}: a quieter machine with its own A/A noise test${widen > 1.2 ? ', or a run on the claimed hardware class,' : ''} would decide it.`;
  }
  const half = Math.max(ln(m.hi / m.point), ln(m.point / m.lo), 1e-9);
  if (d <= ln(widen)) {
    return `Its median is within the allowance (×${formatNumber(widen)}) of the boundary ${fmt(boundary)}: more samples on this machine cannot decide it; a quieter machine${widen > 1.2 ? ', or a run on the claimed hardware class,' : ''} would.`;
  }
  const k = Math.ceil(((half / (d - ln(widen))) ** 2) * 10) / 10;
  return `To decide, the interval must clear ${fmt(boundary)}: about ${formatNumber(Math.max(k, 1.1))} times as many samples (the interval narrows with their square root), or a quieter machine.`;
}

export interface RunContext {
  noise: NoiseUsed;
  spread: SpreadUsed;
}

/**
 * One machine's verdict on a measured claim from its run. A ratio between CPython builds that the
 * run does not show to be optimised alike (MIXED_BUILDS_RULE) never decides: a verdict it reached
 * becomes inconclusive with what it would be (`wouldBe`, `unlikeBuilds`), and any other
 * measurement says why it could not have decided either.
 */
export function assessMeasuredRun(claim: MeasuredClaim, run: Run, ctx: RunContext = { noise: { floor: DEFAULT_NOISE_FLOOR, source: 'the default' }, spread: hardwareSpread(claim, [run]) }): RunAssessment {
  const judged = judgeRun(claim, run, ctx);
  const unlike = judged.verdict === 'pending' ? null : comparedBuildMismatch(run, comparedImplementations(claim));
  if (!unlike) return judged;
  const said = `${judged.explanation} The builds this ratio compares ${unlike.kind === 'differ' ? 'were optimised differently' : 'may not have been optimised alike'}: ${unlike.text}`;
  if (judged.verdict === 'inconclusive' && judged.wouldBe === null) return { ...judged, unlikeBuilds: unlike, explanation: `${said} Even a measurement that cleared the band would not decide on this run.` };
  const wouldBe = judged.wouldBe ?? judged.verdict;
  return { ...judged, verdict: 'inconclusive', wouldBe, unlikeBuilds: unlike, explanation: `${said} So this run does not decide, not even with another machine agreeing: with builds optimised alike it would say ${wouldBe}.` };
}

/** The implementations whose builds a claim's ratio compares: baseline, subject and a scaling rule's `from`; none for a time or memory claim. */
function comparedImplementations(claim: MeasuredClaim): string[] {
  const { comparison, baseline, subject, scaling } = claim.check;
  if (comparison !== 'ratio' || baseline === undefined) return [];
  return [baseline, subject, ...(scaling?.from ? [scaling.from] : [])];
}

function judgeRun(claim: MeasuredClaim, run: Run, ctx: RunContext): RunAssessment {
  const { baseline, subject, scaling, comparison } = claim.check;
  const base = { machine: run.machine.id, runFinishedAt: run.finishedAt, measured: null, threads: null, projected: null, coresNeeded: null, wouldBe: null, unlikeBuilds: null, noise: null, spread: null, inClaimedClass: false };
  const wanted = claim.check.params ? Object.entries(claim.check.params).filter(([k, v]) => run.params[k] !== v) : [];
  if (wanted.length > 0) {
    const need = wanted.map(([k, v]) => `${k}=${v}`).join(', ');
    const have = wanted.map(([k]) => `${k}=${run.params[k]}`).join(', ');
    return { ...base, verdict: 'pending', explanation: `The claim is about ${need}; the run on ${run.machine.id} is at ${have} (${run.profile} profile), so it cannot judge it. Run "npm run harness -- --kernel ${run.kernel} --profile full" there.` };
  }
  const elsewhere = claim.check.platform ? platformMismatch(claim.check.platform, run.machine) : null;
  if (elsewhere) return { ...base, verdict: 'pending', explanation: elsewhere };
  const b = baseline === undefined ? undefined : run.implementations.find((i) => i.id === baseline);
  const s = run.implementations.find((i) => i.id === subject);
  // A server result has no samples: it counts when it has a load measurement at the claim's connection count.
  const has = (r: ImplResult | undefined): boolean => r?.status === 'ok' && (isServer(r) ? serverValue(claim, r) !== null : r.samplesNs.length > 0);
  const bOk = comparison !== 'ratio' || has(b);
  if (!bOk || !has(s)) {
    const noLevel = (id: string) => `"${id}" has no load measurement at ${claim.check.connections ?? 'the claim\'s (unnamed)'} connections`;
    const why = [bOk ? null : b?.status === 'ok' ? noLevel(baseline!) : describeImpl(b, baseline!), has(s) ? null : s?.status === 'ok' ? noLevel(subject) : describeImpl(s, subject)].filter(Boolean).join('; ');
    return { ...base, verdict: 'pending', explanation: `On ${run.machine.id} this cannot be measured yet: ${why}.` };
  }
  const forWork = claim.check.forWork;
  if (comparison === 'time' && forWork && !(s!.work?.[forWork.unit] && s!.work[forWork.unit]! > 0)) {
    return { ...base, verdict: 'pending', explanation: `On ${run.machine.id} "${subject}" reported no ${forWork.unit} of work per sample, so its time cannot be scaled to the claimed ${formatNumber(forWork.amount)} ${forWork.unit}.` };
  }
  const { est: m, text: measuredText, paired = false } = measure(claim, run, b, s!);
  // A paired measurement states its own noise floor: the interval of the run's A/A pair, measured
  // in the same rounds with the same design (kernel.yaml pairing.noisePairs).
  const aa = paired ? runNoiseFloor(run, { near: subject }) : null;
  if (aa) {
    ctx = { ...ctx, noise: { floor: aa.floor, source: `the A/A pair of this run ("${aa.pair[0]}" against "${aa.pair[1]}", one build measured twice in the same ${aa.ratio.rounds} rounds: ${formatRatio(aa.ratio.lo)}–${formatRatio(aa.ratio.hi)})` } };
  }
  const threads = s!.threads ?? 1;
  const band = claimedBand(claim);
  const direction: Direction = claimDirection(claim);
  const fmt = (x: number) => (claim.claimed.unit === 'x' ? formatRatio(x) : `${formatNumber(x)} ${claim.claimed.unit}`);
  const bandText = Number.isFinite(band.hi) ? `${fmt(band.lo)}–${fmt(band.hi)}` : `at least ${fmt(band.lo)}`;
  const claimText = `The article claims ${band.text}${claim.claimed.hardware ? ` on ${claim.claimed.hardware.description}` : ''}; within a factor ${formatNumber(claim.check.toleranceFactor)} that is ${bandText}.`;
  const n = 1 + ctx.noise.floor;
  const same = sameCpu(claim, run);
  const h = same ? 1 : ctx.spread.factor;
  const allowText = `Allowances: the noise floor ${formatNumber(ctx.noise.floor * 100)}% from ${ctx.noise.source}` +
    (same ? '; this is the CPU the article names, so no hardware allowance.' : `; hardware differences ${ctx.spread.text}.`);
  const head = `${measuredText} ${claimText} ${allowText}`;
  const inClass = inClaimedClass(claim, run, threads);
  const at = { ...base, measured: m, threads, noise: ctx.noise, spread: same ? null : ctx.spread, inClaimedClass: inClass };
  const loN = m.lo / n;
  const hiN = m.hi * n;

  const decide = (verdict: Verdict, explanation: string, extra: Partial<RunAssessment> = {}): RunAssessment => {
    // Pairing cancels drift between rounds and the run's A/A pair measures what is left, so a drift
    // warning does not stop a paired measurement from deciding; a loaded machine still does.
    const warned = run.warnings.filter((w) => (UNDECIDING_WARNINGS as readonly string[]).includes(w.code) && !(paired && w.code === 'drift'));
    const decided = !['inconclusive', 'pending'].includes(verdict);
    if (decided && warned.length > 0) {
      const codes = [...new Set(warned.map((w) => w.code))].join(' and ');
      return { ...at, ...extra, verdict: 'inconclusive', wouldBe: verdict, explanation: `${explanation} But this run carries ${codes} warnings, so it does not decide alone: it would say ${verdict} if another machine agreed, or after a rerun on a quiet machine.` };
    }
    return { ...at, ...extra, verdict, explanation };
  };

  // Wholly beyond the band by more than noise and hardware explain: decided below however wide the
  // band or the interval (a noise floor as wide as the band forbids confirming, not refuting).
  const beyond = hiN * h < band.lo || loN / h > band.hi;
  // The noise floor alone is as wide as the band: no interval, however narrow, could confirm here.
  if (!beyond && Number.isFinite(band.hi) && band.lo > 0 && n * n >= band.hi / band.lo) {
    return { ...at, verdict: 'inconclusive', explanation: `${head} The noise floor alone (±${formatNumber(ctx.noise.floor * 100)}%) spans the claim's whole band (${bandText}), and the measurement is not beyond it by more than noise and hardware explain, so this machine cannot tell the claimed figure from its neighbours: inconclusive. A quieter machine, with a smaller A/A floor, would decide it.` };
  }
  // Too wide: the interval with its noise allowance spans more than the whole band.
  if (!beyond && Number.isFinite(band.hi) && band.lo > 0 && loN > 0 && hiN / loN > band.hi / band.lo) {
    return { ...at, verdict: 'inconclusive', explanation: `${head} The interval, widened by the noise floor, is wider than the whole tolerance band, so it cannot decide: more samples or a quieter machine are needed.` };
  }
  if (loN >= band.lo && hiN <= band.hi) {
    return decide('confirmed', `${head} The whole interval, widened by the noise floor, falls within that band.`);
  }
  const below = m.point < band.lo;
  // Ratio claims with a per-core rule: a measurement below the band is carried to the claimed cores.
  if (below && comparison === 'ratio' && scaling?.rule === 'per-thread') {
    const claimedFigure = band.claimLo;
    const { factor, cores, coresNeeded, basis, basisText, efficiencyText } = perThreadBasis(scaling, run, m as RatioEstimate, threads, baseline!, claimedFigure);
    const point = basis.point * factor;
    const projected = { factor, cores, point, lo: (basis.lo * factor) / (n * h), hi: basis.hi * factor * n * h, assumptions: PROJECTION_ASSUMPTIONS };
    const needText = `The claimed ${formatRatio(claimedFigure)} needs at least ${coresNeeded} cores at ${formatRatio(basis.point)} per thread.${efficiencyText}`;
    const ruleText = `Per-thread rule: "${baseline}" takes turns on the GIL, so its time does not fall with more threads, while the subject's threads run at once; projecting ${basisText} to ${scaling.claimedCores !== undefined ? `the claimed ${cores}` : `${cores} (the article names no core count, so the cores the claim needs)`} cores (×${formatNumber(factor)}) gives ${formatRatio(point)}; the projection assumes ${PROJECTION_ASSUMPTIONS}, so it carries the noise and hardware allowances: ${formatRatio(projected.lo)}–${formatRatio(projected.hi)}. ${needText}`;
    const extra = { projected, coresNeeded };
    if (band.lo > projected.hi) return decide('overstated', `${head} ${ruleText} Even the top of that range stays below the band: overstated.`, extra);
    return decide('plausible', `${head} ${ruleText} The band lies within reach of the projection on a machine with that many cores: plausible, not confirmed (a projection is not a measurement).`, extra);
  }
  // Time claims with a per-core rule: a time above the band (too slow here) is carried to more cores
  // from the one-thread time of `from`; without claimed cores, to the cores the claimed time needs.
  if (comparison === 'time' && scaling?.rule === 'per-core' && scaling.from && m.point > band.hi) {
    const f = run.implementations.find((i) => i.id === scaling.from);
    if (f?.status !== 'ok' || f.samplesNs.length === 0 || (f.threads ?? 1) !== 1 || (forWork && !f.work?.[forWork.unit])) {
      return { ...at, verdict: 'inconclusive', explanation: `${head} The per-core projection needs "${scaling.from}" on one thread${forWork ? ` with its ${forWork.unit} of work` : ''}, which this run lacks (${describeImpl(f, scaling.from)}).` };
    }
    const basis = timeFor(claim, run, f).est;
    const claimedTime = band.claimHi;
    const coresNeeded = Math.max(1, Math.ceil(basis.point / claimedTime));
    const cores = scaling.claimedCores ?? coresNeeded;
    const projected = { factor: cores, cores, point: basis.point / cores, lo: basis.lo / cores / (n * h), hi: (basis.hi / cores) * n * h, assumptions: PROJECTION_ASSUMPTIONS };
    const ruleText = `Per-core rule: "${scaling.from}" takes ${fmt(basis.point)} on one thread here; divided over ${scaling.claimedCores !== undefined ? `the claimed ${cores}` : `${cores} (the article names no core count, so the cores the claimed time needs)`} cores that gives ${fmt(projected.point)}; the projection assumes ${PROJECTION_ASSUMPTIONS}, so it carries the noise and hardware allowances: ${fmt(projected.lo)}–${fmt(projected.hi)}. The claimed ${fmt(claimedTime)} needs at least ${coresNeeded} cores at this one-thread rate.`;
    const extra = { projected, coresNeeded };
    if (projected.lo > band.hi) return decide('overstated', `${head} ${ruleText} Even the bottom of that range stays above the band: overstated.`, extra);
    return decide('plausible', `${head} ${ruleText} The band lies within reach of the projection on a machine with that many cores: plausible, not confirmed (a projection is not a measurement).`, extra);
  }
  const scaled = below && comparison === 'ratio' && scaling?.rule === 'per-core' && (b!.threads ?? 1) === 1 ? perCoreBasis(scaling, run, m as RatioEstimate, threads, baseline!) : null;
  if (scaling && scaled && scaled.factor > 1) {
    const { factor, cores, basis, basisText } = scaled;
    const point = basis.point * factor;
    const projected = { factor, cores, point, lo: (basis.lo * factor) / (n * h), hi: basis.hi * factor * n * h, assumptions: PROJECTION_ASSUMPTIONS };
    const ruleText = `Projecting ${basisText} to the claimed ${cores} cores (×${formatNumber(factor)}) gives ${formatRatio(point)}; the projection assumes ${PROJECTION_ASSUMPTIONS}, so it carries the noise and hardware allowances: ${formatRatio(projected.lo)}–${formatRatio(projected.hi)}.`;
    if (band.lo > projected.hi) {
      return decide('overstated', `${head} ${ruleText} Even the top of that range stays below the band: overstated.`, { projected });
    }
    return decide('plausible', `${head} ${ruleText} The band lies within reach of the projection: plausible, not confirmed (a projection is not a measurement).`, { projected });
  }
  if (hiN * h < band.lo || loN / h > band.hi) {
    const claimedIsLarger = hiN * h < band.lo;
    if (comparison === 'ratio' && band.claimLo > 1 && hiN * h < 1) {
      // Say it in the metric's terms: a memory claim that fails is about memory, not speed.
      const notBetter = claim.check.comparison === 'memory' || claim.check.metric === 'peak-memory' ? 'needs no less memory than' : 'is not faster than';
      return decide('refuted', `${head} "${subject}" ${notBetter} "${baseline}" at all here, beyond both allowances: refuted.`);
    }
    const v = misstatement(direction, claimedIsLarger);
    const side = claimedIsLarger ? 'below' : 'above';
    const meaning = v === 'overstated' ? 'the claim makes its subject look better than measured' : 'the claim is too modest';
    return decide(v, `${head} The interval lies ${side} the band beyond both allowances: ${v} (${direction === 'lower-is-better' ? 'lower is better for this metric' : 'higher is better for this metric'}; ${meaning}).`);
  }
  if (hiN < band.lo || loN > band.hi) {
    const boundary = hiN < band.lo ? band.lo : band.hi;
    return { ...at, verdict: 'inconclusive', explanation: `${head} The interval lies ${hiN < band.lo ? 'below' : 'above'} the band, but by less than hardware differences explain, so a figure from other hardware cannot be called wrong here. ${whatWouldDecide(m, boundary, n * h, fmt, isServer(s))}` };
  }
  const boundary = m.point < band.lo || (m.point <= band.hi && Math.abs(ln(m.point / band.lo)) < Math.abs(ln(band.hi / m.point))) ? band.lo : band.hi;
  return { ...at, verdict: 'inconclusive', explanation: `${head} The interval, widened by the noise floor, crosses the band's boundary at ${fmt(boundary)}. ${whatWouldDecide(m, boundary, n, fmt, isServer(s))}` };
}

const DECIDED = (v: Verdict) => v !== 'pending' && v !== 'inconclusive';

/**
 * The overall verdict across machines (MACHINE_RULE): the claimed hardware class first, then
 * agreement; disagreement is inconclusive. Counts agreement as k of m measured machines.
 */
export function combineMachines(assessed: readonly RunAssessment[]): { verdict: Verdict; deciding: RunAssessment | null; agreement: MachineAgreement; ruleText: string } {
  const measured = assessed.filter((a) => a.verdict !== 'pending');
  // A run whose builds were not optimised alike lends its would-be verdict to nothing (MIXED_BUILDS_RULE).
  const effective = (a: RunAssessment): Verdict => (a.unlikeBuilds ? a.verdict : a.wouldBe ?? a.verdict);
  const clean = measured.filter((a) => DECIDED(a.verdict));
  const warnedOnly = measured.filter((a) => a.wouldBe !== null && !a.unlikeBuilds);
  const classPool = clean.filter((a) => a.inClaimedClass);
  const pool = classPool.length > 0 ? classPool : clean;
  let verdict: Verdict;
  let deciding: RunAssessment | null;
  let ruleText: string;
  if (pool.length > 0) {
    const kinds = [...new Set(pool.map((a) => a.verdict))];
    if (kinds.length === 1) {
      verdict = kinds[0]!;
      deciding = pool[0]!;
      ruleText = classPool.length > 0 ? 'decided by the machines in the claimed hardware class' : 'decided by the machines that could decide';
    } else {
      verdict = 'inconclusive';
      deciding = null;
      ruleText = `the machines ${classPool.length > 0 ? 'in the claimed hardware class ' : ''}disagree (${pool.map((a) => `${a.machine}: ${a.verdict}`).join(', ')})`;
    }
  } else if (warnedOnly.length >= 2 && new Set(warnedOnly.map(effective)).size === 1) {
    // Runs with load or drift warnings do not decide alone, but two of them that agree do.
    verdict = effective(warnedOnly[0]!);
    deciding = warnedOnly[0]!;
    ruleText = `${warnedOnly.length} machines with load or drift warnings agree`;
  } else if (measured.length > 0) {
    verdict = 'inconclusive';
    deciding = measured[0]!;
    ruleText = 'no machine could decide';
  } else {
    verdict = 'pending';
    deciding = assessed[0] ?? null;
    ruleText = 'no machine has measured it';
  }
  const agreeing = measured.filter((a) => effective(a) === verdict || a.verdict === verdict);
  const agreement = { measured: measured.length, agree: agreeing.length, disagreeing: measured.filter((a) => !agreeing.includes(a)).map((a) => ({ machine: a.machine, verdict: a.verdict })) };
  return { verdict, deciding, agreement, ruleText };
}

/** "1 of 2 machines agree (m2: overstated)". */
export function agreementText(a: MachineAgreement): string {
  if (a.measured === 0) return 'no machine has measured it yet';
  const head = `${a.agree} of ${a.measured} machine${a.measured > 1 ? 's' : ''} agree${a.measured === 1 && a.agree === 1 ? 's' : ''}`;
  return a.disagreeing.length === 0 ? head : `${head}; ${a.disagreeing.map((d) => `${d.machine} says ${d.verdict}`).join(', ')}`;
}
