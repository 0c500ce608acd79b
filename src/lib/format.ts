/** Number formatting shared by explanations, tables and charts. */
export function formatNumber(x: number): string {
  if (!Number.isFinite(x)) return String(x);
  const abs = Math.abs(x);
  // Below 1, keep three significant digits (0.0006 s, not 0 s).
  if (abs > 0 && abs < 1) return x.toLocaleString('en-US', { maximumSignificantDigits: 3 });
  const digits = abs >= 100 ? 0 : abs >= 10 ? 1 : 2;
  return x.toLocaleString('en-US', { maximumFractionDigits: digits });
}

/** A speed-up: 1,234x, 12.3x, 0.45x (three significant figures at most). */
export function formatRatio(x: number): string {
  return `${formatNumber(Number(x.toPrecision(3)))}x`;
}

/** A duration given in nanoseconds, in the largest unit that keeps it above 1. */
export function formatDuration(ns: number): string {
  const units: Array<[number, string]> = [[1e9, 's'], [1e6, 'ms'], [1e3, 'µs'], [1, 'ns']];
  for (const [scale, unit] of units) {
    if (Math.abs(ns) >= scale) return `${Number((ns / scale).toPrecision(3))} ${unit}`;
  }
  return `${ns} ns`;
}

export function formatKiB(kib: number): string {
  return kib >= 1024 ? `${Number((kib / 1024).toPrecision(3))} MiB` : `${Math.round(kib)} KiB`;
}

/**
 * A figure as the article (or a source) wrote it: every digit it gave, grouped by thousands,
 * never rounded (0.0006 stays 0.0006, 43.95 stays 43.95, 35000 becomes 35,000).
 */
export function formatWritten(x: number): string {
  if (!Number.isFinite(x)) return String(x);
  const s = String(x);
  if (/e/i.test(s)) return s;
  const [int, frac] = s.split('.');
  const neg = int!.startsWith('-');
  const digits = neg ? int!.slice(1) : int!;
  const grouped = digits.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return `${neg ? '-' : ''}${grouped}${frac !== undefined ? `.${frac}` : ''}`;
}

/** A computed figure with four significant digits, grouped (68,000.5 -> "68,000", 0.000612 -> "0.000612"). */
export function formatPrecise(x: number): string {
  if (!Number.isFinite(x)) return String(x);
  return Number(x.toPrecision(4)).toLocaleString('en-US', { maximumSignificantDigits: 4 });
}
