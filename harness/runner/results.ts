/**
 * Result files: content hashes that decide reuse, a lock so two harness processes cannot write at
 * once, and reading an existing result without ever silently replacing a corrupt one.
 */
import { join } from 'node:path';
import type { Machine, Run, Toolchain } from '../../src/lib/schema/run.ts';
import { parseRunFile, QUICK_DIR, VARIANTS_DIR } from '../../src/io/load.ts';
import type { Profile } from '../../src/lib/schema/kernel.ts';
import type { FileSystem } from './effects.ts';
import { HARNESS_EPOCH } from '../../src/lib/protocol.ts';
import { kernelHashOf, sha256 } from '../../src/lib/kernel-hash.ts';

export { sha256 };

/**
 * Hash over every file of the kernel folder (names and contents), build outputs excluded, and the
 * protocol helper files its programs use (`helper.files`, relative to `helper.root`; see
 * kernelHelperFiles in src/lib/kernel-hash.ts): a changed helper changes every kernel built with
 * it. The definition is src/lib/kernel-hash.ts, which `npm run check` also uses.
 */
export async function kernelHash(fs: FileSystem, kernelDir: string, helper: { root: string; files: readonly string[] } = { root: '', files: [] }): Promise<string> {
  const kernelFiles: Array<readonly [string, Uint8Array]> = [];
  for (const f of await fs.listFiles(kernelDir)) kernelFiles.push([f, await fs.readBytes(join(kernelDir, f))]);
  const helperFiles: Array<readonly [string, Uint8Array]> = [];
  for (const f of helper.files) helperFiles.push([f, await fs.readBytes(join(helper.root, f))]);
  return kernelHashOf(kernelFiles, helperFiles);
}

/** Everything that decides whether an earlier result may be reused. */
export function inputsHash(x: { kernelHash: string; toolchains: Record<string, Toolchain>; machine: Machine; profile: string; params: Record<string, number | string>; implIds: string[] }): string {
  const { memoryBytes: _m, cpuMHz: _f, ...machine } = x.machine;
  return sha256([
    String(HARNESS_EPOCH),
    x.kernelHash,
    // Versions only: the wording of a "missing" hint is not an input of a measurement.
    JSON.stringify(Object.entries(x.toolchains).map(([k, t]) => [k, t.version]).sort()),
    JSON.stringify(machine),
    x.profile,
    JSON.stringify(Object.entries(x.params).sort()),
    x.implIds.join(','),
  ]);
}

export { VARIANTS_DIR };

/** content/runs/<machine>/variants/<variant>/<kernel>.json: a kernel variant's run (full profile only). */
export function variantRunPath(root: string, machineId: string, kernelId: string, variant: string): string {
  return join(root, 'content/runs', machineId, VARIANTS_DIR, variant, `${kernelId}.json`);
}

/** content/runs/<machine>/<kernel>.json (full profile) or content/runs/<machine>/quick/<kernel>.json. */
export function runPath(root: string, machineId: string, kernelId: string, profile: Profile = 'full'): string {
  return profile === 'quick' ? join(root, 'content/runs', machineId, QUICK_DIR, `${kernelId}.json`) : join(root, 'content/runs', machineId, `${kernelId}.json`);
}

/** Reads an existing result; null when there is none. A corrupt file throws (naming it). */
export async function readExisting(fs: FileSystem, path: string, rel: string): Promise<Run | null> {
  if (!fs.exists(path)) return null;
  return parseRunFile(await fs.readText(path), rel);
}

export class LockError extends Error {}

/** Takes the harness lock; a lock left by a dead process is taken over. */
export async function acquireLock(fs: FileSystem, path: string, pid: number, isAlive: (pid: number) => boolean): Promise<() => Promise<void>> {
  for (let attempt = 0; attempt < 2; attempt++) {
    if (await fs.createExclusive(path, String(pid))) return () => fs.remove(path);
    const holder = Number((await fs.readText(path).catch(() => '')).trim());
    if (Number.isInteger(holder) && holder > 0 && isAlive(holder)) {
      throw new LockError(`another harness process (pid ${holder}) is running; wait for it to finish, or remove ${path} if that process is not a harness`);
    }
    await fs.remove(path); // stale: its process is gone
  }
  throw new LockError(`could not take the lock ${path}`);
}

export function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}
