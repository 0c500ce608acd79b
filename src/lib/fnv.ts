/**
 * FNV-1a, 64 bits, as 16 lowercase hex digits: the digest the Benchmarks Game kernels (nbody,
 * spectral-norm, fannkuch-redux, binary-trees) report for the text they write. Used by the tests
 * that compare a program's digest with the Benchmarks Game's published output.
 */
const OFFSET = 0xcbf29ce484222325n;
const PRIME = 0x100000001b3n;
const MASK = (1n << 64n) - 1n;

export function fnv1a64Hex(text: string): string {
  let h = OFFSET;
  for (const byte of new TextEncoder().encode(text)) h = ((h ^ BigInt(byte)) * PRIME) & MASK;
  return h.toString(16).padStart(16, '0');
}
