/**
 * The contributor's whole path on a copy of the repository, with the real commands: the scaffold
 * (`npm run new`) writes an article, a claim of it and a kernel; `npm run check` names every blank
 * left with file and field; once they are filled, check passes, the scaffolded kernel's program
 * speaks the protocol, and `npm run build:site` renders a page for the new claim of the new article.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const repo = process.cwd();
const root = mkdtempSync(join(tmpdir(), 'claimbench-contributor-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

for (const p of ['src', 'content', 'claims', 'harness', 'scripts', 'astro.config.mjs', 'package.json', 'tsconfig.json']) {
  cpSync(join(repo, p), join(root, p), { recursive: true, filter: (src) => !/\/(target|__pycache__|node_modules)(\/|$)/.test(src) });
}
symlinkSync(join(repo, 'node_modules'), join(root, 'node_modules'));
const env = { ...process.env, PATH: `${join(repo, 'node_modules/.bin')}:${process.env.PATH}`, ASTRO_TELEMETRY_DISABLED: '1' };

const node = (...args: string[]) => spawnSync(process.execPath, args, { cwd: root, env, encoding: 'utf8' });
function fill(path: string, pairs: Array<[RegExp, string]>): void {
  let text = readFileSync(join(root, path), 'utf8');
  for (const [from, to] of pairs) {
    expect(from.test(text), `${path}: ${from}`).toBe(true);
    text = text.replace(from, to);
  }
  writeFileSync(join(root, path), text);
}
/** check's problem lines (stderr), without the summary and notices. */
const problems = (stderr: string) => stderr.split('\n').filter((l) => l.trim() && !/^notice:|problems? found/.test(l));

describe('a contributor adds an article, a claim and a kernel', () => {
  it('the scaffold writes templates and names the next command', () => {
    const a = node('scripts/new.ts', 'article', 'new-article');
    expect(a.status, a.stderr).toBe(0);
    expect(a.stdout).toMatch(/next: .*npm run new -- claim/);
    const c = node('scripts/new.ts', 'claim', 'new-article', 'new-claim', '--kind', 'sourced');
    expect(c.status, c.stderr).toBe(0);
    expect(c.stdout).toMatch(/npm run check/);
    const k = node('scripts/new.ts', 'kernel', 'new-kernel');
    expect(k.status, k.stderr).toBe(0);
    expect(k.stdout).toMatch(/npm run harness -- --kernel new-kernel/);
    expect(node('scripts/new.ts', 'kernel', 'new-kernel').stderr).toMatch(/harness\/kernels\/new-kernel exists already/);
  }, 60_000);

  it('check names every blank left with file and field', () => {
    const r = node('scripts/check.ts');
    expect(r.status).toBe(1);
    const lines = problems(r.stderr);
    expect(lines.length).toBeGreaterThan(5);
    for (const l of lines) expect(l, l).toMatch(/^(content\/articles\/new-article\.mdx|claims\/new-article\/new-claim\.yaml|harness\/kernels\/new-kernel\/kernel\.yaml): [\w.[\]-]+: /);
    for (const f of ['title', 'summary', 'origin.url', 'checksum.description']) expect(lines.some((l) => l.startsWith(`harness/kernels/new-kernel/kernel.yaml: ${f}:`)), f).toBe(true);
    expect(lines.some((l) => l.startsWith('claims/new-article/new-claim.yaml: statement:'))).toBe(true);
  }, 60_000);

  it('filled in, check passes, the kernel program answers, and the site has the new pages', () => {
    fill('content/articles/new-article.mdx', [
      [/^title: ""/m, 'title: "A new article"'], [/^outlet: "".*$/m, 'outlet: "A blog"'], [/^published: ""/m, 'published: "2026-01"'],
      [/^url: "".*$/m, 'url: "https://example.org/new"'], [/^summary: ""/m, 'summary: "What it argues, in our words."'],
    ]);
    fill('claims/new-article/new-claim.yaml', [
      [/^section: ""/m, 'section: "Intro"'], [/^order: 0/m, 'order: 1'], [/^statement: ""/m, 'statement: "The widget parser is 3x faster than the old one."'],
      [/^  value: 0/m, '  value: 3'], [/^  - title: ""/m, '  - title: "The maker\'s benchmark"'], [/^    url: ""/m, '    url: "https://example.org/bench"'],
      [/^    primary: false/m, '    primary: true'], [/^      where: ""/m, '      where: "results table"'], [/value: 0, unit: x/, 'value: 3, unit: x'],
      [/^  rationale: ""/m, '  rationale: "The maker publishes the benchmark."'],
    ]);
    fill('harness/kernels/new-kernel/kernel.yaml', [
      [/^title: ""/m, 'title: "Sum of squares"'], [/^summary: ""/m, 'summary: "Adds the squares below n."'],
      [/^  title: ""/m, '  title: "A textbook loop"'], [/^  url: ""/m, '  url: "https://example.org/loop"'],
      [/^    description: ""/m, '    description: "how many squares"'], [/^  description: ""/m, '  description: "the exact sum, an integer"'],
      [/^    label: ""/m, '    label: "Pure Python"'],
    ]);
    const r = node('scripts/check.ts');
    expect(problems(r.stderr), r.stderr).toEqual([]);
    expect(r.status).toBe(0);

    const py = spawnSync('python3', ['harness/kernels/new-kernel/python.py', '0', '2', '1000'], { cwd: root, encoding: 'utf8' });
    expect(py.status, py.stderr).toBe(0);
    const line = JSON.parse(py.stdout);
    expect(line.checksum).toBe(Array.from({ length: 1000 }, (_, i) => i * i).reduce((a, b) => a + b, 0));
    expect(line.samplesNs).toHaveLength(2);

    const b = spawnSync('npx', ['astro', 'build'], { cwd: root, env, encoding: 'utf8' });
    expect(b.status, `${b.stdout}\n${b.stderr}`.slice(-2000)).toBe(0);
    const page = join(root, 'dist/claims/new-claim/index.html');
    expect(existsSync(page)).toBe(true);
    const html = readFileSync(page, 'utf8');
    expect(html).toContain('The widget parser is 3x faster than the old one.');
    expect(html).toContain('A new article');
    expect(readFileSync(join(root, 'dist/articles/new-article/index.html'), 'utf8')).toContain('https://example.org/new');
  }, 240_000);
});
