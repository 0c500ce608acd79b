/**
 * Which run of a machine the site shows, and how a session's results merge into a run file. Pure.
 *
 * A machine can hold two runs of a kernel: the full profile's (content/runs/<m>/<kernel>.json) and
 * the quick profile's (content/runs/<m>/quick/<kernel>.json). Both measure the same workload; the
 * full one has more samples, so it is preferred, and the quick one is shown only where no full one
 * exists. Neither ever replaces the other on disk.
 */
import type { ImplResult, Machine, Run, Session, Warning } from './schema/run.ts';

/** One run per (machine, kernel): the full-profile run when there is one, else the quick one. */
export function preferredRuns<R extends Pick<Run, 'machine' | 'kernel' | 'profile'>>(runs: readonly R[]): R[] {
  const best = new Map<string, R>();
  for (const r of runs) {
    const key = `${r.machine.id}\0${r.kernel}`;
    const cur = best.get(key);
    if (!cur || (cur.profile !== 'full' && r.profile === 'full')) best.set(key, r);
  }
  return runs.filter((r) => best.get(`${r.machine.id}\0${r.kernel}`) === r);
}

/**
 * Whether a run measured the workload a measured claim names: its kernel, and its variant
 * (`check.variant`) or the main workload when the claim names none.
 */
export function measuresClaimWorkload(run: Pick<Run, 'kernel' | 'variant'>, check: { kernel: string; variant?: string | undefined }): boolean {
  return run.kernel === check.kernel && (run.variant ?? undefined) === check.variant;
}

/** The committed file a run of the full profile lives in (a variant's under variants/<variant>/). */
export function runFilePath(run: { machine: Pick<Machine, 'id'>; kernel: string; variant?: string | undefined }): string {
  return `content/runs/${run.machine.id}/${run.variant ? `variants/${run.variant}/` : ''}${run.kernel}.json`;
}

/** The fingerprint fields that make two sessions comparable (what the reuse hash covers). */
export function fingerprintKey(m: Machine): string {
  const { memoryBytes: _m, cpuMHz: _f, ...rest } = m;
  return JSON.stringify(rest, Object.keys(rest).sort());
}

/** What differs between two fingerprints, as "field: a -> b" phrases. */
export function fingerprintDifferences(a: Machine, b: Machine): string[] {
  const out: string[] = [];
  for (const k of ['cpuModel', 'cpu', 'arch', 'cores', 'simd', 'os', 'kernelRelease', 'gpu'] as const) {
    const x = JSON.stringify(a[k] ?? null);
    const y = JSON.stringify(b[k] ?? null);
    if (x !== y) out.push(`${k}: ${x} -> ${y}`);
  }
  return out;
}

/**
 * Merges a new run (measured in one session, possibly only some implementations with --impl) into
 * the existing run file of the same machine, kernel and profile: the implementations the new
 * session measured replace their old results; the others keep theirs, with the session that
 * measured them. Sessions no implementation refers to any more are dropped. When the kept
 * sessions' fingerprints differ, the run gets a `mixed-sessions` warning naming what differs.
 * `measured` lists the implementations the new session actually ran (the rest of `next` are
 * placeholders "not selected for this run").
 */
export function mergeRun(existing: Run | null, next: Run, measured: readonly string[]): Run {
  if (!existing || existing.kernel !== next.kernel || existing.profile !== next.profile || JSON.stringify(existing.params) !== JSON.stringify(next.params)) return next;
  const session = next.sessions.at(-1)!;
  const byId = new Map(existing.implementations.map((i) => [i.id, i]));
  const implementations: ImplResult[] = next.implementations.map((i) => (measured.includes(i.id) ? i : (byId.get(i.id) ?? i)));
  const used = new Set(implementations.map((i) => i.session));
  const sessions: Session[] = [...existing.sessions.filter((s) => s.id !== session.id), session].filter((s) => used.has(s.id));
  const kept = new Set(implementations.filter((i) => !measured.includes(i.id)).map((i) => i.id));
  const warnings: Warning[] = [
    ...existing.warnings.filter((w) => w.impl !== undefined && kept.has(w.impl)),
    ...next.warnings.filter((w) => w.impl === undefined || measured.includes(w.impl)),
  ].filter((w) => w.code !== 'mixed-sessions');
  const mixed = mixedSessionsWarning(sessions);
  if (mixed) warnings.push(mixed);
  return {
    ...next,
    startedAt: sessions[0]!.startedAt < next.startedAt ? sessions[0]!.startedAt : next.startedAt,
    implementations,
    sessions,
    warnings,
  };
}

/** A warning when the sessions of one run were taken with different fingerprints; null otherwise. */
export function mixedSessionsWarning(sessions: readonly Session[]): Warning | null {
  const last = sessions.at(-1);
  if (!last) return null;
  const differing = sessions.filter((s) => fingerprintKey(s.machine) !== fingerprintKey(last.machine));
  if (differing.length === 0) return null;
  const what = [...new Set(differing.flatMap((s) => fingerprintDifferences(s.machine, last.machine)))];
  return {
    code: 'mixed-sessions',
    message: `its implementations were measured in ${sessions.length} sessions whose machines differ (${what.join('; ')}), so they may not compare like with like`,
    fix: 'measure every implementation of the kernel again in one session (npm run harness -- --kernel <id> --fresh)',
  };
}
