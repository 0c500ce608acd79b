/**
 * Client kernels on the machine page (kernel.yaml helperServer): for each run, one row per client
 * with its median throughput, the time per sample, how busy the fixed server was meanwhile (its CPU
 * seconds per wall second: near 1 means the server, pinned to one CPU, set the pace), and, when the
 * kernel names a larger amount of work than a sample does (`projection`), the time that amount
 * would take at the measured throughput, labelled as extrapolated. Pure: the page only lays it out.
 */
import type { Kernel } from '../schema/kernel.ts';
import type { ImplResult, Run, Status } from '../schema/run.ts';

export interface ClientLoadRow {
  implId: string;
  label: string;
  status: Status;
  reason: string | null;
  /** Work per second (median sample), in the kernel's throughput unit; null when not measured. */
  throughput: number | null;
  /** Median seconds of one sample. */
  sampleSeconds: number | null;
  /** The server's CPU seconds per wall second while this client's processes ran (0..1 on one CPU). */
  serverBusy: number | null;
  /** Seconds the kernel's projection would take at this throughput (extrapolated, not measured). */
  projectedSeconds: number | null;
}

export interface ClientLoadView {
  kernel: string;
  kernelTitle: string;
  profile: string;
  finishedAt: string;
  /** "mock server on CPU 0, clients on CPU 1", when any client ran. */
  setup: string | null;
  /** The work of one sample, as the clients reported it ("131,072 items"). */
  workPerSample: { amount: number; unit: string } | null;
  serverLabel: string;
  projection: { amount: number; unit: string; label: string } | null;
  rows: ClientLoadRow[];
  /** The busiest the server was under any client: the evidence that it was (not) the bottleneck. */
  maxServerBusy: number | null;
}

const median = (xs: readonly number[]): number | null => {
  if (xs.length === 0) return null;
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
};

/** The throughput of one result: the work of one sample over its median sample time. */
export function resultThroughput(r: Pick<ImplResult, 'status' | 'samplesNs' | 'work' | 'summary'>, work: string): number | null {
  const amount = r.work?.[work as keyof NonNullable<ImplResult['work']>];
  const t = r.summary?.medianNs ?? median(r.samplesNs);
  return r.status === 'ok' && amount !== undefined && t ? amount / (t / 1e9) : null;
}

/** The client-kernel runs of one machine, in kernel order. */
export function clientLoadViews(runs: readonly Run[], kernels: readonly Kernel[]): ClientLoadView[] {
  const out: ClientLoadView[] = [];
  for (const run of [...runs].sort((a, b) => a.kernel.localeCompare(b.kernel))) {
    const kernel = kernels.find((k) => k.id === run.kernel);
    if (!kernel?.helperServer) continue;
    const work = kernel.metrics.find((m) => m.id === 'throughput')?.work ?? 'items';
    const label = (id: string) => kernel.implementations.find((i) => i.id === id)?.label ?? id;
    const rows = run.implementations.map((r): ClientLoadRow => {
      const throughput = resultThroughput(r, work);
      const t = r.status === 'ok' ? (r.summary?.medianNs ?? median(r.samplesNs)) : null;
      const u = r.helperServer;
      return {
        implId: r.id,
        label: label(r.id),
        status: r.status,
        reason: r.status === 'ok' && !r.reason ? null : (r.reason?.split('\n')[0] ?? null),
        throughput,
        sampleSeconds: t ? t / 1e9 : null,
        serverBusy: u && u.wallSeconds > 0 ? u.serverCpuSeconds / u.wallSeconds : null,
        projectedSeconds: kernel.projection && throughput ? kernel.projection.amount / throughput : null,
      };
    });
    const used = run.implementations.find((i) => i.helperServer)?.helperServer ?? null;
    const amount = run.implementations.map((i) => i.work?.[work as keyof NonNullable<ImplResult['work']>]).find((x) => x !== undefined) ?? null;
    const busy = rows.map((r) => r.serverBusy).filter((x): x is number => x !== null);
    out.push({
      kernel: kernel.id,
      kernelTitle: kernel.title,
      profile: run.profile,
      finishedAt: run.finishedAt,
      setup: used ? `server on CPU ${used.serverCpu}, clients on CPU ${used.clientCpu}` : null,
      workPerSample: amount !== null ? { amount, unit: work } : null,
      serverLabel: kernel.helperServer.program.label,
      projection: kernel.projection ? { amount: kernel.projection.amount, unit: kernel.projection.work, label: kernel.projection.label } : null,
      rows,
      maxServerBusy: busy.length ? Math.max(...busy) : null,
    });
  }
  return out;
}
