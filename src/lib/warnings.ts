/**
 * Measurement warnings: typed, each with the probable cause and the exact fix. Pure: computed from
 * the results and the conditions a run was taken under.
 */
import type { Kernel } from './schema/kernel.ts';
import type { ImplOutcome, Warning } from './schema/run.ts';
import { byProcess, median, relativeIqr } from './stats.ts';
import { FEW_SAMPLES, HIGH_SPREAD } from './protocol.ts';
import { blasKernelsBelowBest, usesNumpy } from './blas-kernel.ts';
import type { CpuBusy } from './cpu-busy.ts';

/** A process's first sample this much slower than the median of its other samples is an outlier. */
export const FIRST_SAMPLE_OUTLIER = 1.5;
/** Samples shorter than this cannot be timed reliably against OS and timer jitter. */
export const TIMER_FLOOR_NS = 10_000;
/** Medians of the first and last process differing by more than this fraction signal drift. */
export const DRIFT = 0.15;
/**
 * Load average per logical CPU above which the machine was busy: the rule for runs without a CPU
 * sample (older files, machines without /proc/stat). The load average also counts waiting tasks and
 * decays over minutes, so the harness's own setup or previous kernel still shows in it.
 */
export const BUSY_LOAD_PER_CPU = 0.5;
/**
 * Share of each logical CPU that other programs may use in the sampled second before a kernel is
 * measured (0.5 CPU of 2). The sample is CPU time actually used, with the harness's own taken off,
 * so a quiet machine reads a few hundredths of a CPU and the bar can be lower than the load
 * average's: a program using half a CPU of 2 takes a quarter of what a parallel implementation
 * (one thread per logical CPU) can use, and more than a serial one's spare CPU when it bursts.
 */
export const BUSY_CPU_SHARE = 0.25;
/**
 * Share of each logical CPU taken by other virtual machines on the host (steal) that is worth
 * naming. Steal shows only while this machine's own CPUs want to run, so on a machine waiting for
 * the kernel to start any steal at all is a sign of a crowded host.
 */
export const STEAL_CPU_SHARE = 0.1;

/** What each warning means, for the methodology page (generated from the same thresholds). */
export const WARNING_INFO: Record<Warning['code'], string> = {
  'few-samples': `fewer than ${FEW_SAMPLES} samples: intervals built on it are coarse`,
  'high-spread': `interquartile range above ${HIGH_SPREAD * 100}% of the median: the machine was busy or changing frequency`,
  'first-sample-outlier': `in most processes the first timed sample is over ${FIRST_SAMPLE_OUTLIER}x the median of the rest: the warm-up is too short`,
  'timer-resolution': `median sample shorter than ${TIMER_FLOOR_NS / 1000} µs: too short to time against timer and scheduler jitter`,
  drift: `most implementations ran more than ${DRIFT * 100}% faster or slower in their last process than in their first: the CPU frequency or load changed during the run`,
  'machine-load': `other programs used more than ${BUSY_CPU_SHARE} of each logical CPU (${BUSY_CPU_SHARE * 2} of 2 CPUs) in the second before the kernel was measured, read from /proc/stat with the harness's own use left out, or other virtual machines on the host took more than ${STEAL_CPU_SHARE} of each (steal time): they competed for the CPU. Runs without that sample (older files, machines without /proc/stat): the load average was above ${BUSY_LOAD_PER_CPU} per logical CPU when the harness started`,
  'unverified-checksum': 'the reference implementation did not run, so the result could not be checked',
  'blas-kernel': "NumPy's OpenBLAS ran a CPU kernel older than this CPU's best (e.g. Haswell on an AVX-512 CPU): its times understate what the library does here",
  'mixed-sessions': 'the implementations were measured by separate harness sessions (--impl, --claim) on fingerprints that differ (kernel release, toolchain, CPU): they may not compare like with like',
};

export interface RunConditions {
  cores: number;
  loadAverage: { start: number; end: number };
  /** Other programs' CPU use sampled just before the kernel was measured (provenance.cpuBefore); absent: judged by the load average. */
  cpuBefore?: CpuBusy | undefined;
  /** Why no CPU sample could be taken (not Linux), said in a load-average warning. */
  cpuUnsampled?: string | undefined;
  /** The CPU's SIMD flags and NumPy's BLAS pools (provenance.blas), for the blas-kernel warning. */
  simd?: readonly string[];
  blas?: ReadonlyArray<Record<string, unknown>> | null;
}

const STOP_OTHERS = 'stop other programs (and CI jobs) on the machine and rerun with --fresh';
const QUIETER_HOST = 'rerun with --fresh when the host is quieter, or on a machine with dedicated CPUs (no steal time)';

/** The machine-load warning: from the CPU sample taken before the kernel when there is one, else from the load average. */
function machineLoad(cond: RunConditions): Warning | null {
  const sample = cond.cpuBefore;
  if (sample) {
    const busy = sample.busyCpus > BUSY_CPU_SHARE * cond.cores;
    const steal = sample.stealCpus > STEAL_CPU_SHARE * cond.cores;
    if (!busy && !steal) return null;
    const when = `in the ${(sample.sampledMs / 1000).toFixed(1)} s before the kernel was measured`;
    const others = `other programs used ${sample.busyCpus.toFixed(2)} of ${cond.cores} logical CPUs ${when}`;
    const stolen = `other virtual machines on the host took ${sample.stealCpus.toFixed(2)} CPUs from this one (steal time)`;
    const message = busy && steal ? `${others}, and ${stolen}: they competed for the CPU` : busy ? `${others}: they competed for the CPU` : `${stolen} ${when}: they competed for the physical CPUs`;
    const fix = busy && steal ? `${STOP_OTHERS}; if steal time remains, use a machine with dedicated CPUs` : busy ? STOP_OTHERS : QUIETER_HOST;
    return { code: 'machine-load', message, fix };
  }
  // Only the load before the harness started counts: during and after a run the harness's own
  // benchmark processes make up the load average (a change during the run shows as drift).
  const load = cond.loadAverage.start;
  if (!(load > BUSY_LOAD_PER_CPU * cond.cores)) return null;
  const unsampled = cond.cpuUnsampled ? ` (other programs' CPU use could not be sampled: ${cond.cpuUnsampled})` : '';
  return { code: 'machine-load', message: `the load average was ${load.toFixed(2)} on ${cond.cores} logical CPUs before the harness started${unsampled}: other programs competed for the CPU`, fix: STOP_OTHERS };
}

export function detectWarnings(results: readonly ImplOutcome[], kernel: Kernel, cond: RunConditions): Warning[] {
  const out: Warning[] = [];
  const load = machineLoad(cond);
  if (load) out.push(load);
  let drifting = 0;
  let withProcesses = 0;
  for (const r of results) {
    if (r.status !== 'ok' || !r.summary) continue;
    if (r.summary.n < FEW_SAMPLES) {
      out.push({ code: 'few-samples', impl: r.id, message: `only ${r.summary.n} samples: the interval of any ratio using it is coarse`, fix: 'run the full profile (--profile full), which gives each implementation a larger time budget' });
    }
    const spread = relativeIqr(r.summary);
    if (spread > HIGH_SPREAD) {
      out.push({ code: 'high-spread', impl: r.id, message: `spread (IQR/median) is ${(spread * 100).toFixed(0)}%: the machine was probably busy or changing frequency`, fix: "close other programs, rerun with --fresh, and compare with the machine's noise floor (--noise)" });
    }
    if (r.summary.medianNs < TIMER_FLOOR_NS) {
      out.push({ code: 'timer-resolution', impl: r.id, message: `the median sample lasts ${Math.round(r.summary.medianNs)} ns, too short to time reliably against timer and scheduler jitter`, fix: `raise the kernel's problem size in harness/kernels/${kernel.id}/kernel.yaml so that a sample lasts at least ${TIMER_FLOOR_NS / 1000} µs` });
    }
    const procs = byProcess(r).filter((p) => p.length >= 3);
    const outliers = procs.filter((p) => p[0]! > FIRST_SAMPLE_OUTLIER * median(p.slice(1))).length;
    if (procs.length > 0 && outliers * 2 > procs.length) {
      out.push({ code: 'first-sample-outlier', impl: r.id, message: `the first timed sample of ${outliers} of ${procs.length} processes was over ${FIRST_SAMPLE_OUTLIER}x the median of the rest: the warm-up does not warm everything up`, fix: 'raise warmupPerProcess in src/lib/protocol.ts, or make the program touch its data before timing' });
    }
    const all = r.samplesPerProcess.length > 0 ? byProcess(r) : [];
    if (all.length >= 3) {
      withProcesses++;
      const first = median(all[0]!);
      const last = median(all.at(-1)!);
      if (Math.abs(last - first) / Math.min(first, last) > DRIFT) drifting++;
    }
  }
  if (withProcesses >= 2 && drifting * 2 > withProcesses) {
    out.push({ code: 'drift', message: `${drifting} of ${withProcesses} implementations ran more than ${DRIFT * 100}% faster or slower at the end of the run than at its start: the CPU frequency or the machine's load changed`, fix: 'rerun on a quiet machine; on your own hardware, fix the CPU frequency (cpupower frequency-set -g performance) and disable turbo' });
  }
  const numpyIds = new Set(kernel.implementations.filter(usesNumpy).map((i) => i.id));
  const numpy = results.filter((r) => r.status === 'ok' && numpyIds.has(r.id)).map((r) => r.id);
  if (numpy.length > 0) {
    for (const f of blasKernelsBelowBest(cond.blas ?? null, cond.simd ?? [])) {
      out.push({
        code: 'blas-kernel',
        message: `NumPy's OpenBLAS ran its ${f.architecture} kernel, but this CPU supports ${f.best} kernels: ${numpy.join(', ')} ran slower than the library can here`,
        fix: 'check that nothing forces the kernel (OPENBLAS_CORETYPE, OPENBLAS_VERBOSE=2 shows the choice) and that the NumPy wheel\'s OpenBLAS knows this CPU; then rerun with --fresh',
      });
    }
  }
  for (const r of results) {
    if (r.status === 'ok' && r.reason?.startsWith('unverified')) {
      out.push({ code: 'unverified-checksum', impl: r.id, message: r.reason, fix: `make the reference implementation "${kernel.reference}" run on this machine` });
    }
  }
  return out;
}
