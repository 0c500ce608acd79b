/** Renders a Vega-Lite spec to an SVG string at build time (no browser, no client JavaScript). */
import * as vega from 'vega';
import { compile, type TopLevelSpec } from 'vega-lite';

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
