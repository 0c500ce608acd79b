/**
 * Vega-Lite specs for the site's charts beyond the claim chart (src/lib/chart.ts): verdicts per
 * article, and the speed-up of every implementation over a claim's baseline. Pure: rows in, spec out;
 * chart-svg.ts renders them at build time.
 */
import { ALL_VERDICTS, type Verdict } from '../verdict-vocabulary.ts';
import { verdictColours } from './verdict-style.ts';

const BASE = {
  $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
  background: null,
  config: { font: 'system-ui, sans-serif', axis: { labelFontSize: 12, titleFontSize: 12 }, legend: { labelFontSize: 12, titleFontSize: 12 }, header: { labelFontSize: 12, titleFontSize: 12 } },
} as const;

/** One colour per verdict (see verdict-style.ts: distinct under colour-vision deficiencies); the legend and table carry the words. */
export const VERDICT_COLORS: Record<Verdict, string> = verdictColours() as Record<Verdict, string>;

/** An axis label for an article: its title up to a colon or dash, at most 30 characters. */
export function shortTitle(title: string): string {
  const head = title.split(/\s*[:–—]\s+/)[0]!.trim();
  return head.length <= 30 ? head : `${head.slice(0, 29).trimEnd()}…`;
}

export interface ArticleVerdictRow {
  article: string;
  verdict: Verdict;
  n: number;
}

/** Stacked horizontal bars: one bar per article, one segment per verdict. */
export function verdictsByArticleSpec(rows: readonly ArticleVerdictRow[], articleOrder: readonly string[]): Record<string, unknown> {
  const present = ALL_VERDICTS.filter((v) => rows.some((r) => r.verdict === v && r.n > 0));
  const data = rows.filter((r) => r.n > 0).map((r) => ({ ...r, order: ALL_VERDICTS.indexOf(r.verdict) }));
  return {
    ...BASE,
    description: 'Number of claims per verdict for each source article (stacked bars). The same counts are in the table below the chart.',
    width: 460,
    height: { step: 30 },
    data: { values: data },
    mark: { type: 'bar', stroke: '#ffffff', strokeWidth: 1 },
    encoding: {
      y: { field: 'article', type: 'nominal', title: null, sort: [...articleOrder], axis: { labelLimit: 0 } },
      x: { field: 'n', type: 'quantitative', title: 'claims', stack: 'zero', axis: { tickMinStep: 1, format: 'd' } },
      color: {
        field: 'verdict', type: 'nominal', title: 'Verdict',
        scale: { domain: present, range: present.map((v) => VERDICT_COLORS[v]) },
        legend: { orient: 'bottom', columns: 3 },
      },
      order: { field: 'order', type: 'quantitative' },
      tooltip: [{ field: 'article' }, { field: 'verdict' }, { field: 'n', title: 'claims' }],
    },
  };
}

export type ImplRole = 'baseline' | 'subject' | 'per-core basis' | 'other';

export interface SpeedupRow {
  machine: string;
  impl: string;
  /** Implementation label with its threads, as the axis shows it. */
  label: string;
  role: ImplRole;
  /** Baseline median time over this implementation's median time. */
  speedup: number;
}

export const ROLE_COLORS: Record<ImplRole, string> = { baseline: '#6b7280', subject: '#1d4ed8', 'per-core basis': '#7c3aed', other: '#93c5fd' };

/**
 * Horizontal bars of each implementation's speed-up over the baseline, log scale; one panel per
 * machine when there are several.
 */
export function speedupSpec(claimId: string, baselineId: string, rows: readonly SpeedupRow[]): Record<string, unknown> | null {
  if (rows.length < 2) return null;
  const machines = [...new Set(rows.map((r) => r.machine))];
  const roles = (Object.keys(ROLE_COLORS) as ImplRole[]).filter((r) => rows.some((x) => x.role === r));
  const y = { field: 'label', type: 'nominal', title: null, sort: { field: 'speedup', op: 'max', order: 'descending' }, axis: { labelLimit: 0 } };
  // Bars on a log scale need a floor to start from: the power of ten at or below the smallest value (at most 1).
  const floor = 10 ** Math.floor(Math.log10(Math.min(1, ...rows.map((r) => r.speedup))));
  const max = Math.max(...rows.map((r) => r.speedup));
  const x = {
    field: 'speedup', type: 'quantitative', title: `speed-up over "${baselineId}" (times faster, log scale)`,
    scale: { type: 'log', domain: [floor, 10 ** Math.ceil(Math.log10(max * 1.5))] },
    axis: { grid: true, labelExpr: "datum.value >= 1000 ? format(datum.value, '~s') : format(datum.value, '~g')" },
  };
  const layer = [
    {
      mark: { type: 'bar', height: { band: 0.7 } },
      encoding: {
        y, x, x2: { datum: floor },
        color: { field: 'role', type: 'nominal', title: null, scale: { domain: roles, range: roles.map((r) => ROLE_COLORS[r]) }, legend: { orient: 'bottom' } },
      },
    },
    {
      mark: { type: 'text', align: 'left', dx: 4, fontSize: 11 },
      encoding: { y, x, text: { field: 'text', type: 'nominal' } },
    },
  ];
  const common = {
    ...BASE,
    description: `Speed-up of each implementation over "${baselineId}" for claim ${claimId}${machines.length > 1 ? ', one panel per machine' : ''}: baseline median time over the implementation's median time.`,
    data: { values: rows.map((r) => ({ ...r, text: `${formatTimes(r.speedup)}` })) },
  };
  if (machines.length === 1) return { ...common, width: 360, height: { step: 24 }, layer };
  return {
    ...common,
    facet: { row: { field: 'machine', type: 'nominal', title: null, header: { labelAngle: 0, labelAlign: 'left', labelAnchor: 'start', labelFontWeight: 'bold' } } },
    spec: { width: 360, height: { step: 24 }, layer },
    resolve: { scale: { y: 'independent' } },
  };
}

/** Three significant figures: 923.4 -> "923x", 12.34 -> "12.3x", 0.000126 -> "0.000126x", 68040 -> "68,000x". */
export function formatTimes(x: number): string {
  return `${x.toLocaleString('en-US', { maximumSignificantDigits: 3 })}x`;
}
