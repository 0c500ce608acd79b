/**
 * The site's data, loaded once per build: the dataset from disk, the view model built from it,
 * and the source files of kernel implementations for display.
 */
import { readFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { loadDataset } from '../io/load.ts';
import { buildSiteModel, type SiteModel } from '../lib/view.ts';
import type { Implementation, Kernel } from '../lib/schema/kernel.ts';
import type { ProbeDef } from '../lib/schema/probe.ts';
import { protocolHelperFiles } from '../lib/protocol-helpers.ts';

let cached: SiteModel | null = null;

export function getSite(): SiteModel {
  if (!cached) {
    const d = loadDataset(process.cwd());
    for (const n of d.notices) console.warn(`notice: ${n}`);
    cached = buildSiteModel(d);
  }
  return cached;
}

export interface SourceFile {
  path: string;
  lang: string;
  code: string;
}

const LANG: Record<Implementation['language'], string> = { python: 'python', c: 'c', rust: 'rust', mojo: 'mojo' };

/** The files a reader needs to see to know what an implementation does. */
export function implementationSources(kernel: Kernel, impl: Implementation): SourceFile[] {
  const dir = join(process.cwd(), 'harness/kernels', kernel.id);
  const rel = (p: string) => `harness/kernels/${kernel.id}/${p}`;
  if (impl.language === 'rust') {
    const files = [`${impl.source}/src/bin/${impl.bin}.rs`, `${impl.source}/Cargo.toml`];
    const lib = `${impl.source}/src/lib.rs`;
    if (existsSync(join(dir, lib))) files.splice(1, 0, lib);
    return files.filter((f) => existsSync(join(dir, f))).map((f) => ({ path: rel(f), lang: f.endsWith('.toml') ? 'toml' : 'rust', code: readFileSync(join(dir, f), 'utf8') }));
  }
  return [{ path: rel(impl.source), lang: LANG[impl.language], code: readFileSync(join(dir, impl.source), 'utf8') }];
}


/**
 * The protocol helpers (argument parsing, clock, peak memory, the JSON line) that the given
 * implementations are built with, one set per language, for display beside their source.
 */
export function protocolSources(impls: readonly Implementation[]): Array<{ language: string; files: SourceFile[] }> {
  const languages = [...new Set(impls.map((i) => i.language))];
  return languages
    .map((language) => ({
      language,
      files: protocolHelperFiles(language).map((path) => ({ path, lang: path.endsWith('.toml') ? 'toml' : LANG[language as Implementation['language']] ?? language, code: readFileSync(join(process.cwd(), path), 'utf8') })),
    }))
    .filter((h) => h.files.length > 0);
}

/** A probe's program, for display. */
export function probeSource(def: ProbeDef): SourceFile {
  const path = `harness/probes/${def.id}/${def.source}`;
  return { path, lang: def.language, code: readFileSync(join(process.cwd(), path), 'utf8') };
}
