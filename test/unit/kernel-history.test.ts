/**
 * The kernel hashes `npm run check` accepts are the harness's own hash (harness/runner/results.ts)
 * of every committed version of a kernel and of the working tree, found in a real scratch git
 * repository; a shallow clone says so.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { knownKernelHashes } from '../../src/io/kernel-history.ts';
import { kernelHash } from '../../harness/runner/results.ts';
import { realFileSystem } from '../../harness/runner/effects.ts';
import { kernelHelperFiles } from '../../src/lib/kernel-hash.ts';

const root = mkdtempSync(join(tmpdir(), 'claimbench-khist-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));
const git = (cwd: string, ...args: string[]) => {
  const r = spawnSync('git', ['-c', 'user.name=t', '-c', 'user.email=t@example.org', '-c', 'commit.gpgsign=false', ...args], { cwd, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(r.stderr);
  return r.stdout.trim();
};
const kdir = join(root, 'harness/kernels/k');
const harnessHash = () => kernelHash(realFileSystem(), kdir, { root, files: kernelHelperFiles([{ language: 'python' }]) });
const known = (r = root) => {
  const k = knownKernelHashes(r, ['k']).get('k')!;
  if (!k.available) throw new Error(k.why);
  return k;
};

describe('knownKernelHashes', () => {
  mkdirSync(join(kdir, 'sub'), { recursive: true });
  cpSync(join(process.cwd(), 'harness/protocol/python'), join(root, 'harness/protocol/python'), { recursive: true, filter: (p) => !p.includes('__pycache__') });
  writeFileSync(join(kdir, 'kernel.yaml'), 'implementations:\n  - { id: a, language: python, source: a.py }\n');
  writeFileSync(join(kdir, 'a.py'), 'print(1)\n');
  writeFileSync(join(kdir, 'B.py'), 'print(2)\n');
  writeFileSync(join(kdir, 'sub/x.py'), 'print(3)\n');
  const hashes: string[] = [];

  it('is unavailable outside a git repository, saying why', () => {
    expect(knownKernelHashes(root, ['k']).get('k')).toEqual({ available: false, why: expect.stringMatching(/not a git repository/) });
  });
  it('holds the harness hash of each committed version and of the working tree', async () => {
    git(root, 'init', '-q');
    git(root, 'add', '.');
    git(root, 'commit', '-qm', 'v1');
    hashes.push(await harnessHash());
    writeFileSync(join(kdir, 'a.py'), 'print(11)\n');
    git(root, 'commit', '-qam', 'v2');
    hashes.push(await harnessHash());
    writeFileSync(join(root, 'harness/protocol/python/claimbench_protocol.py'), '# changed helper\n');
    git(root, 'commit', '-qam', 'helper');
    hashes.push(await harnessHash());
    writeFileSync(join(kdir, 'a.py'), 'print(12)\n'); // uncommitted
    hashes.push(await harnessHash());
    expect(new Set(hashes).size).toBe(4);
    const k = known();
    expect([...k.hashes].sort()).toEqual([...hashes].sort());
    expect(k.shallow).toBe(false);
    // Cached per commit: a second look gives the same answer.
    expect([...known().hashes].sort()).toEqual([...hashes].sort());
  });
  it('a shallow clone lacks older versions and says it is shallow', () => {
    const clone = join(root, '..', `${root.split('/').pop()}-shallow`);
    try {
      git(root, 'clone', '-q', '--depth', '1', `file://${root}`, clone);
      const k = known(clone);
      expect(k.shallow).toBe(true);
      expect(k.hashes.has(hashes[0]!)).toBe(false);
      expect(k.hashes.has(hashes[2]!)).toBe(true);
    } finally {
      rmSync(clone, { recursive: true, force: true });
    }
  });
});
