import type { z } from 'zod';
import { excerpt } from './input-limits.ts';

/** One problem in one input file, with the path of the field inside it. */
export interface FileProblem {
  file: string;
  /** Dotted path of the field ("check.kernel", "implementations.2.id"); empty for the whole file. */
  field: string;
  message: string;
}

export function formatProblem(p: FileProblem): string {
  return p.field ? `${p.file}: ${p.field}: ${p.message}` : `${p.file}: ${p.message}`;
}

/** Thrown when input files do not match their schema; its message lists every problem, one a line. */
export class ValidationError extends Error {
  readonly problems: FileProblem[];
  constructor(problems: FileProblem[]) {
    super(problems.map(formatProblem).join('\n'));
    this.name = 'ValidationError';
    this.problems = problems;
  }
}

function describe(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (value === null) return 'null';
  // Never more than a short, escaped excerpt of a bad value (it may be huge, or a file's content).
  if (typeof value === 'string') return excerpt(value);
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (Array.isArray(value)) return 'a list';
  return 'an object';
}

function list(values: readonly unknown[]): string {
  return `[${values.map((v) => String(v)).join(', ')}]`;
}

/** Turns one zod issue into our message: what was expected, what was received. */
export function issueMessage(issue: z.core.$ZodIssue & { input?: unknown }): string {
  const got = describe(issue.input);
  switch (issue.code) {
    case 'invalid_value':
      return `expected one of ${list(issue.values)}, got ${got}`;
    case 'invalid_type':
      return issue.input === undefined ? `required field missing (expected ${issue.expected})` : `expected ${issue.expected}, got ${got}`;
    case 'unrecognized_keys':
      return `unknown field${issue.keys.length > 1 ? 's' : ''} ${issue.keys.map((k) => `"${k}"`).join(', ')}`;
    case 'invalid_union': {
      const opts = (issue as { options?: unknown[] }).options;
      if (opts) return `expected one of ${list(opts)}, got ${describe((issue.input as Record<string, unknown> | undefined)?.[String(issue.path.at(-1))] ?? issue.input)}`;
      return `${issue.message}: got ${got}`;
    }
    case 'too_small':
    case 'too_big':
    case 'invalid_format':
    case 'custom':
    default:
      return issue.input === undefined || issue.code === 'custom' ? issue.message : `${issue.message}, got ${got}`;
  }
}

/** Parses `data` read from `file` with `schema`; throws a ValidationError naming the file and field. */
export function parseWith<S extends z.ZodType>(schema: S, data: unknown, file: string): z.output<S> {
  const r = schema.safeParse(data, { reportInput: true });
  if (r.success) return r.data;
  const problems: FileProblem[] = r.error.issues.map((issue) => {
    const field = issue.path.map(String).join('.');
    // A discriminator error is reported at the object; name the discriminating field.
    const disc = (issue as { discriminator?: string }).discriminator;
    const fullField = disc && !field.endsWith(disc) ? (field ? `${field}.${disc}` : disc) : field;
    const input = disc ? (issue.input as Record<string, unknown> | undefined)?.[disc] : issue.input;
    return { file, field: fullField, message: issueMessage({ ...issue, input } as never) };
  });
  // One line per distinct problem (a value can fail two checks that say the same thing).
  throw new ValidationError(problems.filter((p, i) => problems.findIndex((q) => q.field === p.field && q.message === p.message) === i));
}

/** What `npm run check` and the build print for a ValidationError: one line per problem, then the count. */
export function validationReport(e: ValidationError): string {
  return `${e.message}\n\n${e.problems.length} problem${e.problems.length > 1 ? 's' : ''} found.`;
}
