/**
 * The verdict engine: a pure function from a claim and the runs to a verdict with an explanation
 * generated from the numbers. Nothing here reads files, clocks or the environment.
 */
import type { Claim, MeasuredClaim, ProbeCheck } from './schema/claim.ts';
import { platformName } from './platform.ts';
import type { Run } from './schema/run.ts';
import type { ProbeRun } from './schema/probe.ts';
import type { NoiseResult } from './schema/noise.ts';
import { assessMeasuredRun, combineMachines, agreementText, hardwareSpread, noiseFloorFor, type RunAssessment, type MachineAgreement } from './measured.ts';
import { evaluate } from './arithmetic.ts';
import { assessSourced as assessSourcedFindings, type SourcedClaim } from './sourced.ts';
import type { Verdict } from './verdict-vocabulary.ts';
import { assessSpreadMachine, type SpreadPoint } from './spread.ts';
import { formatNumber, formatPrecise, formatWritten } from './format.ts';
import { measuresClaimWorkload, runFilePath } from './runs.ts';
import { ourMeasurement, type OurMeasurement } from './our-measurement.ts';

export interface Assessment {
  verdict: Verdict;
  explanation: string;
  /** The run whose assessment decides the verdict (measured claims). */
  decidingRun: RunAssessment | null;
  /** Every run considered, one per machine. */
  runs: RunAssessment[];
  /** Files or sources the verdict rests on. */
  basis: string[];
  /** Sourced claims with `check.probe`: what our program observed and whether it agrees with the sources. */
  ownCheck?: string;
  /**
   * Sourced and arithmetic claims with `measuredBy`: what the measured claim of the same figure
   * found, and whether it corroborates or contradicts the sources (src/lib/our-measurement.ts).
   * The verdict above stays the sources'.
   */
  ourMeasurement?: OurMeasurement;
  /** Measured claims: how many machines measured it and how many agree with the verdict. */
  agreement?: MachineAgreement;
  /** Spread claims: every problem's ratio on every machine, placed against the claimed range. */
  spreadPoints?: SpreadPoint[];
}

/** A spread claim: each machine judged on the distribution of its ratios (src/lib/spread.ts), then combined. */
function assessSpread(claim: MeasuredClaim, runs: readonly Run[], noise: readonly NoiseResult[]): Assessment {
  const kernels = new Set(claim.check.spread!.pairs.map((p) => p.kernel));
  const relevant = runs.filter((r) => kernels.has(r.kernel) && !r.variant);
  const basis = relevant.map(runFilePath);
  const machines = [...new Set(relevant.map((r) => r.machine.id))].sort();
  if (machines.length === 0) {
    return { verdict: 'pending', explanation: `No machine has run any of the kernels ${[...kernels].map((k) => `"${k}"`).join(', ')} yet.`, decidingRun: null, runs: [], basis, spreadPoints: [] };
  }
  const each = machines.map((m) => assessSpreadMachine(claim, m, relevant, noiseFloorFor(m, noise)));
  const assessed = each.map((e) => e.assessment);
  const { verdict, deciding, agreement, ruleText } = combineMachines(assessed);
  const own = deciding?.explanation ?? '';
  const tail = assessed.length > 1 || agreement.disagreeing.length > 0 ? ` Across machines: ${ruleText}; ${agreementText(agreement)}.` : '';
  return { verdict, explanation: own + tail, decidingRun: deciding, runs: assessed, basis, agreement, spreadPoints: each.flatMap((e) => e.points) };
}

function assessMeasured(claim: MeasuredClaim, runs: readonly Run[], noise: readonly NoiseResult[]): Assessment {
  if (claim.check.planned) {
    return { verdict: 'pending', explanation: `Waiting for the "${claim.check.kernel}" kernel, which is planned but not written yet.`, decidingRun: null, runs: [], basis: [] };
  }
  if (claim.check.spread) return assessSpread(claim, runs, noise);
  // Runs of the claim's kernel at the workload it names (a variant's runs only for a claim naming it).
  const relevant = runs.filter((r) => measuresClaimWorkload(r, claim.check));
  const basis = relevant.map(runFilePath);
  if (relevant.length === 0) {
    const p = claim.check.platform;
    const where = p ? ` Only a ${platformName(p)} machine decides this claim: a fleet runner labelled ${p.runnerLabel} (CONTRIBUTING.md, "The fleet").` : '';
    const what = claim.check.variant ? `the "${claim.check.variant}" variant of the "${claim.check.kernel}" kernel (measured by the full profile)` : `the "${claim.check.kernel}" kernel`;
    return { verdict: 'pending', explanation: `No machine has run ${what} yet.${where}`, decidingRun: null, runs: [], basis };
  }
  const spread = hardwareSpread(claim, relevant);
  const assessed = relevant.map((r) => assessMeasuredRun(claim, r, { noise: noiseFloorFor(r.machine.id, noise), spread }));
  const { verdict, deciding, agreement, ruleText } = combineMachines(assessed);
  const own = deciding?.explanation ?? '';
  const tail = assessed.length > 1 || agreement.disagreeing.length > 0 ? ` Across machines: ${ruleText}; ${agreementText(agreement)}.` : '';
  return { verdict, explanation: own + tail, decidingRun: deciding, runs: assessed, basis, agreement };
}

function relDiff(a: number, b: number): number {
  return b === 0 ? Math.abs(a) : Math.abs(a - b) / Math.abs(b);
}

/**
 * Sourced claims: the sources decide. A record with `check.probe` also gets what our program
 * observed, and whether that agrees with the sources' verdict (the claim confirmed and the
 * observation holding, or neither).
 */
function assessSourced(claim: SourcedClaim, probes: readonly ProbeRun[]): Assessment {
  const { verdict, explanation, basis } = assessSourcedFindings(claim);
  const check = claim.check.probe;
  if (!check) return { verdict, explanation, basis, decidingRun: null, runs: [] };
  const seen = observeProbe(check.probe, check.holdsIf, probes);
  const agreement = seen.status === 'pending' ? '' : (seen.status === 'holds') === (verdict === 'confirmed') ? ' It agrees with the sources.' : ' It disagrees with the sources: see what it printed below.';
  const ownCheck = `Our own check: ${seen.explanation}${agreement}`;
  return { verdict, explanation, ownCheck, basis: [...basis, ...seen.basis], decidingRun: null, runs: [] };
}

function assessArithmetic(claim: Extract<Claim, { kind: 'arithmetic' }>): Assessment {
  const { formula, inputs, expected, against, tolerance } = claim.check;
  const got = evaluate(formula, inputs);
  const shown = Object.entries(inputs).map(([k, v]) => `${k} = ${formatWritten(v)}`).join(', ');
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
    explanation = `${formula} with ${shown} gives ${formatPrecise(got)}, a figure the article implies without stating it. ` +
      `Compared with ${formatWritten(against.value)}: ${against.what}${src ? ` ("${src.title}")` : ''} (${margin}).`;
  } else {
    explanation = `${formula} with ${shown} gives ${formatPrecise(got)}; the article states ${formatWritten(target)} (${ok ? 'within' : 'beyond'} ${formatNumber(tolerance * 100)}%).`;
  }
  return { verdict: ok ? 'consistent' : 'inconsistent', explanation, decidingRun: null, runs: [], basis };
}

const tailLine = (s: string) => s.trim().split('\n').filter(Boolean).at(-1) ?? '';

/** What one of our probes observed, judged against the observation under which a claim holds. */
export interface ProbeObservation {
  /** pending: no usable outcome yet (toolchain missing everywhere, or never run). */
  status: 'pending' | 'holds' | 'fails';
  explanation: string;
  basis: string[];
}

/**
 * Judges a probe's outcomes: the newest machine's usable ones (one per interpreter for probes run on
 * several CPython builds); the claim holds only if it holds on every one of them. Outcomes that could
 * not run (an interpreter not built) are named with their reason.
 */
export function observeProbe(probe: string, holdsIf: ProbeCheck['holdsIf'], probes: readonly ProbeRun[]): ProbeObservation {
  const seen = probes.flatMap((p) => p.outcomes.filter((o) => o.id === probe).map((o) => ({ run: p, o })));
  const basis = [...new Set(seen.map(({ run }) => `content/runs/${run.machine.id}/probes.json`))];
  const usable = seen.filter(({ o }) => o.compiled !== null);
  if (usable.length === 0) {
    const why = seen.map(({ run, o }) => `${run.machine.id}${o.interpreter ? ` ${o.interpreter}` : ''}: ${o.reason ?? 'not run'}`).join('; ');
    return { status: 'pending', explanation: `The program "${probe}" has not run yet${why ? ` (${why})` : ''}.`, basis };
  }
  const run = usable.map((u) => u.run).sort((a, b) => b.finishedAt.localeCompare(a.finishedAt))[0]!;
  const deciding = usable.filter((u) => u.run === run).map((u) => u.o);
  const expectation = [holdsIf.compiles !== undefined ? (holdsIf.compiles ? 'compiles' : 'fails to compile') : null, holdsIf.prints ? `prints "${holdsIf.prints}"` : null].filter(Boolean).join(' and ');
  const judged = deciding.map((o) => {
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
    return { o, holds, parts };
  });
  const holds = judged.every((j) => j.holds);
  const notRun = seen.filter(({ run: r, o }) => r === run && o.compiled === null && o.interpreter);
  const how = (reason: string | undefined) => /"(npm run [^"]+)"/.exec(reason ?? '')?.[1] ?? reason ?? 'missing';
  const skipped = notRun.length === 0 ? '' : ` Not run on ${notRun.map(({ o }) => `${o.interpreter} (not built here: ${how(o.reason)})`).join(', ')}.`;
  if (judged.length === 1 && !judged[0]!.o.interpreter) {
    const { o, parts } = judged[0]!;
    const tools = o.toolchain ?? 'toolchain version not recorded';
    return { status: holds ? 'holds' : 'fails', explanation: `On ${run.machine.id} (${tools}), our program "${probe}": ${parts.join('; ')}. The claim holds if it ${expectation}: ${holds ? 'it does' : 'it does not'}.`, basis };
  }
  const each = judged.map(({ o, parts }) => `on ${o.interpreter ?? 'the project Python'} (${o.toolchain ?? 'version not recorded'}) ${parts.join('; ')}`).join('; ');
  return {
    status: holds ? 'holds' : 'fails',
    explanation: `On ${run.machine.id}, our program "${probe}": ${each}. The claim holds if it ${expectation}${judged.length > 1 ? ' on every build' : ''}: ${holds ? 'it does' : 'it does not'}.${skipped}`,
    basis,
  };
}

function assessProbe(claim: Extract<Claim, { kind: 'probe' }>, probes: readonly ProbeRun[]): Assessment {
  const { probe, holdsIf } = claim.check;
  const seen = observeProbe(probe, holdsIf, probes);
  return { verdict: seen.status === 'pending' ? 'pending' : seen.status === 'holds' ? 'confirmed' : 'refuted', explanation: seen.explanation, decidingRun: null, runs: [], basis: seen.basis };
}

export type { RunAssessment, MachineAgreement } from './measured.ts';
export { assessMeasuredRun } from './measured.ts';

/**
 * The verdict of one claim given every run of every machine (main workloads and variants: each
 * claim takes those of the workload it names), their probe outcomes and noise tests.
 */
export function assess(claim: Claim, runs: readonly Run[], probes: readonly ProbeRun[] = [], noise: readonly NoiseResult[] = []): Assessment {
  switch (claim.kind) {
    case 'probe':
      return assessProbe(claim, probes);
    case 'measured':
      return assessMeasured(claim, runs, noise);
    case 'sourced':
      return assessSourced(claim, probes);
    case 'arithmetic':
      return assessArithmetic(claim);
    case 'unverifiable':
      return { verdict: 'unverifiable', explanation: claim.check.reason, decidingRun: null, runs: [], basis: [] };
  }
}

/**
 * Every claim's assessment, by id: each as `assess` gives it, and a sourced or arithmetic claim
 * naming a measured one in `measuredBy` also gets what that claim's own assessment says.
 */
export function assessAll(claims: readonly Claim[], runs: readonly Run[], probes: readonly ProbeRun[] = [], noise: readonly NoiseResult[] = []): Map<string, Assessment> {
  const out = new Map(claims.map((c) => [c.id, assess(c, runs, probes, noise)] as const));
  for (const claim of claims) {
    if ((claim.kind !== 'sourced' && claim.kind !== 'arithmetic') || claim.measuredBy === undefined) continue;
    const twin = claims.find((c) => c.id === claim.measuredBy);
    if (twin?.kind !== 'measured') throw new Error(`claim ${claim.id}: measuredBy "${claim.measuredBy}" is not a measured claim`);
    const own = out.get(claim.id)!;
    own.ourMeasurement = ourMeasurement(claim, own.verdict, twin, out.get(twin.id)!);
  }
  return out;
}
