/**
 * Vega-Lite specs for claim charts: the claimed figure (with its tolerance band) beside what each
 * machine measured (with its 95% interval) and, where a scaling rule applies, the projection.
 * Pure: data in, spec out. Rendering to SVG is in chart-svg.ts.
 */
import type { Claim } from './schema/claim.ts';
import type { Assessment } from './verdict.ts';

export interface ChartRow {
  /** Row label on the chart's axis. */
  label: string;
  series: 'claimed' | 'measured' | 'per-core bound';
  value: number;
  lo: number;
  hi: number;
}

/** Above this max/min ratio the value axis is logarithmic. */
export const LOG_SCALE_ABOVE = 30;

export function chartRows(claim: Claim, a: Assessment): ChartRow[] {
  if (claim.kind !== 'measured') return [];
  const c = claim.claimed;
  const t = claim.check.tolerance;
  const lo = c.range ? c.range.min : c.value!;
  const hi = c.range ? c.range.max : c.value!;
  const rows: ChartRow[] = [{
    label: `Claimed${c.hardware ? ` (${c.hardware.cores ? `${c.hardware.cores} cores` : c.hardware.description})` : ''}`,
    series: 'claimed',
    value: c.range ? Math.sqrt(lo * hi) : c.value!,
    lo: lo / t,
    hi: hi * t,
  }];
  for (const r of a.runs) {
    if (!r.measured) continue;
    rows.push({ label: `${r.machine}${r.threads && r.threads > 1 ? `, ${r.threads} threads` : ''}`, series: 'measured', value: r.measured.point, lo: r.measured.lo, hi: r.measured.hi });
    if (r.projected) {
      rows.push({ label: `Bound at ${claim.check.scaling?.claimedCores} cores`, series: 'per-core bound', value: r.projected.point, lo: r.projected.lo, hi: r.projected.hi });
    }
  }
  return rows;
}

export function claimChartSpec(claim: Claim, rows: ChartRow[]): Record<string, unknown> | null {
  if (rows.length === 0) return null;
  const values = rows.flatMap((r) => [r.lo, r.hi, r.value]).filter((v) => v > 0);
  const log = Math.max(...values) / Math.min(...values) > LOG_SCALE_ABOVE;
  const unit = claim.claimed.unit === 'x' ? 'speed-up (times faster)' : claim.kind === 'measured' ? `${claim.check.comparison} (${claim.claimed.unit})` : claim.claimed.unit;
  const x = {
    field: 'value',
    type: 'quantitative',
    title: `${unit}${log ? ', log scale' : ''}`,
    scale: log ? { type: 'log' } : { zero: true },
    axis: { format: '~s', grid: true },
  };
  const y = { field: 'label', type: 'nominal', title: null, sort: null, axis: { labelLimit: 0 } };
  const color = {
    field: 'series',
    type: 'nominal',
    title: null,
    scale: { domain: ['claimed', 'measured', 'per-core bound'], range: ['#b45309', '#1d4ed8', '#6b7280'] },
    legend: { orient: 'bottom' },
  };
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    description: `Claimed versus measured ${unit} for claim ${claim.id}: bars show tolerance band or 95% interval, dots the figure.`,
    width: 460,
    height: { step: 34 },
    background: null,
    config: { font: 'system-ui, sans-serif', axis: { labelFontSize: 12, titleFontSize: 12 }, legend: { labelFontSize: 12 } },
    data: { values: rows },
    layer: [
      { mark: { type: 'rule', strokeWidth: 8, opacity: 0.35 }, encoding: { y, x: { ...x, field: 'lo' }, x2: { field: 'hi' }, color } },
      { mark: { type: 'point', filled: true, size: 90, shape: 'diamond' }, encoding: { y, x, color } },
      { mark: { type: 'text', align: 'left', dx: 8, dy: -12, fontSize: 11 }, encoding: { y, x, text: { field: 'value', type: 'quantitative', format: ',.3~r' } } },
    ],
  };
}
