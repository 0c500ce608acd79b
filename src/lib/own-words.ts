/**
 * Own words: find where a text repeats a run of consecutive words from the source articles.
 *
 * The articles themselves never enter the repository; what is committed is a fingerprint, the
 * hashes of their n-word runs (shingles) after normalisation, so a test can tell whether a record
 * shares a run with them without anyone being able to read the articles back from it.
 */
import { createHash } from 'node:crypto';

/** Runs of this many consecutive words shared with an article count as copying. */
export const SHINGLE_WORDS = 8;
/** Hex digits kept of each shingle's SHA-256 (48 bits: a chance collision is about 1 in 10^10 per pair). */
export const SHINGLE_HASH_HEX = 12;

/**
 * Lower-case words with punctuation removed: letters and digits, accents folded, typographic and
 * straight apostrophes dropped inside words ("Python’s" and "Python's" both give "pythons").
 */
export function normaliseWords(text: string): string[] {
  const folded = text
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/(\p{L})['’‘](\p{L})/gu, '$1$2');
  return folded.match(/[\p{L}\p{N}]+/gu) ?? [];
}

export function shingleHash(words: readonly string[]): string {
  return createHash('sha256').update(words.join(' ')).digest('hex').slice(0, SHINGLE_HASH_HEX);
}

/** Hashes of every run of `n` consecutive words of `text`. */
export function shingleHashes(text: string, n = SHINGLE_WORDS): Set<string> {
  const words = normaliseWords(text);
  const out = new Set<string>();
  for (let i = 0; i + n <= words.length; i++) out.add(shingleHash(words.slice(i, i + n)));
  return out;
}

/** A run of a text's words that also occurs in the fingerprinted articles, merged when runs overlap. */
export interface SharedRun {
  /** The shared words, normalised, from the checked text. */
  words: string;
  /** Number of shared consecutive words (at least SHINGLE_WORDS). */
  length: number;
}

/** The runs of `text` of at least `n` words whose shingles are all in `fingerprint`. */
export function sharedRuns(text: string, fingerprint: ReadonlySet<string>, n = SHINGLE_WORDS): SharedRun[] {
  const words = normaliseWords(text);
  const runs: SharedRun[] = [];
  let start = -1;
  let end = -1;
  for (let i = 0; i + n <= words.length; i++) {
    if (!fingerprint.has(shingleHash(words.slice(i, i + n)))) continue;
    if (start >= 0 && i <= end) {
      end = i + n;
    } else {
      if (start >= 0) runs.push({ words: words.slice(start, end).join(' '), length: end - start });
      start = i;
      end = i + n;
    }
  }
  if (start >= 0) runs.push({ words: words.slice(start, end).join(' '), length: end - start });
  return runs;
}

/** The committed fingerprint of the source articles: per seed file, the sorted hashes of its shingles. */
export interface SeedFingerprint {
  about: string;
  shingleWords: number;
  hashHexDigits: number;
  seeds: { seed: string; shingles: string[] }[];
}

/** Builds the fingerprint from the articles' texts (file name → text). */
export function buildFingerprint(texts: ReadonlyMap<string, string>): SeedFingerprint {
  const seeds = [...texts.keys()].sort().map((seed) => ({ seed, shingles: [...shingleHashes(texts.get(seed)!)].sort() }));
  return {
    about:
      `Hashes (SHA-256, first ${SHINGLE_HASH_HEX} hex digits) of every run of ${SHINGLE_WORDS} consecutive words of each ` +
      'source article, after normalisation (src/lib/own-words.ts). Written by scripts/seed-fingerprint.ts; ' +
      'test/unit/own-words.test.ts checks the records against it. The articles cannot be read back from it.',
    shingleWords: SHINGLE_WORDS,
    hashHexDigits: SHINGLE_HASH_HEX,
    seeds,
  };
}

/** JSON with one line per seed, so that the file stays small and its diff readable. */
export function serialiseFingerprint(fp: SeedFingerprint): string {
  const seeds = fp.seeds.map((s) => `    ${JSON.stringify(s)}`).join(',\n');
  return `{\n  "about": ${JSON.stringify(fp.about)},\n  "shingleWords": ${fp.shingleWords},\n  "hashHexDigits": ${fp.hashHexDigits},\n  "seeds": [\n${seeds}\n  ]\n}\n`;
}
