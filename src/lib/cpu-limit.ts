/**
 * This CPU's arithmetic limit for the Mandelbrot kernel, reasoned from the operations one
 * iteration needs and the floating-point pipes that can execute them (pure). The methodology page
 * states the reasoning from these constants and compares each implementation of a run with it.
 */
import type { Machine, Run } from './schema/run.ts';
import type { Kernel } from './schema/kernel.ts';

/** Operation classes that compete for floating-point pipes. */
export type OpClass = 'mul' | 'add' | 'cmp';

/**
 * Floating-point operations of one Mandelbrot iteration of one pixel, as every implementation
 * writes it (no fused multiply-add): xx = x*x, yy = y*y (2 mul); the escape test xx + yy <= 4
 * (1 add, 1 compare); x' = (xx - yy) + x0 (2 add); y' = (2*x)*y + y0 (2 mul, 1 add).
 */
export const MANDELBROT_OPS: Record<OpClass, number> = { mul: 4, add: 4, cmp: 1 };
export const MANDELBROT_OPS_TEXT = 'xx = x·x and yy = y·y (2 multiplies); the escape test xx + yy ≤ 4 (1 add, 1 compare); x′ = (xx − yy) + x0 (2 adds); y′ = (2·x)·y + y0 (2 multiplies, 1 add)';

/** The longest dependency chain of one iteration: x*x, then xx - yy, then + x0 (multiply, add, add). */
export const MANDELBROT_CHAIN: OpClass[] = ['mul', 'add', 'add'];

/** A core's floating-point execution resources, for one vector width. */
export interface PortModel {
  name: string;
  /** Vector width in bits and whether an instruction of that width runs in one pass (native) or two (double-pumped). */
  vectorBits: number;
  native: boolean;
  /** Pipes each operation class may issue to (one vector instruction per pipe per cycle, when native). */
  pipes: Record<OpClass, readonly string[]>;
  /** Latency in cycles per class (for how many independent vectors are needed to keep the pipes busy). */
  latency: Record<OpClass, number>;
  /** When a machine fingerprint has this core, and why we think so. */
  matches: (m: Pick<Machine, 'cpuModel' | 'simd'>) => boolean;
  rule: string;
  sources: Array<{ title: string; url: string; says: string }>;
}

export const ZEN5: PortModel = {
  name: 'AMD Zen 5',
  vectorBits: 512,
  native: true,
  pipes: { mul: ['FP0', 'FP1'], add: ['FP2', 'FP3'], cmp: ['FP1', 'FP2'] },
  latency: { mul: 3, add: 2, cmp: 5 },
  matches: (m) => /\bAMD\b/i.test(m.cpuModel) && m.simd.includes('avx512f') && m.simd.includes('avx512_vp2intersect'),
  rule: 'an AMD CPU with AVX-512F and AVX512_VP2INTERSECT (Zen 4 has AVX-512 without VP2INTERSECT; Zen 5 added it)',
  sources: [
    {
      title: "GCC's Zen 4 / Zen 5 scheduling model (gcc/config/i386/zn4zn5.md)",
      url: 'https://github.com/gcc-mirror/gcc/blob/master/gcc/config/i386/zn4zn5.md',
      says: '512-bit double multiplies issue to FP0 or FP1 (3 cycles), adds to FP2 or FP3 (2 cycles) and compares to FP1 or FP2, each taking its pipe for one cycle on znver5, where znver4 takes two (double-pumped)',
    },
    {
      title: "Alexander Yee, Zen5's AVX512 Teardown (numberworld.org, 2024)",
      url: 'http://numberworld.org/blogs/2024_8_7_zen5_avx512_teardown',
      says: 'Zen 4 double-pumps 512-bit instructions through 256-bit units; desktop and server Zen 5 execute them on native 512-bit datapaths',
    },
  ],
};

export const PORT_MODELS: readonly PortModel[] = [ZEN5];

export function portModelFor(m: Pick<Machine, 'cpuModel' | 'simd'>): PortModel | null {
  return PORT_MODELS.find((p) => p.matches(m)) ?? null;
}

/**
 * Fewest cycles per vector iteration when every operation class may split across the pipes it can
 * use: the largest, over every set S of classes, of (operations in S) / (pipes any class in S can
 * use). That is the optimum of the fractional assignment (the bound a perfectly scheduled loop
 * reaches); `bottleneck` names the set that sets it.
 */
export function cyclesPerVectorIteration(ops: Record<OpClass, number>, pipes: Record<OpClass, readonly string[]>, pumping = 1): { cycles: number; bottleneck: OpClass[] } {
  const classes = (Object.keys(ops) as OpClass[]).filter((c) => ops[c] > 0);
  let best = { cycles: 0, bottleneck: [] as OpClass[] };
  for (let mask = 1; mask < 1 << classes.length; mask++) {
    const set = classes.filter((_, i) => mask & (1 << i));
    const n = set.reduce((s, c) => s + ops[c], 0);
    const ports = new Set(set.flatMap((c) => pipes[c]));
    if (ports.size === 0) throw new Error(`no pipe executes ${set.join(', ')}`);
    const cycles = (n * pumping) / ports.size;
    if (cycles > best.cycles + 1e-12 || (Math.abs(cycles - best.cycles) <= 1e-12 && set.length > best.bottleneck.length)) best = { cycles, bottleneck: set };
  }
  return best;
}

export interface MandelbrotLimit {
  model: PortModel;
  /** float64 lanes per vector. */
  lanes: number;
  /** Cycles per vector iteration (all lanes), at best. */
  cyclesPerVector: number;
  bottleneck: OpClass[];
  /** Pixel-iterations per cycle per core: the limit. */
  iterationsPerCycle: number;
  /** Latency of one iteration's longest chain, and the independent vectors needed to hide it. */
  chainLatency: number;
  vectorsInFlight: number;
}

export function mandelbrotLimit(model: PortModel): MandelbrotLimit {
  const lanes = model.vectorBits / 64;
  const { cycles, bottleneck } = cyclesPerVectorIteration(MANDELBROT_OPS, model.pipes, model.native ? 1 : 2);
  const chainLatency = MANDELBROT_CHAIN.reduce((s, c) => s + model.latency[c], 0);
  return { model, lanes, cyclesPerVector: cycles, bottleneck, iterationsPerCycle: lanes / cycles, chainLatency, vectorsInFlight: Math.ceil(chainLatency / cycles) };
}

export interface LimitRow {
  id: string;
  label: string;
  threads: number;
  /** Pixel-iterations per second per core the implementation reached (the checksum is the iteration count). */
  iterationsPerSecondPerCore: number;
  /** The clock (GHz) at which a core at the limit would do as much: how far it is from the limit, whatever the clock. */
  ghzAtLimit: number;
  /** Share of the limit at the clock the run recorded; null when the run recorded none. */
  ofLimit: number | null;
}

/**
 * How close each implementation of a Mandelbrot run gets to the limit: useful pixel-iterations
 * (the checksum: the sum of escape counts) per second (median sample) per core used. Lanes that
 * keep iterating after their pixel escaped are wasted work and count against the implementation.
 */
export function limitRows(run: Run, kernel: Kernel, limit: MandelbrotLimit): LimitRow[] {
  const ghz = run.machine.cpuMHz !== undefined ? run.machine.cpuMHz / 1000 : null;
  return run.implementations.flatMap((r) => {
    if (r.status !== 'ok' || r.summary === null || typeof r.checksum !== 'number' || r.extrapolated) return [];
    const impl = kernel.implementations.find((i) => i.id === r.id);
    const cores = Math.max(1, Math.min(r.threads ?? 1, run.machine.cores));
    const perCore = r.checksum / (r.summary.medianNs / 1e9) / cores;
    const ghzAtLimit = perCore / limit.iterationsPerCycle / 1e9;
    return [{ id: r.id, label: impl?.label ?? r.id, threads: cores, iterationsPerSecondPerCore: perCore, ghzAtLimit, ofLimit: ghz ? ghzAtLimit / ghz : null }];
  }).sort((a, b) => b.iterationsPerSecondPerCore - a.iterationsPerSecondPerCore);
}

export interface LimitView {
  machine: Machine;
  limit: MandelbrotLimit;
  /** The clock the run recorded (GHz), or null. */
  clockGhz: number | null;
  profile: string;
  finishedAt: string;
  rows: LimitRow[];
}

/** One view per Mandelbrot run whose machine has a port model; the others cannot be judged. */
export function mandelbrotLimitViews(runs: readonly Run[], kernels: readonly Kernel[]): { views: LimitView[]; unmodelled: string[] } {
  const kernel = kernels.find((k) => k.id === 'mandelbrot');
  const mb = runs.filter((r) => r.kernel === 'mandelbrot');
  if (!kernel) return { views: [], unmodelled: [] };
  const views: LimitView[] = [];
  const unmodelled: string[] = [];
  for (const run of mb) {
    const model = portModelFor(run.machine);
    if (!model) {
      unmodelled.push(run.machine.id);
      continue;
    }
    const limit = mandelbrotLimit(model);
    views.push({ machine: run.machine, limit, clockGhz: run.machine.cpuMHz !== undefined ? run.machine.cpuMHz / 1000 : null, profile: run.profile, finishedAt: run.finishedAt, rows: limitRows(run, kernel, limit) });
  }
  return { views, unmodelled };
}
