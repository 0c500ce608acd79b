/** Whether a checksum is the reference's: exact, or within the kernel's relative tolerance. Pure. */
export function checksumMatches(got: number, reference: number, tolerance: number): boolean {
  if (tolerance === 0) return got === reference;
  return Math.abs(got - reference) <= tolerance * Math.max(Math.abs(reference), Number.MIN_VALUE);
}
