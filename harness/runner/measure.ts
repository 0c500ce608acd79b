/**
 * Measurement: implementations are run in rounds, in a shuffled order each round, so that drift in
 * machine speed (thermal, other load) spreads over all of them instead of biasing one. Every process
 * does WARMUP untimed repetitions and SAMPLES timed ones and reports them (see the program protocol
 * in CONTRIBUTING.md). Round 1 takes one sample each to learn how long a sample lasts; later rounds
 * take as many as fit the profile's time budget. Failures are recorded, never thrown.
 */
import type { Implementation, Kernel } from '../../src/lib/schema/kernel.ts';
import type { ParamValue } from '../../src/lib/params.ts';
import { MIN_TIMEOUT_MS, TIMEOUT_FACTOR, samplesPerRound, type ProtocolSettings } from '../../src/lib/protocol.ts';
import { ImplOutput } from '../../src/lib/schema/kernel.ts';
import type { ImplOutcome, ImplResult } from '../../src/lib/schema/run.ts';
import type { Logger, ProcessRunner } from './effects.ts';
import { seededRandom, summarize } from '../../src/lib/stats.ts';
import { checksumMatches } from '../../src/lib/checksum.ts';
import { checkParts } from '../../src/lib/suite.ts';

export interface Runnable {
  impl: Implementation;
  run: string[];
  env: Record<string, string>;
  /** Variables removed from the environment it inherits (see blas-env.ts); recorded in its result. */
  envUnset?: readonly string[];
  /** Parameters to run with instead of the profile's (an implementation extrapolated from a smaller size). */
  params?: Record<string, ParamValue>;
}

const STDERR_TAIL = 2000;

function tail(s: string): string {
  return s.length > STDERR_TAIL ? `…${s.slice(-STDERR_TAIL)}` : s;
}

interface State {
  r: Runnable;
  samples: number[];
  perProcess: number[];
  checksums: Array<number | string>;
  threads: number | null;
  peakRssKiB: number;
  /** The work of one sample, as the program last reported it. */
  work: ImplOutput['work'];
  /** A suite kernel's per-part times, aligned with samples. */
  parts: Record<string, number[]> | null;
  failure: Pick<ImplResult, 'status' | 'reason' | 'stderrTail'> | null;
  /** Wall time of its round-1 process and the samples that process took (for the ETA). */
  probe: { wallMs: number; sampleNs: number } | null;
}

/** Interprets one process's result against the protocol; returns an error text or the output. */
export function interpretOutput(
  res: { exitCode: number | null; signal: string | null; stdout: string; stderr: string; timedOut: boolean; spawnError?: string },
  implId: string,
  params: Record<string, ParamValue>,
  samples: number,
  suiteParts: readonly string[] | null = null,
): { ok: true; out: ImplOutput } | { ok: false; status: 'failed' | 'timeout'; reason: string } {
  if (res.spawnError) return { ok: false, status: 'failed', reason: `could not start: ${res.spawnError}` };
  if (res.timedOut) return { ok: false, status: 'timeout', reason: 'ran past its time limit and was killed' };
  if (res.exitCode !== 0) return { ok: false, status: 'failed', reason: res.signal ? `killed by ${res.signal}` : `exited with code ${res.exitCode}` };
  const line = res.stdout.trim().split('\n').at(-1) ?? '';
  let json: unknown;
  try {
    json = JSON.parse(line);
  } catch {
    return { ok: false, status: 'failed', reason: `its last line of output is not JSON: ${JSON.stringify(line.slice(0, 120))}` };
  }
  const parsed = ImplOutput.safeParse(json);
  if (!parsed.success) {
    const i = parsed.error.issues[0]!;
    return { ok: false, status: 'failed', reason: `its output does not follow the protocol: ${i.path.join('.') || 'line'}: ${i.message}` };
  }
  const out = parsed.data;
  if (out.impl !== implId) return { ok: false, status: 'failed', reason: `it reports impl "${out.impl}", expected "${implId}"` };
  for (const [k, v] of Object.entries(params)) {
    if (out.params[k] !== v) return { ok: false, status: 'failed', reason: `it reports ${k}=${out.params[k]}, but was asked for ${v}` };
  }
  if (out.samplesNs.length !== samples) return { ok: false, status: 'failed', reason: `it reports ${out.samplesNs.length} samples, asked for ${samples}` };
  const partsError = checkParts(out, suiteParts);
  if (partsError) return { ok: false, status: 'failed', reason: partsError };
  return { ok: true, out };
}


/** Accepts a checksum when it is within the kernel's relative tolerance of the reference (src/lib/checksum.ts). */
export { checksumMatches };

export interface Progress {
  round: number;
  rounds: number;
  impl: string;
  samples: number;
  /** Estimated milliseconds left in this kernel, once round 1 has measured every implementation. */
  etaMs: number | null;
}

export interface MeasureDeps {
  proc: ProcessRunner;
  log: Logger;
  cwd: string;
  seed: number;
  /** Monotonic milliseconds (for the ETA). */
  monotonicMs: () => number;
  /** Called before each process starts (progress display). */
  onProgress?: (p: Progress) => void;
  /** Paired kernels: the CPU every grouped process is pinned to with taskset (null: not pinned). */
  pinCpu?: number | null;
}

/**
 * One round's order: the kernel's pairing groups (kernel.yaml `pairing`) stay together, in their
 * listed order in odd rounds and reversed in even ones (ABBA); groups and the other
 * implementations are shuffled as units. Without pairing, everything is shuffled.
 */
export function roundOrder<T extends { id: string }>(items: readonly T[], groups: readonly (readonly string[])[], round: number, rand: () => number): T[] {
  const grouped = new Set(groups.flat());
  const units: T[][] = [];
  for (const g of groups) {
    const members = g.map((id) => items.find((x) => x.id === id)).filter((x): x is T => x !== undefined);
    if (members.length > 0) units.push(round % 2 === 1 ? members : members.reverse());
  }
  for (const x of items) if (!grouped.has(x.id)) units.push([x]);
  for (let i = units.length - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1));
    [units[i], units[j]] = [units[j]!, units[i]!];
  }
  return units.flat();
}

function eta(states: State[], perRound: Map<string, number>, settings: ProtocolSettings, round: number, doneInRound: Set<State>): number | null {
  let ms = 0;
  for (const st of states) {
    if (st.failure) continue;
    if (!st.probe) return null;
    const k = perRound.get(st.r.impl.id) ?? 1;
    // Round 1 ran 1 sample after the warm-up; a later process runs k samples after it.
    const perSample = st.probe.sampleNs / 1e6;
    const processMs = st.probe.wallMs + (k - 1) * perSample;
    const remaining = settings.rounds - round + (doneInRound.has(st) ? 0 : 1);
    ms += Math.max(remaining, 0) * processMs;
  }
  return ms;
}

export async function measure(kernel: Kernel, runnables: Runnable[], params: Record<string, ParamValue>, settings: ProtocolSettings, deps: MeasureDeps): Promise<ImplOutcome[]> {
  const rand = seededRandom(deps.seed);
  const states: State[] = runnables.map((r) => ({ r, samples: [], perProcess: [], checksums: [], threads: null, peakRssKiB: 0, work: undefined, parts: kernel.suite ? {} : null, failure: null, probe: null }));
  const suiteParts = kernel.suite ? kernel.suite.parts.map((p) => p.id) : null;
  const perRound = new Map<string, number>();
  const groups = kernel.pairing?.groups ?? [];
  const grouped = new Set(groups.flat());
  const pin = (id: string): string[] => (deps.pinCpu !== undefined && deps.pinCpu !== null && grouped.has(id) ? ['taskset', '-c', String(deps.pinCpu)] : []);

  for (let round = 1; round <= settings.rounds; round++) {
    const live = states.filter((s) => !s.failure).map((st) => ({ id: st.r.impl.id, st }));
    const order = roundOrder(live, groups, round, rand).map((x) => x.st);
    const done = new Set<State>();
    for (const st of order) {
      const id = st.r.impl.id;
      const runParams = st.r.params ?? params;
      const args = kernel.params.map((p) => String(runParams[p.name]));
      const samples = round === 1 ? 1 : perRound.get(id) ?? 1;
      const expectedMs = st.samples.length > 0 ? (Math.max(...st.samples) / 1e6) * (samples + settings.warmupPerProcess) : Infinity;
      const timeoutMs = Math.min(settings.timeoutMs, Math.max(MIN_TIMEOUT_MS, expectedMs * TIMEOUT_FACTOR));
      deps.onProgress?.({ round, rounds: settings.rounds, impl: id, samples, etaMs: round === 1 ? null : eta(states, perRound, settings, round, done) });
      const [cmd, ...lead] = [...pin(id), ...st.r.run];
      const t0 = deps.monotonicMs();
      const res = await deps.proc.run(cmd!, [...lead, String(settings.warmupPerProcess), String(samples), ...args], { cwd: deps.cwd, env: st.r.env, ...(st.r.envUnset?.length ? { envUnset: st.r.envUnset } : {}), timeoutMs });
      const wallMs = deps.monotonicMs() - t0;
      done.add(st);
      const got = interpretOutput(res, id, runParams, samples, suiteParts);
      if (!got.ok) {
        st.failure = { status: got.status, reason: `round ${round}: ${got.reason}`, stderrTail: tail(res.stderr) };
        deps.log.warn(`${kernel.id}/${id}: ${got.status}: ${got.reason}`);
        continue;
      }
      st.samples.push(...got.out.samplesNs);
      st.perProcess.push(got.out.samplesNs.length);
      st.checksums.push(got.out.checksum);
      st.threads = got.out.threads;
      st.peakRssKiB = Math.max(st.peakRssKiB, got.out.peakRssKiB);
      if (got.out.work) st.work = got.out.work;
      if (st.parts && got.out.parts) for (const [p, times] of Object.entries(got.out.parts)) (st.parts[p] ??= []).push(...times);
      if (round === 1) {
        st.probe = { wallMs, sampleNs: got.out.samplesNs[0]! };
        perRound.set(id, samplesPerRound(got.out.samplesNs[0]!, settings));
      }
    }
  }
  return judge(kernel, states);
}

/** Turns the collected state into results: checksum cross-check against the reference. */
function judge(kernel: Kernel, states: State[]): ImplOutcome[] {
  const ref = states.find((s) => s.r.impl.id === kernel.reference && !s.failure && !s.r.params);
  const refSum = ref?.checksums[0];
  return states.map((st): ImplOutcome => {
    const common = {
      id: st.r.impl.id,
      samplesNs: st.samples,
      summary: st.samples.length > 0 ? summarize(st.samples) : null,
      checksum: st.checksums[0] ?? null,
      threads: st.threads,
      peakRssKiB: st.samples.length > 0 ? st.peakRssKiB : null,
      build: null,
      run: st.r.run,
      samplesPerProcess: st.perProcess,
      threadEnv: st.r.env,
      ...(st.r.envUnset?.length ? { envUnset: [...st.r.envUnset] } : {}),
      extrapolated: null,
      ...(st.work ? { work: st.work } : {}),
      ...(st.parts && st.samples.length > 0 ? { parts: st.parts } : {}),
    };
    if (st.failure) return { ...common, ...st.failure };
    if (new Set(st.checksums).size > 1) {
      return { ...common, status: 'wrong-result', reason: `its checksum changed between processes: ${[...new Set(st.checksums)].join(', ')}` };
    }
    if (st.r.params) return { ...common, status: 'ok' }; // checked against the reference at its own size by the caller
    if (refSum !== undefined && !checksumMatches(st.checksums[0]!, refSum, kernel.checksum.tolerance)) {
      return { ...common, status: 'wrong-result', reason: `checksum ${st.checksums[0]} differs from the reference "${kernel.reference}" (${refSum})${kernel.checksum.tolerance > 0 ? ` beyond the relative tolerance ${kernel.checksum.tolerance}` : ''}` };
    }
    if (refSum === undefined && st.r.impl.id !== kernel.reference) {
      return { ...common, status: 'ok', reason: `unverified: the reference "${kernel.reference}" did not run, so its checksum could not be compared` };
    }
    return { ...common, status: 'ok' };
  });
}
