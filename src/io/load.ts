/**
 * Reads every input file of the project (articles, claims, kernels, runs), parses each once at the
 * file boundary, and cross-checks references between them. All problems are collected and thrown
 * together as one ValidationError naming each file and field.
 */
import type { z } from 'zod';
import { readdirSync, existsSync, lstatSync } from 'node:fs';
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
import { readUntrusted, linksUnder, linkProblemMessage, sourcePathProblem } from './untrusted.ts';
import { MAX_TEXT_CHARS, excerpt, overlongStrings, type FileKind } from '../lib/input-limits.ts';
import { articleBodyProblems } from '../lib/article-body.ts';
import { claimProblems } from '../lib/claim-validation.ts';
import { RUNTIMES, sourcesToShow } from '../lib/runtimes.ts';

/** Longest text in a run file (stderr tails are cut to 2,000 characters by the harness). */
const MAX_RUN_TEXT_CHARS = 16000;
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
  /** Runs of kernel variants (content/runs/<machine>/variants/<variant>/<kernel>.json); used only by claims naming the variant (`check.variant`). */
  variantRuns: Run[];
}

export interface LoadOptions {
  /** Trace every run's kernelHash to a version of its kernel in git history (default true). */
  verifyKernelHashes?: boolean;
}

/** Entries of a folder, sorted; hidden ones (.gitkeep, .DS_Store) left out. */
function listDir(dir: string): string[] {
  return existsSync(dir) ? readdirSync(dir).filter((n) => !n.startsWith('.')).sort() : [];
}

const isDir = (path: string) => lstatSync(path).isDirectory();

/**
 * The files of `dir` that end in `ext`; any other file is refused (a `.yml` or `.YAML` claim would
 * otherwise be skipped and its claim silently disappear). `what` names the expected file.
 */
function filesWithExtension(c: Collector, dir: string, ext: string, what: string): string[] {
  const out: string[] = [];
  for (const name of listDir(dir)) {
    const path = join(dir, name);
    const st = lstatSync(path);
    if (st.isSymbolicLink() || st.isDirectory()) continue; // links are refused by refuseLinks
    if (name.endsWith(ext)) out.push(name);
    else c.add(c.rel(path), '', `expected ${what} ending in "${ext}" (exactly, in lower case), got ${excerpt(name)}; the file would be skipped`);
  }
  return out;
}

/** Folders whose files are records or programs a record names: no symbolic links anywhere in them. */
const RECORD_FOLDERS = ['claims', 'content', 'harness/kernels', 'harness/probes', 'harness/protocol'];

function refuseLinks(c: Collector): void {
  for (const dir of RECORD_FOLDERS) for (const link of linksUnder(c.root, join(c.root, dir))) c.add(link, '', linkProblemMessage);
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

/** Refuses text fields over the limit, naming each (a 10 MB statement would bloat every page). */
function checkLengths(data: unknown, file: string, max = MAX_TEXT_CHARS): void {
  const long = overlongStrings(data, max);
  if (long.length > 0) throw new ValidationError(long.map(([field, n]) => ({ file, field, message: `expected at most ${max} characters, got ${n}` })));
}

function readYaml(path: string, file: string, kind: FileKind): unknown {
  const text = readUntrusted(path, file, kind);
  let data: unknown;
  try {
    data = parseYaml(text, { prettyErrors: true, maxAliasCount: 100 });
  } catch (e) {
    if (e instanceof YAMLParseError) {
      const line = e.linePos?.[0];
      throw new ValidationError([{ file, field: '', message: `YAML syntax error${line ? ` at line ${line.line}, column ${line.col}` : ''}: ${e.message.split('\n')[0]!.slice(0, 200)}` }]);
    }
    throw e;
  }
  checkLengths(data, file);
  return data;
}

/** Splits an MDX file into its YAML frontmatter and body. */
export function splitFrontmatter(text: string, file: string): { data: unknown; body: string; bodyLine: number } {
  const m = /^---\r?\n([\s\S]*?)\r?\n---\r?\n?([\s\S]*)$/.exec(text);
  if (!m) throw new ValidationError([{ file, field: '', message: 'expected YAML frontmatter between "---" lines at the top' }]);
  try {
    return { data: parseYaml(m[1]!, { maxAliasCount: 100 }), body: m[2]!, bodyLine: m[1]!.split('\n').length + 3 };
  } catch (e) {
    throw new ValidationError([{ file, field: '', message: `frontmatter YAML syntax error: ${(e as Error).message.split('\n')[0]!.slice(0, 200)}` }]);
  }
}

function loadArticles(c: Collector): Article[] {
  const dir = join(c.root, 'content/articles');
  const out: Article[] = [];
  for (const name of filesWithExtension(c, dir, '.mdx', 'an article file')) {
    const file = c.rel(join(dir, name));
    const a = c.attempt(file, () => {
      const { data, body, bodyLine } = splitFrontmatter(readUntrusted(join(dir, name), file, 'article'), file);
      checkLengths(data, file);
      const bodyProblems = articleBodyProblems(body);
      if (bodyProblems.length > 0) throw new ValidationError(bodyProblems.map((p) => ({ file, field: `line ${bodyLine + p.line - 1}`, message: p.message })));
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
    if (!isDir(join(dir, folder))) {
      if (!lstatSync(join(dir, folder)).isSymbolicLink()) c.add(c.rel(join(dir, folder)), '', 'expected claims/<article>/<id>.yaml, a folder per article; got a file directly in claims/, which would be skipped');
      continue;
    }
    for (const name of filesWithExtension(c, join(dir, folder), '.yaml', 'a claim file')) {
      const file = c.rel(join(dir, folder, name));
      const claim = c.attempt(file, () => parseWith(Claim, readYaml(join(dir, folder, name), file, 'claim'), file));
      if (!claim) continue;
      const stem = name.replace(/\.yaml$/, '');
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
    if (!isDir(join(dir, folder))) continue; // a link is refused by refuseLinks; a file here is harmless
    if (!existsSync(path)) {
      c.add(c.rel(path), '', 'expected the kernel definition kernel.yaml (exactly this name) in every kernel folder; without it the kernel is skipped');
      continue;
    }
    const file = c.rel(path);
    const k = c.attempt(file, () => parseWith(Kernel, readYaml(path, file, 'definition'), file));
    if (!k) continue;
    if (k.id !== folder) c.add(file, 'id', `expected the folder name "${folder}", got "${k.id}"`);
    if (MACHINE_FILES.includes(`${k.id}.json`)) c.add(file, 'id', `"${k.id}" is reserved (content/runs/<machine>/${k.id}.json holds something else); choose another id`);
    // The helper server (a client kernel's fixed server) is a program of the kernel like its implementations.
    const programs: Array<[typeof k.implementations[number], string]> = [
      ...k.implementations.map((impl, n) => [impl, `implementations.${n}`] as [typeof impl, string]),
      ...(k.helperServer ? [[k.helperServer.program, 'helperServer.program'] as [typeof k.implementations[number], string]] : []),
    ];
    for (const [impl, field] of programs) {
      const kdir = join(dir, folder);
      const folderSource = RUNTIMES[impl.runtime].source === 'folder';
      const problem = sourcePathProblem(kdir, impl.source, c.rel(kdir), folderSource ? 'folder' : 'file');
      if (problem) {
        c.add(file, `${field}.source`, problem);
        continue;
      }
      // The programs are published on the claim pages: each must be a text file within the size limit.
      const shown = sourcesToShow(impl, (f) => existsSync(join(kdir, f)));
      if (folderSource && !shown.includes(`${impl.source}/src/bin/${impl.bin}.rs`)) c.add(file, `${field}.bin`, `no such file ${excerpt(`${impl.source}/src/bin/${impl.bin}.rs`)} in ${c.rel(kdir)}`);
      for (const f of shown) c.attempt(c.rel(join(kdir, f)), () => readUntrusted(join(kdir, f), c.rel(join(kdir, f)), 'program'));
    }
    if (k.service) {
      // The service is run by the harness like a program: confined to the kernel folder, a text file within the limit.
      const kdir = join(dir, folder);
      const problem = sourcePathProblem(kdir, k.service.source, c.rel(kdir), 'file');
      if (problem) c.add(file, 'service.source', problem);
      else c.attempt(c.rel(join(kdir, k.service.source)), () => readUntrusted(join(kdir, k.service!.source), c.rel(join(kdir, k.service!.source)), 'program'));
    }
    out.push(k);
  }
  return out;
}

/**
 * One file per machine folder (`content/runs/<machine>/<name>`), such as the noise test or the
 * probes' outcomes: parsed through its versioned schema, its machine id checked against the folder.
 */
function loadPerMachine<S extends z.ZodType<{ machine: { id: string } }>>(c: Collector, name: string, schema: S, howToMake: string): Array<z.output<S>> {
  const dir = join(c.root, 'content/runs');
  const out: Array<z.output<S>> = [];
  for (const machine of listDir(dir)) {
    const path = join(dir, machine, name);
    if (!existsSync(path)) continue;
    const file = c.rel(path);
    const r = c.attempt(file, () => parseVersioned(schema, readUntrusted(path, file, 'run'), file, howToMake));
    if (!r) continue;
    if (r.machine.id !== machine) c.add(file, 'machine.id', `expected the folder name "${machine}", got "${r.machine.id}"`);
    out.push(r);
  }
  return out;
}

function loadNoise(c: Collector): NoiseResult[] {
  return loadPerMachine(c, 'noise.json', NoiseResult, 'npm run harness -- --noise');
}

function loadProbeDefs(c: Collector): ProbeDef[] {
  const dir = join(c.root, 'harness/probes');
  const out: ProbeDef[] = [];
  for (const folder of listDir(dir)) {
    const path = join(dir, folder, 'probe.yaml');
    if (!isDir(join(dir, folder))) continue;
    if (!existsSync(path)) {
      c.add(c.rel(path), '', 'expected the probe definition probe.yaml (exactly this name) in every probe folder; without it the probe is skipped');
      continue;
    }
    const file = c.rel(path);
    const p = c.attempt(file, () => parseWith(ProbeDef, readYaml(path, file, 'definition'), file));
    if (!p) continue;
    if (p.id !== folder) c.add(file, 'id', `expected the folder name "${folder}", got "${p.id}"`);
    const problem = sourcePathProblem(join(dir, folder), p.source, c.rel(join(dir, folder)), 'file');
    if (problem) c.add(file, 'source', problem);
    else c.attempt(c.rel(join(dir, folder, p.source)), () => readUntrusted(join(dir, folder, p.source), c.rel(join(dir, folder, p.source)), 'program'));
    out.push(p);
  }
  return out;
}

function loadProbeRuns(c: Collector): ProbeRun[] {
  return loadPerMachine(c, 'probes.json', ProbeRun, 'npm run harness -- --probes');
}

function loadHistory(c: Collector): Array<{ run: Run; file: string }> {
  const dir = join(c.root, 'content/runs');
  const out: Array<{ run: Run; file: string }> = [];
  // The main workloads' history, and each variant's (variants/<variant>/history/, checked to be that variant's runs).
  const read = (hdir: string, variant: string | null) => {
    if (!existsSync(hdir) || !isDir(hdir)) return;
    for (const kernel of listDir(hdir)) {
      for (const name of filesWithExtension(c, join(hdir, kernel), '.json', 'a run file')) {
        const file = c.rel(join(hdir, kernel, name));
        const run = c.attempt(file, () => parseRunFile(readUntrusted(join(hdir, kernel, name), file, 'run'), file));
        if (!run) continue;
        if ((run.variant ?? null) !== variant) c.add(file, 'variant', `expected ${variant === null ? 'none (a run of the main workload)' : `"${variant}", the variant folder it is in`}, got ${JSON.stringify(run.variant ?? null)}`);
        out.push({ run, file });
      }
    }
  };
  for (const machine of listDir(dir)) {
    read(join(dir, machine, 'history'), null);
    const vdir = join(dir, machine, VARIANTS_DIR);
    if (!existsSync(vdir) || !isDir(vdir)) continue;
    for (const variant of listDir(vdir)) if (isDir(join(vdir, variant))) read(join(vdir, variant, 'history'), variant);
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
    if (!isDir(join(dir, machine))) continue;
    for (const [sub, profile] of [['', 'full'], [QUICK_DIR, 'quick']] as const) {
      const folder = join(dir, machine, sub);
      for (const name of filesWithExtension(c, folder, '.json', 'a run file').filter((n) => !MACHINE_FILES.includes(n))) {
        const file = c.rel(join(folder, name));
        const run = c.attempt(file, () => parseRunFile(readUntrusted(join(folder, name), file, 'run'), file));
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

/** Folder of a machine's kernel-variant runs (content/runs/<machine>/variants/<variant>/<kernel>.json). */
export const VARIANTS_DIR = 'variants';

/** Every variant run of every machine, checked like a current run and against the kernel's variants. */
function loadVariantRuns(c: Collector, kernels: Kernel[], opts: LoadOptions, notices: string[]): Run[] {
  const dir = join(c.root, 'content/runs');
  const byId = new Map(kernels.map((k) => [k.id, k]));
  const found: Array<{ run: Run; file: string }> = [];
  for (const machine of listDir(dir)) {
    const vdir = join(dir, machine, VARIANTS_DIR);
    if (!isDir(join(dir, machine)) || !existsSync(vdir) || !isDir(vdir)) continue;
    for (const variant of listDir(vdir)) {
      if (!isDir(join(vdir, variant))) continue;
      for (const name of filesWithExtension(c, join(vdir, variant), '.json', 'a variant run file')) {
        const file = c.rel(join(vdir, variant, name));
        const run = c.attempt(file, () => parseRunFile(readUntrusted(join(vdir, variant, name), file, 'run'), file));
        if (!run) continue;
        if (run.machine.id !== machine) c.add(file, 'machine.id', `expected the folder name "${machine}", got "${run.machine.id}"`);
        if (run.kernel !== basename(name, '.json')) c.add(file, 'kernel', `expected the file name "${basename(name, '.json')}", got "${run.kernel}"`);
        if (run.variant !== variant) c.add(file, 'variant', `expected the folder name "${variant}", got ${JSON.stringify(run.variant ?? null)}`);
        if (run.profile !== 'full') c.add(file, 'profile', `expected "full" (variants run in the full profile only), got "${run.profile}"`);
        const k = byId.get(run.kernel);
        const declared = k?.variants.find((v) => v.id === variant);
        if (k && !declared) c.add(file, 'variant', `expected one of the variants harness/kernels/${k.id}/kernel.yaml declares [${k.variants.map((v) => v.id).join(', ')}], got "${variant}"`);
        const measures = declared?.implementations;
        run.implementations.forEach((r, n) => {
          if (measures && !measures.includes(r.id)) c.add(file, `implementations.${n}.id`, `expected one of the implementations variant "${variant}" measures [${measures.join(', ')}], got "${r.id}"`);
        });
        found.push({ run, file });
      }
    }
  }
  return found.length > 0 ? checkRuns(c, kernels, found, [], opts, notices).runs : [];
}

function parseJson(text: string, file: string): unknown {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (e) {
    throw new ValidationError([{ file, field: '', message: `not valid JSON (${(e as Error).message.slice(0, 200)}); the file is corrupt: restore it from git (git checkout -- ${file}) or delete it to re-measure` }]);
  }
  const long = overlongStrings(data, MAX_RUN_TEXT_CHARS);
  if (long.length > 0) throw new ValidationError(long.map(([field, n]) => ({ file, field, message: `expected at most ${MAX_RUN_TEXT_CHARS} characters, got ${n}` })));
  return data;
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
    c.problems.push(...claimProblems(claim, file));
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
        const variant = claim.check.variant === undefined ? undefined : k.variants.find((v) => v.id === claim.check.variant);
        if (claim.check.variant !== undefined && !variant) {
          c.add(file, 'check.variant', `expected one of the variants harness/kernels/${k.id}/kernel.yaml declares [${k.variants.map((v) => v.id).join(', ')}], got "${claim.check.variant}"`);
        }
        // A variant that lists its implementations measures only those: the claim's must be among them.
        const ids = (variant?.implementations ?? k.implementations.map((i) => i.id));
        const among = variant?.implementations ? ` (the implementations variant "${variant.id}" measures)` : '';
        for (const side of ['baseline', 'subject'] as const) {
          const id = claim.check[side];
          if (id !== undefined && !ids.includes(id)) c.add(file, `check.${side}`, `expected one of [${ids.join(', ')}]${among}, got "${id}"`);
        }
        if (claim.check.metric !== undefined && !k.metrics.some((m) => m.id === claim.check.metric)) {
          c.add(file, 'check.metric', `expected a metric the kernel "${k.id}" declares [${k.metrics.map((m) => m.id).join(', ')}], got "${claim.check.metric}"`);
        }
        const levels = k.server?.connections;
        if (levels && claim.check.connections === undefined) {
          c.add(file, 'check.connections', `expected the connection count the comparison is made at, one of the server kernel's [${levels.join(', ')}]`);
        } else if (levels && !levels.includes(claim.check.connections!)) {
          c.add(file, 'check.connections', `expected one of the server kernel's connection counts [${levels.join(', ')}], got ${claim.check.connections}`);
        } else if (!levels && claim.check.connections !== undefined) {
          c.add(file, 'check.connections', `expected no connection count: the kernel "${k.id}" is not a server kernel`);
        }
        (claim.check.beside ?? []).forEach((b, n) => {
          const v = b.variant === 'main' ? null : k.variants.find((x) => x.id === b.variant);
          if (v === undefined) {
            c.add(file, `check.beside.${n}.variant`, `expected "main" or one of the variants harness/kernels/${k.id}/kernel.yaml declares [${k.variants.map((x) => x.id).join(', ')}], got "${b.variant}"`);
            return;
          }
          const measures = v?.implementations ?? k.implementations.map((i) => i.id);
          for (const side of ['baseline', 'subject'] as const) {
            const id = claim.check[side];
            if (id !== undefined && !measures.includes(id)) c.add(file, `check.beside.${n}.variant`, `expected a workload that measures the check's ${side} "${id}"; "${b.variant}" measures [${measures.join(', ')}]`);
          }
        });
        const from = claim.check.scaling?.from;
        if (from !== undefined) {
          const impl = k.implementations.find((i) => i.id === from && ids.includes(i.id));
          if (!impl) c.add(file, 'check.scaling.from', `expected one of [${ids.join(', ')}]${among}, got "${from}"`);
          else if (impl.parallel) c.add(file, 'check.scaling.from', `expected a single-threaded implementation, got the parallel "${from}"`);
        }
        claim.check.spread?.pairs.forEach((pair, n) => {
          const pk = kernels.get(pair.kernel);
          if (!pk) {
            c.add(file, `check.spread.pairs.${n}.kernel`, `expected one of [${[...kernels.keys()].join(', ')}], got "${pair.kernel}"`);
            return;
          }
          const pids = pk.implementations.map((i) => i.id);
          for (const side of ['baseline', 'subject'] as const) {
            if (!pids.includes(pair[side])) c.add(file, `check.spread.pairs.${n}.${side}`, `expected one of [${pids.join(', ')}] (kernel "${pk.id}"), got "${pair[side]}"`);
          }
        });
      }
    }
    if (claim.kind === 'probe' && !d.probes.some((p) => p.id === claim.check.probe)) {
      c.add(file, 'check.probe', `expected one of [${d.probes.map((p) => p.id).join(', ')}], got "${claim.check.probe}"`);
    }
    if (claim.kind === 'sourced' && claim.check.probe && !d.probes.some((p) => p.id === claim.check.probe!.probe)) {
      c.add(file, 'check.probe.probe', `expected one of [${d.probes.map((p) => p.id).join(', ')}], got "${claim.check.probe.probe}"`);
    }
    const againstSource = claim.kind === 'arithmetic' ? claim.check.against?.source : undefined;
    if (againstSource !== undefined && againstSource >= claim.sources.length) {
      c.add(file, 'check.against.source', `expected an index into sources (0 to ${claim.sources.length - 1}), got ${againstSource}`);
    }
    if ((claim.kind === 'sourced' || claim.kind === 'arithmetic') && claim.measuredBy !== undefined) {
      const twin = d.claims.find((o) => o.id === claim.measuredBy);
      const measuredIds = d.claims.filter((o) => o.kind === 'measured').map((o) => o.id);
      if (!twin) c.add(file, 'measuredBy', `expected the id of a measured claim (kind measured) checking the same figure, one of [${measuredIds.join(', ')}]; got "${claim.measuredBy}", which no claim has`);
      else if (twin.kind !== 'measured') c.add(file, 'measuredBy', `expected the id of a measured claim (kind measured) checking the same figure; "${twin.id}" is a ${twin.kind} claim (claims/${twin.article}/${twin.id}.yaml)`);
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
  refuseLinks(c);
  const kernels = loadKernels(c);
  const { runs: all, history } = checkRuns(c, kernels, loadRuns(c), loadHistory(c), opts, notices);
  const variantRuns = loadVariantRuns(c, kernels, opts, notices);
  const d: Dataset = { articles: loadArticles(c), claims: loadClaims(c), kernels, ...splitRuns(all), noise: loadNoise(c), history, probes: loadProbeDefs(c), probeRuns: loadProbeRuns(c), notices, variantRuns };
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
