/**
 * Vega-Lite specs for the site's charts beyond the claim chart (src/lib/chart.ts): verdicts per
 * article, and the speed-up of every implementation over a claim's baseline. Pure: rows in, spec out;
 * chart-svg.ts renders them at build time.
 */
import { ALL_VERDICTS, type Verdict } from '../verdict-vocabulary.ts';
import { symbolOf, verdictColours } from './verdict-style.ts';
import { CHART_WIDTH, LINE_HEIGHT, axisTitle, labelOffset, rowStep } from '../chart.ts';
import { padLines, wrapText } from '../chart-text.ts';
import { VERDICT_INFO } from '../verdict-vocabulary.ts';

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

/** Segments narrower than this (in pixels) carry no symbol: it would not fit. */
const SYMBOL_MIN_PX = 14;

/**
 * Stacked horizontal bars: one bar per article, one segment per verdict, each wide enough segment
 * marked with its verdict's symbol (so verdicts are told apart without colour). The article's name
 * and its number of claims are printed above its bar, never on an axis, so the chart keeps its
 * size on a phone.
 */
export function verdictsByArticleSpec(rows: readonly ArticleVerdictRow[], articleOrder: readonly string[]): Record<string, unknown> {
  const present = ALL_VERDICTS.filter((v) => rows.some((r) => r.verdict === v && r.n > 0));
  const totals = new Map<string, number>();
  for (const r of rows) totals.set(r.article, (totals.get(r.article) ?? 0) + r.n);
  const max = Math.max(1, ...totals.values());
  const data = rows
    .filter((r) => r.n > 0)
    .map((r) => ({
      ...r,
      label: verdictLegendLabel(r.verdict),
      order: ALL_VERDICTS.indexOf(r.verdict),
      symbol: (r.n / max) * CHART_WIDTH >= SYMBOL_MIN_PX ? symbolOf(r.verdict) : '',
    }));
  // One heading per article (a layer of its own, so it is printed once, not once per segment).
  const wrapped = [...totals.entries()].map(([article, n]) => ({ article, heading: wrapText(`${article} (${n} claims)`, CHART_WIDTH, 12) }));
  const lines = Math.max(1, ...wrapped.map((h) => h.heading.length));
  const headings = wrapped.map((h) => ({ ...h, heading: padLines(h.heading, lines) }));
  const labels = present.map(verdictLegendLabel);
  const y = { field: 'article', type: 'nominal', title: null, sort: [...articleOrder], axis: null };
  return {
    ...BASE,
    description: 'Number of claims per verdict for each source article (stacked bars). The same counts are in the table below the chart.',
    width: CHART_WIDTH,
    height: { step: rowStep(lines) },
    padding: { left: 4, right: 12, top: 4 + (lines - 1) * LINE_HEIGHT, bottom: 4 },
    layer: [
      {
        data: { values: data },
        transform: [
          { stack: 'n', groupby: ['article'], sort: [{ field: 'order', order: 'ascending' }], as: ['x0', 'x1'] },
          { calculate: '(datum.x0 + datum.x1) / 2', as: 'xm' },
        ],
        layer: [
      {
        mark: { type: 'bar', stroke: '#ffffff', strokeWidth: 1, height: 18, yOffset: 8 },
        encoding: {
          y,
          x: { field: 'x0', type: 'quantitative', title: 'claims', scale: { domain: [0, max] }, axis: { tickMinStep: 1, format: 'd', tickCount: 5 } },
          x2: { field: 'x1' },
          color: {
            field: 'label', type: 'nominal', title: 'Verdict',
            scale: { domain: labels, range: present.map((v) => VERDICT_COLORS[v]) },
            legend: { orient: 'bottom', columns: 2, labelLimit: 140 },
          },
          tooltip: [{ field: 'article' }, { field: 'label', title: 'verdict' }, { field: 'n', title: 'claims' }],
        },
      },
      {
        mark: { type: 'text', fontSize: 12, yOffset: 8, baseline: 'middle', align: 'center' },
        encoding: {
          y, x: { field: 'xm', type: 'quantitative' }, text: { field: 'symbol' },
          color: { condition: { test: `indexof(${JSON.stringify(DARK_SEGMENTS)}, datum.verdict) >= 0`, value: '#ffffff' }, value: '#111111' },
        },
      },
        ],
      },
      {
        data: { values: headings },
        mark: { type: 'text', align: 'left', baseline: 'top', x: 0, yOffset: labelOffset(lines) - 2, fontSize: 12, lineHeight: LINE_HEIGHT },
        encoding: { y, text: { field: 'heading' } },
      },
    ],
  };
}

/** "✓ confirmed", "◐ partly true": the legend carries each verdict's symbol and word. */
const verdictLegendLabel = (v: Verdict) => `${symbolOf(v)} ${VERDICT_INFO[v]?.label ?? v}`;

/** Verdicts whose segment colour is dark enough for a white symbol. */
const DARK_SEGMENTS = ['confirmed', 'understated', 'overstated', 'inconsistent', 'refuted', 'unverifiable'];

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
 * machine when there are several, in the order of `rows`. `scope`, when given, says which
 * implementations each machine shows (speedup-rows.ts) and ends the description.
 */
export function speedupSpec(claimId: string, baselineId: string, rows: readonly SpeedupRow[], scope?: string): Record<string, unknown> | null {
  if (rows.length < 2) return null;
  const machines = [...new Set(rows.map((r) => r.machine))];
  const roles = (Object.keys(ROLE_COLORS) as ImplRole[]).filter((r) => rows.some((x) => x.role === r));
  // One row per machine and implementation, grouped by machine, fastest first (one chart, no facets:
  // faceted layers with independent scales make Vega warn and guess the view size).
  const y = { field: 'row', type: 'nominal', title: null, sort: null, axis: null };
  // Bars on a log scale need a floor to start from: the power of ten at or below the smallest value (at most 1).
  // A decade below the smallest value, so the baseline's own bar (1x) is drawn too.
  const floor = 10 ** (Math.ceil(Math.log10(Math.min(1, ...rows.map((r) => r.speedup)))) - 1);
  const max = Math.max(...rows.map((r) => r.speedup));
  const top = 10 ** Math.ceil(Math.log10(max * 1.5));
  const x = {
    field: 'speedup', type: 'quantitative', title: axisTitle(`speed-up over "${baselineId}" (log scale)`),
    scale: { type: 'log', domain: [floor, top] },
    // Our own ticks (1, 2, 5 a decade, or powers of ten): Vega's labelled 4 5 6 7 8 edge to edge on a 280 px axis.
    axis: { grid: true, values: logTicks(floor, top), labelOverlap: 'greedy', labelFlush: true, labelExpr: "datum.value >= 1000 ? format(datum.value, '~s') : format(datum.value, '~g')" },
  };
  const ordered = [...rows].sort((a, b) => machines.indexOf(a.machine) - machines.indexOf(b.machine) || b.speedup - a.speedup);
  const prefix = (r: SpeedupRow) => (machines.length > 1 ? `${r.machine} · ` : '');
  const wrapped = ordered.map((r) => ({ ...r, row: `${r.machine}\u0000${r.impl}`, text: wrapText(`${prefix(r)}${r.label}: ${formatTimes(r.speedup)}`, CHART_WIDTH, 12) }));
  const lines = Math.max(...wrapped.map((d) => d.text.length));
  const data = wrapped.map((d) => ({ ...d, text: padLines(d.text, lines) }));
  const step = 38 + (lines - 1) * LINE_HEIGHT;
  const layer = [
    {
      mark: { type: 'bar', height: 12, yOffset: 7 },
      encoding: {
        y, x, x2: { datum: floor },
        color: { field: 'role', type: 'nominal', title: null, scale: { domain: roles, range: roles.map((r) => ROLE_COLORS[r]) }, legend: { orient: 'bottom', columns: 2 } },
      },
    },
    {
      mark: { type: 'text', align: 'left', baseline: 'top', x: 0, yOffset: labelOffset(lines) + 4, fontSize: 12, lineHeight: LINE_HEIGHT },
      encoding: { y, text: { field: 'text' } },
    },
  ];
  const common = {
    ...BASE,
    description: `Speed-up of each implementation over "${baselineId}" for claim ${claimId}${machines.length > 1 ? ', grouped by machine' : ''}: baseline median time over the implementation's median time.${scope ? ` ${scope}.` : ''}`,
    padding: { left: 4, right: 12, top: 4 + (lines - 1) * LINE_HEIGHT, bottom: 4 },
    data: { values: data },
  };
  return { ...common, width: CHART_WIDTH, height: { step }, layer };
}

/** Three significant figures: 923.4 -> "923x", 12.34 -> "12.3x", 0.000126 -> "0.000126x", 68040 -> "68,000x". */
export function formatTimes(x: number): string {
  return `${x.toLocaleString('en-US', { maximumSignificantDigits: 3 })}x`;
}

/** One implementation at one connection count of a server kernel's load sweep. */
export interface SweepRow {
  impl: string;
  role: ImplRole;
  connections: number;
  requestsPerSecond: number;
}

/** Colours of the sweep's lines: the claim's pair in the role colours, the others in distinct hues; shapes tell them apart too. */
const SWEEP_OTHER_COLORS = ['#b45309', '#047857', '#be185d', '#0e7490', '#4d7c0f', '#7c2d12'];
const SWEEP_SHAPES = ['circle', 'square', 'triangle-up', 'diamond', 'cross', 'triangle-down', 'stroke'];

/**
 * Tick values of a log axis from `lo` to `hi` (powers of ten): 1, 2 and 5 times each power, or the
 * powers alone when the axis spans more than two decades (Vega's own log ticks label every
 * multiple, 1k 2k 3k 4k 6k 8k, which crowds a 220 px axis and drops labels).
 */
export function logTicks(lo: number, hi: number): number[] {
  const first = Math.floor(Math.log10(lo));
  const last = Math.ceil(Math.log10(hi));
  const steps = last - first > 2 ? [1] : [1, 2, 5];
  const out: number[] = [];
  for (let e = first; e <= last; e++) {
    for (const m of steps) {
      const v = m * 10 ** e;
      if (v >= lo * (1 - 1e-9) && v <= hi * (1 + 1e-9)) out.push(Number(v.toPrecision(12)));
    }
  }
  return out;
}

/**
 * Requests per second of every implementation of a server kernel at each connection count of one
 * run (a concurrency sweep): a line per implementation (named by its id; its colour and point
 * shape), connections on a log axis, requests/s on a log axis. Null with fewer than two points.
 */
export function sweepSpec(kernelId: string, machine: string, rows: readonly SweepRow[]): Record<string, unknown> | null {
  if (rows.length < 2) return null;
  const impls = [...new Set(rows.map((r) => r.impl))];
  let other = 0;
  const colour = (id: string) => {
    const role = rows.find((r) => r.impl === id)!.role;
    return role === 'baseline' || role === 'subject' ? ROLE_COLORS[role] : SWEEP_OTHER_COLORS[other++ % SWEEP_OTHER_COLORS.length]!;
  };
  const colours = impls.map(colour);
  const levels = [...new Set(rows.map((r) => r.connections))].sort((a, b) => a - b);
  const min = Math.min(...rows.map((r) => r.requestsPerSecond));
  const max = Math.max(...rows.map((r) => r.requestsPerSecond));
  const yDomain: [number, number] = [10 ** Math.floor(Math.log10(Math.max(min, 1e-3))), 10 ** Math.ceil(Math.log10(max * 1.2))];
  const series = { field: 'impl', type: 'nominal', title: null, sort: impls };
  const legend = { orient: 'bottom', columns: 1, labelLimit: CHART_WIDTH, symbolStrokeWidth: 2 };
  const encoding = {
    x: {
      field: 'connections', type: 'quantitative', title: 'connections (log scale)',
      scale: { type: 'log', base: 2, domain: [levels[0]!, levels.at(-1)!] },
      axis: { values: levels, grid: false, labelFlush: true, format: 'd' },
    },
    y: {
      field: 'requestsPerSecond', type: 'quantitative', title: 'requests/s (log scale)',
      scale: { type: 'log', domain: yDomain },
      axis: { grid: true, values: logTicks(yDomain[0], yDomain[1]), labelExpr: "format(datum.value, '~s')" },
    },
    color: { ...series, scale: { domain: impls, range: colours }, legend },
    // The same legend as colour: Vega-Lite merges the two channels of one field into one legend
    // (each entry in its colour and point shape, as drawn); a shape legend switched off while the
    // colour one is on made Vega warn of conflicting "disable" properties.
    shape: { ...series, scale: { domain: impls, range: impls.map((_, i) => SWEEP_SHAPES[i % SWEEP_SHAPES.length]!) }, legend },
  };
  return {
    ...BASE,
    description: `Requests per second of each implementation of the ${kernelId} kernel on ${machine} at ${levels.join(', ')} connections (log scales); one load measurement per point.`,
    width: CHART_WIDTH - 60,
    height: 220,
    padding: { left: 4, right: 12, top: 8, bottom: 4 },
    data: { values: [...rows].sort((a, b) => impls.indexOf(a.impl) - impls.indexOf(b.impl) || a.connections - b.connections) },
    layer: [
      { mark: { type: 'line', strokeWidth: 2 }, encoding: { x: encoding.x, y: encoding.y, color: encoding.color, detail: { field: 'impl' } } },
      { mark: { type: 'point', filled: true, size: 60 }, encoding },
    ],
  };
}
