/**
 * On a copy of the repository with one bad contributor file, `npm run check` and the site build
 * both refuse it with the same one-line message (file: field: expectation), exit non-zero, print
 * no stack trace, and publish nothing.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const repo = process.cwd();
const root = mkdtempSync(join(tmpdir(), 'claimbench-bad-input-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

for (const p of ['src', 'content', 'claims', 'harness', 'scripts', 'astro.config.mjs', 'package.json', 'tsconfig.json']) {
  cpSync(join(repo, p), join(root, p), { recursive: true, filter: (src) => !/\/(target|__pycache__|node_modules)(\/|$)/.test(src) });
}
symlinkSync(join(repo, 'node_modules'), join(root, 'node_modules'));
const claimDir = join(root, 'claims', 'path-to-mojo-1-0');
writeFileSync(join(claimDir, 'hostile-link.yaml'), `id: hostile-link
article: path-to-mojo-1-0
section: Intro
order: 999
topic: releases
statement: A claim whose source runs code when clicked.
kind: unverifiable
claimed: { metric: count, value: 1, unit: count }
check: { reason: test }
sources:
  - { title: Click me, url: "javascript:alert(document.cookie)" }
`);
const EXPECTED = 'claims/path-to-mojo-1-0/hostile-link.yaml: sources.0.url: expected a web address starting with https:// or http://, got "javascript:alert(document.cookie)"';
const env = { ...process.env, PATH: `${join(repo, 'node_modules/.bin')}:${process.env.PATH}`, ASTRO_TELEMETRY_DISABLED: '1' };

describe('a bad contributor file', () => {
  it('npm run check refuses it with file, field and expectation', () => {
    const r = spawnSync(process.execPath, ['scripts/check.ts'], { cwd: root, env, encoding: 'utf8' });
    expect(r.status).toBe(1);
    expect(r.stderr.split('\n')).toContain(EXPECTED);
  }, 60_000);
  it('the build stops with the same line, no stack trace, and writes no site', () => {
    const r = spawnSync('npx', ['astro', 'build'], { cwd: root, env, encoding: 'utf8' });
    const out = `${r.stdout}\n${r.stderr}`;
    expect(r.status).not.toBe(0);
    expect(out.split('\n')).toContain(EXPECTED);
    expect(out).not.toMatch(/^\s+at /m);
    expect(existsSync(join(root, 'dist'))).toBe(false);
  }, 120_000);
});
