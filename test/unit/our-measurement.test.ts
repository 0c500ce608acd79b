/**
 * A sourced or arithmetic claim naming the measured claim of the same figure (`measuredBy`): the
 * loader refuses an id that is not a measured claim; the engine says whether our measurement
 * corroborates or contradicts the sources, from the measured claim's own verdict; the measured
 * claim's page links back.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { rmSync } from 'node:fs';
import { loadDataset } from '../../src/io/load.ts';
import { ValidationError } from '../../src/lib/schema-errors.ts';
import { Claim } from '../../src/lib/schema/claim.ts';
import { ourMeasurement, twinRelation, claimsMeasuredBy, type TwinClaim } from '../../src/lib/our-measurement.ts';
import { assessAll } from '../../src/lib/verdict.ts';
import { buildSiteModel } from '../../src/lib/view.ts';
import { claimRecord } from '../../src/lib/site/export.ts';
import type { RunAssessment } from '../../src/lib/measured.ts';
import type { Verdict } from '../../src/lib/verdict-vocabulary.ts';
import { measuredClaim } from '../fixtures/builders.ts';
import { FILES, writeProject } from '../fixtures/project.ts';

const roots: string[] = [];
afterAll(() => roots.forEach((r) => rmSync(r, { recursive: true, force: true })));

/** The fixture project (c1 measured, c2 arithmetic, c3 sourced) with `measuredBy` added to c2 and/or c3. */
function project(twins: { c2?: string; c3?: string }) {
  const files = { ...FILES };
  for (const [id, to] of Object.entries(twins)) {
    const path = `claims/a1/${id}.yaml`;
    files[path] = files[path]!.replace(/^(kind: \w+)$/m, `$1\nmeasuredBy: ${to}`);
  }
  const root = writeProject(files);
  roots.push(root);
  return root;
}
function problems(twins: { c2?: string; c3?: string }): string[] {
  try {
    loadDataset(project(twins));
    return [];
  } catch (e) {
    if (!(e instanceof ValidationError)) throw e;
    return e.message.split('\n');
  }
}

describe('measuredBy in a claim record', () => {
  it('accepts the id of a measured claim on sourced and arithmetic claims', () => {
    expect(problems({ c2: 'c1', c3: 'c1' })).toEqual([]);
  });

  it('refuses an id no claim has, and the id of a claim that is not measured, naming file and field', () => {
    const unknown = problems({ c3: 'c9' });
    expect(unknown).toHaveLength(1);
    expect(unknown[0]).toMatch(/^claims\/a1\/c3\.yaml: measuredBy: expected the id of a measured claim .*\[c1\]; got "c9", which no claim has/);
    const notMeasured = problems({ c3: 'c2' });
    expect(notMeasured).toHaveLength(1);
    expect(notMeasured[0]).toMatch(/^claims\/a1\/c3\.yaml: measuredBy: expected the id of a measured claim .*; "c2" is a arithmetic claim/);
  });

  it('is not a field of measured claims', () => {
    const r = Claim.safeParse({ ...measuredClaim(), measuredBy: 'c2' });
    expect(r.success).toBe(false);
  });
});

describe('what our measurement says about the sources (twinRelation)', () => {
  it('corroborates a figure the sources (or the arithmetic) back when the measurement confirms it, and contradicts it otherwise', () => {
    expect(twinRelation('confirmed', 'confirmed')).toBe('corroborates');
    expect(twinRelation('consistent', 'confirmed')).toBe('corroborates');
    for (const m of ['overstated', 'understated', 'refuted'] as Verdict[]) {
      expect(twinRelation('confirmed', m)).toBe('contradicts');
      expect(twinRelation('consistent', m)).toBe('contradicts');
    }
  });

  it('decides nothing while the measurement is pending, inconclusive or plausible, or when no source gives the figure', () => {
    for (const m of ['pending', 'inconclusive', 'plausible'] as Verdict[]) {
      expect(twinRelation('confirmed', m)).toBe('undecided');
      expect(twinRelation('refuted', m)).toBe('undecided');
    }
    expect(twinRelation('unsupported', 'confirmed')).toBe('undecided');
    expect(twinRelation('unsupported', 'overstated')).toBe('undecided');
  });

  it('for a figure the sources do not back: a measurement that does not give it either corroborates, one that confirms it or errs the other way contradicts', () => {
    expect(twinRelation('misquoted', 'overstated')).toBe('corroborates');
    expect(twinRelation('inconsistent', 'refuted')).toBe('corroborates');
    expect(twinRelation('overstated', 'overstated')).toBe('corroborates');
    expect(twinRelation('misattributed', 'confirmed')).toBe('contradicts');
    expect(twinRelation('overstated', 'understated')).toBe('contradicts');
    expect(twinRelation('understated', 'overstated')).toBe('contradicts');
  });
});

describe('ourMeasurement: the sentence from the measured claim\'s own assessment', () => {
  const sourced = { id: 's1', kind: 'sourced' } as TwinClaim;
  const twin = measuredClaim({ id: 'm1', claimed: { metric: 'overhead', value: 1.4, unit: 'x' } });
  const runOn = (machine: string, point: number) => ({ machine, measured: { point, lo: point * 0.98, hi: point * 1.02 } }) as unknown as RunAssessment;

  it('carries the twin\'s verdict, the deciding machine\'s figure and the claimed one, and what it means for the sources', () => {
    const deciding = runOn('box', 1.52);
    const m = ourMeasurement(sourced, 'confirmed', twin, { verdict: 'understated', decidingRun: deciding, runs: [runOn('other', 1.2), deciding] });
    expect(m).toMatchObject({ claimId: 'm1', verdict: 'understated', relation: 'contradicts', measured: '1.52x', machine: 'box', claimed: '1.4x' });
    expect(m.sentence).toContain('Our measurement of the same figure (1.4x) is understated: we measured 1.52x on box.');
    expect(m.sentence).toContain('It contradicts the sources on our hardware and workload');
    const ok = ourMeasurement(sourced, 'confirmed', twin, { verdict: 'confirmed', decidingRun: deciding, runs: [deciding] });
    expect(ok.sentence).toContain('It corroborates the sources');
  });

  it('says what an undecided measurement waits for, and that nothing was measured when nothing was', () => {
    const m = ourMeasurement({ id: 'a1', kind: 'arithmetic' } as TwinClaim, 'consistent', twin, { verdict: 'pending', decidingRun: null, runs: [] });
    expect(m).toMatchObject({ relation: 'undecided', measured: null, machine: null });
    expect(m.sentence).toContain('(1.4x) is pending: nothing measured yet.');
    expect(m.sentence).toContain('neither corroborates nor contradicts the article\'s own figures yet: it waits for a run');
    const inconclusive = ourMeasurement(sourced, 'confirmed', twin, { verdict: 'inconclusive', decidingRun: null, runs: [runOn('box', 1.3)] });
    expect(inconclusive.measured).toBe('1.3x');
    expect(inconclusive.sentence).toContain('straddles the edge of the claimed band');
    const projected = { ...runOn('box', 0.37), projected: { factor: 26, cores: 32, lo: 9, point: 9.8, hi: 10.5, assumptions: '' } } as RunAssessment;
    const plausible = ourMeasurement(sourced, 'confirmed', twin, { verdict: 'plausible', decidingRun: projected, runs: [projected] });
    expect(plausible.sentence).toContain('we measured 0.37x on box (9.8x projected to 32 cores)');
    expect(plausible.sentence).toContain('only a projection of it to the claimed hardware reaches the figure');
  });
});

describe('links between the twins', () => {
  it('the engine attaches the measured claim\'s verdict to each claim naming it; the sourced verdict itself is unchanged', () => {
    const d = loadDataset(project({ c2: 'c1', c3: 'c1' }));
    const plain = loadDataset(project({}));
    const a = assessAll(d.claims, d.runs);
    const before = assessAll(plain.claims, plain.runs);
    expect(a.get('c3')!.verdict).toBe(before.get('c3')!.verdict);
    expect(a.get('c3')!.ourMeasurement?.verdict).toBe(a.get('c1')!.verdict);
    expect(a.get('c2')!.ourMeasurement?.claimId).toBe('c1');
    expect(before.get('c3')!.ourMeasurement).toBeUndefined();
    expect(a.get('c1')!.ourMeasurement).toBeUndefined();
  });

  it('reverse links: each measured claim lists the claims naming it, computed from the records', () => {
    const d = loadDataset(project({ c2: 'c1', c3: 'c1' }));
    expect([...claimsMeasuredBy(d.claims)].map(([k, v]) => [k, v.map((c) => c.id)])).toEqual([['c1', ['c2', 'c3']]]);
    const site = buildSiteModel(d);
    const view = (id: string) => site.claims.find((c) => c.claim.id === id)!;
    expect(view('c1').sourcedBy.map((t) => [t.id, t.href, t.verdict])).toEqual([['c2', '/claims/c2/', view('c2').verdict], ['c3', '/claims/c3/', view('c3').verdict]]);
    expect(view('c1').sourcedBy[1]!.relation).toMatch(/^our measurement .* its sources/);
    expect(view('c3').measuredBy).toMatchObject({ id: 'c1', href: '/claims/c1/', verdict: view('c1').verdict });
    expect(view('c2').sourcedBy).toEqual([]);
    const json = claimRecord(view('c3'), 'https://example.org/');
    expect(json.ourMeasurement).toMatchObject({ claimId: 'c1', verdict: view('c1').verdict, url: 'https://example.org/claims/c1/' });
    expect(claimRecord(view('c1'), 'https://example.org/').sourcedBy.map((t) => t.id)).toEqual(['c2', 'c3']);
    const none = buildSiteModel(loadDataset(project({})));
    expect(none.claims.find((c) => c.claim.id === 'c1')!.sourcedBy).toEqual([]);
    expect(none.claims.find((c) => c.claim.id === 'c3')!.measuredBy).toBeNull();
  });
});
