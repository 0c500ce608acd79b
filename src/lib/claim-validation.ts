/**
 * What a claim record must satisfy beyond its schema: an arithmetic formula that parses and uses
 * only its inputs (so the build never crashes on it), and figures that can exist (no negative or
 * zero time, speed-up, size or price). Pure.
 */
import type { FileProblem } from './schema-errors.ts';
import type { Claim, UNITS } from './schema/claim.ts';
import { evaluate } from './arithmetic.ts';

type Unit = (typeof UNITS)[number];

/** Units of quantities that are always greater than zero. */
const POSITIVE: ReadonlySet<Unit> = new Set<Unit>(['x', 's', 'ms', 'us', 'ns', 'MB', 'GB', 'bytes', 'tokens/s', 'requests/s', 'usd/hour', 'usd/1M tokens', 'TFLOPS']);
/** Units of quantities that may be zero but never negative. */
const NON_NEGATIVE: ReadonlySet<Unit> = new Set<Unit>(['usd', 'stars', 'stars/day', 'count', 'years']);

function figureProblem(value: number, unit: Unit, metric: string): string | null {
  if (POSITIVE.has(unit) && !(value > 0)) return `expected a number greater than 0 (a ${metric} in ${unit} cannot be zero or negative), got ${value}`;
  if ((NON_NEGATIVE.has(unit) || metric === 'share') && !(value >= 0)) return `expected a number of at least 0 (a ${metric} in ${unit} cannot be negative), got ${value}`;
  return null;
}

export function claimProblems(claim: Claim, file: string): FileProblem[] {
  const out: FileProblem[] = [];
  const add = (field: string, message: string | null) => {
    if (message) out.push({ file, field, message });
  };
  const { claimed } = claim;
  if (claimed.value !== undefined) add('claimed.value', figureProblem(claimed.value, claimed.unit, claimed.metric));
  if (claimed.range !== undefined) add('claimed.range.min', figureProblem(claimed.range.min, claimed.unit, claimed.metric));
  if (claim.kind === 'sourced') {
    claim.check.findings.forEach((f, i) => {
      if (f.fact.kind !== 'number') return;
      if (f.fact.value !== undefined) add(`check.findings.${i}.fact.value`, figureProblem(f.fact.value, f.fact.unit, f.fact.metric));
      if (f.fact.range !== undefined) add(`check.findings.${i}.fact.range.min`, figureProblem(f.fact.range.min, f.fact.unit, f.fact.metric));
    });
  }
  if (claim.kind === 'arithmetic') {
    try {
      const v = evaluate(claim.check.formula, claim.check.inputs);
      if (!Number.isFinite(v)) add('check.formula', `expected a formula giving a finite number with these inputs, got ${v} (a division by zero?)`);
    } catch (e) {
      add('check.formula', `expected a formula over the inputs with + - * / and parentheses: ${(e as Error).message}`);
    }
  }
  return out;
}
