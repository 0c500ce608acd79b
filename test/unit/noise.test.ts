/**
 * The paired A/A noise test, with a fake process runner whose timings carry deterministic noise
 * (seeded): a slow drift of the machine's speed, a per-process offset, per-sample jitter and rare
 * spikes. Identical programs must be found different in about 5% of trials (the interval's
 * promise), and a real 10% difference must be found nearly always.
 */
import { describe, expect, it } from 'vitest';
import { Kernel } from '../../src/lib/schema/kernel.ts';
import { NoiseResult } from '../../src/lib/schema/noise.ts';
import type { Machine } from '../../src/lib/schema/run.ts';
import { pairedTrial, summarizeNoise, noiseSamplesPerProcess, type NoisePair } from '../../src/lib/noise.ts';
import { seededRandom } from '../../src/lib/stats.ts';
import { wilsonInterval, studentTQuantile } from '../../src/lib/student-t.ts';
import { NOISE_DESIGN, type NoiseDesign } from '../../src/lib/protocol.ts';
import { runNoiseTest } from '../../harness/runner/noise.ts';
import type { HarnessDeps } from '../../harness/runner/harness.ts';
import { fakeRunner, fixedClock, memoryFs, quietLogger, type FakeProgram } from '../fixtures/fakes.ts';

const ROOT = '/repo';
const kernel = Kernel.parse({
  schemaVersion: 2, id: 'k', title: 'K', summary: 'S', origin: { title: 'O', url: 'https://example.org' },
  params: [{ name: 'n' }], workload: { n: 100 },
  checksum: { description: 'sum' }, reference: 'c',
  implementations: [{ id: 'c', label: 'c', runtime: 'python', tier: 'naive', source: 'c.py' }],
});
const machine: Machine = { id: 'test-2c', cpuModel: 'Test', cpu: null, arch: 'x64', cores: 2, simd: [], memoryBytes: 1, os: 'T', kernelRelease: '1', gpu: null };

/** Standard normal draws from a seeded uniform source (Box-Muller). */
function gauss(rand: () => number): () => number {
  return () => Math.sqrt(-2 * Math.log(1 - rand())) * Math.cos(2 * Math.PI * rand());
}

/**
 * A noisy machine: its speed drifts (a random walk, 1.5% per process), every process gets its own
 * offset (2%), every sample jitters (1%) and 2% of samples are 30% slower spikes.
 */
function noisyMachine(seed: number, baseNs = 1_000_000) {
  const rand = seededRandom(seed);
  const z = gauss(rand);
  let drift = 0;
  return (factor = 1) => (samples: number) => {
    drift += 0.015 * z();
    const proc = 0.02 * z();
    return Array.from({ length: samples }, () => Math.round(baseNs * factor * Math.exp(drift + proc + 0.01 * z()) * (rand() < 0.02 ? 1.3 : 1)));
  };
}

function program(timings: (samples: number) => number[]): FakeProgram {
  return (args) => {
    const [, samples, n] = args.slice(-3).map(Number);
    return { stdout: `${JSON.stringify({ impl: 'c', params: { n }, checksum: 42, samplesNs: timings(samples!), threads: 1, peakRssKiB: 2048 })}\n` };
  };
}

function deps(prog: FakeProgram, seed = 7): HarnessDeps & { fs: ReturnType<typeof memoryFs>; proc: ReturnType<typeof fakeRunner> } {
  return {
    proc: fakeRunner({ '.venv/bin/python': prog }), fs: memoryFs({ [`${ROOT}/harness/kernels/k/c.py`]: '#' }), clock: fixedClock(), log: quietLogger(), root: ROOT,
    tools: { python: '/repo/.venv/bin/python', mojo: 'mojo', cc: 'cc', cargo: 'cargo', rustc: 'rustc' }, seed, loadAverage: () => 0.1,
  };
}

describe('paired A/A noise test on a fake noisy machine', () => {
  it('finds identical programs different in about 5% of trials, and says how sure that rate is', async () => {
    const design: NoiseDesign = { ...NOISE_DESIGN.full, trials: 400 };
    const d = deps(program(noisyMachine(11)()));
    const r = await runNoiseTest({ kernel, implId: 'c', machine, profile: 'full', toolchains: {}, design }, d);
    expect(r.trials).toHaveLength(400);
    expect(r.trials.every((t) => t.pairs === design.pairs)).toBe(true);
    // 400 trials: a calibrated 95% interval gives 20 +- 9 false positives.
    expect(r.falsePositiveRate).toBeGreaterThan(0.02);
    expect(r.falsePositiveRate).toBeLessThan(0.09);
    expect(r.falsePositiveInterval!.lo).toBeLessThan(0.05);
    expect(r.falsePositiveInterval!.hi).toBeGreaterThan(0.05);
    // 1 probe + 400 trials x 12 rounds x 2 processes, each with the sized sample count.
    expect(d.proc.calls.length).toBe(1 + 400 * design.pairs * 2);
    expect(r.design).toEqual({ pairs: design.pairs, warmupPerProcess: 1, samplesPerProcess: noiseSamplesPerProcess(1_000_000, design) });
    expect(r.floor).toBeGreaterThan(0);
    expect(r.floor).toBeLessThan(0.05);
    // The file the site and the verdict engine read, valid against its schema.
    expect(NoiseResult.parse(JSON.parse(d.fs.files.get(`${ROOT}/content/runs/test-2c/noise.json`)!)).floor).toBe(r.floor);
  });

  it('detects a real 10% difference in nearly every trial, at about its size', () => {
    const machineA = noisyMachine(23);
    const timeA = machineA(1);
    const timeB = machineA(1.1);
    const rand = seededRandom(5);
    const trials = Array.from({ length: 200 }, () => {
      const pairs: NoisePair[] = [];
      for (let r = 0; r < NOISE_DESIGN.full.pairs; r++) {
        // Order within the round is random, as in the harness; both run on the same drifting machine.
        if (rand() < 0.5) {
          const a = timeA(6);
          pairs.push({ a, b: timeB(6) });
        } else {
          const b = timeB(6);
          pairs.push({ a: timeA(6), b });
        }
      }
      return pairedTrial(pairs);
    });
    const found = trials.filter((t) => t.hi < 1).length / trials.length;
    expect(found).toBeGreaterThan(0.95);
    const points = trials.map((t) => t.point).sort((x, y) => x - y);
    expect(points[100]!).toBeGreaterThan(1 / 1.12);
    expect(points[100]!).toBeLessThan(1 / 1.08);
  });

  it('stops with the reason when a process fails, and writes nothing', async () => {
    const d = deps(() => ({ exitCode: 139, signal: null, stderr: 'Segmentation fault' }));
    await expect(runNoiseTest({ kernel, implId: 'c', machine, profile: 'quick', toolchains: {} }, d)).rejects.toThrow('noise test: c did not run cleanly (probe: failed: exited with code 139)');
    expect(d.fs.files.has(`${ROOT}/content/runs/test-2c/noise.json`)).toBe(false);
    await expect(runNoiseTest({ kernel, implId: 'nope', machine, profile: 'quick', toolchains: {} }, d)).rejects.toThrow('noise test: k has no implementation "nope" (has: c)');
  });
});

describe('paired trial statistics', () => {
  it('is exp(mean log-ratio) with a Student-t interval over the rounds', () => {
    const pairs: NoisePair[] = [[110, 100], [105, 100], [100, 100], [95, 100]].map(([a, b]) => ({ a: [a!], b: [b!] }));
    const d = pairs.map((p) => Math.log(p.a[0]! / p.b[0]!));
    const mean = d.reduce((s, x) => s + x, 0) / 4;
    const sd = Math.sqrt(d.reduce((s, x) => s + (x - mean) ** 2, 0) / 3);
    const t = pairedTrial(pairs);
    expect(t.point).toBeCloseTo(Math.exp(mean), 12);
    expect(t.hi).toBeCloseTo(Math.exp(mean + studentTQuantile(0.975, 3) * sd / 2), 12);
    expect(t.falsePositive).toBe(false);
    expect(() => pairedTrial(pairs.slice(0, 1))).toThrow('a paired trial needs at least 2 rounds, got 1');
  });
  it('summarizes trials: false-positive rate with its Wilson interval, floor and resolution', () => {
    const trials = [0.99, 1.01, 1.02, 0.97].map((p, i) => ({ point: p, lo: p / 1.02, hi: p * 1.02, falsePositive: i === 3, pairs: 12 }));
    const s = summarizeNoise(trials);
    expect(s.falsePositiveRate).toBe(0.25);
    expect(s.falsePositiveInterval).toEqual(wilsonInterval(1, 4));
    expect(s.resolution).toBeCloseTo(Math.sqrt(1.02 * 1.02) - 1, 12);
    expect(s.floor).toBeGreaterThan(0.02);
    expect(s.floor).toBeLessThanOrEqual(0.03);
  });
  it('Student t and Wilson intervals match tables', () => {
    expect(studentTQuantile(0.975, 11)).toBeCloseTo(2.200985, 5);
    expect(studentTQuantile(0.975, 1)).toBeCloseTo(12.7062, 3);
    const w = wilsonInterval(1, 30);
    expect(w.lo).toBeCloseTo(0.0059, 3);
    expect(w.hi).toBeCloseTo(0.1667, 3);
    expect(wilsonInterval(0, 30).lo).toBe(0);
  });
  it('sizes the samples of a process to its time budget, within bounds', () => {
    const design = NOISE_DESIGN.full;
    expect(noiseSamplesPerProcess(1e9, design)).toBe(design.minSamplesPerProcess);
    expect(noiseSamplesPerProcess(1, design)).toBe(design.maxSamplesPerProcess);
    expect(noiseSamplesPerProcess(50e6, design)).toBe(Math.ceil(design.processSeconds / 0.05));
  });
});
