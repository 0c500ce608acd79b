/**
 * Typed kernel parameters: integer, number, string, enum, and size with a unit. A profile gives each
 * parameter a value; this module checks it against the parameter's type and turns it into what a
 * program receives as a positional argument and what a run records. Pure.
 */

export const PARAM_TYPES = ['integer', 'number', 'string', 'enum', 'size'] as const;
export type ParamType = (typeof PARAM_TYPES)[number];

/** Units a size may be written in; a size reaches programs and runs as a whole number of bytes. */
export const SIZE_UNITS: Readonly<Record<string, number>> = {
  B: 1,
  KiB: 1024,
  MiB: 1024 ** 2,
  GiB: 1024 ** 3,
  kB: 1000,
  MB: 1000 ** 2,
  GB: 1000 ** 3,
};

export interface ParamSpec {
  name: string;
  type: ParamType;
  /** integer, number, size (bytes): inclusive bounds. */
  min?: number | undefined;
  max?: number | undefined;
  /** enum: the allowed values. */
  values?: readonly string[] | undefined;
}

/** A resolved parameter value: numbers for integer, number and size (bytes), text otherwise. */
export type ParamValue = number | string;

const SIZE = /^\s*(\d+(?:\.\d+)?)\s*([A-Za-z]+)?\s*$/;

/**
 * Checks a value written in kernel.yaml (or a claim) against its parameter: the resolved value, or
 * what was expected.
 */
export function resolveParam(spec: ParamSpec, raw: unknown): { ok: true; value: ParamValue } | { ok: false; expected: string } {
  const got = (): string => JSON.stringify(raw) ?? String(raw);
  const bounded = (v: number, what: string): { ok: true; value: number } | { ok: false; expected: string } => {
    if (spec.min !== undefined && v < spec.min) return { ok: false, expected: `${what} >= ${spec.min}, got ${got()}` };
    if (spec.max !== undefined && v > spec.max) return { ok: false, expected: `${what} <= ${spec.max}, got ${got()}` };
    return { ok: true, value: v };
  };
  switch (spec.type) {
    case 'integer':
      if (typeof raw !== 'number' || !Number.isSafeInteger(raw)) return { ok: false, expected: `an integer, got ${got()}` };
      return bounded(raw, 'an integer');
    case 'number':
      if (typeof raw !== 'number' || !Number.isFinite(raw)) return { ok: false, expected: `a finite number, got ${got()}` };
      return bounded(raw, 'a number');
    case 'string':
      if (typeof raw !== 'string' || raw.length === 0) return { ok: false, expected: `a non-empty string, got ${got()}` };
      if (/[\0\n]/.test(raw)) return { ok: false, expected: `a string without NUL or newline, got ${got()}` };
      return { ok: true, value: raw };
    case 'enum': {
      const values = spec.values ?? [];
      if (typeof raw !== 'string' || !values.includes(raw)) return { ok: false, expected: `one of [${values.join(', ')}], got ${got()}` };
      return { ok: true, value: raw };
    }
    case 'size': {
      const units = Object.keys(SIZE_UNITS).join(', ');
      let bytes: number;
      if (typeof raw === 'number') bytes = raw;
      else if (typeof raw === 'string') {
        const m = SIZE.exec(raw);
        const unit = m?.[2] ?? 'B';
        if (!m || !Object.hasOwn(SIZE_UNITS, unit)) return { ok: false, expected: `a size such as "64 KiB" (units ${units}) or a number of bytes, got ${got()}` };
        bytes = Number(m[1]) * SIZE_UNITS[unit]!;
      } else return { ok: false, expected: `a size such as "64 KiB" (units ${units}) or a number of bytes, got ${got()}` };
      if (!Number.isSafeInteger(bytes) || bytes < 0) return { ok: false, expected: `a whole number of bytes, got ${got()}` };
      return bounded(bytes, 'a size in bytes');
    }
  }
}

/** The positional argument a program receives for a resolved value. */
export function paramArgument(value: ParamValue): string {
  return String(value);
}

/** "64 KiB" for 65536 and the like (exact binary units only), for display. */
export function formatSize(bytes: number): string {
  for (const unit of ['GiB', 'MiB', 'KiB'] as const) {
    const f = SIZE_UNITS[unit]!;
    if (bytes >= f && bytes % f === 0) return `${bytes / f} ${unit}`;
  }
  return `${bytes} B`;
}
