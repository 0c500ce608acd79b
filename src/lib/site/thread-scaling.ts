/**
 * Speed-up against threads, GIL and free-threaded builds side by side: for a kernel whose
 * implementations run one program on CPython variants (python3.N with the GIL, python3.Nt
 * free-threaded; src/lib/runtimes.ts PYTHON_VARIANTS) with one thread and with several, each
 * result's speed-up over the same version's GIL build on one thread. Pure: runs in, rows and a
 * Vega-Lite spec out (the claim page of a per-thread claim shows it).
 */
import type { Kernel } from '../schema/kernel.ts';
import type { Run } from '../schema/run.ts';
import { PYTHON_VARIANTS } from '../runtimes.ts';
import { CHART_WIDTH, LINE_HEIGHT, axisTitle, labelOffset } from '../chart.ts';
import { padLines, wrapText } from '../chart-text.ts';

export interface ThreadScalingRow {
  machine: string;
  /** CPython version, "3.14". */
  version: string;
  build: 'with the GIL' | 'free-threaded';
  impl: string;
  threads: number;
  /** Median time of the version's GIL build on one thread over this result's median time. */
  speedup: number;
}

export const BUILD_COLORS = { 'with the GIL': '#6b7280', 'free-threaded': '#1d4ed8' } as const;

/** One row per successful result on a CPython variant, for every version whose GIL one-thread run succeeded. */
export function threadScalingRows(kernel: Pick<Kernel, 'id' | 'implementations'>, runs: readonly Run[]): ThreadScalingRow[] {
  const out: ThreadScalingRow[] = [];
  for (const run of runs) {
    if (run.kernel !== kernel.id || run.variant) continue;
    const results = kernel.implementations.flatMap((impl) => {
      const v = PYTHON_VARIANTS.find((x) => x.id === impl.runtime);
      const r = run.implementations.find((x) => x.id === impl.id);
      return v && r?.status === 'ok' && r.summary ? [{ impl, v, r, median: r.summary.medianNs, threads: r.threads ?? 1 }] : [];
    });
    for (const version of [...new Set(results.map((x) => x.v.version))].sort()) {
      const own = results.filter((x) => x.v.version === version);
      const base = own.find((x) => !x.v.freeThreaded && x.threads === 1);
      if (!base) continue;
      for (const x of own.sort((a, b) => Number(a.v.freeThreaded) - Number(b.v.freeThreaded) || a.threads - b.threads)) {
        out.push({ machine: run.machine.id, version, build: x.v.freeThreaded ? 'free-threaded' : 'with the GIL', impl: x.impl.id, threads: x.threads, speedup: base.median / x.median });
      }
    }
  }
  return out;
}

/** The CPython versions the kernel runs on that have no row (their builds were not measured), in order. */
export function versionsWithoutRows(kernel: Pick<Kernel, 'implementations'>, rows: readonly ThreadScalingRow[]): string[] {
  const versions = new Set(kernel.implementations.flatMap((i) => PYTHON_VARIANTS.filter((v) => v.id === i.runtime).map((v) => v.version)));
  return [...versions].filter((v) => !rows.some((r) => r.version === v)).sort();
}

/** Horizontal bars, one per result, grouped by machine and version; null with fewer than two rows. */
export function threadScalingSpec(rows: readonly ThreadScalingRow[]): Record<string, unknown> | null {
  if (rows.length < 2) return null;
  const machines = [...new Set(rows.map((r) => r.machine))];
  const builds = (Object.keys(BUILD_COLORS) as Array<keyof typeof BUILD_COLORS>).filter((b) => rows.some((r) => r.build === b));
  const prefix = (r: ThreadScalingRow) => (machines.length > 1 ? `${r.machine} · ` : '');
  const wrapped = rows.map((r, n) => ({
    ...r,
    row: String(n).padStart(4, '0'),
    text: wrapText(`${prefix(r)}${r.version} ${r.build}, ${r.threads} thread${r.threads === 1 ? '' : 's'}: ${r.speedup.toLocaleString('en-US', { maximumSignificantDigits: 3 })}x`, CHART_WIDTH, 12),
  }));
  const lines = Math.max(...wrapped.map((d) => d.text.length));
  const data = wrapped.map((d) => ({ ...d, text: padLines(d.text, lines) }));
  const max = Math.max(1, ...rows.map((r) => r.speedup));
  const y = { field: 'row', type: 'nominal', title: null, sort: null, axis: null };
  const x = { field: 'speedup', type: 'quantitative', title: axisTitle('speed-up over the same version with the GIL on one thread'), scale: { domain: [0, Math.ceil(max * 1.15 * 2) / 2] }, axis: { grid: true, tickCount: 4 } };
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    background: null,
    config: { font: 'system-ui, sans-serif', axis: { labelFontSize: 12, titleFontSize: 12 }, legend: { labelFontSize: 12, titleFontSize: 12 } },
    description: 'Speed-up of each CPython build and thread count over the same version with the GIL on one thread (its median time over theirs), GIL and free-threaded builds side by side, per version.',
    width: CHART_WIDTH,
    height: { step: 38 + (lines - 1) * LINE_HEIGHT },
    padding: { left: 4, right: 12, top: 4 + (lines - 1) * LINE_HEIGHT, bottom: 4 },
    data: { values: data },
    layer: [
      {
        mark: { type: 'bar', height: 12, yOffset: 7 },
        encoding: { y, x, color: { field: 'build', type: 'nominal', title: null, scale: { domain: builds, range: builds.map((b) => BUILD_COLORS[b]) }, legend: { orient: 'bottom' } } },
      },
      { mark: { type: 'text', align: 'left', baseline: 'top', x: 0, yOffset: labelOffset(lines) + 4, fontSize: 12, lineHeight: LINE_HEIGHT }, encoding: { y, text: { field: 'text' } } },
    ],
  };
}
