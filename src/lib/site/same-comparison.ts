/**
 * Records that claim the same measured comparison (same kernel, baseline, subject and metric) for
 * machines of different sizes, such as Mandelbrot's 35,000x on 32 cores and 68,000x on 88 cores.
 * A reader who sees both figures asks why they differ and whether both can hold: one generated
 * sentence answers from the numbers (claimed per core, our projection to each machine, each
 * verdict). Pure.
 */
import type { Claim } from '../schema/claim.ts';
import type { Kernel } from '../schema/kernel.ts';
import type { Assessment } from '../verdict.ts';
import { VERDICT_INFO } from '../verdict-vocabulary.ts';
import { formatWritten } from '../format.ts';

export interface ComparedRecord {
  claim: Claim;
  assessment: Assessment;
  kernel: Kernel | null;
}

type Scaled = ComparedRecord & { cores: number; value: number };

/** The claimed machine's cores and the single claimed figure, for a measured ratio claim scaled per core. */
function scaled(r: ComparedRecord): Scaled | null {
  const c = r.claim;
  if (c.kind !== 'measured' || c.check.comparison !== 'ratio' || c.check.planned) return null;
  const cores = c.check.scaling?.claimedCores;
  const value = c.claimed.value;
  return cores && value !== undefined && !c.claimed.range ? { ...r, cores, value } : null;
}

const keyOf = (r: Scaled) => {
  const check = r.claim.kind === 'measured' ? r.claim.check : null;
  return check ? [check.kernel, check.baseline ?? '', check.subject, check.metric ?? ''].join('|') : '';
};

/**
 * Groups of records (two or more) claiming the same comparison on machines of different core
 * counts, each group ordered by cores, then claimed figure; a claim belongs to at most one group.
 */
export function sameComparisonGroups<R extends ComparedRecord>(records: readonly R[]): R[][] {
  const groups = new Map<string, Array<R & Scaled>>();
  for (const r of records) {
    const s = scaled(r);
    if (!s) continue;
    const k = keyOf(s);
    groups.set(k, [...(groups.get(k) ?? []), { ...r, ...s }]);
  }
  return [...groups.values()]
    .filter((g) => new Set(g.map((r) => r.cores)).size > 1)
    .map((g) => [...g].sort((a, b) => a.cores - b.cores || a.value - b.value || a.claim.id.localeCompare(b.claim.id)))
    .map((g) => g.map((r) => records.find((x) => x.claim.id === r.claim.id)!));
}

const two = (x: number) => formatWritten(Number(x.toPrecision(2)));
const fig = (x: number) => `${formatWritten(x)}x`;
function list(items: string[]): string {
  return items.length <= 2 ? items.join(' and ') : `${items.slice(0, -1).join(', ')} and ${items.at(-1)}`;
}

/**
 * One sentence for a group: the figures, the machines, the figure per core, what our measurement
 * projects to each machine, and each verdict. Names the implementations as the kernel labels them.
 */
export function sameComparisonSentence(group: readonly ComparedRecord[]): string {
  const rows = group.map(scaled).filter((r): r is Scaled => r !== null);
  if (rows.length < 2) return '';
  const first = rows[0]!;
  const check = first.claim.kind === 'measured' ? first.claim.check : null;
  const label = (id: string | undefined) => (id ? first.kernel?.implementations.find((i) => i.id === id)?.label ?? id : '');
  const what = check ? `${label(check.subject)} against ${label(check.baseline)}, ${first.kernel?.title ?? check.kernel}` : '';
  const perCore = rows.map((r) => r.value / r.cores);
  // The machines explain the figures when the figures per core are within a factor 1.5 of each other.
  const explained = Math.max(...perCore) <= Math.min(...perCore) * 1.5;
  let s = `The ${list(rows.map((r) => fig(r.value)))} figures claim the same comparison (${what}) on machines of ${list(rows.map((r) => String(r.cores)))} cores: per core that is ${list(perCore.map((v) => `${two(v)}x`))}`;
  s += explained
    ? ', so the larger figure comes from the larger machine rather than a faster program'
    : ', so the machines alone do not explain the difference';
  const projections = rows.map((r) => r.assessment.decidingRun?.projected?.point);
  if (projections.every((p): p is number => p !== undefined)) {
    s += `. Carried to those cores, our measurement projects ${list(projections.map((p) => `${two(p)}x`))}`;
  }
  const verdicts = rows.map((r) => VERDICT_INFO[r.assessment.verdict].label);
  s += new Set(verdicts).size === 1
    ? `; ${rows.length === 2 ? 'both are' : 'all are'} ${verdicts[0]}.`
    : `; ${list(rows.map((r, n) => `the ${fig(r.value)} is ${verdicts[n]}`))}.`;
  return s;
}
