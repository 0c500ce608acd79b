import { existsSync, readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { FEATURED_QUESTIONS, answeredQuestions } from '../../src/lib/site/featured.ts';
import { figureGroups, figureKey, whatItChecks } from '../../src/lib/site/figures.ts';
import { measuredClaim } from '../fixtures/builders.ts';

const claimIds = new Set(readdirSync('claims', { recursive: true }).map(String).filter((f) => f.endsWith('.yaml')).map((f) => f.split('/').at(-1)!.replace(/\.yaml$/, '')));

describe('the home page questions', () => {
  it('name claim records that exist', () => {
    expect(existsSync('claims')).toBe(true);
    for (const q of FEATURED_QUESTIONS) for (const id of q.claims) expect(claimIds.has(id), `${q.id}: claims/*/${id}.yaml`).toBe(true);
  });
  it('answer with the first listed claim that exists, and drop questions with none', () => {
    const qs = [{ id: 'q', question: 'Q?', claims: ['missing', 'b', 'c'] }, { id: 'none', question: 'N?', claims: ['gone'] }];
    const out = answeredQuestions([{ id: 'c' }, { id: 'b' }], qs);
    expect(out.map((o) => [o.question.id, o.answer.id, o.related.map((r) => r.id)])).toEqual([['q', 'b', ['c']]]);
  });
});

describe('figures several records share', () => {
  const c = (id: string, value: number, verdict: string, unit = 'x') => ({ claim: measuredClaim({ id, claimed: { value, unit: unit as 'x' } }), verdict });
  it('keys a figure by number and unit, as a reader writes it', () => {
    expect(figureKey(measuredClaim({ claimed: { value: 68000 } }))).toMatchObject({ slug: '68000x', text: '68,000x' });
    expect(figureKey(measuredClaim({ claimed: { value: 40, unit: 'percent' } }))).toMatchObject({ slug: '40-percent', text: '40%' });
    expect(figureKey(measuredClaim({ claimed: { value: undefined, range: { min: 10, max: 80 } } }))).toMatchObject({ slug: '80x' });
  });
  it('groups three or more records of one figure, largest figure first, with their distinct verdicts', () => {
    const groups = figureGroups([c('a', 68000, 'plausible'), c('b', 43, 'pending'), c('d', 68000, 'overstated'), c('e', 68000, 'plausible'), c('f', 43, 'x')]);
    expect(groups.map((g) => [g.key.slug, g.claims.map((x) => x.claim.id), g.verdicts])).toEqual([['68000x', ['a', 'd', 'e'], ['plausible', 'overstated']]]);
  });
  it('says what a measured record checks', () => {
    expect(whatItChecks(measuredClaim({ claimed: { subject: 'Mojo', baseline: 'Python', workload: 'mandelbrot' } }))).toBe('We re-measure Mojo over Python on mandelbrot with our kernel "k".');
  });
});
