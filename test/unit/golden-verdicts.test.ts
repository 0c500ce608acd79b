import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { computeGolden, goldenDiff, GOLDEN_FILE } from '../../scripts/golden-verdicts.ts';

describe('golden verdicts', () => {
  it('every verdict computed from the committed records and runs is the pinned one', () => {
    const root = join(import.meta.dirname, '../..');
    const pinned = JSON.parse(readFileSync(join(root, GOLDEN_FILE), 'utf8'));
    const diff = goldenDiff(pinned, computeGolden(root));
    expect(diff, `verdicts changed; if intended, run "node scripts/golden-verdicts.ts" and review the diff of ${GOLDEN_FILE}`).toEqual([]);
  }, 120_000);
  it('reports a changed verdict', () => {
    expect(goldenDiff({ a: { verdict: 'confirmed' } }, { a: { verdict: 'overstated' } })).toEqual(['a: pinned {"verdict":"confirmed"}, now {"verdict":"overstated"}']);
  });
});
