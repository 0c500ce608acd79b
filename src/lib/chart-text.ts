/**
 * Text width for charts rendered without a browser. Vega's own fallback guesses 0.8 em per
 * character, about half again the real width of a sans-serif text, so labels printed inside a chart
 * made its SVG wider than a phone. This estimate gives every character at least its advance in
 * DejaVu Sans, the widest common sans-serif face (Chromium on Linux draws `system-ui` with it), in
 * its regular and bold weights, so text laid out with it never overflows on a narrower face.
 * A character it does not list counts as 1 em (regular), 1.11 em (bold). Pure.
 */
const CLASSES: ReadonlyArray<readonly [chars: string, regular: number, bold: number]> = [
  ['iljIJ\'', 0.3, 0.38],
  ['.,:;|/· ', 0.34, 0.4],
  ['ftr!()[]-', 0.42, 0.5],
  ['"*_–', 0.52, 0.53],
  ['csz?k', 0.58, 0.67],
  ['abdeghnopquvxy0123456789{}$EFLPSTY', 0.64, 0.74],
  ['ABCKRVXZ', 0.7, 0.78],
  ['DGHNOQU&', 0.79, 0.88],
  ['wM+=×#<>~^', 0.87, 1.0],
];
const WIDTHS = new Map(CLASSES.flatMap(([chars, regular, bold]) => [...chars].map((ch) => [ch, { regular, bold }] as const)));
const UNLISTED = { regular: 1, bold: 1.11 };

/** Width of `text` in em: the sum of its characters' advances, regular or bold. */
export function textWidthEm(text: string, bold = false): number {
  let em = 0;
  for (const ch of text) {
    const w = WIDTHS.get(ch) ?? UNLISTED;
    em += bold ? w.bold : w.regular;
  }
  return em;
}

/** Width in pixels of `text` at `fontSize` px, regular or bold. */
export function textWidth(text: string, fontSize: number, bold = false): number {
  return Math.ceil(textWidthEm(text, bold) * fontSize);
}

/** Splits `text` into lines no wider than `maxWidth` px at `fontSize` (bold or not), at spaces (a long word stays whole). */
export function wrapText(text: string, maxWidth: number, fontSize: number, bold = false): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/).filter(Boolean)) {
    const next = line ? `${line} ${word}` : word;
    if (line && textWidth(next, fontSize, bold) > maxWidth) {
      lines.push(line);
      line = word;
    } else line = next;
  }
  if (line) lines.push(line);
  return lines.length ? lines : [''];
}

/** Lines padded at the top with blank ones to `n` lines, so that every label ends just above its bar. */
export function padLines(lines: readonly string[], n: number): string[] {
  return [...Array.from({ length: Math.max(0, n - lines.length) }, () => ''), ...lines];
}
