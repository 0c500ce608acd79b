/**
 * Server kernels on the machine page: for each run of a server kernel, one row per implementation
 * and connection count with requests/s, latency p50/p99 and the server's peak memory, and how the
 * load was made (generator, CPUs, durations). Pure: a view model the page only lays out.
 */
import type { Kernel } from '../schema/kernel.ts';
import type { Run, Status } from '../schema/run.ts';
import { serverMetrics } from '../load-generator.ts';
import { sweepSpec, type SweepRow } from './charts.ts';
import { measuresClaimWorkload } from '../runs.ts';

export interface ServerLoadRow {
  implId: string;
  label: string;
  status: Status;
  /** Why it failed or was skipped (first line). */
  reason: string | null;
  /** Null on the row of an implementation that has no measurement (failed, skipped). */
  connections: number | null;
  requestsPerSecond: number | null;
  p50Ns: number | null;
  p99Ns: number | null;
  requests: number | null;
  peakRssKiB: number | null;
}

export interface ServerLoadView {
  kernel: string;
  kernelTitle: string;
  /** The variant this run measured (null: the kernel's main workload). */
  variant: string | null;
  /** What the variant changes, from kernel.yaml (null for the main workload). */
  variantDescription: string | null;
  /** The section's id on the page: one per run, so a kernel's main workload and its variants never share one. */
  anchor: string;
  profile: string;
  finishedAt: string;
  /** "wrk debian/4.1.0-3+b2 [epoll], 1 thread on CPU 1; servers on CPU 0", when any ran. */
  setup: string | null;
  warmupSeconds: number | null;
  durationSeconds: number | null;
  path: string;
  rows: ServerLoadRow[];
}

/** The server-kernel runs of one machine, in kernel order. */
export function serverLoadViews(runs: readonly Run[], kernels: readonly Kernel[]): ServerLoadView[] {
  const out: ServerLoadView[] = [];
  // Kernel order, each kernel's main workload before its variants.
  for (const run of [...runs].sort((a, b) => a.kernel.localeCompare(b.kernel) || (a.variant ?? '').localeCompare(b.variant ?? ''))) {
    const kernel = kernels.find((k) => k.id === run.kernel);
    if (!kernel?.server) continue;
    const label = (id: string) => kernel.implementations.find((i) => i.id === id)?.label ?? id;
    const loaded = run.implementations.find((i) => i.load)?.load ?? null;
    const rows: ServerLoadRow[] = run.implementations.flatMap((r): ServerLoadRow[] => {
      const base = { implId: r.id, label: label(r.id), status: r.status, reason: r.status === 'ok' && !r.reason ? null : (r.reason?.split('\n')[0] ?? null), peakRssKiB: r.load?.serverPeakRssKiB ?? null };
      const levels = r.status === 'ok' ? (r.load?.levels ?? []) : [];
      if (levels.length === 0) return [{ ...base, connections: null, requestsPerSecond: null, p50Ns: null, p99Ns: null, requests: null }];
      return levels.map((l) => {
        const m = serverMetrics(r.load, l.connections)!;
        return { ...base, connections: l.connections, requestsPerSecond: m['requests-per-second']!, p50Ns: m['latency-p50']!, p99Ns: m['latency-p99']!, requests: l.requests };
      });
    });
    out.push({
      kernel: kernel.id,
      kernelTitle: kernel.title,
      variant: run.variant ?? null,
      variantDescription: run.variant ? (kernel.variants.find((v) => v.id === run.variant)?.description ?? null) : null,
      anchor: `server-${kernel.id}${run.variant ? `--${run.variant}` : ''}`,
      profile: run.profile,
      finishedAt: run.finishedAt,
      setup: loaded ? `${loaded.generator.version}, ${loaded.generator.threads} thread${loaded.generator.threads > 1 ? 's' : ''} on CPU ${loaded.generator.cpu}; servers on CPU ${loaded.serverCpu}` : null,
      warmupSeconds: loaded?.warmupSeconds ?? null,
      durationSeconds: loaded?.durationSeconds ?? null,
      path: loaded?.path ?? kernel.server.path,
      rows,
    });
  }
  return out;
}

/** A concurrency-sweep chart of one run: its id, title and Vega-Lite spec. */
export interface SweepChart {
  id: string;
  title: string;
  spec: Record<string, unknown>;
}

/**
 * For a measured claim on a server kernel: one chart per machine of requests/s at each connection
 * count for every implementation that ran (the claim's baseline and subject in their role colours),
 * from the runs of the claim's workload (its variant when it names one: variants load other endpoints).
 */
export function sweepChartsOf(claimId: string, check: { kernel: string; variant?: string | undefined; baseline?: string | undefined; subject: string }, runs: readonly Run[], kernel: Kernel | null): SweepChart[] {
  if (!kernel?.server) return [];
  return runs
    .filter((r) => measuresClaimWorkload(r, check))
    .flatMap((run) => {
      const rows: SweepRow[] = run.implementations.flatMap((r) =>
        r.status !== 'ok' || !r.load
          ? []
          : r.load.levels.map((l) => ({
              impl: r.id,
              role: r.id === check.subject ? 'subject' as const : r.id === check.baseline ? 'baseline' as const : 'other' as const,
              connections: l.connections,
              requestsPerSecond: l.requestsPerSecond,
            })),
      );
      const spec = sweepSpec(kernel.id, run.machine.id, rows);
      return spec ? [{ id: `${claimId}--sweep--${run.machine.id}`, title: `Requests per second at each connection count on ${run.machine.id}`, spec }] : [];
    });
}

/** What a claim names about the setup behind its figure (claimed.hardware), as far as the setup comparison needs. */
export interface ClaimedSetup {
  hardware?: { description: string; cores?: number | undefined } | undefined;
}

/**
 * For a measured claim on a server kernel: how our setup differs from the claim's, in a sentence
 * per machine from what the runs recorded (CPUs of the server and of the load generator, loopback,
 * the answer's size and media type, the connection counts and the one the verdict uses), then what
 * the claim names (its hardware, or that it names none). Null for other kernels or without a run.
 */
export function serverSetupText(claimed: ClaimedSetup, check: { kernel: string; variant?: string | undefined; connections?: number | undefined }, runs: readonly Run[], kernel: Kernel | null): string | null {
  if (!kernel?.server) return null;
  const sentences = runs.filter((r) => measuresClaimWorkload(r, check)).flatMap((run) => {
    const load = run.implementations.find((i) => i.status === 'ok' && i.load?.response)?.load;
    if (!load) return [];
    const body = load.response!;
    const counts = kernel.server!.connections;
    return [
      `Ours on ${run.machine.id}: each server on one CPU (CPU ${load.serverCpu} of ${run.machine.cores}) with one worker, the load generator (${load.generator.name}, ${load.generator.threads} thread${load.generator.threads > 1 ? 's' : ''}) on CPU ${load.generator.cpu} of the same machine, over loopback (no network card, no TLS, no proxy); GET ${load.path} answered with ${body.bytes} bytes${body.contentType ? ` of ${body.contentType}` : ''}; ${counts.length > 1 ? `${counts.slice(0, -1).join(', ')} and ${counts.at(-1)}` : counts[0]} keep-alive connections${check.connections !== undefined ? `, the verdict taken at ${check.connections}` : ''}.`,
    ];
  });
  if (sentences.length === 0) return null;
  const h = claimed.hardware;
  const theirs = h
    ? `The claim's: ${h.description}${h.cores !== undefined ? `, ${h.cores} cores` : ''}; anything else about its setup is not stated.`
    : "The claim's: not stated (no hardware, core count, payload, network or connection count), so its figure may come from a very different setup.";
  return `${sentences.join(' ')} ${theirs}`;
}
