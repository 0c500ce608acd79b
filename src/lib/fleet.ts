/**
 * The fleet's artifacts and their validation before merge. A runner of the fleet workflow uploads
 * content/runs/<machine>/ with a manifest (scripts/fleet-pack.ts); the merge job
 * (scripts/merge-runs.ts) accepts a run only when it passes everything `npm run check` asks of a
 * hand-committed run (src/lib/run-validation.ts) and, in addition: its kernel hash is the hash of
 * the kernel's sources at the manifest's commit, and its machine id is the one its fingerprint
 * gives and names no other CPU. Pure: the caller reads files and git.
 */
import { z } from 'zod';
import type { FileProblem } from './schema-errors.ts';
import type { Kernel } from './schema/kernel.ts';
import type { Machine, Run, RunSource } from './schema/run.ts';
import { validateRun } from './run-validation.ts';
import { isLegacyMachineId, machineId, memoryClassGiB } from './machine.ts';

export const MANIFEST_VERSION = 1 as const;

/** manifest.json at the top of a fleet artifact. */
export const FleetManifest = z.strictObject({
  schemaVersion: z.literal(MANIFEST_VERSION),
  /** The commit measured (GITHUB_SHA). */
  commit: z.string().regex(/^[0-9a-f]{40}$/),
  runnerLabel: z.string().regex(/^[A-Za-z0-9._-]+$/),
  runnerName: z.string().min(1).max(200),
  workflowRunId: z.string().regex(/^\d+$/),
  workflowRunUrl: z.url({ protocol: /^https$/ }),
  /** The machine id the runner's fingerprint gave: the one folder under runs/. */
  machine: z.string().regex(/^[a-z0-9][a-z0-9-]*$/),
  /** Kernel id -> kernel hash of each run file packed. */
  kernels: z.record(z.string(), z.string().regex(/^[0-9a-f]{64}$/)),
  /** Toolchain -> version (null: missing) as the runs recorded them. */
  toolchains: z.record(z.string(), z.string().nullable()),
});
export type FleetManifest = z.infer<typeof FleetManifest>;

/** The run's source as the merge records it. */
export function sourceOf(m: FleetManifest): RunSource {
  return { kind: 'ci', runnerLabel: m.runnerLabel, runnerName: m.runnerName, workflowRunId: m.workflowRunId, workflowRunUrl: m.workflowRunUrl, commit: m.commit };
}

/** The manifest of one runner's runs (what fleet-pack writes). */
export function manifestFor(runs: readonly Run[], ctx: Omit<FleetManifest, 'schemaVersion' | 'kernels' | 'toolchains' | 'machine'> & { machine: string }): FleetManifest {
  const kernels: Record<string, string> = {};
  const toolchains: Record<string, string | null> = {};
  for (const r of runs) {
    kernels[r.kernel + (r.variant ? `/${r.variant}` : '') + (r.profile === 'quick' ? '@quick' : '')] = r.kernelHash;
    for (const [t, v] of Object.entries(r.toolchains)) toolchains[t] = v.version;
  }
  return { schemaVersion: MANIFEST_VERSION, ...ctx, kernels, toolchains };
}

/** What identifies a CPU for collision checks: two runs under one id must agree on all of it. */
function cpuKey(m: Machine): string {
  return JSON.stringify([m.arch, m.cpuModel, m.cpu, m.cores, memoryClassGiB(m.memoryBytes)]);
}

export interface IncomingRun {
  run: Run;
  /** Path shown in messages (artifact/runs/<machine>/<kernel>.json). */
  file: string;
  /** The folder name the run was found in. */
  folder: string;
  manifest: FleetManifest;
  /** Hash of harness/kernels/<run.kernel> at manifest.commit; null when that commit or kernel is unknown. */
  hashAtCommit: string | null;
}

/**
 * Problems of one incoming run; empty when it may be merged. `known`: one machine description per id
 * already in content/runs or accepted earlier in this merge (collisions are checked against them).
 */
export function fleetRunProblems(x: IncomingRun, kernels: ReadonlyMap<string, Kernel>, known: ReadonlyMap<string, Machine>): FileProblem[] {
  const { run, file, manifest } = x;
  const problems = validateRun(run, kernels, file);
  const add = (field: string, message: string) => problems.push({ file, field, message });
  if (x.hashAtCommit === null) add('kernelHash', `expected harness/kernels/${run.kernel} to exist at the manifest's commit ${manifest.commit.slice(0, 12)} (is the commit on this repository's history?)`);
  else if (run.kernelHash !== x.hashAtCommit) add('kernelHash', `expected ${x.hashAtCommit.slice(0, 12)}… (the kernel's sources at commit ${manifest.commit.slice(0, 12)}), got ${run.kernelHash.slice(0, 12)}…`);
  if (run.machine.id !== x.folder) add('machine.id', `expected "${x.folder}" (the folder it was uploaded in), got "${run.machine.id}"`);
  if (run.machine.id !== manifest.machine) add('machine.id', `expected "${manifest.machine}" (the manifest's machine), got "${run.machine.id}"`);
  if (!isLegacyMachineId(run.machine.id) || run.machine.cpu !== null) {
    const derived = machineId(run.machine);
    if (derived !== run.machine.id) add('machine.id', `expected "${derived}" (derived from the run's own CPU model, identity, cores and memory), got "${run.machine.id}"`);
  }
  const other = known.get(run.machine.id);
  if (other && cpuKey(other) !== cpuKey(run.machine)) {
    add('machine', `expected the machine already known as "${run.machine.id}" (${other.cpuModel}, ${other.cores} CPUs), got ${run.machine.cpuModel}, ${run.machine.cores} CPUs: two CPUs must never share an id`);
  }
  return problems;
}

export interface MergeDecision {
  accepted: IncomingRun[];
  refused: Array<{ incoming: IncomingRun | null; file: string; problems: FileProblem[] }>;
}

/**
 * Judges every incoming run in order; an accepted run's machine becomes known, so two artifacts that
 * name one id for two CPUs cannot both pass. `unreadable`: files that could not be parsed at all.
 */
export function decideMerge(incoming: readonly IncomingRun[], kernels: ReadonlyMap<string, Kernel>, existing: ReadonlyMap<string, Machine>, unreadable: ReadonlyArray<{ file: string; problems: FileProblem[] }> = []): MergeDecision {
  const known = new Map(existing);
  const decision: MergeDecision = { accepted: [], refused: unreadable.map((u) => ({ incoming: null, ...u })) };
  const seen = new Set<string>();
  for (const x of incoming) {
    const problems = fleetRunProblems(x, kernels, known);
    const key = `${x.run.machine.id}/${x.run.variant ?? ''}/${x.run.kernel}/${x.run.profile}`;
    if (seen.has(key)) problems.push({ file: x.file, field: 'kernel', message: `expected one run of ${x.run.kernel} (${x.run.profile}) per machine in a merge, got a second for "${x.run.machine.id}"` });
    if (problems.length > 0) {
      decision.refused.push({ incoming: x, file: x.file, problems });
      continue;
    }
    seen.add(key);
    known.set(x.run.machine.id, x.run.machine);
    decision.accepted.push(x);
  }
  return decision;
}

/** The job summary (Markdown): what was merged, and each refused run with its reasons. */
export function mergeSummary(d: MergeDecision): string {
  const esc = (s: string) => s.replace(/[|<>`]/g, (c) => `\\${c}`).replace(/\n/g, ' ');
  const lines = ['## Fleet merge', '', `${d.accepted.length} run(s) passed validation and are proposed; ${d.refused.length} refused.`, ''];
  if (d.accepted.length > 0) {
    lines.push('| Machine | Kernel | Profile | Runner | Commit |', '| --- | --- | --- | --- | --- |');
    for (const a of d.accepted) lines.push(`| ${esc(a.run.machine.id)} | ${esc(a.run.kernel)} | ${a.run.profile} | ${esc(a.manifest.runnerLabel)} (${esc(a.manifest.runnerName)}) | ${a.manifest.commit.slice(0, 12)} |`);
    lines.push('');
  }
  if (d.refused.length > 0) {
    lines.push('### Refused (never merged)', '');
    for (const r of d.refused) {
      lines.push(`- \`${esc(r.file)}\``);
      for (const p of r.problems) lines.push(`  - ${esc(p.field || '(file)')}: ${esc(p.message)}`);
    }
    lines.push('');
  }
  return lines.join('\n');
}
