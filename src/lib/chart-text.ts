/**
 * Text width for charts rendered without a browser. Vega's own fallback guesses 0.8 em per
 * character, about half again the real width of a sans-serif text, so labels printed inside a chart
 * made its SVG wider than a phone. This estimate uses per-character widths of a typical sans-serif
 * face (in em), erring on the wide side so text never overflows what was laid out for it. Pure.
 */
const NARROW = new Set([...'iljI.,:;\'|!()[]{} ']);
const WIDE = new Set([...'mwMW@%']);
const UPPER_OR_DIGIT = /[A-Z0-9]/;

export function textWidthEm(text: string): number {
  let em = 0;
  for (const ch of text) em += NARROW.has(ch) ? 0.3 : WIDE.has(ch) ? 0.9 : UPPER_OR_DIGIT.test(ch) ? 0.66 : 0.56;
  return em;
}

/** Width in pixels of `text` at `fontSize` px; bold text is about 8% wider. */
export function textWidth(text: string, fontSize: number, bold = false): number {
  return Math.ceil(textWidthEm(text) * fontSize * (bold ? 1.08 : 1));
}

/** Splits `text` into lines no wider than `maxWidth` px at `fontSize`, at spaces (a long word stays whole). */
export function wrapText(text: string, maxWidth: number, fontSize: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/).filter(Boolean)) {
    const next = line ? `${line} ${word}` : word;
    if (line && textWidth(next, fontSize) > maxWidth) {
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
