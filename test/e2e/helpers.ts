/** Shared by the e2e specs: what the records say, independently of the site's own code. */
import type { Page } from '@playwright/test';
import { readdirSync, readFileSync, existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';

export interface Rec { id: string; article: string; kind: string; topic: string; order: number; statement: string; check: { planned?: boolean; kernel?: string } }

/** Claim records straight from claims/, so a test notices a claim the site forgets. */
export function records(): Rec[] {
  return readdirSync('claims').filter((d) => !d.startsWith('.')).flatMap((article) =>
    readdirSync(join('claims', article)).filter((f) => /\.ya?ml$/.test(f)).map((f) => parse(readFileSync(join('claims', article, f), 'utf8')) as Rec),
  );
}

/** Machines and kernels with a current run file in content/runs (not noise.json, probes.json or history/). */
/** The run the site shows for each machine and kernel: the full-profile one, else the quick one (quick/). */
export function runFiles(): Array<{ machine: string; kernel: string; impls: number; profile: string; quickBeside: boolean }> {
  const dir = 'content/runs';
  if (!existsSync(dir)) return [];
  const read = (folder: string) =>
    existsSync(folder)
      ? readdirSync(folder).filter((f) => f.endsWith('.json')).flatMap((f) => {
        const data = JSON.parse(readFileSync(join(folder, f), 'utf8')) as { kernel?: string; implementations?: unknown[]; profile?: string };
        return Array.isArray(data.implementations) && data.kernel ? [{ kernel: data.kernel, impls: data.implementations.length, profile: data.profile ?? 'full' }] : [];
      })
      : [];
  return readdirSync(dir).flatMap((machine) => {
    const full = read(join(dir, machine));
    const quick = read(join(dir, machine, 'quick'));
    return [
      ...full.map((r) => ({ machine, ...r, quickBeside: quick.some((q) => q.kernel === r.kernel) })),
      ...quick.filter((q) => !full.some((r) => r.kernel === q.kernel)).map((r) => ({ machine, ...r, quickBeside: false })),
    ];
  });
}

export function measuredWithRuns(): Rec {
  const kernels = new Set(runFiles().map((r) => r.kernel));
  const m = records().filter((c) => c.kind === 'measured' && !c.check.planned && kernels.has(c.check.kernel!));
  // Prefer one with a scaling rule: it shows the most (basis implementation, bound).
  return m.find((c) => JSON.stringify(c.check).includes('"from"')) ?? m[0]!;
}

/** One page of each type, for axe, overflow and screenshot checks. */
export function pageTypes(): Array<{ name: string; path: string; sameAs?: string }> {
  const recs = records();
  const m = measuredWithRuns();
  const other = recs.find((c) => c.kind === 'sourced') ?? recs.find((c) => c.kind !== 'measured');
  const machine = runFiles()[0]?.machine;
  return [
    { name: 'index', path: '/' },
    { name: 'claims', path: '/claims/', sameAs: 'index' },
    { name: 'facet', path: `/claims/kind/measured/` },
    { name: 'search', path: '/search/' },
    { name: 'claim', path: `/claims/${m.id}/` },
    ...(other ? [{ name: 'claim-other', path: `/claims/${other.id}/` }] : []),
    ...recs.filter((c) => c.kind === 'probe').slice(0, 1).map((c) => ({ name: 'claim-probe', path: `/claims/${c.id}/` })),
    { name: 'articles', path: '/articles/' },
    { name: 'article', path: `/articles/${m.article}/` },
    { name: 'machines', path: '/machines/' },
    ...(machine ? [{ name: 'machine', path: `/machines/${machine}/` }] : []),
    { name: 'methodology', path: '/methodology/' },
    { name: 'data', path: '/data/' },
  ];
}

/** A screenshot under test-results/screens/: the whole page, or its first 6,000 px when longer. */
export async function shot(page: Page, name: string) {
  mkdirSync('test-results/screens', { recursive: true });
  const height = await page.evaluate(() => document.documentElement.scrollHeight);
  const width = page.viewportSize()?.width ?? 1280;
  await page.screenshot({ path: `test-results/screens/${name}.png`, fullPage: true, ...(height > 6000 ? { clip: { x: 0, y: 0, width, height: 6000 } } : {}) });
}

/** data-claim ids in a page's HTML, in order. */
export function claimIdsIn(html: string): string[] {
  return [...html.matchAll(/<li[^>]*\bdata-claim="([a-z0-9-]+)"/g)].map((m) => m[1]!);
}

/** Parses RFC 4180 CSV (quoted fields may hold commas, quotes and line breaks). */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') { field += '"'; i++; } else if (ch === '"') quoted = false; else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') { row.push(field); field = ''; }
    else if (ch === '\r' && text[i + 1] === '\n') { row.push(field); rows.push(row); row = []; field = ''; i++; }
    else field += ch;
  }
  if (field !== '' || row.length > 0) { row.push(field); rows.push(row); }
  return rows;
}
