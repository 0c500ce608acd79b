/**
 * Figures that several claim records share ("68,000x" in five records): one page per figure ties
 * them together and says why their verdicts differ. Pure: claims in, groups out.
 */
import type { Claim } from '../schema/claim.ts';
import { kindLabel } from './facets.ts';
import { formatWritten } from '../format.ts';

export interface FigureKey {
  /** The claimed number (a range's maximum for ranges). */
  value: number;
  unit: string;
  /** URL slug: "68000x", "43x", "40-percent". */
  slug: string;
  /** As a reader writes it: "68,000x", "40%". */
  text: string;
}

/** The figure a claim quotes, or null for claims without a number (facts, dates, counts of one). */
export function figureKey(claim: Pick<Claim, 'claimed'>): FigureKey | null {
  const c = claim.claimed;
  const value = c.value ?? c.range?.max;
  if (value === undefined || c.fact !== undefined || c.unit === 'date' || c.unit === 'none') return null;
  const unitSlug = c.unit === 'x' ? 'x' : c.unit === 'percent' ? '-percent' : `-${c.unit.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/-+$/, '')}`;
  const num = String(value).replace('.', '-');
  const unitText = c.unit === 'x' ? 'x' : c.unit === 'percent' ? '%' : ` ${c.unit}`;
  return { value, unit: c.unit, slug: `${num}${unitSlug}`, text: `${formatWritten(value)}${unitText}` };
}

export interface FigureGroup<C> {
  key: FigureKey;
  claims: C[];
  /** Distinct verdicts among the claims, in first-seen order. */
  verdicts: string[];
}

/**
 * Groups claims by the figure they quote; only figures quoted by at least `min` records from
 * different claims are kept. Claims keep their input order; groups are ordered by figure size
 * (largest first), which puts the headline speed-ups on top.
 */
export function figureGroups<C extends { claim: Pick<Claim, 'claimed' | 'id'>; verdict: string }>(claims: readonly C[], min = 3): Array<FigureGroup<C>> {
  const groups = new Map<string, FigureGroup<C>>();
  for (const c of claims) {
    const key = figureKey(c.claim);
    if (!key) continue;
    const g = groups.get(key.slug) ?? { key, claims: [], verdicts: [] };
    g.claims.push(c);
    if (!g.verdicts.includes(c.verdict)) g.verdicts.push(c.verdict);
    groups.set(key.slug, g);
  }
  return [...groups.values()].filter((g) => g.claims.length >= min).sort((a, b) => b.key.value - a.key.value || a.key.slug.localeCompare(b.key.slug));
}

/**
 * What one record of a figure checks, in a phrase: the kind of check and the setting it names, so
 * that records of the same figure with different verdicts read as checks of different things.
 */
export function whatItChecks(claim: Claim): string {
  const c = claim.claimed;
  const setting = [c.workload && `on ${c.workload}`, c.hardware && `on ${c.hardware.description}`].filter(Boolean).join(', ');
  const pair = c.subject && c.baseline ? `${c.subject} over ${c.baseline}` : c.subject ?? '';
  switch (claim.kind) {
    case 'measured':
      return `We re-measure ${pair || 'the figure'}${setting ? ` ${setting}` : ''} with our kernel "${claim.check.kernel}".`;
    case 'arithmetic':
      return `We recompute the figure from the article's own numbers (${claim.check.formula}).`;
    case 'sourced':
      return claim.check.findings.length === 0
        ? 'We looked for a primary source of the figure and found none.'
        : `We compare the figure with what its source${claim.check.findings.length > 1 ? 's' : ''} state${claim.check.findings.length > 1 ? '' : 's'}${claim.check.findings.some((f) => f.scope === 'other') ? ', which tie it to something else' : ''}.`;
    case 'probe':
      return 'We run a small program of our own that answers it.';
    case 'unverifiable':
      return `No public artifact can check it (${kindLabel(claim.kind).toLowerCase()}).`;
  }
}
