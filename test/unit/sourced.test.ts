import { describe, expect, it } from 'vitest';
import { assess } from '../../src/lib/verdict.ts';
import { Claim } from '../../src/lib/schema/claim.ts';
import { migrateClaimRecord, UNRECORDED_WHERE } from '../../src/lib/claim-migration.ts';

const primary = { title: 'Primary', url: 'https://example.org/p', says: 'It says 35,000x.', primary: true };
const secondary = { title: 'A blog', url: 'https://example.org/b', primary: false };
const number = (over: object = {}) => ({ kind: 'number', value: 35000, unit: 'x', metric: 'speedup', workload: 'mandelbrot', ...over });

/** Parses through the schema, so defaults apply as they do for a record file. */
function sourced(findings: object[], claimed: object = {}, sources: object[] = [primary, secondary]): Claim {
  return Claim.parse({
    id: 'c2', article: 'a1', section: 's', order: 1, topic: 'mojo-speedups', statement: 's', kind: 'sourced', sources,
    claimed: { metric: 'speedup', value: 35000, unit: 'x', workload: 'mandelbrot', ...claimed },
    check: { findings, rationale: 'Looked in the Modular blog and docs.' },
  });
}
const at = (fact: object, over: object = {}) => ({ source: 0, where: 'FAQ, second answer', fact, ...over });

describe('sourced figures as data', () => {
  it('confirms equal figures and says where the source states it', () => {
    const a = assess(sourced([at(number())]), []);
    expect(a.verdict).toBe('confirmed');
    expect(a.explanation).toContain('“Primary” (primary; FAQ, second answer) gives 35,000x');
  });
  it('calls another figure overstated or understated by the metric direction', () => {
    expect(assess(sourced([at(number({ value: 20000 }))]), []).verdict).toBe('overstated');
    expect(assess(sourced([at(number({ value: 90000 }))]), []).verdict).toBe('understated');
    // A time is better lower: claiming 1 s where the source says 2 s makes the subject look better.
    const time = (v: number) => sourced([at(number({ value: v, unit: 's', metric: 'time' }))], { metric: 'time', value: 1, unit: 's' });
    expect(assess(time(2), []).verdict).toBe('overstated');
    expect(assess(time(0.5), []).verdict).toBe('understated');
  });
  it('confirms a claimed range the source figure falls in', () => {
    expect(assess(sourced([at(number({ value: 12000 }))], { value: undefined, range: { min: 10000, max: 100000 } }), []).verdict).toBe('confirmed');
    expect(assess(sourced([at(number({ value: 9000 }))], { value: undefined, range: { min: 10000, max: 100000 } }), []).verdict).toBe('overstated');
  });
  it('reads a time or memory figure in percent as a reduction, better higher', () => {
    const cut = (v: number) => sourced([at(number({ value: v, unit: 'percent', metric: 'time' }))], { metric: 'time', value: 40, unit: 'percent' });
    expect(assess(cut(10), []).verdict).toBe('overstated');
    const overhead = sourced([at(number({ value: 1, unit: 'percent', metric: 'overhead' }))], { metric: 'overhead', value: 6, unit: 'percent' });
    expect(assess(overhead, []).verdict).toBe('understated');
  });
  it('calls another metric, or figures combined, misquoted', () => {
    expect(assess(sourced([at(number({ metric: 'throughput', unit: 'tokens/s' }))]), []).verdict).toBe('misquoted');
    const a = assess(sourced([at(number({ combines: '250x from the port times 140x from SIMD' }))]), []);
    expect(a.verdict).toBe('misquoted');
    expect(a.explanation).toContain('250x from the port');
  });
  it('calls a figure tied to another workload misattributed', () => {
    const a = assess(sourced([at(number({ value: 68000 }))], { value: 68000, workload: 'matmul-1024' }), []);
    expect(a.verdict).toBe('misattributed');
    expect(a.explanation).toContain('"matmul-1024"');
  });
  it('calls a figure true for a narrower scope partly true', () => {
    expect(assess(sourced([at(number(), { scope: 'narrower', scopeNote: 'only on one benchmark' })]), []).verdict).toBe('partly-true');
  });
  it('keeps a lower bound that still holds true, and says when the count was read', () => {
    const stars = (v: number) => sourced([at({ kind: 'number', value: v, unit: 'stars', metric: 'count' }, { asOf: '2026-11' })], { metric: 'count', value: 25000, unit: 'stars', bound: 'at-least', workload: undefined });
    const a = assess(stars(31000), []);
    expect(a.verdict).toBe('confirmed');
    expect(a.explanation).toContain('as of 2026-11');
    expect(assess(stars(20000), []).verdict).toBe('overstated');
  });
  it('never confirms on a secondary source alone', () => {
    const a = assess(sourced([at(number(), { source: 1 })]), []);
    expect(a.verdict).toBe('unsupported');
    expect(a.explanation).toContain('a secondary summary never confirms alone');
  });
  it('lets a primary source decide over an agreeing secondary one', () => {
    expect(assess(sourced([at(number(), { source: 1 }), at(number({ value: 3500 }))]), []).verdict).toBe('overstated');
  });
  it('is unsupported with no findings, saying where we looked', () => {
    const a = assess(sourced([]), []);
    expect(a.verdict).toBe('unsupported');
    expect(a.explanation).toContain('Looked in the Modular blog');
  });
});

describe('sourced dates, versions and yes/no facts', () => {
  const date = (claimedDate: string, sourceDate: string) =>
    sourced([at({ kind: 'date', date: sourceDate })], { metric: 'date', value: undefined, workload: undefined, unit: 'date', fact: { kind: 'date', date: claimedDate, event: 'Python 3.13.0 final' } });
  it('compares dates at the article\'s precision', () => {
    expect(assess(date('2024-10', '2024-10-07'), []).verdict).toBe('confirmed');
    expect(assess(date('2024-10-07', '2024-10-07'), []).verdict).toBe('confirmed');
    expect(assess(date('2024-11', '2024-10-07'), []).verdict).toBe('refuted');
  });
  it('does not confirm a day from a source that gives only the month', () => {
    expect(assess(date('2024-10-07', '2024-10'), []).verdict).toBe('unsupported');
  });
  it('compares versions by their components', () => {
    const v = (cv: string, sv: string) => sourced([at({ kind: 'version', version: sv })], { metric: 'fact', value: undefined, workload: undefined, unit: 'none', fact: { kind: 'version', version: cv, of: 'CPython with free threading supported' } });
    expect(assess(v('3.14', '3.14.0'), []).verdict).toBe('confirmed');
    expect(assess(v('3.13', '3.14'), []).verdict).toBe('refuted');
  });
  it('judges a yes/no with its scope: the opposite refutes, a narrower scope is partly true', () => {
    const yn = (holds: boolean, over: object = {}) => sourced([at({ kind: 'yes-no', holds }, over)], { metric: 'fact', value: undefined, workload: undefined, unit: 'none', fact: { kind: 'yes-no', proposition: 'Safe Rust rules out data races', holds: true, scope: 'safe Rust' } });
    expect(assess(yn(true), []).verdict).toBe('confirmed');
    expect(assess(yn(false), []).verdict).toBe('refuted');
    expect(assess(yn(true, { scope: 'narrower' }), []).verdict).toBe('partly-true');
    expect(assess(yn(true, { scope: 'other' }), []).verdict).toBe('misattributed');
  });
  it('refuses a finding whose kind does not match the claim', () => {
    expect(() => assess(sourced([at({ kind: 'date', date: '2024' })]), [])).toThrow(/cannot check a claimed number/);
  });
});

describe('migration of records written before structured facts', () => {
  const old = {
    kind: 'sourced', claimed: { metric: 'fact', text: 'Mojo is a superset of Python', unit: 'none', subject: 'Mojo' },
    check: { source: 0, sourceText: 'Mojo is not yet a superset', rationale: 'r' }, sources: [{ title: 't', url: 'https://x.org' }],
  };
  it('turns text into a fact, a differing source text into a "no" finding, and marks the cited source primary', () => {
    const edits = migrateClaimRecord(old);
    const set = Object.fromEntries(edits.map((e) => [e.path.join('.'), e.value]));
    expect(set['claimed.fact']).toEqual({ kind: 'yes-no', proposition: 'Mojo is a superset of Python', holds: true, scope: 'Mojo' });
    expect(set['claimed.text']).toBeUndefined();
    expect(set['sources.0.primary']).toBe(true);
    expect(set['check.findings']).toEqual([{ source: 0, where: UNRECORDED_WHERE, fact: { kind: 'yes-no', holds: false }, says: 'Mojo is not yet a superset' }]);
    expect(edits.some((e) => e.path.join('.') === 'check.sourceText' && e.value === undefined)).toBe(true);
  });
  it('turns a source value into a number finding and is idempotent', () => {
    const rec = { kind: 'sourced', claimed: { metric: 'speedup', value: 35000, unit: 'x', workload: 'matmul' }, check: { source: 1, sourceValue: 68000, sourceWorkload: 'mandelbrot', rationale: 'r' } };
    const f = migrateClaimRecord(rec).find((e) => e.path.join('.') === 'check.findings')!.value as Array<Record<string, unknown>>;
    expect(f[0]!.fact).toEqual({ kind: 'number', value: 68000, unit: 'x', metric: 'speedup', workload: 'mandelbrot' });
    expect(migrateClaimRecord({ kind: 'sourced', claimed: { metric: 'speedup', value: 1, unit: 'x' }, check: { findings: [], rationale: 'r' } })).toEqual([]);
  });
});
