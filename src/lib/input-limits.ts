/**
 * Limits on contributor files, so that a careless or hostile file cannot bloat the site or the
 * error output: the largest size of each kind of file, the longest text field, and the excerpt
 * of a bad value an error message may quote. Pure.
 */

/** Largest accepted file, in bytes, per kind of input file. */
export const MAX_FILE_BYTES = {
  /** claims/<article>/<id>.yaml (the largest today is about 4 KB). */
  claim: 64 * 1024,
  /** content/articles/<slug>.mdx. */
  article: 256 * 1024,
  /** harness/kernels/<id>/kernel.yaml and harness/probes/<id>/probe.yaml (the largest today is about 10 KB). */
  definition: 64 * 1024,
  /** A program shown on the site (an implementation's or a probe's source, a helper). */
  program: 512 * 1024,
  /** content/runs/<machine>/*.json (every sample is kept; today about 40 KB). */
  run: 16 * 1024 * 1024,
} as const;
export type FileKind = keyof typeof MAX_FILE_BYTES;

/** Longest text in any field of a record (the longest today is about 1,300 characters). */
export const MAX_TEXT_CHARS = 4000;

/** Longest excerpt of a bad value an error message quotes. */
export const EXCERPT_CHARS = 60;

/** A bad value as an error may quote it: JSON-escaped (control characters visible), cut to a short excerpt. */
export function excerpt(value: string): string {
  if (value.length <= EXCERPT_CHARS) return JSON.stringify(value);
  return `${JSON.stringify(value.slice(0, EXCERPT_CHARS))}… (${value.length} characters)`;
}

const kib = (n: number) => (n >= 1024 * 1024 ? `${n / (1024 * 1024)} MiB` : `${n / 1024} KiB`);

/** The message for a file over its kind's limit. */
export function fileTooLarge(kind: FileKind, bytes: number): string {
  return `expected a file of at most ${kib(MAX_FILE_BYTES[kind])} (a ${kind} file), got ${bytes} bytes`;
}

/** Every string in `data` longer than `max` characters, as [dotted field path, length]. */
export function overlongStrings(data: unknown, max = MAX_TEXT_CHARS): Array<[string, number]> {
  const out: Array<[string, number]> = [];
  const walk = (v: unknown, path: string) => {
    if (typeof v === 'string') {
      if (v.length > max) out.push([path, v.length]);
    } else if (Array.isArray(v)) {
      v.forEach((x, i) => walk(x, path ? `${path}.${i}` : String(i)));
    } else if (v && typeof v === 'object') {
      for (const [k, x] of Object.entries(v)) {
        if (k.length > max) out.push([path, k.length]);
        walk(x, path ? `${path}.${k}` : k);
      }
    }
  };
  walk(data, '');
  return out;
}
