/**
 * Whether a checksum is the reference's: a digest (a hex string) exactly, a number exactly or within
 * the kernel's relative tolerance. A digest never equals a number. Pure.
 */
export function checksumMatches(got: number | string, reference: number | string, tolerance: number): boolean {
  if (typeof got === 'string' || typeof reference === 'string' || tolerance === 0) return got === reference;
  return Math.abs(got - reference) <= tolerance * Math.max(Math.abs(reference), Number.MIN_VALUE);
}
