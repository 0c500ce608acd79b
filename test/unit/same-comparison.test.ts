import { describe, expect, it } from 'vitest';
import { loadDataset } from '../../src/io/load.ts';
import { buildSiteModel } from '../../src/lib/view.ts';
import { sameComparisonGroups, sameComparisonSentence, type ComparedRecord } from '../../src/lib/site/same-comparison.ts';
import type { Claim } from '../../src/lib/schema/claim.ts';
import type { Assessment } from '../../src/lib/verdict.ts';

/** A measured ratio claim scaled per core, with the verdict and projection the engine would give. */
function record(id: string, value: number, cores: number, verdict: Assessment['verdict'], point?: number, subject = 'fast'): ComparedRecord {
  const claim = {
    id, kind: 'measured', claimed: { metric: 'speedup', value, unit: 'x' },
    check: { kernel: 'k', comparison: 'ratio', baseline: 'slow', subject, toleranceFactor: 2, scaling: { rule: 'per-core', claimedCores: cores }, rationale: 'r' },
  } as unknown as Claim;
  const assessment = { verdict, decidingRun: point === undefined ? null : { projected: { point, lo: point / 2, hi: point * 2 } } } as unknown as Assessment;
  return { claim, assessment, kernel: null };
}

describe('records that claim one comparison on machines of different sizes', () => {
  it('are grouped by kernel, pair and metric, ordered by figure; other pairs and single machines are not', () => {
    const groups = sameComparisonGroups([record('b', 68000, 88, 'plausible'), record('e', 26000, 88, 'plausible'), record('a', 35000, 32, 'plausible'), record('c', 10, 8, 'confirmed', 9, 'other'), record('d', 5, 8, 'confirmed', 9, 'other')]);
    expect(groups.map((g) => g.map((r) => r.claim.id))).toEqual([['a', 'e', 'b']]);
  });

  it('say per core what each figure means, what we project, and each verdict', () => {
    const s = sameComparisonSentence([record('a', 35000, 32, 'plausible', 30000), record('b', 68000, 88, 'overstated', 20000)]);
    expect(s).toContain('35,000x and 68,000x');
    expect(s).toContain('32 and 88 cores');
    // 35,000 / 32 = 1,093.75 and 68,000 / 88 = 772.7: the bigger figure is the bigger machine.
    expect(s).toContain('per core that is 1,100x and 770x, so the larger figure comes from the larger machine');
    expect(s).toContain('projects 30,000x and 20,000x');
    expect(s).toContain('the 35,000x is plausible and the 68,000x is overstated');
  });

  it('do not blame the machine when the figure per core grows faster than the cores', () => {
    const s = sameComparisonSentence([record('a', 1000, 10, 'plausible'), record('b', 10000, 20, 'plausible')]);
    expect(s).toContain('the machines alone do not explain the difference');
    expect(s).toContain('both are plausible');
    expect(s).not.toContain('projects');
  });

  it('on the committed records: the Mandelbrot 35,000x and 68,000x pages explain each other', () => {
    const site = buildSiteModel(loadDataset(process.cwd()));
    const a = site.claims.find((c) => c.claim.id === 'mandelbrot-35000x')!;
    const b = site.claims.find((c) => c.claim.id === 'mandelbrot-68000x-h3')!;
    expect(a.sameComparison?.others.map((o) => o.id)).toContain('mandelbrot-68000x-h3');
    expect(b.sameComparison?.others.map((o) => o.id)).toContain('mandelbrot-35000x');
    // Ordered by cores: 35,000x on 32 cores first; the 68,000x on 88 cores is among the others.
    expect(a.sameComparison?.sentence).toMatch(/^The 35,000x, .*68,000x figures claim the same comparison \(.+\) on machines of 32, .*88 cores: per core that is 1,100x, /);
    expect(a.sameComparison?.sentence).toBe(b.sameComparison?.sentence);
  }, 120_000);
});
