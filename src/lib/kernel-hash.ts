/**
 * The kernel hash: sha256 over a kernel folder's files (names and contents, in a fixed order) and
 * the protocol helper files its implementations use. One definition, shared by the harness (which
 * writes it into every run file) and `npm run check` (which looks for it among the versions of the
 * kernel in git history). Pure: callers pass the listing and the bytes.
 */
import { createHash } from 'node:crypto';
import { protocolHelperFilesFor } from './protocol-helpers.ts';
import { isRuntimeId, RUNTIMES } from './runtimes.ts';

export function sha256(parts: ReadonlyArray<string | Uint8Array>): string {
  const h = createHash('sha256');
  for (const p of parts) {
    h.update(typeof p === 'string' ? p : Buffer.from(p));
    h.update('\0');
  }
  return h.digest('hex');
}

export interface DirEntry {
  name: string;
  isDirectory: boolean;
}

/** Build outputs and hidden files are no part of a kernel's sources. */
function excluded(name: string): boolean {
  return name === 'target' || name.startsWith('.');
}

/**
 * Every file under a folder, relative to it, in hashing order: each folder's entries sorted by
 * name (localeCompare), subfolders walked in place; build outputs (`target/`) and hidden files
 * left out. `readdir` lists one folder, given relative to the top ('' for the top).
 */
export function listFilesInHashOrder(readdir: (relDir: string) => readonly DirEntry[]): string[] {
  const out: string[] = [];
  const walk = (rel: string) => {
    for (const ent of [...readdir(rel)].sort((a, b) => a.name.localeCompare(b.name))) {
      if (excluded(ent.name)) continue;
      const path = `${rel}${ent.name}`;
      if (ent.isDirectory) walk(`${path}/`);
      else out.push(path);
    }
  };
  walk('');
  return out;
}

/**
 * The protocol helper files (relative to the repository root) hashed with a kernel of these
 * implementations: by the source language of each one's runtime (kernel.yaml v2), or the language
 * a version 1 kernel.yaml names.
 */
export function kernelHelperFiles(implementations: ReadonlyArray<{ runtime?: string; language?: string }>): string[] {
  return protocolHelperFilesFor(implementations.flatMap((i) => {
    if (i.runtime !== undefined) return isRuntimeId(i.runtime) ? [RUNTIMES[i.runtime].language] : [];
    return i.language !== undefined ? [i.language] : [];
  }));
}

/**
 * The hash itself: the kernel folder's files (as listed by listFilesInHashOrder) then the helper
 * files (as listed by kernelHelperFiles), each as name and contents.
 */
export function kernelHashOf(kernelFiles: ReadonlyArray<readonly [string, Uint8Array]>, helperFiles: ReadonlyArray<readonly [string, Uint8Array]>): string {
  const parts: Array<string | Uint8Array> = [];
  for (const [name, bytes] of kernelFiles) parts.push(name, bytes);
  for (const [name, bytes] of helperFiles) parts.push(name, bytes);
  return sha256(parts);
}
