/**
 * scripts/setup-free-threaded.sh without building anything: the pinned CPython sources of
 * harness/toolchains/cpython-sources.lock are well formed, `--list` on an empty cache names every
 * interpreter as not built with the command and the source that would build it, and bad arguments
 * are refused. (Fetching and building need the network and an hour of two CPUs: not in CI.)
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const SCRIPT = 'scripts/setup-free-threaded.sh';
const LOCK = 'harness/toolchains/cpython-sources.lock';
const cache = mkdtempSync(join(tmpdir(), 'cb-ft-setup-'));
afterAll(() => rmSync(cache, { recursive: true, force: true }));

interface Pin { version: string; tag: string; module: string; sum: string; commit: string }
const pins = (): Pin[] =>
  readFileSync(LOCK, 'utf8')
    .split('\n')
    .filter((l) => l.trim() !== '' && !l.startsWith('#'))
    .map((l) => {
      const [version, tag, module, sum, commit, ...rest] = l.trim().split(/\s+/);
      expect(rest, `${LOCK}: one line per version with five fields: ${l}`).toEqual([]);
      return { version: version!, tag: tag!, module: module!, sum: sum!, commit: commit! };
    });

describe('pinned CPython sources', () => {
  it('pin one git tag per version with the Go checksum database hash of its module zip', () => {
    const list = pins();
    expect(list.map((p) => p.version)).toEqual(['3.14', '3.15']);
    for (const p of list) {
      expect(p.tag).toMatch(new RegExp(`^v${p.version.replace('.', '\\.')}\\.\\d+((a|b|rc)\\d+)?$`));
      expect(p.sum).toMatch(/^h1:[A-Za-z0-9+/]{43}=$/);
      expect(p.commit).toMatch(/^([0-9a-f]{40}|-)$/);
      // A semantic-version tag is its own module version; another tag is its commit's pseudo-version.
      if (/^v\d+\.\d+\.\d+$/.test(p.tag)) expect(p.module).toBe(`${p.tag}+incompatible`);
      else expect(p.module).toMatch(new RegExp(`^v\\d+\\.\\d+\\.\\d+-0\\.\\d{14}-${p.commit.slice(0, 12)}\\+incompatible$`));
    }
  });
});

describe('setup-free-threaded.sh', () => {
  const run = (...args: string[]) => spawnSync('bash', [SCRIPT, ...args], { encoding: 'utf8', env: { ...process.env, CLAIMBENCH_CACHE: cache } });

  it('--list on an empty cache: every interpreter not built, with the command and the pinned source', () => {
    const r = run('--list');
    expect(r.status, r.stderr).toBe(0);
    for (const v of ['3.13', '3.14', '3.15']) {
      for (const name of [`python${v}`, `python${v}t`]) expect(r.stdout).toMatch(new RegExp(`^${name.replace('.', '\\.')}\\s+not built \\(npm run setup:free-threaded -- ${v.replace('.', '\\.')}`, 'm'));
    }
    for (const p of pins()) expect(r.stdout).toContain(`source: CPython tag ${p.tag} via the Go module proxy`);
    expect(r.stdout).not.toMatch(/^python3\.13t?\s.*Go module proxy/m);
  });

  it('refuses an unknown argument with the usage line', () => {
    const r = run('3.12');
    expect(r.status).not.toBe(0);
    expect(r.stderr).toContain('unknown argument: 3.12 (usage: setup-free-threaded.sh');
  });

  it('refuses a relative cache path', () => {
    const r = spawnSync('bash', [SCRIPT, '--list'], { encoding: 'utf8', env: { ...process.env, CLAIMBENCH_CACHE: 'relative/cache' } });
    expect(r.status).not.toBe(0);
    expect(r.stderr).toContain('CLAIMBENCH_CACHE must be an absolute path');
  });

  it('--print-flags: the two builds of a version differ only in --disable-gil and the prefix; PGO training of 3.13 leaves out test_generators for both', () => {
    const flags = (opt: string) => {
      const r = spawnSync('bash', [SCRIPT, '--print-flags'], { encoding: 'utf8', env: { ...process.env, CLAIMBENCH_CACHE: cache, CLAIMBENCH_PY_OPT: opt } });
      expect(r.status, r.stderr).toBe(0);
      return new Map(r.stdout.trim().split('\n').map((l) => {
        const m = /^(python3\.\d+t?) \((\w[\w-]*)\): (.*)$/.exec(l);
        expect(m, l).not.toBeNull();
        expect(m![2]).toBe(opt);
        return [m![1]!, m![3]!] as const;
      }));
    };
    const pgo = flags('pgo-lto');
    expect([...pgo.keys()]).toEqual(['python3.13t', 'python3.13', 'python3.14t', 'python3.14', 'python3.15t', 'python3.15']);
    for (const v of ['3.13', '3.14', '3.15']) {
      const strip = (s: string) => s.replace(/--prefix=\S+ /, '').replace('--disable-gil ', '');
      expect(pgo.get(`python${v}t`)).toContain(`--prefix=${cache}/toolchains/python${v}t --disable-gil `);
      expect(pgo.get(`python${v}`)).not.toContain('--disable-gil');
      expect(strip(pgo.get(`python${v}t`)!)).toBe(strip(pgo.get(`python${v}`)!));
      expect(pgo.get(`python${v}`)).toContain('--enable-optimizations --with-lto');
    }
    expect(pgo.get('python3.13')).toMatch(/PROFILE_TASK=-m\\ test\\ --pgo\\ .*except\\ test_generators/);
    expect(pgo.get('python3.14')).not.toContain('PROFILE_TASK');
    expect(pgo.get('python3.15')).not.toContain('PROFILE_TASK');
    const plain = flags('plain');
    expect(plain.get('python3.13')).toBe(`--prefix=${cache}/toolchains/python3.13 --with-ensurepip=no`);
  });

  it('is valid bash', () => {
    expect(() => execFileSync('bash', ['-n', SCRIPT])).not.toThrow();
  });
});
