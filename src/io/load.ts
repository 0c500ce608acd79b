/**
 * Reads every input file of the project (articles, claims, kernels, runs), parses each once at the
 * file boundary, and cross-checks references between them. All problems are collected and thrown
 * together as one ValidationError naming each file and field.
 */
import type { z } from 'zod';
import { readdirSync, readFileSync, existsSync, statSync } from 'node:fs';
import { join, relative, basename } from 'node:path';
import { parse as parseYaml, YAMLParseError } from 'yaml';
import { ValidationError, parseWith, type FileProblem } from '../lib/schema-errors.ts';
import { ArticleFrontmatter, type Article } from '../lib/schema/article.ts';
import { Claim, type COMPARISONS, type UNITS } from '../lib/schema/claim.ts';

const UNITS_BY_COMPARISON: Record<(typeof COMPARISONS)[number], ReadonlyArray<(typeof UNITS)[number]>> = {
  ratio: ['x'],
  time: ['s', 'ms', 'us', 'ns'],
  memory: ['MB', 'GB', 'bytes'],
};
import { Kernel } from '../lib/schema/kernel.ts';
import { Run, RUN_SCHEMA_VERSION } from '../lib/schema/run.ts';
import { validateRun, kernelHashProblem } from '../lib/run-validation.ts';
import { knownKernelHashes } from './kernel-history.ts';
import { migrateRun, MigrationError } from '../lib/migrate.ts';
import { preferredRuns } from '../lib/runs.ts';
import { SCHEMA_VERSION } from '../lib/schema/common.ts';

import type { Dataset as ViewDataset } from '../lib/view.ts';
import { NoiseResult } from '../lib/schema/noise.ts';
import { ProbeDef, ProbeRun } from '../lib/schema/probe.ts';

/** Everything on disk: the view's dataset plus each machine's noise test and its older runs. */
export interface Dataset extends ViewDataset {
  /** One A/A noise test per machine that ran one (content/runs/<machine>/noise.json). */
  noise: NoiseResult[];
  /** Runs replaced by newer ones (content/runs/<machine>/history/<kernel>/*.json), oldest first. */
  history: Run[];
  /** Our minimal programs about code (harness/probes/<id>/probe.yaml). */
  probes: ProbeDef[];
  /** Their outcomes, one file per machine (content/runs/<machine>/probes.json). */
  probeRuns: ProbeRun[];
  /** What the reader of `npm run check` should know although nothing was refused (a check that could not run, a run left out). */
  notices: string[];
  /** Quick-profile runs not shown because the same machine has a full run of the kernel (kept on disk). */
  shadowedRuns: Run[];
}

export interface LoadOptions {
  /** Trace every run's kernelHash to a version of its kernel in git history (default true). */
  verifyKernelHashes?: boolean;
}

function listDir(dir: string): string[] {
  return existsSync(dir) ? readdirSync(dir).sort() : [];
}

class Collector {
  problems: FileProblem[] = [];
  readonly root: string;
  constructor(root: string) {
    this.root = root;
  }
  rel(path: string): string {
    return relative(this.root, path);
  }
  /** Runs `fn`; a ValidationError's problems are collected, any other error is recorded against `file`. */
  attempt<T>(file: string, fn: () => T): T | undefined {
    try {
      return fn();
    } catch (e) {
      if (e instanceof ValidationError) this.problems.push(...e.problems);
      else this.problems.push({ file, field: '', message: e instanceof Error ? e.message : String(e) });
      return undefined;
    }
  }
  add(file: string, field: string, message: string): void {
    this.problems.push({ file, field, message });
  }
}

function readYaml(path: string, file: string): unknown {
  try {
    return parseYaml(readFileSync(path, 'utf8'), { prettyErrors: true });
  } catch (e) {
    if (e instanceof YAMLParseError) {
      const line = e.linePos?.[0];
      throw new ValidationError([{ file, field: '', message: `YAML syntax error${line ? ` at line ${line.line}, column ${line.col}` : ''}: ${e.message.split('\n')[0]}` }]);
    }
    throw e;
  }
}

/** Splits an MDX file into its YAML frontmatter and body. */
export function splitFrontmatter(text: string, file: string): { data: unknown; body: string } {
  const m = /^---\r?\n([\s\S]*?)\r?\n---\r?\n?([\s\S]*)$/.exec(text);
  if (!m) throw new ValidationError([{ file, field: '', message: 'expected YAML frontmatter between "---" lines at the top' }]);
  try {
    return { data: parseYaml(m[1]!), body: m[2]! };
  } catch (e) {
    throw new ValidationError([{ file, field: '', message: `frontmatter YAML syntax error: ${(e as Error).message.split('\n')[0]}` }]);
  }
}

function loadArticles(c: Collector): Article[] {
  const dir = join(c.root, 'content/articles');
  const out: Article[] = [];
  for (const name of listDir(dir).filter((n) => n.endsWith('.mdx'))) {
    const file = c.rel(join(dir, name));
    const a = c.attempt(file, () => {
      const { data } = splitFrontmatter(readFileSync(join(dir, name), 'utf8'), file);
      return { ...parseWith(ArticleFrontmatter, data, file), slug: basename(name, '.mdx') };
    });
    if (a) out.push(a);
  }
  return out;
}

function loadClaims(c: Collector): Claim[] {
  const dir = join(c.root, 'claims');
  const out: Claim[] = [];
  for (const folder of listDir(dir)) {
    if (!statSync(join(dir, folder)).isDirectory()) continue;
    for (const name of listDir(join(dir, folder)).filter((n) => n.endsWith('.yaml') || n.endsWith('.yml'))) {
      const file = c.rel(join(dir, folder, name));
      const claim = c.attempt(file, () => parseWith(Claim, readYaml(join(dir, folder, name), file), file));
      if (!claim) continue;
      const stem = name.replace(/\.ya?ml$/, '');
      if (claim.id !== stem) c.add(file, 'id', `expected the file name "${stem}", got "${claim.id}"`);
      if (claim.article !== folder) c.add(file, 'article', `expected the folder name "${folder}", got "${claim.article}"`);
      out.push(claim);
    }
  }
  return out;
}

function loadKernels(c: Collector): Kernel[] {
  const dir = join(c.root, 'harness/kernels');
  const out: Kernel[] = [];
  for (const folder of listDir(dir)) {
    const path = join(dir, folder, 'kernel.yaml');
    if (!existsSync(path)) continue;
    const file = c.rel(path);
    const k = c.attempt(file, () => parseWith(Kernel, readYaml(path, file), file));
    if (!k) continue;
    if (k.id !== folder) c.add(file, 'id', `expected the folder name "${folder}", got "${k.id}"`);
    if (MACHINE_FILES.includes(`${k.id}.json`)) c.add(file, 'id', `"${k.id}" is reserved (content/runs/<machine>/${k.id}.json holds something else); choose another id`);
    k.implementations.forEach((impl, n) => {
      if (!existsSync(join(dir, folder, impl.source))) c.add(file, `implementations.${n}.source`, `no such file or folder "${impl.source}" in ${c.rel(join(dir, folder))}`);
    });
    out.push(k);
  }
  return out;
}

function loadNoise(c: Collector): NoiseResult[] {
  const dir = join(c.root, 'content/runs');
  const out: NoiseResult[] = [];
  for (const machine of listDir(dir)) {
    const path = join(dir, machine, 'noise.json');
    if (!existsSync(path)) continue;
    const file = c.rel(path);
    const n = c.attempt(file, () => parseVersioned(NoiseResult, readFileSync(path, 'utf8'), file, 'npm run harness -- --noise'));
    if (!n) continue;
    if (n.machine.id !== machine) c.add(file, 'machine.id', `expected the folder name "${machine}", got "${n.machine.id}"`);
    out.push(n);
  }
  return out;
}

function loadProbeDefs(c: Collector): ProbeDef[] {
  const dir = join(c.root, 'harness/probes');
  const out: ProbeDef[] = [];
  for (const folder of listDir(dir)) {
    const path = join(dir, folder, 'probe.yaml');
    if (!existsSync(path)) continue;
    const file = c.rel(path);
    const p = c.attempt(file, () => parseWith(ProbeDef, readYaml(path, file), file));
    if (!p) continue;
    if (p.id !== folder) c.add(file, 'id', `expected the folder name "${folder}", got "${p.id}"`);
    if (!existsSync(join(dir, folder, p.source))) c.add(file, 'source', `no such file "${p.source}" in ${c.rel(join(dir, folder))}`);
    out.push(p);
  }
  return out;
}

function loadProbeRuns(c: Collector): ProbeRun[] {
  const dir = join(c.root, 'content/runs');
  const out: ProbeRun[] = [];
  for (const machine of listDir(dir)) {
    const path = join(dir, machine, 'probes.json');
    if (!existsSync(path)) continue;
    const file = c.rel(path);
    const r = c.attempt(file, () => parseVersioned(ProbeRun, readFileSync(path, 'utf8'), file, 'npm run harness -- --probes'));
    if (r) out.push(r);
  }
  return out;
}

function loadHistory(c: Collector): Array<{ run: Run; file: string }> {
  const dir = join(c.root, 'content/runs');
  const out: Array<{ run: Run; file: string }> = [];
  for (const machine of listDir(dir)) {
    const hdir = join(dir, machine, 'history');
    if (!existsSync(hdir)) continue;
    for (const kernel of listDir(hdir)) {
      for (const name of listDir(join(hdir, kernel)).filter((n) => n.endsWith('.json'))) {
        const file = c.rel(join(hdir, kernel, name));
        const run = c.attempt(file, () => parseRunFile(readFileSync(join(hdir, kernel, name), 'utf8'), file));
        if (run) out.push({ run, file });
      }
    }
  }
  return out.sort((a, b) => a.run.finishedAt.localeCompare(b.run.finishedAt));
}

/** Files in a machine's folder that are not kernel runs (so no kernel may take these names). */
export const MACHINE_FILES = ['noise.json', 'probes.json'];

/** Folder of a machine's quick-profile runs (content/runs/<machine>/quick/<kernel>.json). */
export const QUICK_DIR = 'quick';

/** Every run file, full and quick, of every machine. */
function loadRuns(c: Collector): Array<{ run: Run; file: string }> {
  const dir = join(c.root, 'content/runs');
  const out: Array<{ run: Run; file: string }> = [];
  for (const machine of listDir(dir)) {
    if (!statSync(join(dir, machine)).isDirectory()) continue;
    for (const [sub, profile] of [['', 'full'], [QUICK_DIR, 'quick']] as const) {
      const folder = join(dir, machine, sub);
      for (const name of listDir(folder).filter((n) => n.endsWith('.json') && !MACHINE_FILES.includes(n))) {
        const file = c.rel(join(folder, name));
        const run = c.attempt(file, () => parseRunFile(readFileSync(join(folder, name), 'utf8'), file));
        if (!run) continue;
        if (run.machine.id !== machine) c.add(file, 'machine.id', `expected the folder name "${machine}", got "${run.machine.id}"`);
        if (run.kernel !== basename(name, '.json')) c.add(file, 'kernel', `expected the file name "${basename(name, '.json')}", got "${run.kernel}"`);
        if (run.profile !== profile) c.add(file, 'profile', profile === 'quick' ? `expected "quick" in the ${QUICK_DIR}/ folder, got "${run.profile}"` : `expected "full" (quick runs go to ${c.rel(join(dir, machine, QUICK_DIR))}/), got "${run.profile}"`);
        out.push({ run, file });
      }
    }
  }
  return out;
}

function parseJson(text: string, file: string): unknown {
  try {
    return JSON.parse(text);
  } catch (e) {
    throw new ValidationError([{ file, field: '', message: `not valid JSON (${(e as Error).message}); the file is corrupt: restore it from git (git checkout -- ${file}) or delete it to re-measure` }]);
  }
}

function checkVersion(v: unknown, current: number, file: string, remeasure: string): void {
  if (typeof v === 'number' && v > current) {
    throw new ValidationError([{ file, field: 'schemaVersion', message: `version ${v} is newer than this claimbench understands (${current}); update claimbench (git pull) before reading it` }]);
  }
  if (v !== current) {
    throw new ValidationError([{ file, field: 'schemaVersion', message: `expected ${current}, got ${JSON.stringify(v)}; re-measure with "${remeasure}" or migrate the file` }]);
  }
}

/**
 * Parses a persisted JSON file with a schemaVersion: refuses a corrupt file or an unknown version
 * with the next step to take, then validates it.
 */
export function parseVersioned<S extends z.ZodType>(schema: S, text: string, file: string, remeasure: string): z.output<S> {
  const data = parseJson(text, file);
  checkVersion((data as { schemaVersion?: unknown } | null)?.schemaVersion, SCHEMA_VERSION, file, remeasure);
  return parseWith(schema, data, file);
}

/**
 * Parses a run file's text: an older schemaVersion is brought up to RUN_SCHEMA_VERSION through
 * the numbered migrations (src/lib/migrate.ts), then validated.
 */
export function parseRunFile(text: string, file: string): Run {
  let data = parseJson(text, file);
  try {
    data = migrateRun(data).data;
  } catch (e) {
    if (e instanceof MigrationError) throw new ValidationError([{ file, field: 'schemaVersion', message: e.message }]);
    throw e;
  }
  checkVersion((data as { schemaVersion?: unknown } | null)?.schemaVersion, RUN_SCHEMA_VERSION, file, 'npm run harness -- --fresh');
  return parseWith(Run, data, file);
}

function crossCheck(c: Collector, d: Dataset): void {
  const slugs = d.articles.map((a) => a.slug);
  const kernels = new Map(d.kernels.map((k) => [k.id, k]));
  const seen = new Map<string, string>();
  for (const claim of d.claims) {
    const file = `claims/${claim.article}/${claim.id}.yaml`;
    if (seen.has(claim.id)) c.add(file, 'id', `duplicate claim id, also used by ${seen.get(claim.id)}`);
    seen.set(claim.id, file);
    if (!slugs.includes(claim.article)) c.add(file, 'article', `expected one of [${slugs.join(', ')}], got "${claim.article}"`);
    if (claim.kind === 'measured' && claim.claimed.fact !== undefined) c.add(file, 'claimed.fact', 'a measured claim needs a number in claimed.value or claimed.range');
    if (claim.kind === 'measured') {
      const k = kernels.get(claim.check.kernel);
      const units = UNITS_BY_COMPARISON[claim.check.comparison];
      if (!units.includes(claim.claimed.unit)) c.add(file, 'claimed.unit', `a ${claim.check.comparison} comparison expects one of [${units.join(', ')}], got "${claim.claimed.unit}"`);
      if (claim.check.planned) {
        if (k) c.add(file, 'check.planned', `the kernel "${k.id}" exists now: remove "planned: true"`);
      } else if (!k) {
        c.add(file, 'check.kernel', `expected one of [${[...kernels.keys()].join(', ')}], got "${claim.check.kernel}" (for a kernel still to be written, add "planned: true")`);
      } else {
        const ids = k.implementations.map((i) => i.id);
        for (const side of ['baseline', 'subject'] as const) {
          const id = claim.check[side];
          if (id !== undefined && !ids.includes(id)) c.add(file, `check.${side}`, `expected one of [${ids.join(', ')}], got "${id}"`);
        }
        if (claim.check.metric !== undefined && !k.metrics.some((m) => m.id === claim.check.metric)) {
          c.add(file, 'check.metric', `expected a metric the kernel "${k.id}" declares [${k.metrics.map((m) => m.id).join(', ')}], got "${claim.check.metric}"`);
        }
        const from = claim.check.scaling?.from;
        if (from !== undefined) {
          const impl = k.implementations.find((i) => i.id === from);
          if (!impl) c.add(file, 'check.scaling.from', `expected one of [${ids.join(', ')}], got "${from}"`);
          else if (impl.parallel) c.add(file, 'check.scaling.from', `expected a single-threaded implementation, got the parallel "${from}"`);
        }
      }
    }
    if (claim.kind === 'probe' && !d.probes.some((p) => p.id === claim.check.probe)) {
      c.add(file, 'check.probe', `expected one of [${d.probes.map((p) => p.id).join(', ')}], got "${claim.check.probe}"`);
    }
    const againstSource = claim.kind === 'arithmetic' ? claim.check.against?.source : undefined;
    if (againstSource !== undefined && againstSource >= claim.sources.length) {
      c.add(file, 'check.against.source', `expected an index into sources (0 to ${claim.sources.length - 1}), got ${againstSource}`);
    }
    if (claim.kind === 'sourced') {
      const want = claim.claimed.fact ? claim.claimed.fact.kind : 'number';
      claim.check.findings.forEach((f, i) => {
        if (f.source >= claim.sources.length) c.add(file, `check.findings.${i}.source`, `expected an index into sources (0 to ${claim.sources.length - 1}), got ${f.source}`);
        if (f.fact.kind !== want) c.add(file, `check.findings.${i}.fact.kind`, `expected "${want}" (the kind of the claimed ${claim.claimed.fact ? 'fact' : 'figure'}), got "${f.fact.kind}"`);
      });
    }
  }
}

/**
 * Run files that may feed verdicts: each passes validateRun (kernel, implementations, samples,
 * checksums) and its kernelHash is traced to a version of its kernel in git history. A current run
 * that fails is refused; a replaced run (history/) whose kernel version is not in git history is
 * left out of the verdict history with a notice, so no earlier result is refused for it.
 */
function checkRuns(c: Collector, kernels: Kernel[], current: Array<{ run: Run; file: string }>, history: Array<{ run: Run; file: string }>, opts: LoadOptions, notices: string[]): { runs: Run[]; history: Run[] } {
  const byId = new Map(kernels.map((k) => [k.id, k]));
  for (const { run, file } of current) c.problems.push(...validateRun(run, byId, file));
  for (const { run, file } of history) c.problems.push(...validateRun(run, byId, file, { history: true }));
  if (opts.verifyKernelHashes === false) return { runs: current.map((r) => r.run), history: history.map((r) => r.run) };
  const known = knownKernelHashes(c.root, [...new Set([...current, ...history].map((r) => r.run.kernel).filter((k) => byId.has(k)))]);
  const unavailable = [...known.values()].find((k) => !k.available);
  if (unavailable && !unavailable.available) notices.push(`kernel hashes not checked: ${unavailable.why}`);
  for (const { run, file } of current) {
    const p = kernelHashProblem(run, known.get(run.kernel), file);
    if (p) c.problems.push(p);
  }
  const kept: Run[] = [];
  for (const { run, file } of history) {
    const p = kernelHashProblem(run, known.get(run.kernel), file);
    if (p) notices.push(`${file}: left out of the verdict history: its kernelHash matches no version of harness/kernels/${run.kernel} in git history`);
    else kept.push(run);
  }
  return { runs: current.map((r) => r.run), history: kept };
}

/** The run shown per machine and kernel (full preferred) and the quick runs it hides. */
function splitRuns(all: Run[]): { runs: Run[]; shadowedRuns: Run[] } {
  const runs = preferredRuns(all);
  return { runs, shadowedRuns: all.filter((r) => !runs.includes(r)) };
}

/** Loads and validates everything under `root`; throws one ValidationError listing every problem. */
export function loadDataset(root: string, opts: LoadOptions = {}): Dataset {
  const c = new Collector(root);
  const notices: string[] = [];
  const kernels = loadKernels(c);
  const { runs: all, history } = checkRuns(c, kernels, loadRuns(c), loadHistory(c), opts, notices);
  const d: Dataset = { articles: loadArticles(c), claims: loadClaims(c), kernels, ...splitRuns(all), noise: loadNoise(c), history, probes: loadProbeDefs(c), probeRuns: loadProbeRuns(c), notices };
  crossCheck(c, d);
  if (c.problems.length > 0) throw new ValidationError(c.problems);
  return d;
}

/** Loads and validates only the kernels (what the harness needs). */
export function loadKernelDefinitions(root: string): Kernel[] {
  const c = new Collector(root);
  const kernels = loadKernels(c);
  if (c.problems.length > 0) throw new ValidationError(c.problems);
  return kernels;
}

/** Loads and validates only the probes (what the harness needs). */
export function loadProbeDefinitions(root: string): ProbeDef[] {
  const c = new Collector(root);
  const probes = loadProbeDefs(c);
  if (c.problems.length > 0) throw new ValidationError(c.problems);
  return probes;
}
