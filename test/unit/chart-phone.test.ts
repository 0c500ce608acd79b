/**
 * Every chart the site draws, rendered as the build renders it: it must fit a 375 px phone
 * (343 px of content) without being scaled down, print no text under 11 px, list in its legend
 * only what it draws, and never print two labels on one line.
 */
import { describe, expect, it, vi } from 'vitest';
import { buildSiteModel } from '../../src/lib/view.ts';
import { loadDataset } from '../../src/io/load.ts';
import { renderSvg } from '../../src/lib/chart-svg.ts';
import { CHART_MIN_FONT, CHART_WIDTH, axisTitle } from '../../src/lib/chart.ts';
import { textWidth, wrapText, padLines } from '../../src/lib/chart-text.ts';

const PHONE_CONTENT_PX = 375 - 2 * 16;
const site = buildSiteModel(loadDataset(process.cwd()));

describe('chart text', () => {
  it('estimates widths near a sans-serif face, never below 0.3 em a character', () => {
    expect(textWidth('x64-amd-epyc-2c, 2 threads: 979x', 12)).toBeGreaterThan(150);
    expect(textWidth('x64-amd-epyc-2c, 2 threads: 979x', 12)).toBeLessThan(260);
    expect(textWidth('iiii', 10)).toBe(12);
  });
  it('is never narrower than DejaVu Sans, the widest common face, as Chromium drew these lines at 12 px', () => {
    // Widths Chromium measured on Linux (system-ui is DejaVu Sans there); the old estimate was below each.
    expect(textWidth('packed + blocked + SIMD + threads (2 threads):', 12)).toBeGreaterThanOrEqual(293);
    expect(textWidth('speed-up over "python313-nogil" (log scale)', 12)).toBeGreaterThanOrEqual(266);
    expect(textWidth('speed-up over "python313-nogil" (log scale)', 12, true)).toBeGreaterThanOrEqual(296);
  });
  it('wraps axis titles as the bold text Vega draws them in, within the plot\'s width', () => {
    const title = axisTitle('speed-up over "python313-nogil" (log scale)');
    expect(title.length).toBe(2);
    for (const l of title) expect(textWidth(l, 12, true)).toBeLessThanOrEqual(CHART_WIDTH);
  });
  it('wraps at spaces to the width, and pads short labels at the top', () => {
    const lines = wrapText('Mojo, packed + tiled + SIMD + parallelize (2 threads): 0.926x', 280, 12);
    expect(lines.length).toBe(2);
    for (const l of lines) expect(textWidth(l, 12)).toBeLessThanOrEqual(280);
    expect(padLines(['a'], 3)).toEqual(['', '', 'a']);
  });
});

describe('every chart on the site at 375 px', () => {
  for (const chart of site.charts) {
    it(chart.id, async () => {
      const svg = await renderSvg(chart.spec);
      const [, , w] = svg.match(/viewBox="([\d.-]+) ([\d.-]+) ([\d.]+) ([\d.]+)"/)!.slice(1).map(Number);
      expect(w, 'width of the SVG').toBeLessThanOrEqual(PHONE_CONTENT_PX);
      const fonts = [...svg.matchAll(/font-size="([\d.]+)px"/g)].map((m) => Number(m[1]));
      expect(Math.min(...fonts)).toBeGreaterThanOrEqual(CHART_MIN_FONT);
      // Legend entries are the series the chart draws (colour domain = what the data holds).
      const spec = chart.spec as { layer?: Array<{ encoding?: { color?: { field: string; scale?: { domain?: string[] } } } }>; data?: { values: Array<Record<string, unknown>> } };
      for (const l of spec.layer ?? []) {
        const c = l.encoding?.color;
        if (c?.scale?.domain && spec.data) {
          const drawn = new Set(spec.data.values.map((v) => String(v[c.field])));
          expect(c.scale.domain.filter((d) => !drawn.has(d)), 'legend entries with nothing drawn').toEqual([]);
        }
      }
      // No two rows share a label (rows with one label print on one line, over each other).
      const rows = (spec.data?.values ?? []).filter((v) => 'label' in v && 'series' in v).map((v) => String(v.label));
      expect(new Set(rows).size).toBe(rows.length);
    });
  }
});

describe('with two machines', () => {
  const d = loadDataset(process.cwd());
  const twin = { ...d, runs: [...d.runs, ...d.runs.map((r) => ({ ...r, machine: { ...r.machine, id: `${r.machine.id}-twin` } }))] };
  const two = buildSiteModel(twin);
  it('draws a chart per machine and one row per machine\'s bound, and Vega warns about nothing', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    const error = vi.spyOn(console, 'error').mockImplementation(() => {});
    try {
      // Every committed machine gets a twin, so the most machine charts a claim has doubles.
      const most = (m: typeof two) => Math.max(...m.claims.map((c) => c.machineCharts.length));
      expect(most(two)).toBe(2 * most(buildSiteModel(d)));
      for (const chart of two.charts) {
        const svg = await renderSvg(chart.spec);
        const [, , w] = svg.match(/viewBox="([\d.-]+) ([\d.-]+) ([\d.]+) ([\d.]+)"/)!.slice(1).map(Number);
        expect(w, chart.id).toBeLessThanOrEqual(PHONE_CONTENT_PX);
        const rows = ((chart.spec as { data?: { values: Array<Record<string, unknown>> } }).data?.values ?? []).filter((v) => 'series' in v).map((v) => String(v.label));
        expect(new Set(rows).size, chart.id).toBe(rows.length);
      }
      expect([...warn.mock.calls, ...error.mock.calls].map((c) => c.join(' '))).toEqual([]);
    } finally {
      warn.mockRestore();
      error.mockRestore();
    }
  }, 60_000);
});
