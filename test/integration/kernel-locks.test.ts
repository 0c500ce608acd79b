/**
 * A library version that differs from a kernel's lock is reported, never silently used: every
 * Python program of the data-path kernels of issue 11 (each with its own environment, kernel.yaml
 * `pythonLock`) refuses to run, exit 2, before it reads its data set or times anything, naming the
 * lock, the version found and the version the lock pins. The other version
 * is faked without installing anything: a folder with a `<name>-0.0.1.dist-info` for every package
 * the lock pins, put first on PYTHONPATH, so importlib.metadata finds those versions while the
 * imports still load the real packages of `.venvs/<kernel>`. Skipped without a kernel's
 * environment outside CI (`npm run setup` makes them).
 */
import { describe, expect, it } from 'vitest';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { loadKernelDefinitions } from '../../src/io/load.ts';

const root = process.cwd();
const FAKE = '0.0.1';

/** name==version pins of a pip lock (comments and --hash lines skipped). */
function pins(lockText: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const m of lockText.matchAll(/^([A-Za-z0-9][A-Za-z0-9._-]*)==([^\s\\]+)/gm)) out.set(m[1], m[2]);
  return out;
}

const DATA_PATH = ['data-loading', 'tokenizer', 'serialization', 'dataframe'];
const locked = loadKernelDefinitions(root).filter((k) => DATA_PATH.includes(k.id));

describe('the data-path kernels', () => {
  it('each pin their Python environment', () => {
    expect(locked.filter((k) => k.pythonLock).map((k) => k.id).sort()).toEqual([...DATA_PATH].sort());
  });
});

for (const k of locked) {
  const python = join(root, `.venvs/${k.id}/bin/python`);
  const missing = existsSync(python) ? null : `.venvs/${k.id} is missing (npm run setup)`;
  const lockRel = `harness/kernels/${k.id}/${k.pythonLock ?? 'requirements.lock'}`;
  const programs = k.implementations.filter((i) => i.runtime.startsWith('python') && i.source.endsWith('.py'));

  describe.skipIf(missing !== null && !process.env.CI)(`${k.id}: a package version other than ${lockRel}'s${missing ? ` (skipped: ${missing})` : ''}`, () => {
    const lock = pins(readFileSync(join(root, lockRel), 'utf8'));
    const fake = mkdtempSync(join(tmpdir(), `claimbench-lock-${k.id}-`));
    for (const name of lock.keys()) {
      const info = join(fake, `${name.replace(/-/g, '_')}-${FAKE}.dist-info`);
      mkdirSync(info);
      writeFileSync(join(info, 'METADATA'), `Metadata-Version: 2.1\nName: ${name}\nVersion: ${FAKE}\n`);
    }
    const params = k.params.map((p) => String(k.workload[p.name]));

    it('has Python programs to check', () => {
      expect(programs.length).toBeGreaterThan(0);
    });

    for (const impl of programs) {
      it(`${impl.id} refuses before reading its data set, naming the lock and both versions`, { timeout: 60_000 }, () => {
        const r = spawnSync(python, [`harness/kernels/${k.id}/${impl.source}`, '0', '1', ...(impl.args ?? []), ...params], {
          cwd: root,
          encoding: 'utf8',
          timeout: 60_000,
          env: { ...process.env, PYTHONPATH: fake, CLAIMBENCH_DATASET: join(fake, 'no-data-set'), CLAIMBENCH_THREADS: '1', RAYON_NUM_THREADS: '1', POLARS_MAX_THREADS: '1' },
        });
        expect(r.status, r.stderr).toBe(2);
        expect(r.stdout).toBe('');
        expect(r.stderr).toContain(`${impl.id}: installed packages differ from ${lockRel}: `);
        // Each package the program checks is named with the fake version found and the pinned one.
        const named = [...r.stderr.matchAll(/([A-Za-z0-9._-]+) 0\.0\.1 \(the lock pins ([^)]+)\)/g)];
        expect(named.length, r.stderr).toBeGreaterThan(0);
        for (const [, name, pinned] of named) expect(lock.get(name), name).toBe(pinned);
        expect(r.stderr).not.toContain('no-data-set');
      });
    }
  });
}
