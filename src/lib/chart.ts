/**
 * Vega-Lite specs for claim charts: the claimed figure (with its tolerance band) beside what each
 * machine measured (with its 95% interval) and, where a scaling rule applies, the projection.
 * Pure: data in, spec out. Rendering to SVG is in chart-svg.ts.
 */
import type { Claim } from './schema/claim.ts';
import type { Assessment } from './verdict.ts';
import { padLines, wrapText } from './chart-text.ts';

export interface ChartRow {
  /** Row label on the chart's axis. */
  label: string;
  series: 'claimed' | 'measured' | 'per-core bound';
  value: number;
  lo: number;
  hi: number;
  /**
   * The figure as printed beside the label when `value` alone would mislead: a claimed range
   * ("10–20x"), whose mark sits at the range's geometric middle, a figure nobody claimed.
   */
  figureText?: string;
}

/** A claimed range as printed: "10–20x", "2.5–4 GB/s". */
export function rangeFigure(lo: number, hi: number, unit: string): string {
  return `${lo.toLocaleString('en-US', { maximumSignificantDigits: 3 })}–${chartFigure(hi, unit)}`;
}

/** Above this max/min ratio the value axis is logarithmic. */
export const LOG_SCALE_ABOVE = 30;

/** Chart width in CSS pixels: the plot plus its axis fits a 375 px phone (343 px of content) unscaled. */
export const CHART_WIDTH = 280;
/** The smallest text any chart draws, in pixels. */
export const CHART_MIN_FONT = 11;

/**
 * An axis title wrapped to the plot's width. Vega draws axis titles in bold, centred under the
 * plot, so a line measured as regular text spilled past both edges of the SVG on a phone.
 */
export const axisTitle = (text: string): string[] => wrapText(text, CHART_WIDTH, 12, true);

/** A figure as the chart prints it: 68040 -> "68,000x", 12.34 ms -> "12.3 ms". */
export function chartFigure(value: number, unit: string): string {
  const n = value.toLocaleString('en-US', { maximumSignificantDigits: 3 });
  return unit === 'x' ? `${n}x` : unit === 'percent' ? `${n}%` : `${n} ${unit}`;
}

export function chartRows(claim: Claim, a: Assessment): ChartRow[] {
  if (claim.kind !== 'measured') return [];
  const c = claim.claimed;
  if (claim.check.spread) return spreadRows(claim.claimed, a);
  const t = claim.check.toleranceFactor;
  const lo = c.range ? c.range.min : c.value!;
  const hi = c.range ? c.range.max : c.value!;
  const rows: ChartRow[] = [{
    label: `Claimed${c.hardware ? ` (${c.hardware.cores ? `${c.hardware.cores} cores` : c.hardware.description})` : ''}`,
    series: 'claimed',
    value: c.range ? Math.sqrt(lo * hi) : c.value!,
    lo: lo / t,
    hi: hi * t,
    ...(c.range ? { figureText: rangeFigure(lo, hi, c.unit) } : {}),
  }];
  const many = a.runs.filter((r) => r.measured).length > 1;
  for (const r of a.runs) {
    if (!r.measured) continue;
    rows.push({ label: `${r.machine}${r.threads && r.threads > 1 ? `, ${r.threads} threads` : ''}`, series: 'measured', value: r.measured.point, lo: r.measured.lo, hi: r.measured.hi });
    if (r.projected) {
      // One row per machine's bound: rows with the same label would share a line and print over each other.
      rows.push({ label: `Bound at ${r.projected.cores} cores${many ? ` (${r.machine})` : ''}`, series: 'per-core bound', value: r.projected.point, lo: r.projected.lo, hi: r.projected.hi });
    }
  }
  return rows;
}

/**
 * A spread claim's chart: the claimed range (no tolerance factor), then one dot per problem and
 * machine with its 95% interval, sorted by ratio so the distribution reads top to bottom.
 */
function spreadRows(c: Extract<Claim, { kind: 'measured' }>['claimed'], a: Assessment): ChartRow[] {
  const lo = c.range ? c.range.min : c.value!;
  const hi = c.range ? c.range.max : c.value!;
  const shown = new Set(a.runs.map((r) => r.machine));
  const points = (a.spreadPoints ?? []).filter((p) => shown.has(p.machine));
  const many = new Set(points.map((p) => p.machine)).size > 1;
  return [
    { label: 'Claimed range', series: 'claimed', value: Math.sqrt(lo * hi), lo, hi, figureText: rangeFigure(lo, hi, c.unit) },
    ...[...points]
      .sort((x, y) => y.point - x.point)
      .map((p): ChartRow => ({ label: `${p.kernel}${many ? ` (${p.machine})` : ''}`, series: 'measured', value: p.point, lo: p.lo, hi: p.hi })),
  ];
}

/** Line height of chart labels (12 px text). */
export const LINE_HEIGHT = 14;
/** Height of a chart row whose label takes `lines` lines above its bar. */
export const rowStep = (lines: number) => 46 + (lines - 1) * LINE_HEIGHT;
/** Offset from a row's centre to the top of its label, so the label's last line ends just above the bar. */
export const labelOffset = (lines: number) => -(lines * LINE_HEIGHT + 1);

const SERIES = ['claimed', 'measured', 'per-core bound'] as const;
const SERIES_COLOURS = { claimed: '#b45309', measured: '#1d4ed8', 'per-core bound': '#4b5563' } as const;
const SERIES_SHAPES = { claimed: 'diamond', measured: 'circle', 'per-core bound': 'square' } as const;

/**
 * The value axis of a ratio chart in the metric's terms: a memory ratio is how many times less
 * memory the subject needs, not a speed-up; requests/s how many times more requests it answers.
 */
export function ratioAxisTitle(claim: Claim): string {
  const metric = claim.kind === 'measured' ? claim.check.metric : undefined;
  if (metric === 'peak-memory' || claim.claimed.metric === 'memory' || (claim.kind === 'measured' && claim.check.comparison === 'memory')) return 'memory ratio (times less)';
  if (metric === 'requests-per-second') return 'requests/s ratio (times more)';
  if (metric === 'latency-p50' || metric === 'latency-p99') return 'latency ratio (times lower)';
  return 'speed-up (times faster)';
}

/**
 * Claimed vs measured, one row per figure. Each row's label and figure are printed above its bar,
 * not on an axis, so that long labels never shrink the chart on a phone and no two labels share a
 * line; the legend lists only the series drawn.
 */
export function claimChartSpec(claim: Claim, rows: ChartRow[]): Record<string, unknown> | null {
  if (rows.length === 0) return null;
  const values = rows.flatMap((r) => [r.lo, r.hi, r.value]).filter((v) => v > 0);
  const log = Math.max(...values) / Math.min(...values) > LOG_SCALE_ABOVE;
  const unit = claim.claimed.unit === 'x' ? ratioAxisTitle(claim) : claim.kind === 'measured' ? `${claim.check.comparison} (${claim.claimed.unit})` : claim.claimed.unit;
  const present = SERIES.filter((s) => rows.some((r) => r.series === s));
  const x = {
    field: 'value',
    type: 'quantitative',
    title: axisTitle(`${unit}${log ? ', log scale' : ''}`),
    scale: log ? { type: 'log', nice: true } : { zero: true, nice: true },
    axis: { format: '~s', grid: true, tickCount: 4, labelOverlap: 'greedy', labelFlush: true },
  };
  const y = { field: 'label', type: 'nominal', title: null, sort: null, axis: null };
  const color = {
    field: 'series',
    type: 'nominal',
    title: null,
    scale: { domain: present, range: present.map((s) => SERIES_COLOURS[s]) },
    legend: { orient: 'bottom', direction: 'horizontal', columns: 3, symbolSize: 90, symbolOpacity: 1, columnPadding: 8 },
  };
  const shape = { field: 'series', type: 'nominal', title: null, scale: { domain: present, range: present.map((s) => SERIES_SHAPES[s]) }, legend: color.legend };
  const wrapped = rows.map((r) => ({ ...r, text: wrapText(`${r.label}: ${r.figureText ?? chartFigure(r.value, claim.claimed.unit)}`, CHART_WIDTH, 12) }));
  const lines = Math.max(...wrapped.map((d) => d.text.length));
  const data = wrapped.map((d) => ({ ...d, text: padLines(d.text, lines) }));
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    description: `Claimed versus measured ${unit} for claim ${claim.id}: bars show tolerance band or 95% interval, marks the figure.`,
    width: CHART_WIDTH,
    height: { step: rowStep(lines) },
    background: null,
    padding: { left: 4, right: 12, top: 4 + (lines - 1) * LINE_HEIGHT, bottom: 4 },
    config: { font: 'system-ui, sans-serif', axis: { labelFontSize: 12, titleFontSize: 12 }, legend: { labelFontSize: 12 }, view: { stroke: null } },
    data: { values: data },
    layer: [
      { mark: { type: 'rule', strokeWidth: 8, opacity: 0.35, yOffset: 6 }, encoding: { y, x: { ...x, field: 'lo' }, x2: { field: 'hi' }, color } },
      { mark: { type: 'point', filled: true, size: 90, opacity: 1, yOffset: 6 }, encoding: { y, x, color, shape } },
      { mark: { type: 'text', align: 'left', baseline: 'top', x: 0, yOffset: labelOffset(lines), fontSize: 12, lineHeight: LINE_HEIGHT }, encoding: { y, text: { field: 'text' } } },
    ],
  };
}
