/**
 * Numbered migrations of run files (as asv does): RUN_MIGRATIONS[v] turns a version-v object into a
 * version v+1 object. Reading applies them in order up to RUN_SCHEMA_VERSION, then validates; the
 * `npm run migrate` script (scripts/migrate.ts) writes the result back. A migration only adds or
 * renames fields: it never changes a measured number. Pure: objects in, objects out.
 */
import { RUN_SCHEMA_VERSION } from './schema/run.ts';

type Json = Record<string, unknown>;
export type Migration = (old: Json) => Json;

const isObject = (x: unknown): x is Json => typeof x === 'object' && x !== null && !Array.isArray(x);

/**
 * 1 -> 2: the machine gets `cpu` (null: version 1 did not record vendor, family, model, stepping),
 * and the whole run becomes one session (`sessions`, each implementation's `session`), which is
 * what it was: version 1 wrote every implementation of a run in one harness invocation.
 */
function v1ToV2(old: Json): Json {
  const machine = isObject(old.machine) ? { ...old.machine, cpu: old.machine.cpu ?? null } : old.machine;
  const id = typeof old.startedAt === 'string' ? old.startedAt : 'v1';
  const implementations = Array.isArray(old.implementations)
    ? old.implementations.map((i) => (isObject(i) ? { ...i, session: id } : i))
    : old.implementations;
  const session = { id, startedAt: old.startedAt, finishedAt: old.finishedAt, machine, toolchains: old.toolchains };
  return { ...old, schemaVersion: 2, machine, implementations, sessions: [session] };
}

/** Indexed by the version migrated from. */
export const RUN_MIGRATIONS: Readonly<Record<number, Migration>> = { 1: v1ToV2 };

export class MigrationError extends Error {}

/**
 * Brings a parsed run file up to RUN_SCHEMA_VERSION. Returns the object unchanged when it is
 * already current, or when it has no numeric version (validation then names the field).
 * Throws MigrationError for a version newer than this code, or one with no migration.
 */
export function migrateRun(data: unknown, migrations: Readonly<Record<number, Migration>> = RUN_MIGRATIONS, target: number = RUN_SCHEMA_VERSION): { data: unknown; from: number | null } {
  if (!isObject(data) || typeof data.schemaVersion !== 'number') return { data, from: null };
  const from = data.schemaVersion;
  if (from > target) throw new MigrationError(`version ${from} is newer than this claimbench understands (${target}); update claimbench (git pull) before reading it`);
  let cur: Json = data;
  for (let v = from; v < target; v++) {
    const step = migrations[v];
    if (!step) throw new MigrationError(`expected a version from 1 to ${target}, got ${from} (no migration from version ${v})`);
    cur = step(cur);
    if (cur.schemaVersion !== v + 1) throw new MigrationError(`migration from version ${v} produced version ${JSON.stringify(cur.schemaVersion)}`);
  }
  return { data: cur, from };
}

/**
 * Every measured number of a run file (samples, summaries, checksums, peak memory, threads, params),
 * in a stable order: a migration must leave this unchanged.
 */
export function measuredNumbers(data: unknown): unknown {
  if (!isObject(data) || !Array.isArray(data.implementations)) return null;
  return {
    params: data.params,
    implementations: data.implementations.map((i) => (isObject(i) ? [i.id, i.status, i.samplesNs, i.summary, i.checksum, i.threads, i.peakRssKiB, i.samplesPerProcess, i.extrapolated] : i)),
  };
}
