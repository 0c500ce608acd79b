/**
 * Sourced claims: the article's figure or fact, as data, against what each source states, as data.
 * Pure. Only findings from a source marked `primary` decide; a secondary one alone never confirms.
 */
import type { Claim, ClaimedFact, Finding, SourceFact } from './schema/claim.ts';
import type { SourceRef } from './schema/common.ts';
import type { Verdict } from './verdict-vocabulary.ts';
import { claimDirection, misstatement } from './direction.ts';
import { formatWritten } from './format.ts';

export type SourcedClaim = Extract<Claim, { kind: 'sourced' }>;

/** The verdict one finding gives, with the sentence that says why. */
export interface FindingOutcome {
  finding: Finding;
  source: SourceRef;
  verdict: Verdict;
  /** "“PEP 745” (primary; table “Release schedule”) gives 2025-10-07." */
  says: string;
  /** The same without the source's name and where: "gives 2025-10-07." */
  states: string;
  /** Why this finding gives its verdict. */
  why: string;
}

export interface SourcedAssessment {
  verdict: Verdict;
  explanation: string;
  basis: string[];
  outcomes: FindingOutcome[];
}

const unitText = (unit: string) => (unit === 'x' ? 'x' : unit === 'percent' ? '%' : unit === 'none' || unit === 'count' ? '' : ` ${unit}`);

/** The article's figure or fact as the article wrote it. */
export function claimedFigureText(claim: Claim): string {
  const c = claim.claimed;
  if (c.fact) return factText(c.fact);
  const u = unitText(c.unit);
  const hedge = c.bound === 'at-least' ? 'over ' : c.bound === 'at-most' ? 'up to ' : c.approximate ? 'about ' : '';
  if (c.range) return `${hedge}${formatWritten(c.range.min)}–${formatWritten(c.range.max)}${u}`;
  return `${hedge}${formatWritten(c.value!)}${u}`;
}

function factText(f: ClaimedFact): string {
  if (f.kind === 'date') return `${f.date} (${f.event})`;
  if (f.kind === 'version') return `version ${f.version} (${f.of})`;
  return f.holds ? `“${f.proposition}”` : `that “${f.proposition}” does not hold`;
}

/** What a source states, after its name: "gives 35,000x (speedup, mandelbrot)", "states that it does not hold". */
function sourceFactText(f: SourceFact): string {
  if (f.kind === 'number') {
    const u = unitText(f.unit);
    const fig = f.range ? `${formatWritten(f.range.min)}–${formatWritten(f.range.max)}${u}` : `${formatWritten(f.value!)}${u}`;
    return `gives ${fig} (${f.metric}${f.workload ? `, ${f.workload}` : ''})`;
  }
  if (f.kind === 'date') return `gives ${f.date}`;
  if (f.kind === 'version') return `gives version ${f.version}`;
  return f.holds ? 'states that it holds' : 'states that it does not hold';
}


/** "2025-10-07" against "2025-10": equal at the claim's precision, and whether the source is as precise. */
function comparePrefix(claimed: string, source: string, sep: string): { agree: boolean; sourceCoarser: boolean } {
  const c = claimed.split(sep);
  const s = source.split(sep);
  const n = Math.min(c.length, s.length);
  const agree = c.slice(0, n).every((x, i) => x === s[i]);
  return { agree, sourceCoarser: s.length < c.length };
}

function scopeOutcome(f: Finding): { verdict: Verdict; why: string } | null {
  if (f.scope === 'other') return { verdict: 'misattributed', why: `It says so about something else${f.scopeNote ? ` (${f.scopeNote})` : ''}.` };
  return null;
}

function agreed(f: Finding, what: string): { verdict: Verdict; why: string } {
  if (f.scope === 'narrower') return { verdict: 'partly-true', why: `It agrees on ${what}, but only for part of what the article claims${f.scopeNote ? ` (${f.scopeNote})` : ''}.` };
  return { verdict: 'confirmed', why: `They agree on ${what}.` };
}

/** What one finding says about the claim. Throws when its kind does not match the claim's. */
export function judgeFinding(claim: SourcedClaim, f: Finding): { verdict: Verdict; why: string } {
  const c = claim.claimed;
  const fact = f.fact;
  const expected = c.fact ? c.fact.kind : 'number';
  if (fact.kind !== expected) throw new Error(`claim ${claim.id}: a finding of kind "${fact.kind}" cannot check a claimed ${expected}`);
  const other = scopeOutcome(f);
  if (other) return other;
  if (fact.kind === 'number') {
    if (fact.workload && c.workload && fact.workload !== c.workload) {
      return { verdict: 'misattributed', why: `The article ties it to "${c.workload}"; the source gives it for "${fact.workload}".` };
    }
    if (fact.combines) return { verdict: 'misquoted', why: `The article's figure combines the source's figures (${fact.combines}) into one the source does not state.` };
    if (fact.metric !== c.metric || fact.unit !== c.unit) {
      return { verdict: 'misquoted', why: `The source's figure is a ${fact.metric} in ${fact.unit}, not the ${c.metric} in ${c.unit} the article states.` };
    }
    const t = claim.check.tolerance;
    const slo = fact.range ? fact.range.min : fact.value!;
    const shi = fact.range ? fact.range.max : fact.value!;
    const clo = c.range ? c.range.min : c.value!;
    const chi = c.range ? c.range.max : c.value!;
    const within = c.bound === 'at-least' ? shi >= clo * (1 - t)
      : c.bound === 'at-most' ? slo <= chi * (1 + t)
      : clo <= shi * (1 + t) && chi >= slo * (1 - t);
    const stale = f.asOf ? ` The source's figure is as of ${f.asOf}${c.bound === 'at-least' ? '; a lower bound that held then' : ''}.` : '';
    if (within) {
      const r = agreed(f, c.bound === 'at-least' ? 'a figure at least as large as the article\'s lower bound' : c.bound === 'at-most' ? 'a figure no larger than the article\'s upper bound' : 'the figure');
      return { verdict: r.verdict, why: r.why + stale };
    }
    const claimedIsLarger = clo > shi * (1 + t);
    const v = misstatement(claimDirection(claim), claimedIsLarger);
    return { verdict: v, why: `The article's figure is ${claimedIsLarger ? 'larger' : 'smaller'} than the source's, beyond ${formatWritten(t * 100)}%.${stale}` };
  }
  if (fact.kind === 'date' || fact.kind === 'version') {
    const claimed = c.fact as Extract<ClaimedFact, { kind: 'date' | 'version' }>;
    const cv = claimed.kind === 'date' ? claimed.date : claimed.version;
    const sv = fact.kind === 'date' ? fact.date : fact.version;
    const { agree, sourceCoarser } = comparePrefix(cv, sv, claimed.kind === 'date' ? '-' : '.');
    if (!agree) return { verdict: 'refuted', why: `The source gives ${sv}, not ${cv}.` };
    if (sourceCoarser) return { verdict: 'unsupported', why: `The source gives only ${sv}; nothing it says confirms ${cv}.` };
    return agreed(f, fact.kind === 'date' ? 'the date' : 'the version');
  }
  const claimedYes = (c.fact as Extract<ClaimedFact, { kind: 'yes-no' }>).holds;
  if (fact.holds !== claimedYes) return { verdict: 'refuted', why: 'The source states the opposite.' };
  return agreed(f, 'it');
}

/** The verdict of a sourced claim from its findings. */
export function assessSourced(claim: SourcedClaim): SourcedAssessment {
  const { findings, rationale } = claim.check;
  if (findings.length === 0) {
    return { verdict: 'unsupported', explanation: `No source we found states it. ${rationale}`, basis: [], outcomes: [] };
  }
  const outcomes: FindingOutcome[] = findings.map((f) => {
    const source = claim.sources[f.source];
    if (!source) throw new Error(`claim ${claim.id}: findings[].source ${f.source} is not an index into sources`);
    const { verdict, why } = judgeFinding(claim, f);
    const states = `${sourceFactText(f.fact)}.`;
    const says = `“${source.title}” (${source.primary ? 'primary' : 'secondary'}; ${f.where}) ${states}`;
    return { finding: f, source, verdict, says, states, why };
  });
  const head = `The article says ${claimedFigureText(claim)}.`;
  const basis = [...new Set(outcomes.map((o) => o.source.url))];
  const primary = outcomes.filter((o) => o.source.primary);
  const secondary = outcomes.filter((o) => !o.source.primary);
  const secondaryText = secondary.length === 0 ? '' : ` Secondary: ${secondary.map((o) => `${o.says} ${o.why}`).join(' ')}`;
  if (primary.length === 0) {
    return {
      verdict: 'unsupported', basis, outcomes,
      explanation: `${head}${secondaryText} No primary source states it, and a secondary summary never confirms alone. ${rationale}`,
    };
  }
  const decider = primary.find((o) => o.verdict !== 'confirmed') ?? primary[0]!;
  const primaryText = primary.map((o) => `${o.says} ${o.why}`).join(' ');
  return { verdict: decider.verdict, explanation: `${head} ${primaryText}${secondaryText}`, basis, outcomes };
}
