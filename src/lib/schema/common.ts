import { z } from 'zod';

/** Lowercase words joined by hyphens: the form of every id (claim, kernel, implementation, article slug). */
export const Slug = z
  .string()
  .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'expected lowercase letters, digits and hyphens (e.g. "mandelbrot-68000x")');

/**
 * A web address a reader may follow: `https:` or `http:` only (never `javascript:`, `data:`,
 * `vbscript:`, `file:`), with a host name, at most 2,000 characters.
 */
export const WebUrl = z
  .url({ protocol: /^https?$/, hostname: /^[A-Za-z0-9.-]+$/, error: 'expected a web address starting with https:// or http://' })
  .max(2000, 'expected a web address of at most 2,000 characters')
  // Also a pattern, so that editors validating against schemas/*.json flag other schemes.
  .regex(/^[Hh][Tt][Tt][Pp][Ss]?:\/\//, 'expected a web address starting with https:// or http://');

/** A reference to a public document: what the claim rests on or what a kernel's parameters come from. */
export const SourceRef = z.strictObject({
  /** Title of the document as it names itself. */
  title: z.string().min(1),
  /** Its address (https: or http:). */
  url: WebUrl,
  /** What it says that matters here, in our own words, with its figures. */
  says: z.string().min(1).optional(),
  /**
   * True for a primary source: the party that made, measured or decided the thing (the project's
   * own docs, release notes, the paper, the PEP). A secondary summary (news, blogs about others'
   * work) never confirms a figure or a date alone. Default false.
   */
  primary: z.boolean().default(false),
  /** Free-form note (what was taken from it, how it differs). */
  note: z.string().min(1).optional(),
});
export type SourceRef = z.infer<typeof SourceRef>;

/** The persisted-format version of every file this project writes or reads. */
export const SCHEMA_VERSION = 1 as const;
