/**
 * How each verdict looks: a symbol and a chart colour, distinct for every verdict so that no two
 * can be confused without colour (the symbol and the word) or with a colour-vision deficiency
 * (test/unit/verdict-style.test.ts simulates protanopia, deuteranopia and tritanopia).
 *
 * Generic over the vocabulary: a verdict missing from the tables below (a new outcome added to
 * verdict-vocabulary.ts) still gets a symbol and a colour nobody else uses, taken from the spare
 * pools in order; the test then says whether that colour is distinguishable enough.
 */
import { ALL_VERDICTS } from '../verdict-vocabulary.ts';

/** Symbols by meaning: ✓ holds, = adds up, ≈ within reach, ↑↓ off in a direction, ✗ contradicted. */
export const VERDICT_SYMBOLS: Readonly<Record<string, string>> = {
  confirmed: '✓',
  consistent: '=',
  plausible: '≈',
  understated: '↑',
  'partly-true': '◐',
  overstated: '↓',
  inconsistent: '≠',
  misquoted: '“',
  misattributed: '⇄',
  refuted: '✗',
  unsupported: '?',
  inconclusive: '±',
  pending: '…',
  unverifiable: '∅',
};

/**
 * Chart colours, chosen for colour-vision deficiencies: blues hold, yellows partly hold, oranges,
 * reds, pinks and purples fail, greys are open; within a group they differ in lightness.
 */
export const VERDICT_COLOURS: Readonly<Record<string, string>> = {
  confirmed: '#1d4ed8',
  consistent: '#7fb3ff',
  plausible: '#f0c419',
  understated: '#7a5c00',
  'partly-true': '#fff0b3',
  overstated: '#d55e00',
  inconsistent: '#6a3d9a',
  misquoted: '#cc79a7',
  misattributed: '#f4a582',
  refuted: '#3b0a0a',
  unsupported: '#ff2d55',
  inconclusive: '#e0e0e0',
  pending: '#a6a6a6',
  unverifiable: '#333333',
};

const SPARE_SYMBOLS = ['◆', '■', '▲', '●', '◇', '□', '△', '○', '★', '☆', '▼', '♦'];
const SPARE_COLOURS = ['#009e73', '#56b4e9', '#0072b2', '#999933', '#44aa99', '#117733', '#88ccee', '#ddcc77'];

function assign(table: Readonly<Record<string, string>>, spare: readonly string[], vocabulary: readonly string[]): Record<string, string> {
  const out: Record<string, string> = {};
  const used = new Set<string>();
  for (const v of vocabulary) if (table[v] !== undefined) { out[v] = table[v]; used.add(table[v]); }
  const free = spare.filter((s) => !used.has(s));
  for (const v of vocabulary) if (out[v] === undefined) out[v] = free.shift() ?? '•';
  return out;
}

/** The symbol of every verdict in the vocabulary. */
export function verdictSymbols(vocabulary: readonly string[] = ALL_VERDICTS): Record<string, string> {
  return assign(VERDICT_SYMBOLS, SPARE_SYMBOLS, vocabulary);
}

/** The chart colour of every verdict in the vocabulary. */
export function verdictColours(vocabulary: readonly string[] = ALL_VERDICTS): Record<string, string> {
  return assign(VERDICT_COLOURS, SPARE_COLOURS, vocabulary);
}

const SYMBOLS = verdictSymbols();
const COLOURS = verdictColours();
export const symbolOf = (verdict: string): string => SYMBOLS[verdict] ?? '•';
export const colourOf = (verdict: string): string => COLOURS[verdict] ?? '#888888';
/** "✓ confirmed": the label charts use, so the legend carries the symbol too. */
export const symbolLabel = (verdict: string): string => `${symbolOf(verdict)} ${verdict}`;
/** A URL-safe form of a verdict ("partly true" -> "partly-true"). */
export const verdictSlug = (verdict: string): string => verdict.replace(/\s+/g, '-');
