/**
 * How much CPU other programs used while the harness waited, from two readings of Linux's
 * /proc/stat. Pure: parsing and arithmetic only; the readings are taken by the harness's effects.
 */

/** The machine's CPU time counters (the aggregate `cpu` line of /proc/stat), in clock ticks. */
export interface CpuTimes {
  user: number;
  nice: number;
  system: number;
  idle: number;
  iowait: number;
  irq: number;
  softirq: number;
  /** Time a virtual CPU wanted to run but the hypervisor gave the physical CPU to another guest. */
  steal: number;
  /** Online CPUs (the `cpuN` lines). */
  cpus: number;
}

/** What the sampled interval showed, in CPUs (0 to the machine's CPU count). */
export interface CpuBusy {
  /** CPUs kept busy by everything but the harness itself (user, nice, system, irq, softirq). */
  busyCpus: number;
  /** CPUs' worth of time taken by other virtual machines on the host (steal). */
  stealCpus: number;
  /** Length of the sampled interval in milliseconds. */
  sampledMs: number;
}

/** A sample, or why none could be taken (no /proc/stat: not Linux). */
export type CpuSample = { ok: true; busy: CpuBusy } | { ok: false; reason: string };

const FIELDS = ['user', 'nice', 'system', 'idle', 'iowait', 'irq', 'softirq', 'steal'] as const;

/**
 * Reads the aggregate counters of a /proc/stat text. Kernels older than 2.6.11 have no steal
 * field (and older ones fewer fields still): missing trailing fields count as 0. Throws naming
 * what was expected when the text has no usable `cpu` line.
 */
export function parseProcStat(text: string, source = '/proc/stat'): CpuTimes {
  const lines = text.split('\n');
  const total = lines.find((l) => /^cpu\s/.test(l));
  if (total === undefined) throw new Error(`${source}: no "cpu" line (expected "cpu  user nice system idle ..." counters)`);
  const values = total.trim().split(/\s+/).slice(1);
  if (values.length < 4 || !values.every((v) => /^\d+$/.test(v))) {
    throw new Error(`${source}: the "cpu" line "${total.trim().slice(0, 120)}" is not at least four whole-number counters (user nice system idle)`);
  }
  const nums = values.map(Number);
  const cpus = lines.filter((l) => /^cpu\d+\s/.test(l)).length;
  if (cpus === 0) throw new Error(`${source}: no "cpuN" lines (expected one per online CPU)`);
  const times = Object.fromEntries(FIELDS.map((f, n) => [f, nums[n] ?? 0])) as Record<(typeof FIELDS)[number], number>;
  return { ...times, cpus };
}

const busyTicks = (t: CpuTimes) => t.user + t.nice + t.system + t.irq + t.softirq;
// guest and guest_nice are already counted in user and nice, so they are left out of the total.
const allTicks = (t: CpuTimes) => busyTicks(t) + t.idle + t.iowait + t.steal;
const round3 = (x: number) => Math.round(x * 1000) / 1000;

/**
 * The CPU use between two readings, in CPUs: the busy share of all ticks times the CPU count
 * (no clock-tick rate needed). `ownCpuMs` (the harness's own CPU time in the interval) is taken
 * off the busy part, so that only other programs remain. Throws when the counters did not advance.
 */
export function cpuBusyBetween(before: CpuTimes, after: CpuTimes, sampledMs: number, ownCpuMs = 0): CpuBusy {
  const total = allTicks(after) - allTicks(before);
  if (!(total > 0)) throw new Error('/proc/stat: the CPU counters did not advance between the two readings');
  if (!(sampledMs > 0)) throw new Error(`the sampled interval must be positive (got ${sampledMs} ms)`);
  const cpus = after.cpus;
  const clamp = (x: number) => Math.min(cpus, Math.max(0, x));
  const busy = ((busyTicks(after) - busyTicks(before)) / total) * cpus - ownCpuMs / sampledMs;
  const steal = ((after.steal - before.steal) / total) * cpus;
  return { busyCpus: round3(clamp(busy)), stealCpus: round3(clamp(steal)), sampledMs: Math.round(sampledMs) };
}
