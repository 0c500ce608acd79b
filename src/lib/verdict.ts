/**
 * The verdict engine: a pure function from a claim and the runs to a verdict with an explanation
 * generated from the numbers. Nothing here reads files, clocks or the environment.
 */
import type { Claim, MeasuredClaim, ScalingRule } from './schema/claim.ts';
import type { ImplResult, Run } from './schema/run.ts';
import type { ProbeRun } from './schema/probe.ts';
import { ratioOfMedians, medianInterval, byProcess, type RatioEstimate, CONFIDENCE } from './stats.ts';
import { memoMedian, memoRatio } from './interval-memo.ts';
import { evaluate } from './arithmetic.ts';
import { assessSourced as assessSourcedFindings, type SourcedClaim } from './sourced.ts';
import type { Verdict } from './verdict-vocabulary.ts';
import { formatRatio, formatNumber } from './format.ts';

export interface RunAssessment {
  machine: string;
  runFinishedAt: string;
  verdict: Verdict;
  explanation: string;
  /** What was measured, in the claim's unit, with its 95% interval. */
  measured: Estimate | null;
  /** Threads the subject used on this machine. */
  threads: number | null;
  /** The per-core projection to the claimed hardware, when a scaling rule applied. */
  projected: { factor: number; lo: number; point: number; hi: number } | null;
}

export interface Assessment {
  verdict: Verdict;
  explanation: string;
  /** The run whose assessment decides the verdict (measured claims). */
  decidingRun: RunAssessment | null;
  /** Every run considered, one per machine. */
  runs: RunAssessment[];
  /** Files or sources the verdict rests on. */
  basis: string[];
}

function claimedBounds(claim: Claim): { lo: number; hi: number; text: string } {
  const c = claim.claimed;
  if (c.value === undefined && c.range === undefined) throw new Error(`claim ${claim.id}: a numeric comparison needs claimed.value or claimed.range, not a fact`);
  const unit = c.unit === 'x' ? 'x' : ` ${c.unit}`;
  if (c.range) return { lo: c.range.min, hi: c.range.max, text: `${formatNumber(c.range.min)}–${formatNumber(c.range.max)}${unit}` };
  return { lo: c.value!, hi: c.value!, text: `${c.approximate ? 'about ' : ''}${formatNumber(c.value!)}${unit}` };
}

function describeImpl(r: ImplResult | undefined, id: string): string {
  if (!r) return `implementation "${id}" was not part of this run`;
  if (r.status === 'skipped') return `"${id}" was skipped (${r.reason ?? 'no reason recorded'})`;
  if (r.status === 'ok') return `"${id}" ran`;
  return `"${id}" ${r.status === 'wrong-result' ? 'gave a wrong result' : r.status === 'timeout' ? 'timed out' : 'failed'}${r.reason ? ` (${r.reason})` : ''}`;
}

/** Places an interval relative to a tolerance band. */
function place(est: { lo: number; point: number; hi: number }, band: { lo: number; hi: number }):
  'inside' | 'overlaps-point-inside' | 'overlaps-point-outside' | 'below' | 'above' {
  if (est.hi < band.lo) return 'below';
  if (est.lo > band.hi) return 'above';
  if (est.lo >= band.lo && est.hi <= band.hi) return 'inside';
  return est.point >= band.lo && est.point <= band.hi ? 'overlaps-point-inside' : 'overlaps-point-outside';
}

/**
 * What the per-core rule multiplies: the single-threaded `from` implementation's speed-up times the
 * claimed cores when the rule names one (and it ran), else the subject's speed-up times claimed
 * cores over the threads it used.
 */
function perCoreBasis(scaling: ScalingRule, run: Run, subjectRatio: RatioEstimate, threads: number, baseline: string):
  { factor: number; basis: RatioEstimate; basisText: string } {
  if (scaling.from) {
    const b = run.implementations.find((i) => i.id === baseline);
    const f = run.implementations.find((i) => i.id === scaling.from);
    if (b?.status === 'ok' && f?.status === 'ok' && f.samplesNs.length > 0 && b.samplesNs.length > 0) {
      const basis = memoRatio(run, b.id, f.id, () => ratioOfMedians(byProcess(b), byProcess(f)));
      return { factor: scaling.claimedCores, basis, basisText: `the one-thread speed-up of "${scaling.from}" (${formatRatio(basis.point)})` };
    }
  }
  const fallback = scaling.from ? ` ("${scaling.from}" did not run)` : '';
  return { factor: scaling.claimedCores / threads, basis: subjectRatio, basisText: `the measured speed-up${fallback}` };
}

/** A measured quantity in the claim's unit with its 95% interval. */
export interface Estimate {
  point: number;
  lo: number;
  hi: number;
}

const TIME_NS: Record<string, number> = { s: 1e9, ms: 1e6, us: 1e3, ns: 1 };
const MEMORY_BYTES: Record<string, number> = { MB: 1e6, GB: 1e9, bytes: 1 };

/** What one run measured for the claim, in the claim's unit, with the text that says so. */
function measure(claim: MeasuredClaim, run: Run, b: ImplResult | undefined, s: ImplResult): { est: Estimate; text: string } {
  const { comparison, subject, baseline } = claim.check;
  const pct = Math.round(CONFIDENCE * 100);
  const threads = s.threads ?? 1;
  const who = `"${subject}"${threads > 1 ? ` on ${threads} threads` : ''}`;
  const where = `On ${run.machine.id} (${run.machine.cores} logical CPUs, ${run.profile} profile)`;
  const unit = claim.claimed.unit;
  if (comparison === 'ratio') {
    const r = memoRatio(run, b!.id, s.id, () => ratioOfMedians(byProcess(b!), byProcess(s)));
    return {
      est: r,
      text: `${where}, ${who} ran ${formatRatio(r.point)} as fast as "${baseline}" (median ratio; ${pct}% interval ${formatRatio(r.lo)}–${formatRatio(r.hi)}, ${r.nBaseline} and ${r.nSubject} samples).`,
    };
  }
  if (comparison === 'time') {
    const scale = TIME_NS[unit];
    if (!scale) throw new Error(`claim ${claim.id}: a time comparison needs a claimed unit of s, ms, us or ns, got "${unit}"`);
    const m = memoMedian(run, s.id, () => medianInterval(byProcess(s)));
    const est = { point: m.point / scale, lo: m.lo / scale, hi: m.hi / scale };
    return { est, text: `${where}, ${who} took ${formatNumber(est.point)} ${unit} (median; ${pct}% interval ${formatNumber(est.lo)}–${formatNumber(est.hi)} ${unit}, ${s.samplesNs.length} samples).` };
  }
  const scale = MEMORY_BYTES[unit];
  if (!scale) throw new Error(`claim ${claim.id}: a memory comparison needs a claimed unit of MB, GB or bytes, got "${unit}"`);
  const v = ((s.peakRssKiB ?? 0) * 1024) / scale;
  return { est: { point: v, lo: v, hi: v }, text: `${where}, ${who} peaked at ${formatNumber(v)} ${unit} of resident memory (1 ${unit} = ${formatNumber(scale)} bytes; the largest of its processes).` };
}

function fmt(claim: MeasuredClaim, x: number): string {
  return claim.claimed.unit === 'x' ? formatRatio(x) : `${formatNumber(x)} ${claim.claimed.unit}`;
}

export function assessMeasuredRun(claim: MeasuredClaim, run: Run): RunAssessment {
  const { baseline, subject, tolerance: t, scaling, comparison } = claim.check;
  const base = { machine: run.machine.id, runFinishedAt: run.finishedAt, measured: null, threads: null, projected: null };
  const wanted = claim.check.params ? Object.entries(claim.check.params).filter(([k, v]) => run.params[k] !== v) : [];
  if (wanted.length > 0) {
    const need = wanted.map(([k, v]) => `${k}=${v}`).join(', ');
    const have = wanted.map(([k]) => `${k}=${run.params[k]}`).join(', ');
    return { ...base, verdict: 'pending', explanation: `The claim is about ${need}; the run on ${run.machine.id} is at ${have} (${run.profile} profile), so it cannot judge it. Run "npm run harness -- --kernel ${run.kernel} --profile full" there.` };
  }
  const b = baseline === undefined ? undefined : run.implementations.find((i) => i.id === baseline);
  const s = run.implementations.find((i) => i.id === subject);
  const bOk = comparison !== 'ratio' || (b?.status === 'ok' && b.samplesNs.length > 0);
  if (!bOk || s?.status !== 'ok' || s.samplesNs.length === 0) {
    const why = [bOk ? null : describeImpl(b, baseline!), s?.status === 'ok' ? null : describeImpl(s, subject)].filter(Boolean).join('; ');
    return { ...base, verdict: 'pending', explanation: `On ${run.machine.id} this cannot be measured yet: ${why}.` };
  }
  const { est: measured, text: measuredText } = measure(claim, run, b, s);
  const threads = s.threads ?? 1;
  const claimed = claimedBounds(claim);
  const band = { lo: claimed.lo / t, hi: claimed.hi * t };
  const claimText = `The article claims ${claimed.text}${claim.claimed.hardware ? ` on ${claim.claimed.hardware.description}` : ''}; ` +
    `within a factor ${formatNumber(t)} that is ${fmt(claim, band.lo)}–${fmt(claim, band.hi)}.`;
  const head = `${measuredText} ${claimText}`;
  const at = { ...base, measured, threads };

  // Too wide to decide: the interval spans more than the whole tolerance band does (t² for a
  // single claimed figure, more for a claimed range).
  if (measured.lo > 0 && measured.hi / measured.lo > band.hi / band.lo) {
    return { ...at, verdict: 'inconclusive', explanation: `${head} The interval is wider than the whole tolerance band, so it cannot decide; more samples or a quieter machine are needed.` };
  }
  const direct = place(measured, band);
  if (direct === 'inside' || direct === 'overlaps-point-inside') {
    return { ...at, verdict: 'confirmed', explanation: `${head} The measurement falls within that band.` };
  }
  const scaled = comparison === 'ratio' && scaling && (b!.threads ?? 1) === 1 ? perCoreBasis(scaling, run, measured as RatioEstimate, threads, baseline!) : null;
  if (scaling && scaled && scaled.factor > 1) {
    const { factor, basis, basisText } = scaled;
    const projected = { factor, lo: basis.lo * factor, point: basis.point * factor, hi: basis.hi * factor };
    const ruleText = `Scaling ${basisText} per core to the claimed ${scaling.claimedCores} cores (×${formatNumber(factor)}, assuming perfect parallel scaling, an optimistic bound) gives at most ${formatRatio(projected.point)} (interval up to ${formatRatio(projected.hi)}).`;
    if (band.lo > projected.hi) {
      return { ...at, projected, verdict: 'overstated', explanation: `${head} ${ruleText} Even that bound stays below the claim: overstated.` };
    }
    if (band.hi < measured.lo) {
      return { ...at, projected, verdict: 'understated', explanation: `${head} Our measurement on fewer cores already exceeds the claim: understated.` };
    }
    return { ...at, projected, verdict: 'plausible', explanation: `${head} ${ruleText} The claim lies between what we measured and that bound: plausible, not confirmed.` };
  }
  if (direct === 'overlaps-point-outside') {
    return { ...at, verdict: 'inconclusive', explanation: `${head} The interval touches the band but its median lies outside: inconclusive.` };
  }
  if (direct === 'above') {
    return { ...at, verdict: 'understated', explanation: `${head} The measurement is above the band: the article's figure is too small.` };
  }
  if (comparison === 'ratio' && claimed.lo > 1 && measured.hi < 1) {
    return { ...at, verdict: 'refuted', explanation: `${head} "${subject}" is not faster than "${baseline}" at all here: refuted.` };
  }
  return { ...at, verdict: 'overstated', explanation: `${head} The measurement is below the band: the article's figure is too large.` };
}

/**
 * Which run decides: first a run whose subject used at least the claimed cores (no scaling needed),
 * then the run with the most threads, then the most recent.
 */
function decidingRun(claim: MeasuredClaim, runs: RunAssessment[]): RunAssessment | null {
  const measured = runs.filter((r) => r.verdict !== 'pending');
  const pool = measured.length > 0 ? measured : runs;
  if (pool.length === 0) return null;
  const cores = claim.claimed.hardware?.cores ?? 1;
  return [...pool].sort((x, y) => {
    const fx = (x.threads ?? 0) >= cores ? 1 : 0;
    const fy = (y.threads ?? 0) >= cores ? 1 : 0;
    if (fx !== fy) return fy - fx;
    if ((x.threads ?? 0) !== (y.threads ?? 0)) return (y.threads ?? 0) - (x.threads ?? 0);
    return y.runFinishedAt.localeCompare(x.runFinishedAt);
  })[0]!;
}

function assessMeasured(claim: MeasuredClaim, runs: readonly Run[]): Assessment {
  if (claim.check.planned) {
    return { verdict: 'pending', explanation: `Waiting for the "${claim.check.kernel}" kernel, which is planned but not written yet.`, decidingRun: null, runs: [], basis: [] };
  }
  const relevant = runs.filter((r) => r.kernel === claim.check.kernel);
  const basis = relevant.map((r) => `content/runs/${r.machine.id}/${r.kernel}.json`);
  if (relevant.length === 0) {
    return { verdict: 'pending', explanation: `No machine has run the "${claim.check.kernel}" kernel yet.`, decidingRun: null, runs: [], basis };
  }
  const assessed = relevant.map((r) => assessMeasuredRun(claim, r));
  const decider = decidingRun(claim, assessed)!;
  const others = assessed.filter((a) => a !== decider);
  const tail = others.length > 0 ? ` ${others.length} other machine${others.length > 1 ? 's' : ''}: ${others.map((o) => `${o.machine} ${o.verdict}`).join(', ')}.` : '';
  return { verdict: decider.verdict, explanation: decider.explanation + tail, decidingRun: decider, runs: assessed, basis };
}

function relDiff(a: number, b: number): number {
  return b === 0 ? Math.abs(a) : Math.abs(a - b) / Math.abs(b);
}

function assessSourced(claim: SourcedClaim): Assessment {
  const { verdict, explanation, basis } = assessSourcedFindings(claim);
  return { verdict, explanation, basis, decidingRun: null, runs: [] };
}

function assessArithmetic(claim: Extract<Claim, { kind: 'arithmetic' }>): Assessment {
  const { formula, inputs, expected, against, tolerance } = claim.check;
  const got = evaluate(formula, inputs);
  const shown = Object.entries(inputs).map(([k, v]) => `${k} = ${formatNumber(v)}`).join(', ');
  const target = against?.value ?? expected!;
  const ok = relDiff(got, target) <= tolerance;
  const allowed = tolerance === 0 ? 'exact equality' : target === 0 ? `within ${formatNumber(tolerance)}` : `within ${formatNumber(tolerance * 100)}%`;
  const margin = `${ok ? 'they agree' : 'they differ'}; the rule is ${allowed}`;
  let basis: string[] = [];
  let explanation: string;
  if (against) {
    const src = against.source === undefined ? undefined : claim.sources[against.source];
    if (against.source !== undefined && !src) throw new Error(`claim ${claim.id}: check.against.source ${against.source} is not an index into sources`);
    if (src) basis = [src.url];
    explanation = `${formula} with ${shown} gives ${formatNumber(got)}, a figure the article implies without stating it. ` +
      `Compared with ${formatNumber(against.value)}: ${against.what}${src ? ` ("${src.title}")` : ''} (${margin}).`;
  } else {
    explanation = `${formula} with ${shown} gives ${formatNumber(got)}; the article states ${formatNumber(target)} (${ok ? 'within' : 'beyond'} ${formatNumber(tolerance * 100)}%).`;
  }
  return { verdict: ok ? 'consistent' : 'inconsistent', explanation, decidingRun: null, runs: [], basis };
}

const tailLine = (s: string) => s.trim().split('\n').filter(Boolean).at(-1) ?? '';

function assessProbe(claim: Extract<Claim, { kind: 'probe' }>, probes: readonly ProbeRun[]): Assessment {
  const { probe, holdsIf } = claim.check;
  const seen = probes.flatMap((p) => p.outcomes.filter((o) => o.id === probe).map((o) => ({ run: p, o })));
  const basis = seen.map(({ run }) => `content/runs/${run.machine.id}/probes.json`);
  const usable = seen.filter(({ o }) => o.compiled !== null);
  if (usable.length === 0) {
    const why = seen.map(({ run, o }) => `${run.machine.id}: ${o.reason ?? 'not run'}`).join('; ');
    return { verdict: 'pending', explanation: `The program "${probe}" has not run yet${why ? ` (${why})` : ''}.`, decidingRun: null, runs: [], basis };
  }
  const { run, o } = usable.sort((a, b) => b.run.finishedAt.localeCompare(a.run.finishedAt))[0]!;
  const printed = o.stdout.split('\n').map((l) => l.trim());
  const firstError = o.stderr.split('\n').find((l) => /error/i.test(l))?.trim() ?? tailLine(o.stderr);
  const parts: string[] = [];
  let holds = true;
  if (holdsIf.compiles !== undefined) {
    parts.push(o.compiled ? 'it compiled' : `it did not compile (${firstError.replace(/^.*?\/harness\/probes\//, 'harness/probes/').slice(0, 200) || 'no message'})`);
    if (o.compiled !== holdsIf.compiles) holds = false;
  }
  if (holdsIf.prints !== undefined) {
    const found = o.compiled === true && printed.includes(holdsIf.prints.trim());
    parts.push(o.compiled ? `it printed ${JSON.stringify(printed.filter(Boolean).slice(-3).join(' / '))}` : 'so it printed nothing');
    if (!found) holds = false;
  }
  const tools = o.toolchain ?? 'toolchain version not recorded';
  const expectation = [holdsIf.compiles !== undefined ? (holdsIf.compiles ? 'compiles' : 'fails to compile') : null, holdsIf.prints ? `prints "${holdsIf.prints}"` : null].filter(Boolean).join(' and ');
  return {
    verdict: holds ? 'confirmed' : 'refuted',
    explanation: `On ${run.machine.id} (${tools}), our program "${probe}": ${parts.join('; ')}. The claim holds if it ${expectation}: ${holds ? 'it does' : 'it does not'}.`,
    decidingRun: null,
    runs: [],
    basis,
  };
}

/** The verdict of one claim given every run of every machine (and every machine's probe outcomes). */
export function assess(claim: Claim, runs: readonly Run[], probes: readonly ProbeRun[] = []): Assessment {
  switch (claim.kind) {
    case 'probe':
      return assessProbe(claim, probes);
    case 'measured':
      return assessMeasured(claim, runs);
    case 'sourced':
      return assessSourced(claim);
    case 'arithmetic':
      return assessArithmetic(claim);
    case 'unverifiable':
      return { verdict: 'unverifiable', explanation: claim.check.reason, decidingRun: null, runs: [], basis: [] };
  }
}
