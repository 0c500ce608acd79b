import { describe, expect, it } from 'vitest';
import { checkParts, geometricMeanRatio, partsOfRun } from '../../src/lib/suite.ts';
import { machineOs, platformMismatch } from '../../src/lib/platform.ts';
import { interpretOutput } from '../../harness/runner/measure.ts';
import { validateRun } from '../../src/lib/run-validation.ts';
import { assess } from '../../src/lib/verdict.ts';
import { Kernel } from '../../src/lib/schema/kernel.ts';
import { around, impl, measuredClaim, run, testMachine } from '../fixtures/builders.ts';
import { parseWith, type ValidationError } from '../../src/lib/schema-errors.ts';

const messages = (data: unknown) => {
  try {
    parseWith(Kernel, data, 'f.yaml');
    return [];
  } catch (e) {
    return (e as ValidationError).message.split('\n');
  }
};

const PARTS = ['a', 'b', 'c'];

/** Per-part times for n passes around the given medians; samples are their sums. */
function suiteImpl(id: string, medians: number[], n = 9, over: Parameters<typeof impl>[2] = {}) {
  const parts = Object.fromEntries(PARTS.map((p, i) => [p, around(medians[i]!, n, 0.01)]));
  const samples = Array.from({ length: n }, (_, k) => PARTS.reduce((s, p) => s + parts[p]![k]!, 0));
  return impl(id, samples, { parts, checksum: 'abc', samplesPerProcess: [3, 3, 3].slice(0, Math.ceil(n / 3)), ...over });
}

describe('suite kernels: what a program must report', () => {
  it('accepts exactly the parts, one time per sample, that add up to the sample', () => {
    expect(checkParts({ samplesNs: [6, 9], parts: { a: [1, 2], b: [2, 3], c: [3, 4] } }, PARTS)).toBeNull();
    expect(checkParts({ samplesNs: [6] }, null)).toBeNull();
  });
  it('refuses missing, extra, short and inconsistent parts, and parts from a kernel that is not a suite', () => {
    expect(checkParts({ samplesNs: [6] }, PARTS)).toBe('it reports no "parts": a suite kernel\'s program reports the times of [a, b, c]');
    expect(checkParts({ samplesNs: [6], parts: { a: [1], b: [2], d: [3] } }, PARTS)).toBe('it reports the parts [a, b, d], expected [a, b, c]');
    expect(checkParts({ samplesNs: [6, 6], parts: { a: [1], b: [2, 2], c: [3, 3] } }, PARTS)).toBe('it reports 1 times of part "a" for 2 samples');
    expect(checkParts({ samplesNs: [60], parts: { a: [1], b: [2], c: [3] } }, PARTS)).toBe('it reports sample 1 as 60 ns, which is not the sum of its parts (6 ns)');
    expect(checkParts({ samplesNs: [6], parts: { a: [6] } }, null)).toBe('it reports "parts", but its kernel is not a suite');
  });
  it('holds a run of an earlier version to the leading parts it reports when the suite has since grown at its end, and to the whole suite otherwise', () => {
    expect(partsOfRun(PARTS, ['a', 'b', 'c'])).toEqual(PARTS);
    expect(partsOfRun(PARTS, ['a', 'b'])).toEqual(['a', 'b']);
    expect(partsOfRun(PARTS, ['a'])).toEqual(['a']);
    // Not a leading run of the suite (a part left out, reordered or unknown), or none: the whole suite.
    expect(partsOfRun(PARTS, ['a', 'c'])).toEqual(PARTS);
    expect(partsOfRun(PARTS, ['b', 'a'])).toEqual(PARTS);
    expect(partsOfRun(PARTS, ['a', 'b', 'c', 'd'])).toEqual(PARTS);
    expect(partsOfRun(PARTS, [])).toEqual(PARTS);
  });
  it('fails a process whose output breaks the suite rules', () => {
    const line = JSON.stringify({ impl: 'x', params: { scale: 1 }, checksum: 'ab', samplesNs: [60], threads: 1, peakRssKiB: 1, parts: { a: [1], b: [2], c: [3] } });
    const res = { exitCode: 0, signal: null, stdout: `${line}\n`, stderr: '', timedOut: false };
    expect(interpretOutput(res, 'x', { scale: 1 }, 1, PARTS)).toEqual({ ok: false, status: 'failed', reason: 'it reports sample 1 as 60 ns, which is not the sum of its parts (6 ns)' });
    const good = { ...res, stdout: res.stdout.replace('[60]', '[6]') };
    expect(interpretOutput(good, 'x', { scale: 1 }, 1, PARTS).ok).toBe(true);
  });
});

describe('suite kernels: the geometric mean of per-part ratios', () => {
  it('is the geometric mean of the median ratios, not the ratio of the totals', () => {
    // Part a is 4x slower in the subject, part b 4x faster, part c the same: geometric mean 1,
    // while the totals (1+100+10 vs 4+25+10) would say 2.8x.
    const r = geometricMeanRatio(PARTS, { parts: { a: [1], b: [100], c: [10] }, samplesPerProcess: [1] }, { parts: { a: [4], b: [25], c: [10] }, samplesPerProcess: [1] }, { resamples: 50 });
    expect(r.point).toBeCloseTo(1, 12);
    expect(r.parts.map((p) => p.ratio)).toEqual([0.25, 4, 1]);
  });
  it('gives an interval around the point that narrows with less spread, the same every time', () => {
    const b = suiteImpl('b', [100, 200, 300], 30);
    const s = suiteImpl('s', [80, 160, 240], 30);
    const side = (x: typeof b) => ({ parts: x.parts!, samplesPerProcess: x.samplesPerProcess });
    const r = geometricMeanRatio(PARTS, side(b), side(s));
    expect(r.point).toBeCloseTo(1.25, 10);
    expect(r.lo).toBeLessThanOrEqual(r.point);
    expect(r.hi).toBeGreaterThanOrEqual(r.point);
    expect(r.hi / r.lo).toBeLessThan(1.03);
    expect(geometricMeanRatio(PARTS, side(b), side(s))).toEqual(r);
  });
  it('refuses parts without one time per sample', () => {
    expect(() => geometricMeanRatio(PARTS, { parts: { a: [1], b: [1] }, samplesPerProcess: [] }, { parts: { a: [1], b: [1], c: [1] }, samplesPerProcess: [] })).toThrow('baseline: part "c"');
  });
});

const suiteKernel = Kernel.parse({
  schemaVersion: 2, id: 'k', title: 't', summary: 's', origin: { title: 'o', url: 'https://example.org/' },
  params: [{ name: 'scale' }], workload: { scale: 1 }, checksum: { kind: 'digest', description: 'd' }, reference: 'b',
  suite: { summary: 'geometric-mean', description: 'd', parts: PARTS.map((id) => ({ id, description: id })) },
  implementations: [{ id: 'b', label: 'B', runtime: 'python3.14t', tier: 'idiomatic', source: 'x.py' }, { id: 's', label: 'S', runtime: 'python3.14', tier: 'idiomatic', source: 'x.py' }],
});

describe('suite kernels: kernel.yaml and run files', () => {
  it('refuses duplicate parts', () => {
    const raw = { ...suiteKernel, suite: { summary: 'geometric-mean', description: 'd', parts: [{ id: 'a', description: 'x' }, { id: 'a', description: 'y' }] } };
    expect(messages(raw)).toEqual(['f.yaml: suite.parts: duplicate part id "a"']);
  });
  it('refuses a result of a suite kernel whose parts do not add up, and parts in a kernel that is not a suite', () => {
    const kernels = new Map([['k', suiteKernel]]);
    const bad = suiteImpl('s', [80, 160, 240]);
    bad.samplesNs = bad.samplesNs.map((x) => x * 2);
    bad.summary = impl('s', bad.samplesNs).summary;
    const problems = validateRun(run([suiteImpl('b', [100, 200, 300]), bad]), kernels, 'r.json');
    expect(problems.map((p) => `${p.field}: ${p.message}`)).toEqual([expect.stringMatching(/^implementations\.1\.parts: expected a suite's per-part times: reports sample 1 as \d+(\.\d+)? ns, which is not the sum of its parts/)]);
    const plain = new Map([['k', { ...suiteKernel, suite: undefined }]]);
    expect(validateRun(run([suiteImpl('b', [100, 200, 300])]), plain, 'r.json').map((p) => p.field)).toEqual(['implementations.0.parts']);
  });
  it('accepts a run of an earlier version with the suite\'s first parts, as long as all its results report the same ones', () => {
    const kernels = new Map([['k', suiteKernel]]);
    /** A result that reports only `ids` (each part 10 ns per pass). */
    const only = (id: string, ids: string[]) => {
      const r = suiteImpl(id, [10, 10, 10]);
      const parts = Object.fromEntries(ids.map((p) => [p, r.parts![p]!]));
      const samplesNs = r.samplesNs.map((_, k) => ids.reduce((acc, p) => acc + parts[p]![k]!, 0));
      return { ...r, parts, samplesNs, summary: impl(id, samplesNs).summary };
    };
    const problems = (...results: Array<ReturnType<typeof only>>) => validateRun(run(results), kernels, 'r.json').map((p) => `${p.field}: ${p.message}`);
    expect(problems(only('b', ['a', 'b']), only('s', ['a', 'b']))).toEqual([]);
    expect(problems(only('b', ['a', 'b']), only('s', ['a', 'b', 'c']))).toEqual(['implementations.1.parts: expected a suite\'s per-part times: reports the parts [a, b, c], expected [a, b]']);
    expect(problems(only('b', ['a', 'c']), only('s', ['a', 'c']))).toEqual([
      'implementations.0.parts: expected a suite\'s per-part times: reports the parts [a, c], expected [a, b, c]',
      'implementations.1.parts: expected a suite\'s per-part times: reports the parts [a, c], expected [a, b, c]',
    ]);
  });
});

describe('suite kernels and platforms in verdicts', () => {
  const overhead = (value: number, check: object = {}) => measuredClaim({ claimed: { metric: 'overhead', value, approximate: true, bound: 'exact', unit: 'x' } as never, check: { baseline: 'b', subject: 's', toleranceFactor: 1.2, ...check } as never });
  const linux = { ...testMachine, os: 'Debian GNU/Linux 12 (bookworm)' };
  const r = run([suiteImpl('b', [125, 250, 375], 30), suiteImpl('s', [100, 200, 300], 30)], { machine: linux });

  it('judges a ratio claim on a suite kernel by the geometric mean of its benchmarks', () => {
    const a = assess(overhead(1.25), [r], []);
    expect(a.verdict).toBe('confirmed');
    expect(a.explanation).toContain('geometric mean over 3 benchmarks of the ratios of their median times');
  });
  it('leaves a claim about another platform pending and names the runner that would decide it', () => {
    const mac = overhead(1.25, { platform: { os: 'macos', arch: 'arm64', runnerLabel: 'claimbench-macos-arm64' } });
    const a = assess(mac, [r], []);
    expect(a.verdict).toBe('pending');
    expect(a.explanation).toContain('The claim is about macOS ARM64; m1 runs Debian GNU/Linux 12 (bookworm) on x64, so it cannot decide it.');
    expect(a.explanation).toContain('claimbench-macos-arm64');
    expect(assess(mac, [], []).explanation).toContain('Only a macOS ARM64 machine decides this claim: a fleet runner labelled claimbench-macos-arm64');
    expect(assess(overhead(1.25, { platform: { os: 'linux', arch: 'x64', runnerLabel: 'ubuntu-24.04' } }), [r], []).verdict).toBe('confirmed');
  });
  it('reads the OS family from the OS string', () => {
    expect(machineOs('Debian GNU/Linux 12 (bookworm)')).toBe('linux');
    expect(machineOs('macOS 15.2')).toBe('macos');
    expect(machineOs('Darwin 24.1.0')).toBe('macos');
    expect(machineOs('Windows 11')).toBeNull();
    expect(platformMismatch({ os: 'linux', arch: 'x64', runnerLabel: 'l' }, { id: 'm', os: 'Ubuntu 24.04', arch: 'x64' })).toBeNull();
  });
});
