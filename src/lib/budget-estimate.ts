/**
 * How long a kernel's measurement will take under a protocol, estimated from a run file of the same
 * machine: each implementation's sample median, its samples per process, and a per-process
 * overhead (start-up, loading data, the harness) derived from the file's duration. Pure; the
 * script scripts/estimate-full-profile.ts applies it to the committed runs. A run's duration starts
 * before its builds and data-set step, so what those cost in the run (little when cached) is spread
 * over its processes; a build or data set made for the first time is not in the estimate.
 */
import { median } from './stats.ts';
import { samplesPerRound, type ProtocolSettings } from './protocol.ts';

/** What the estimate reads from a run file (a subset of Run). */
export interface RunTiming {
  startedAt: string;
  finishedAt: string;
  protocol: { warmupPerProcess: number };
  implementations: readonly { id: string; status: string; samplesNs: readonly number[]; samplesPerProcess?: readonly number[] | undefined }[];
}

export interface RunCosts {
  /** The run's wall time (finishedAt − startedAt), seconds. */
  durationS: number;
  /** Seconds per process not spent in the warm-up and the samples, averaged over every process. */
  overheadPerProcessS: number;
  /** Each implementation that measured: its median sample (s). */
  impls: { id: string; sampleS: number }[];
}

/**
 * The costs a run file shows: a process of implementation i costs overhead + (warm-up + its
 * samples) × i's median; the overhead is what is left of the duration once the samples are
 * accounted for, shared equally by the processes (failed implementations' time lands there too).
 */
export function runCosts(run: RunTiming): RunCosts {
  const durationS = (Date.parse(run.finishedAt) - Date.parse(run.startedAt)) / 1000;
  if (!(durationS >= 0)) throw new Error(`expected finishedAt after startedAt, got ${run.startedAt} .. ${run.finishedAt}`);
  let sampled = 0;
  let processes = 0;
  const impls: RunCosts['impls'] = [];
  for (const i of run.implementations) {
    if (i.status !== 'ok' || i.samplesNs.length === 0) continue;
    const sampleS = median([...i.samplesNs]) / 1e9;
    const perProcess = i.samplesPerProcess && i.samplesPerProcess.length > 0 ? i.samplesPerProcess : [i.samplesNs.length];
    for (const n of perProcess) sampled += (n + run.protocol.warmupPerProcess) * sampleS;
    processes += perProcess.length;
    impls.push({ id: i.id, sampleS });
  }
  const overheadPerProcessS = processes > 0 ? Math.max(0, durationS - sampled) / processes : 0;
  return { durationS, overheadPerProcessS, impls };
}

/**
 * The costs for a workload `factor` times the run's (a corpus of 4 MB where the run read 10 MB:
 * 0.4): sample times scale linearly, the per-process overhead is kept. For kernels whose work
 * grows linearly with the parameter (kernel.yaml `complexity` names it).
 */
export function scaleCosts(costs: RunCosts, factor: number): RunCosts {
  if (!(factor > 0)) throw new Error(`expected a positive scale factor, got ${factor}`);
  return { ...costs, impls: costs.impls.map((i) => ({ ...i, sampleS: i.sampleS * factor })) };
}

/** Seconds the implementations of `costs` take under `settings` (round 1: one sample; later rounds: samplesPerRound). */
export function estimateSeconds(costs: RunCosts, settings: Pick<ProtocolSettings, 'rounds' | 'warmupPerProcess' | 'budgetSeconds' | 'minSamples' | 'maxSamplesPerRound'>): number {
  let total = 0;
  for (const i of costs.impls) {
    const later = samplesPerRound(i.sampleS * 1e9, settings);
    const samples = 1 + (settings.rounds - 1) * later;
    total += settings.rounds * costs.overheadPerProcessS + (settings.rounds * settings.warmupPerProcess + samples) * i.sampleS;
  }
  return total;
}
