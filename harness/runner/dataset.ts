/**
 * The data-set step: a kernel's data set is made once per (generator or packaged file, seed,
 * parameters, pinned environment) and kept in .cache/datasets/<kernel>/<key>/<name>, where key
 * hashes all of them (src/lib/dataset-key.ts).
 * A stamp file written after the data set is complete (<name>.json: size and sha256) marks it
 * usable; a generator that died half-way leaves no stamp and is run again. Programs get the path
 * in CLAIMBENCH_DATASET; the run records name, size and sha256. Nothing is downloaded: a generator
 * is a program in the kernel folder, a packaged file comes from a package the kernel's own pinned
 * environment installed (npm run setup).
 */
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import type { DatasetDecl, Kernel } from '../../src/lib/schema/kernel.ts';
import type { ParamValue } from '../../src/lib/params.ts';
import type { FileSystem, ProcessRunner } from './effects.ts';
import { sha256 } from './results.ts';
import { kernelVenvPython } from './runtimes/python.ts';
import { localImports } from '../../src/lib/python-imports.ts';
import { generatorDatasetKey, generatorEnvironmentLock, isNodeGenerator, kernelLockPath, packagedDatasetKey, type KeyedFile } from '../../src/lib/dataset-key.ts';
import { projectRelative, type ToolPaths } from './runtimes/types.ts';

export const DATASET_ENV = 'CLAIMBENCH_DATASET';

export interface DatasetRecord {
  name: string;
  bytes: number;
  sha256: string;
}

export type DatasetOutcome =
  | { ok: true; path: string; record: DatasetRecord; reused: boolean }
  | { ok: false; reason: string; stderrTail: string };

export interface DatasetDeps {
  proc: ProcessRunner;
  fs: FileSystem;
  root: string;
  tools: ToolPaths;
}

/** The interpreter a kernel's generator or package lookup runs with (the kernel's environment first). */
export function datasetInterpreter(kernel: Pick<Kernel, 'id' | 'pythonLock'>, source: string, tools: ToolPaths): string {
  if (isNodeGenerator(source)) return tools.node ?? 'node';
  return kernel.pythonLock ? kernelVenvPython(kernel.id) : projectRelative(tools.python);
}

/** Toolchain entries the data-set step needs (detected with the implementations'). */
export function datasetToolchains(kernel: Pick<Kernel, 'id' | 'pythonLock' | 'dataset'>): string[] {
  const d = kernel.dataset;
  if (!d) return [];
  if (d.generator && isNodeGenerator(d.generator.source)) return ['node'];
  return [kernel.pythonLock ? `python@${kernel.id}` : 'python'];
}

const PACKAGE_COPY = [
  'import importlib.metadata as m, importlib.resources as r, shutil, sys',
  'pkg, rel, out = sys.argv[1:4]',
  'src = r.files(pkg).joinpath(rel)',
  'if not src.is_file(): sys.exit(f"package {pkg} ships no file {rel}")',
  'with src.open("rb") as f, open(out, "wb") as g: shutil.copyfileobj(f, g)',
  'print(m.version(pkg))',
].join('\n');

const tail = (s: string) => (s.length > 2000 ? `…${s.slice(-2000)}` : s);

/**
 * The cache key (src/lib/dataset-key.ts): reads what the data set is made from. A generator's key
 * covers its own text and that of every repository module it imports, directly or not
 * (src/lib/python-imports.ts), so that a change to a shared module (data-loading's generator reads
 * its paragraphs with the tokenizer kernel's gen_corpus.py) makes the data set again, and the lock
 * file of the environment it runs in, so that a new pinned package version does too.
 * Throws an error naming the file it could not read.
 */
export async function datasetKey(kernel: Pick<Kernel, 'id' | 'params' | 'pythonLock'>, d: DatasetDecl, params: Record<string, ParamValue>, deps: Pick<DatasetDeps, 'fs' | 'root'>): Promise<string> {
  const readRel = async (rel: string, role: string): Promise<string> => {
    try {
      return await deps.fs.readText(join(deps.root, rel));
    } catch (e) {
      throw new Error(`${role} ${rel}: ${(e as Error).message}`);
    }
  };
  if (d.generator) {
    const entry = `harness/kernels/${kernel.id}/${d.generator.source}`;
    const text = await readRel(entry, 'the generator');
    const imports: KeyedFile[] = [];
    if (d.generator.source.endsWith('.py')) {
      const read = async (rel: string) => (deps.fs.exists(join(deps.root, rel)) ? deps.fs.readText(join(deps.root, rel)) : null);
      for (const f of await localImports(entry, read)) imports.push({ path: f, text: await readRel(f, 'the module') });
    }
    const lock = generatorEnvironmentLock(kernel, d.generator.source);
    return generatorDatasetKey({
      name: d.name, source: d.generator.source, text, seed: d.generator.seed,
      params: kernel.params.map((p) => [p.name, params[p.name]]),
      imports,
      environment: { path: lock, text: await readRel(lock, 'the lock file of the generator\'s environment') },
    });
  }
  // A packaged file depends on the package version, which the kernel's lock pins.
  const lock = await readRel(kernelLockPath(kernel), 'the kernel\'s lock file');
  return packagedDatasetKey({ name: d.name, packageName: d.package!.name, file: d.package!.file, lock });
}

/** Makes (or reuses) the kernel's data set for these parameters. Failures are returned, never thrown. */
export async function prepareDataset(kernel: Kernel, params: Record<string, ParamValue>, deps: DatasetDeps): Promise<DatasetOutcome> {
  const d = kernel.dataset!;
  const what = d.generator ? `generator harness/kernels/${kernel.id}/${d.generator.source}` : `packaged file ${d.package!.file} of ${d.package!.name}`;
  let key: string;
  try {
    key = await datasetKey(kernel, d, params, deps);
  } catch (e) {
    return { ok: false, reason: `data set "${d.name}": cannot read ${(e as Error).message}`, stderrTail: '' };
  }
  const dir = `.cache/datasets/${kernel.id}/${key.slice(0, 16)}`;
  const rel = `${dir}/${d.name}`;
  const abs = join(deps.root, rel);
  const stamp = `${abs}.json`;
  if (deps.fs.exists(stamp) && deps.fs.exists(abs)) {
    try {
      const record = JSON.parse(await deps.fs.readText(stamp)) as DatasetRecord;
      if (typeof record.bytes === 'number' && typeof record.sha256 === 'string') return { ok: true, path: rel, record, reused: true };
    } catch {
      /* a damaged stamp: make the data set again */
    }
  }
  await deps.fs.mkdirp(join(deps.root, dir));
  const interp = datasetInterpreter(kernel, d.generator?.source ?? '.py', deps.tools);
  const argv = d.generator
    ? [`harness/kernels/${kernel.id}/${d.generator.source}`, rel, String(d.generator.seed), ...kernel.params.map((p) => String(params[p.name]))]
    : ['-c', PACKAGE_COPY, d.package!.name, d.package!.file, rel];
  const r = await deps.proc.run(interp, argv, { cwd: deps.root, timeoutMs: 600_000 });
  if (r.spawnError || r.timedOut || r.exitCode !== 0) {
    const how = r.spawnError ? `could not start ${interp}: ${r.spawnError}` : r.timedOut ? 'ran past 10 minutes and was killed' : r.signal ? `killed by ${r.signal}` : `exited with code ${r.exitCode}`;
    const first = r.stderr.trim().split('\n').at(-1) ?? '';
    return { ok: false, reason: `data set "${d.name}": the ${what} failed (${how})${first ? `: ${first.slice(0, 200)}` : ''}`, stderrTail: tail(r.stderr) };
  }
  if (!deps.fs.exists(abs)) return { ok: false, reason: `data set "${d.name}": the ${what} exited cleanly but wrote no file at ${rel}`, stderrTail: tail(r.stderr) };
  const bytes = await deps.fs.readBytes(abs);
  const record: DatasetRecord = { name: d.name, bytes: bytes.byteLength, sha256: sha256Bytes(bytes) };
  await deps.fs.writeAtomic(stamp, `${JSON.stringify(record)}\n`);
  return { ok: true, path: rel, record, reused: false };
}

function sha256Bytes(b: Uint8Array): string {
  // results.ts's sha256 hashes parts with separators; a data set's hash is of its bytes alone, so
  // that `sha256sum` on the file gives the recorded value.
  return createHash('sha256').update(b).digest('hex');
}
