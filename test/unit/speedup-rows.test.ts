/**
 * The claim page's speed-up chart draws every implementation on one machine (the deciding one, else
 * the first in table order) and only the claim's own implementations on the others, so it no longer
 * grows with machines x implementations.
 */
import { describe, expect, it } from 'vitest';
import { selectSpeedupRows, speedupTitle, type SpeedupTableInput } from '../../src/lib/site/speedup-rows.ts';

const ROLES = { base: 'baseline', subj: 'subject', one: 'per-core basis' } as const;
const IMPLS = ['base', 'one', 'subj', 'x1', 'x2', 'x3', 'x4', 'x5', 'x6'];
const table = (machine: string, missing: string[] = []): SpeedupTableInput => ({
  machine,
  rows: IMPLS.map((impl, i) => ({ impl, label: impl.toUpperCase(), role: ROLES[impl as keyof typeof ROLES] ?? null, speedup: missing.includes(impl) ? null : i + 1 })),
});
const per = (rows: { machine: string; impl: string }[]) => Object.fromEntries([...new Set(rows.map((r) => r.machine))].map((m) => [m, rows.filter((r) => r.machine === m).map((r) => r.impl)]));

describe('speed-up chart rows', () => {
  const tables = [table('m1'), table('m2'), table('m3')];
  it('keeps every implementation on the deciding machine, drawn first, and only the role rows elsewhere', () => {
    const s = selectSpeedupRows(tables, 'm2');
    expect(s.focus).toBe('m2');
    expect(s.trimmed).toBe(true);
    expect(s.machines).toEqual(['m2', 'm1', 'm3']);
    expect(per(s.rows)).toEqual({ m2: IMPLS, m1: ['base', 'one', 'subj'], m3: ['base', 'one', 'subj'] });
    expect(s.rows.filter((r) => r.machine === 'm2').map((r) => r.role)).toEqual(['baseline', 'per-core basis', 'subject', 'other', 'other', 'other', 'other', 'other', 'other']);
    expect(s.rows).toHaveLength(9 + 3 + 3);
  });
  it('takes the first machine in table order when none decides, or when the decider has no speed-up', () => {
    expect(selectSpeedupRows(tables, null).focus).toBe('m1');
    expect(selectSpeedupRows([table('m1', IMPLS), table('m2'), table('m3')], 'm1').focus).toBe('m2');
    expect(selectSpeedupRows([table('m1', IMPLS)], null)).toEqual({ focus: null, trimmed: false, machines: [], rows: [] });
  });
  it('drops implementations without a speed-up and says nothing was trimmed for one machine', () => {
    const s = selectSpeedupRows([table('m1', ['x3'])], 'm1');
    expect(s.trimmed).toBe(false);
    expect(s.rows.map((r) => r.impl)).toEqual(IMPLS.filter((i) => i !== 'x3'));
    expect(speedupTitle('base', s)).toBe('Speed-up of every implementation over "base"');
  });
  it('names the machine drawn in full in the title when others are trimmed', () => {
    expect(speedupTitle('base', selectSpeedupRows(tables, 'm3'))).toBe(
      'Speed-up over "base": every implementation on m3; the claim\'s implementations on the other machines; all results are in the tables below',
    );
  });
});
