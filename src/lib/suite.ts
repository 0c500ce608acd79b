/**
 * Suite kernels (kernel.yaml `suite`): one sample is a pass over several benchmarks (the parts),
 * and every program reports each part's time per sample. What a program must report, and the
 * suite's summary of two implementations: the geometric mean over the parts of the ratios of their
 * median times, as pyperformance summarises a suite, with a hierarchical bootstrap interval. Pure.
 */
import { BOOTSTRAP_RESAMPLES, BOOTSTRAP_SEED, CONFIDENCE, median, quantileSorted, seededRandom, type RatioEstimate } from './stats.ts';

/**
 * A suite kernel's program must report exactly the suite's parts, one time per sample each, that
 * add up to the sample (to within a nanosecond per part, for rounding); any other program none.
 * Returns what is wrong ("it reports ..."), or null.
 */
export function checkParts(out: { samplesNs: readonly number[]; parts?: Readonly<Record<string, readonly number[]>> | undefined }, suiteParts: readonly string[] | null): string | null {
  if (suiteParts === null) return out.parts ? 'it reports "parts", but its kernel is not a suite' : null;
  if (!out.parts) return `it reports no "parts": a suite kernel's program reports the times of [${suiteParts.join(', ')}]`;
  const parts = out.parts;
  const got = Object.keys(parts);
  if (got.length !== suiteParts.length || suiteParts.some((p) => !Object.hasOwn(parts, p))) {
    return `it reports the parts [${got.join(', ')}], expected [${suiteParts.join(', ')}]`;
  }
  for (const p of suiteParts) {
    if (parts[p]!.length !== out.samplesNs.length) return `it reports ${parts[p]!.length} times of part "${p}" for ${out.samplesNs.length} samples`;
  }
  for (let i = 0; i < out.samplesNs.length; i++) {
    const sum = suiteParts.reduce((acc, p) => acc + parts[p]![i]!, 0);
    if (Math.abs(sum - out.samplesNs[i]!) > suiteParts.length) return `it reports sample ${i + 1} as ${out.samplesNs[i]} ns, which is not the sum of its parts (${sum} ns)`;
  }
  return null;
}

/**
 * The parts a run's results are held to: the suite's own, or, for a run of an earlier version of
 * the kernel made before the suite grew, the leading parts it reports. A suite only ever grows at
 * the end of its list (CONTRIBUTING), so such a run keeps its per-part times and its verdicts;
 * `reported` is the part list of one of the run's results.
 */
export function partsOfRun(suiteParts: readonly string[], reported: readonly string[]): readonly string[] {
  const earlier = reported.length > 0 && reported.length < suiteParts.length && reported.every((p, i) => suiteParts[i] === p);
  return earlier ? suiteParts.slice(0, reported.length) : suiteParts;
}

/** One side of a comparison: per-part times aligned with the samples, and the samples per process. */
export interface SuiteSide {
  parts: Readonly<Record<string, readonly number[]>>;
  samplesPerProcess: readonly number[];
}

export interface PartRatio {
  part: string;
  /** median(baseline) / median(subject) for this part: above 1 when the subject is faster. */
  ratio: number;
  baselineMedianNs: number;
  subjectMedianNs: number;
}

export interface SuiteRatio extends RatioEstimate {
  /** Per-part ratios (point values), in the order of `parts`. */
  parts: PartRatio[];
}

/** Sample indices grouped by the process that took them (one group when the counts are missing). */
function indexGroups(side: SuiteSide, n: number): number[][] {
  const counts = side.samplesPerProcess.reduce((a, b) => a + b, 0) === n && side.samplesPerProcess.length > 0 ? side.samplesPerProcess : [n];
  const out: number[][] = [];
  let at = 0;
  for (const c of counts) {
    out.push(Array.from({ length: c }, (_, i) => at + i));
    at += c;
  }
  return out.filter((g) => g.length > 0);
}

/** One hierarchical resample of sample indices: processes with replacement, then passes within each. */
function resampleIndices(groups: readonly number[][], rand: () => number): number[] {
  const r: number[] = [];
  for (let i = 0; i < groups.length; i++) {
    const g = groups[Math.floor(rand() * groups.length)]!;
    for (let j = 0; j < g.length; j++) r.push(g[Math.floor(rand() * g.length)]!);
  }
  return r;
}

function geomean(xs: readonly number[]): number {
  return Math.exp(xs.reduce((a, x) => a + Math.log(x), 0) / xs.length);
}

/**
 * The geometric mean over `parts` of median(baseline part) / median(subject part), with a
 * percentile bootstrap interval at CONFIDENCE: each side is resampled as whole passes (the same
 * indices for every part, since the parts of one pass share its conditions), processes first.
 */
export function geometricMeanRatio(parts: readonly string[], baseline: SuiteSide, subject: SuiteSide, opts: { resamples?: number; seed?: number; confidence?: number } = {}): SuiteRatio {
  if (parts.length === 0) throw new Error('a suite ratio needs at least one part');
  const nB = baseline.parts[parts[0]!]?.length ?? 0;
  const nS = subject.parts[parts[0]!]?.length ?? 0;
  for (const p of parts) {
    if ((baseline.parts[p]?.length ?? 0) !== nB || nB === 0) throw new Error(`baseline: part "${p}" has no times or not one per sample`);
    if ((subject.parts[p]?.length ?? 0) !== nS || nS === 0) throw new Error(`subject: part "${p}" has no times or not one per sample`);
  }
  const perPart: PartRatio[] = parts.map((p) => {
    const b = median(baseline.parts[p]!);
    const s = median(subject.parts[p]!);
    return { part: p, ratio: b / s, baselineMedianNs: b, subjectMedianNs: s };
  });
  const point = geomean(perPart.map((x) => x.ratio));
  const resamples = opts.resamples ?? BOOTSTRAP_RESAMPLES;
  const rand = seededRandom(opts.seed ?? BOOTSTRAP_SEED);
  const gB = indexGroups(baseline, nB);
  const gS = indexGroups(subject, nS);
  const est = new Float64Array(resamples);
  for (let k = 0; k < resamples; k++) {
    const iB = resampleIndices(gB, rand);
    const iS = resampleIndices(gS, rand);
    let logSum = 0;
    for (const p of parts) {
      const b = baseline.parts[p]!;
      const s = subject.parts[p]!;
      logSum += Math.log(median(iB.map((i) => b[i]!)) / median(iS.map((i) => s[i]!)));
    }
    est[k] = Math.exp(logSum / parts.length);
  }
  est.sort();
  const alpha = (1 - (opts.confidence ?? CONFIDENCE)) / 2;
  return { point, lo: quantileSorted(est, alpha), hi: quantileSorted(est, 1 - alpha), nBaseline: nB, nSubject: nS, parts: perPart };
}
