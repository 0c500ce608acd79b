/**
 * Converts a claim record written before structured facts (claimed.text; check.source,
 * sourceValue, sourceText, sourceWorkload) into the current format (claimed.fact; check.findings;
 * sources[].primary). Pure: takes the parsed YAML, returns the edits to apply, so the script can
 * keep the file's comments and layout. The converted findings say where in the source the fact
 * was read as "not recorded": the records are then re-checked against their sources by hand.
 */

export const UNRECORDED_WHERE = 'location not recorded when the record was converted to findings; see the source summary';

export type Path = Array<string | number>;
export interface Edit {
  path: Path;
  /** undefined deletes the field. */
  value: unknown;
}

const DATE = /^\d{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?)?$/;

type Rec = Record<string, unknown>;

function claimedFact(claimed: Rec): Rec {
  const text = String(claimed.text).trim();
  const about = typeof claimed.subject === 'string' ? claimed.subject : text;
  if (claimed.metric === 'date' && DATE.test(text)) return { kind: 'date', date: text, event: about };
  return { kind: 'yes-no', proposition: text, holds: true, scope: about };
}

/** The edits that bring one claim record to the structured-facts format; empty when it is already there. */
export function migrateClaimRecord(rec: Rec): Edit[] {
  const edits: Edit[] = [];
  const claimed = (rec.claimed ?? {}) as Rec;
  const check = (rec.check ?? {}) as Rec;
  let fact: Rec | null = null;
  if (claimed.text !== undefined) {
    fact = claimedFact(claimed);
    edits.push({ path: ['claimed', 'text'], value: undefined }, { path: ['claimed', 'fact'], value: fact });
  } else if (claimed.fact && typeof claimed.fact === 'object') {
    fact = claimed.fact as Rec;
  }
  if (rec.kind !== 'sourced') return edits;
  const old = ['source', 'sourceValue', 'sourceText', 'sourceWorkload'].filter((k) => check[k] !== undefined);
  if (old.length === 0) return edits;
  for (const k of old) edits.push({ path: ['check', k], value: undefined });
  const index = check.source;
  if (typeof index !== 'number') {
    edits.push({ path: ['check', 'findings'], value: [] });
    return edits;
  }
  edits.push({ path: ['sources', index, 'primary'], value: true });
  const finding: Rec = { source: index, where: UNRECORDED_WHERE };
  const sourceText = typeof check.sourceText === 'string' ? check.sourceText.trim() : undefined;
  if (fact === null) {
    const number: Rec = { kind: 'number' };
    if (typeof check.sourceValue === 'number') number.value = check.sourceValue;
    else if (claimed.range !== undefined) number.range = claimed.range;
    else number.value = claimed.value;
    number.unit = claimed.unit;
    number.metric = claimed.metric;
    const workload = check.sourceWorkload ?? claimed.workload;
    if (workload !== undefined) number.workload = workload;
    finding.fact = number;
  } else if (fact.kind === 'date') {
    finding.fact = { kind: 'date', date: sourceText !== undefined && DATE.test(sourceText) ? sourceText : fact.date };
    if (sourceText !== undefined && !DATE.test(sourceText)) finding.says = sourceText;
  } else {
    const same = sourceText === undefined || sourceText.toLowerCase() === String(fact.proposition).trim().toLowerCase();
    finding.fact = { kind: 'yes-no', holds: same ? fact.holds : !fact.holds };
    if (sourceText !== undefined && !same) finding.says = sourceText;
  }
  edits.push({ path: ['check', 'findings'], value: [finding] });
  return edits;
}
