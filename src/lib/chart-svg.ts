/** Renders a Vega-Lite spec to an SVG string at build time (no browser, no client JavaScript). */
import * as vega from 'vega';
import { compile, type TopLevelSpec } from 'vega-lite';
import { textWidth } from './chart-text.ts';

// No canvas at build time: measure text with our estimate rather than Vega's 0.8 em per character
// (which laid labels out half again too wide). Vega documents this hook for renderers without canvas.
(vega as unknown as { textMetrics: { width: (item: never, text: unknown) => number } }).textMetrics.width = (item: { fontSize?: number; fontWeight?: string | number; limit?: number }, text: unknown) =>
  textWidth(String(text ?? '').trim(), item.fontSize ?? 11, item.fontWeight === 'bold' || Number(item.fontWeight) >= 600);

export async function renderSvg(spec: Record<string, unknown>): Promise<string> {
  const view = new vega.View(vega.parse(compile(spec as unknown as TopLevelSpec).spec), { renderer: 'none' });
  try {
    const svg = await view.toSVG();
    // Let the page's CSS size it; keep the aspect ratio from the viewBox.
    return svg.replace(/<svg([^>]*?) width="(\d+)" height="(\d+)"/, '<svg$1 width="100%" style="max-width:$2px;height:auto" role="img"');
  } finally {
    view.finalize();
  }
}
