import { describe, expect, it } from 'vitest';
import { memoMedian, memoRatio } from '../../src/lib/interval-memo.ts';
import { ratioOfMedians } from '../../src/lib/stats.ts';
import { assess } from '../../src/lib/verdict.ts';
import { around, impl, measuredClaim, run } from '../fixtures/builders.ts';

describe('memoised interval estimates', () => {
  it('computes a (run, baseline, subject) estimate once and returns the same value after', () => {
    const r = {};
    let calls = 0;
    const compute = () => {
      calls++;
      return ratioOfMedians([1, 2, 3], [1, 1, 1]);
    };
    const first = memoRatio(r, 'a', 'b', compute);
    expect(memoRatio(r, 'a', 'b', compute)).toBe(first);
    expect(calls).toBe(1);
    memoRatio(r, 'b', 'a', compute); // another pair is another estimate
    memoRatio({}, 'a', 'b', compute); // so is another run
    expect(calls).toBe(3);
    let m = 0;
    memoMedian(r, 'a', () => ({ point: ++m, lo: 0, hi: 2 }));
    expect(memoMedian(r, 'a', () => ({ point: ++m, lo: 0, hi: 2 })).point).toBe(1);
  });
  it('gives verdicts identical to fresh computation, for claims sharing a comparison', () => {
    const mk = () => run([impl('base', around(1_000_000, 15, 0.02)), impl('subj', around(10_000, 15, 0.02))]);
    const claim = measuredClaim();
    const shared = mk();
    const a = assess(claim, [shared]);
    const b = assess(measuredClaim({ id: 'c2' }), [shared]); // served from the memo
    const fresh = assess(claim, [mk()]); // a new run object: computed again
    expect(b.verdict).toBe(a.verdict);
    expect(fresh).toEqual(a);
  });
});
