/** Small post-processing of the SVG that Vega renders, for accessibility. */

const escapeAttr = (s: string) => s.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/**
 * Gives the root <svg> an accessible name (it has role="img") and hides Vega's per-mark ARIA
 * from assistive technology: the figure's caption and the page's tables carry the numbers.
 */
export function labelSvg(svg: string, label: string): string {
  return svg.replace(/<svg\b([^>]*)>/, (_m, attrs: string) => `<svg${attrs.replace(/\saria-label="[^"]*"/, '')} aria-label="${escapeAttr(label)}">`);
}
