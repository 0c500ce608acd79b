/**
 * The contributor's path: the scaffold's templates, left blank, fail `check` with a message per
 * blank that names file and field; filled in, they load, and the new claim gets a page in the
 * site model.
 */
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { writeProject } from '../fixtures/project.ts';
import { loadDataset } from '../../src/io/load.ts';
import { buildSiteModel } from '../../src/lib/view.ts';
import { articleTemplate, claimTemplate, nextStep, SCAFFOLD_KINDS } from '../../src/lib/scaffold.ts';

const roots: string[] = [];
afterAll(() => roots.forEach((r) => rmSync(r, { recursive: true, force: true })));

function problems(root: string): string[] {
  try {
    loadDataset(root);
    return [];
  } catch (e) {
    return (e as Error).message.split('\n');
  }
}

function scaffold(): string {
  const root = writeProject();
  roots.push(root);
  writeFileSync(join(root, 'content/articles/new-article.mdx'), articleTemplate('new-article'));
  mkdirSync(join(root, 'claims/new-article'), { recursive: true });
  writeFileSync(join(root, 'claims/new-article/new-claim.yaml'), claimTemplate('new-article', 'new-claim', 'sourced'));
  return root;
}

describe('npm run new', () => {
  it('writes templates whose every blank check names with file and field', () => {
    const root = scaffold();
    const p = problems(root);
    expect(p.length).toBeGreaterThan(0);
    for (const line of p.filter((l) => l.trim())) expect(line, line).toMatch(/^(content\/articles\/new-article\.mdx|claims\/new-article\/new-claim\.yaml): [\w.[\]-]+/);
    for (const field of ['title', 'published', 'summary']) expect(p.some((l) => l.startsWith('content/articles/new-article.mdx') && l.includes(field)), field).toBe(true);
    for (const field of ['section', 'statement']) expect(p.some((l) => l.startsWith('claims/new-article/new-claim.yaml') && l.includes(field)), field).toBe(true);
  });

  it('once the blanks are filled, the new claim of the new article loads and gets a page', () => {
    const root = scaffold();
    const fill = (path: string, pairs: Array<[RegExp, string]>) => {
      let text = readFileSync(join(root, path), 'utf8');
      for (const [from, to] of pairs) text = text.replace(from, to);
      writeFileSync(join(root, path), text);
    };
    fill('content/articles/new-article.mdx', [
      [/^title: ""/m, 'title: "A new article"'], [/^outlet: "".*$/m, 'outlet: "A blog"'], [/^published: ""/m, 'published: "2026-01"'],
      [/^url: "".*$/m, 'url: "https://example.org/new"'], [/^summary: ""/m, 'summary: "What it argues, in our words."'],
    ]);
    fill('claims/new-article/new-claim.yaml', [
      [/^section: ""/m, 'section: "Intro"'], [/^order: 0/m, 'order: 1'], [/^statement: ""/m, 'statement: "The new thing is 3x faster than the old one."'],
      [/^  value: 0/m, '  value: 3'], [/^  - title: ""/m, '  - title: "The maker\'s benchmark"'], [/^    url: ""/m, '    url: "https://example.org/bench"'],
      [/^    primary: false/m, '    primary: true'], [/^      where: ""/m, '      where: "results table"'], [/value: 0, unit: x/, 'value: 3, unit: x'],
      [/^  rationale: ""/m, '  rationale: "The maker publishes the benchmark."'],
    ]);
    expect(problems(root)).toEqual([]);
    const site = buildSiteModel(loadDataset(root));
    const view = site.claims.find((c) => c.claim.id === 'new-claim')!;
    expect(view.href).toBe('/claims/new-claim/');
    expect(view.article.title).toBe('A new article');
    expect(view.sentence).not.toBe('');
  });

  it('the measured template, filled in, loads with its toleranceFactor, a factor', () => {
    const root = writeProject();
    roots.push(root);
    const text = claimTemplate('a1', 'new-measured', 'measured');
    expect(text).toMatch(/^  toleranceFactor: 2 .*FACTOR/m);
    expect(text).not.toMatch(/^  tolerance:/m);
    const filled = text.replace(/^section: ""/m, 'section: "Intro"').replace(/^order: 0/m, 'order: 9')
      .replace(/^statement: ""/m, 'statement: "Subj runs the kernel three times as fast as Base."').replace(/^  value: 0/m, '  value: 3')
      .replace(/^  - title: "".*\n.*\n.*\n/m, '').replace(/^sources:\n/m, 'sources: []\n')
      .replace(/^  kernel: ""/m, '  kernel: k').replace(/^  baseline: ""/m, '  baseline: base').replace(/^  subject: ""/m, '  subject: subj')
      .replace(/^  rationale: ""/m, '  rationale: "The same workload."');
    writeFileSync(join(root, 'claims/a1/new-measured.yaml'), filled);
    expect(problems(root)).toEqual([]);
    const claim = loadDataset(root).claims.find((c) => c.id === 'new-measured')!;
    expect(claim.kind === 'measured' && claim.check.toleranceFactor).toBe(2);
    // The same record with the old name is refused with the new one.
    writeFileSync(join(root, 'claims/a1/new-measured.yaml'), filled.replace(/^  toleranceFactor:/m, '  tolerance:'));
    expect(problems(root)).toEqual(['claims/a1/new-measured.yaml: check.tolerance: renamed to check.toleranceFactor (a factor > 1)']);
  });

  it('has a template for every kind it offers, and says the next command', () => {
    for (const k of SCAFFOLD_KINDS) expect(claimTemplate('a', 'b', k)).toContain(`kind: ${k}`);
    expect(nextStep('claim', 'claims/a/b.yaml', 'a')).toMatch(/npm run check/);
    expect(nextStep('article', 'content/articles/a.mdx')).toMatch(/npm run new -- claim/);
  });
});
