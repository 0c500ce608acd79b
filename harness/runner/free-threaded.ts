/**
 * Free-threaded CPython detection: the project-built interpreters from
 * scripts/setup-free-threaded.sh (.toolchains/python3.Nt, the free-threaded build, and
 * .toolchains/python3.N, the GIL build of the same source and flags, for 3.13, 3.14 and 3.15) and
 * any free-threaded python3.13t/3.14t/3.15t on PATH. The builds live in a cache outside the work
 * tree (toolchainCacheDir) so every clone on a machine shares them; the setup script links
 * .toolchains to it. Pure: the caller passes PATH's folders and an exists() check.
 */
import { isAbsolute, join, normalize } from 'node:path';
import { PYTHON_VARIANTS } from '../../src/lib/runtimes.ts';

export interface FreeThreadedCandidate {
  /** The interpreter's file name, e.g. "python3.13t". */
  name: string;
  /** Absolute path of the interpreter. */
  path: string;
  /** "project": built into .toolchains/ by scripts/setup-free-threaded.sh; "path": found on PATH. */
  source: 'project' | 'path';
}

/** The project-built pairs, relative to the repository root (per version, free-threaded first). */
export const PROJECT_INTERPRETERS: ReadonlyArray<{ name: string; relPath: string }> = [...PYTHON_VARIANTS]
  .sort((a, b) => a.version.localeCompare(b.version) || Number(b.freeThreaded) - Number(a.freeThreaded))
  .map((v) => ({ name: v.id, relPath: `.toolchains/${v.id}/bin/${v.id}` }));

/**
 * Where scripts/setup-free-threaded.sh keeps the builds: $CLAIMBENCH_CACHE/toolchains, by default
 * ~/.cache/claimbench/toolchains (a relative CLAIMBENCH_CACHE is ignored, as the script refuses it).
 */
export function toolchainCacheDir(env: Readonly<Record<string, string | undefined>>, home: string): string {
  const c = env.CLAIMBENCH_CACHE;
  return c && isAbsolute(c) ? join(c, 'toolchains') : join(home, '.cache', 'claimbench', 'toolchains');
}

/** Free-threaded interpreter names looked for on PATH. */
export const PATH_NAMES: readonly string[] = ['python3.13t', 'python3.14t', 'python3.15t'];

/** PATH's folders in order (empty entries dropped). */
export function pathDirsFrom(pathVar: string | undefined): string[] {
  return (pathVar ?? '').split(':').filter((d) => d !== '');
}

/**
 * The project interpreters that exist, then, per name in PATH_NAMES, the first match in PATH order
 * (the one a shell would run). Relative PATH entries are ignored (they depend on the working
 * folder); a PATH match that is one of the project interpreters is not listed twice.
 */
export function freeThreadedCandidates(pathDirs: string[], exists: (p: string) => boolean, root: string): FreeThreadedCandidate[] {
  const out: FreeThreadedCandidate[] = [];
  const seen = new Set<string>();
  for (const { name, relPath } of PROJECT_INTERPRETERS) {
    const path = join(root, relPath);
    if (exists(path)) {
      out.push({ name, path, source: 'project' });
      seen.add(path);
    }
  }
  for (const name of PATH_NAMES) {
    for (const dir of pathDirs) {
      if (!isAbsolute(dir)) continue;
      const path = join(normalize(dir), name);
      if (!exists(path)) continue;
      if (!seen.has(path)) {
        out.push({ name, path, source: 'path' });
        seen.add(path);
      }
      break;
    }
  }
  return out;
}
