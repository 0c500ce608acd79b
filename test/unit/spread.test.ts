import { describe, expect, it } from 'vitest';
import { assess } from '../../src/lib/verdict.ts';
import { placeRatio, spreadVerdict, countPositions } from '../../src/lib/spread.ts';
import { chartRows, claimChartSpec } from '../../src/lib/chart.ts';
import { MeasuredCheck } from '../../src/lib/schema/claim.ts';
import { SPREAD_MIN_PROBLEMS } from '../../src/lib/verdict-rules.ts';
import { around, impl, measuredClaim, run, testMachine } from '../fixtures/builders.ts';

const KERNELS = ['p1', 'p2', 'p3', 'p4', 'p5', 'p6'];
const spreadClaim = (kernels = KERNELS) => measuredClaim({
  claimed: { value: undefined, range: { min: 10, max: 80 } },
  check: { kernel: kernels[0]!, baseline: 'py', subject: 'rs', spread: { pairs: kernels.map((kernel) => ({ kernel, subject: 'rs', baseline: 'py' })) } },
});
/** One run of kernel `kernel` where rs is `r` times as fast as py (±1% noise), on machine `machine`. */
const pairRun = (kernel: string, r: number, machine = 'm1', over = {}) =>
  run([impl('py', around(1e9)), impl('rs', around(1e9 / r))], { kernel, machine: { ...testMachine, id: machine }, ...over });
const runsAt = (ratios: number[], machine = 'm1', over = {}) => ratios.map((r, i) => pairRun(KERNELS[i]!, r, machine, over));

describe('placing one ratio against the claimed range', () => {
  const range = { min: 10, max: 80 };
  it('is inside only when the interval widened by the noise floor fits the range', () => {
    expect(placeRatio({ lo: 20, hi: 30 }, range, 0.05)).toBe('inside');
    expect(placeRatio({ lo: 10.2, hi: 30 }, range, 0.05)).toBe('edge');
    expect(placeRatio({ lo: 60, hi: 78 }, range, 0.05)).toBe('edge');
  });
  it('is below or above only when the whole widened interval is beyond one end', () => {
    expect(placeRatio({ lo: 5, hi: 9 }, range, 0.05)).toBe('below');
    expect(placeRatio({ lo: 5, hi: 9.8 }, range, 0.05)).toBe('edge');
    expect(placeRatio({ lo: 90, hi: 120 }, range, 0.05)).toBe('above');
  });
});

describe('the spread rule on one machine', () => {
  const c = (inside: number, below: number, above: number, edge = 0) => ({ inside, below, above, edge });
  it(`is pending with fewer than ${SPREAD_MIN_PROBLEMS} problems`, () => {
    expect(spreadVerdict(c(3, 0, 0))).toBe('pending');
  });
  it('confirms when at least two thirds are inside', () => {
    expect(spreadVerdict(c(4, 1, 1))).toBe('confirmed');
    expect(spreadVerdict(c(4, 2, 0))).toBe('confirmed');
    expect(spreadVerdict(c(3, 2, 1))).toBe('inconclusive');
  });
  it('calls it overstated or understated when more than half fall on one side', () => {
    expect(spreadVerdict(c(2, 4, 0))).toBe('overstated');
    expect(spreadVerdict(c(1, 0, 4, 1))).toBe('understated');
    expect(spreadVerdict(c(2, 3, 0, 1))).toBe('inconclusive');
  });
  it('counts each position', () => {
    expect(countPositions([{ position: 'inside' }, { position: 'edge' }, { position: 'inside' }])).toEqual(c(2, 0, 0, 1));
  });
});

describe('spread claims in the verdict engine', () => {
  it('confirms a spread whose ratios mostly lie in the range, and names each problem', () => {
    const a = assess(spreadClaim(), runsAt([15, 30, 45, 60, 5, 120]));
    expect(a.verdict).toBe('confirmed');
    expect(a.explanation).toContain('4 of 6 inside, 1 below, 1 above, 0 on the edge');
    expect(a.explanation).toContain('p5 5x');
    expect(a.spreadPoints).toHaveLength(6);
    expect(a.basis).toHaveLength(6);
  });
  it('calls a spread overstated when most programs are less than 10x faster', () => {
    expect(assess(spreadClaim(), runsAt([3, 4, 6, 7, 20, 30])).verdict).toBe('overstated');
  });
  it('calls a spread understated when most programs are more than 80x faster', () => {
    expect(assess(spreadClaim(), runsAt([200, 300, 150, 100, 20, 30])).verdict).toBe('understated');
  });
  it('is inconclusive when the ratios spread across and beyond the range', () => {
    expect(assess(spreadClaim(), runsAt([3, 4, 20, 30, 200, 300])).verdict).toBe('inconclusive');
  });
  it('is pending on a machine with too few problems, naming the missing ones', () => {
    const a = assess(spreadClaim(), runsAt([20, 30]));
    expect(a.verdict).toBe('pending');
    expect(a.explanation).toContain(`2 of the 6 problems have been measured`);
    expect(a.explanation).toContain('p3 (not run)');
  });
  it('leaves out a problem whose subject failed, saying why', () => {
    const runs = runsAt([20, 30, 40, 50, 60, 70]);
    runs[5] = run([impl('py', around(1e9)), impl('rs', [], { status: 'failed', reason: 'exit 1' })], { kernel: 'p6' });
    const a = assess(spreadClaim(), runs);
    expect(a.verdict).toBe('confirmed');
    expect(a.explanation).toContain('p6 ("rs" failed)');
  });
  it('does not decide alone on runs with load warnings', () => {
    const a = assess(spreadClaim(), runsAt([20, 30, 40, 50, 60, 70], 'm1', { warnings: [{ code: 'machine-load', message: 'busy' }] }));
    expect(a.verdict).toBe('inconclusive');
    expect(a.runs[0]!.wouldBe).toBe('confirmed');
  });
  it('judges machines separately and combines them', () => {
    const a = assess(spreadClaim(), [...runsAt([20, 30, 40, 50, 60, 70], 'm1'), ...runsAt([2, 3, 4, 5, 6, 70], 'm2')]);
    expect(a.runs.map((r) => r.verdict)).toEqual(['confirmed', 'overstated']);
    expect(a.verdict).toBe('inconclusive');
    expect(a.agreement?.measured).toBe(2);
  });
  it('charts the claimed range and one dot per problem, largest ratio first', () => {
    const a = assess(spreadClaim(), runsAt([15, 30, 45, 60, 5, 120]));
    const rows = chartRows(spreadClaim(), a);
    expect(rows[0]).toMatchObject({ series: 'claimed', lo: 10, hi: 80 });
    expect(rows.slice(1).map((r) => r.label)).toEqual(['p6', 'p4', 'p3', 'p2', 'p1', 'p5']);
    expect(rows.slice(1).every((r) => r.series === 'measured' && r.lo <= r.value && r.value <= r.hi)).toBe(true);
  });
  it('prints a claimed range as the range, not the middle its mark sits at', () => {
    const texts = (claim: ReturnType<typeof measuredClaim>, a: ReturnType<typeof assess>) =>
      (claimChartSpec(claim, chartRows(claim, a))!.data as { values: Array<{ text: string[] }> }).values.map((v) => v.text.join(' ').trim());
    expect(texts(spreadClaim(), assess(spreadClaim(), runsAt([15, 30, 45, 60, 5, 120])))[0]).toBe('Claimed range: 10–80x');
    const ranged = measuredClaim({ claimed: { value: undefined, range: { min: 10, max: 20 } }, check: { kernel: 'p1', baseline: 'py', subject: 'rs' } });
    const [claimed] = texts(ranged, assess(ranged, [pairRun('p1', 15)]));
    expect(claimed).toBe('Claimed: 10–20x');
  });
});

describe('the spread check format', () => {
  const base = { kernel: 'p1', comparison: 'ratio', baseline: 'py', subject: 'rs', rationale: 'r' };
  it('needs the check\'s own pair among the pairs', () => {
    const r = MeasuredCheck.safeParse({ ...base, spread: { pairs: [{ kernel: 'p2', subject: 'rs', baseline: 'py' }, { kernel: 'p3', subject: 'rs', baseline: 'py' }] } });
    expect(r.success).toBe(false);
    expect(JSON.stringify(r.error?.issues)).toContain("expected the check's own pair");
  });
  it('refuses a spread of times and a kernel listed twice', () => {
    const pairs = [{ kernel: 'p1', subject: 'rs', baseline: 'py' }, { kernel: 'p1', subject: 'rs', baseline: 'py' }];
    const r = MeasuredCheck.safeParse({ ...base, comparison: 'time', spread: { pairs } });
    const text = JSON.stringify(r.error?.issues);
    expect(text).toContain('expected comparison \\"ratio\\"');
    expect(text).toContain('\\"p1\\" is listed twice');
  });
});

describe('the reader sentence of a spread claim', async () => {
  const { readerSentence } = await import('../../src/lib/reader-sentence.ts');
  it('says how many programs fall in the range and how far ours spread', () => {
    const a = assess(spreadClaim(), runsAt([15, 30, 45, 60, 5, 120]));
    expect(readerSentence(spreadClaim(), a)).toBe('Of the 6 programs we measured in both languages on one thread, 4 run within the article\'s 10–80x; ours range from 5x to 120x (median 38x).');
  });
  it('says when too few have been measured', () => {
    const a = assess(spreadClaim(), runsAt([20, 30]));
    expect(readerSentence(spreadClaim(), a)).toContain('Too few programs have been measured yet');
  });
});
