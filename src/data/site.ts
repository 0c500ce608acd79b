/**
 * The site's data, loaded once per build: the dataset from disk, the view model built from it,
 * and the source files of kernel implementations for display.
 */
import { existsSync } from 'node:fs';
import { readUntrusted } from '../io/untrusted.ts';
import { join } from 'node:path';
import { loadDataset } from '../io/load.ts';
import { buildSiteModel, type SiteModel } from '../lib/view.ts';
import type { Implementation, Kernel } from '../lib/schema/kernel.ts';
import type { ProbeDef } from '../lib/schema/probe.ts';
import { protocolHelperFiles } from '../lib/protocol-helpers.ts';
import { DISPLAY_LANG, RUNTIMES, sourcesToShow } from '../lib/runtimes.ts';

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

/** The files a reader needs to see to know what an implementation does (its runtime decides which). */
export function implementationSources(kernel: Kernel, impl: Implementation): SourceFile[] {
  const dir = join(process.cwd(), 'harness/kernels', kernel.id);
  const lang = DISPLAY_LANG[RUNTIMES[impl.runtime].language];
  return sourcesToShow(impl, (f) => existsSync(join(dir, f))).map((f) => ({
    path: `harness/kernels/${kernel.id}/${f}`,
    lang: f.endsWith('.toml') ? 'toml' : lang,
    code: readUntrusted(join(dir, f), `harness/kernels/${kernel.id}/${f}`, 'program'),
  }));
}

/**
 * The protocol helpers (argument parsing, clock, peak memory, the JSON line) that the given
 * implementations are built with, one set per source language, for display beside their source.
 */
export function protocolSources(impls: readonly Implementation[]): Array<{ language: string; files: SourceFile[] }> {
  const languages = [...new Set(impls.map((i) => RUNTIMES[i.runtime].language))];
  return languages
    .map((language) => ({
      language,
      files: protocolHelperFiles(language).map((path) => ({ path, lang: path.endsWith('.toml') ? 'toml' : path.endsWith('.h') ? 'c' : DISPLAY_LANG[language], code: readUntrusted(join(process.cwd(), path), path, 'program') })),
    }))
    .filter((h) => h.files.length > 0);
}

/** A probe's program, for display. */
export function probeSource(def: ProbeDef): SourceFile {
  const path = `harness/probes/${def.id}/${def.source}`;
  return { path, lang: def.language, code: readUntrusted(join(process.cwd(), path), path, 'program') };
}
