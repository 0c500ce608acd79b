/**
 * The data-set cache key: a hash of everything a kernel's data set is made from, so that
 * .cache/datasets/<kernel>/<key>/ holds a data set only as long as its inputs are unchanged
 * (harness/runner/dataset.ts reads the files and keeps the data sets). Pure: callers pass texts.
 *
 * - A generator's key covers its name, its program's text, the texts of the repository modules it
 *   imports (src/lib/python-imports.ts), its seed and the parameters, and the lock file that pins
 *   the packages of the environment it runs in (generatorEnvironmentLock): a new pinned version of
 *   a package the generator uses (data-loading's tokenizers, dataframe's tpchgen-cli) makes the
 *   data set again, and a change to another kernel's lock does not.
 * - A packaged file's key covers the package, the file and the kernel's lock (which pins the
 *   package's version).
 */
import { sha256 } from './kernel-hash.ts';
import type { Kernel } from './schema/kernel.ts';
import type { ParamValue } from './params.ts';

/** The repository's own Python environment (.venv): what a kernel without a pythonLock runs with. */
export const SHARED_PYTHON_LOCK = 'harness/requirements.lock';
/** What pins the npm packages a node program can import (node_modules at the repository root). */
export const NODE_LOCK = 'package-lock.json';

/** A generator that node runs (a .mjs or .js file); every other generator is a Python program. */
export function isNodeGenerator(source: string): boolean {
  return /\.(mjs|js)$/.test(source);
}

/** The kernel's own pip lock, repository-relative (the kernel must have one). */
export function kernelLockPath(kernel: Pick<Kernel, 'id' | 'pythonLock'>): string {
  return `harness/kernels/${kernel.id}/${kernel.pythonLock!}`;
}

/**
 * The lock file (repository-relative) that pins the packages a generator runs with: for a Python
 * generator the kernel's pythonLock when it has one (.venvs/<kernel>), otherwise the shared
 * harness/requirements.lock (.venv); for a node generator the repository's package-lock.json.
 */
export function generatorEnvironmentLock(kernel: Pick<Kernel, 'id' | 'pythonLock'>, source: string): string {
  if (isNodeGenerator(source)) return NODE_LOCK;
  return kernel.pythonLock ? kernelLockPath(kernel) : SHARED_PYTHON_LOCK;
}

/** A file that a key covers: its repository-relative path and its text. */
export interface KeyedFile {
  path: string;
  text: string;
}

export interface GeneratorKeyInputs {
  /** The data set's file name. */
  name: string;
  /** The generator program, as kernel.yaml names it (gen_data.py), and its text. */
  source: string;
  text: string;
  seed: number;
  /** Parameter values in the kernel's declared order. */
  params: Array<[string, ParamValue | undefined]>;
  /** The repository modules the generator imports, directly or not, sorted by path. */
  imports: KeyedFile[];
  /** The lock file of the environment the generator runs in (generatorEnvironmentLock). */
  environment: KeyedFile;
}

export function generatorDatasetKey(i: GeneratorKeyInputs): string {
  return sha256([
    'generator', i.name, i.source, i.text, String(i.seed), JSON.stringify(i.params),
    ...(i.imports.length > 0 ? ['imports', ...i.imports.flatMap((f) => [f.path, f.text])] : []),
    'environment', i.environment.path, sha256([i.environment.text]),
  ]);
}

export interface PackageKeyInputs {
  name: string;
  packageName: string;
  file: string;
  /** The text of the kernel's lock, which pins the package's version. */
  lock: string;
}

export function packagedDatasetKey(i: PackageKeyInputs): string {
  return sha256(['package', i.name, i.packageName, i.file, i.lock]);
}
