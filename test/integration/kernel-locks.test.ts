/**
 * A library version that differs from a kernel's lock is reported, never silently used: every
 * Python program of a kernel with its own environment (kernel.yaml `pythonLock`) refuses to run,
 * exit 2, before it imports a pinned package, reads its data set or times anything, naming the
 * lock, the version found, the version the lock pins and the command that installs it.
 * The other version is faked without installing anything: a folder with a
 * `<name>-0.0.1.dist-info` for every package the lock pins, put first on PYTHONPATH, so
 * importlib.metadata finds those versions. The same folder shadows each pinned package's import
 * names with a package whose import fails ("imported before the lock check"), so a program that
 * imports a pinned package before checking fails this test instead of passing it with the real one.
 * Skipped without a kernel's environment outside CI (`npm run setup` makes them).
 * free-threading-overhead runs on self-built interpreters and checks its pins its own way
 * (suite.py check_pins, tested at the end).
 */
import { describe, expect, it } from 'vitest';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { loadKernelDefinitions } from '../../src/io/load.ts';
import { paramArgument, resolveParam } from '../../src/lib/params.ts';

const root = process.cwd();
const FAKE = '0.0.1';

/** name==version pins of a pip lock (comments and --hash lines skipped). */
function pins(lockText: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const m of lockText.matchAll(/^([A-Za-z0-9][A-Za-z0-9._-]*)==([^\s\\]+)/gm)) out.set(m[1]!, m[2]!);
  return out;
}

const DATA_PATH = ['data-loading', 'tokenizer', 'serialization', 'dataframe'];
const kernels = loadKernelDefinitions(root);
/** Programs that run in a kernel's environment without checking its lock, and why. */
const UNCHECKED: Record<string, string> = {
  'http-serving/python-stdlib': 'the standard-library server imports no pinned package, and importlib.metadata would add modules to the server whose memory is measured',
};
const OWN_CHECK = 'free-threading-overhead';
const locked = kernels.filter((k) => k.pythonLock && k.id !== OWN_CHECK);
const SHADOWED = 'imported before the lock check';

describe('the data-path kernels', () => {
  it('each pin their Python environment', () => {
    expect(kernels.filter((k) => DATA_PATH.includes(k.id) && k.pythonLock).map((k) => k.id).sort()).toEqual([...DATA_PATH].sort());
  });
});

/** The import names of each distribution of the environment (importlib.metadata.packages_distributions). */
function importNames(python: string): Record<string, string[]> {
  const r = spawnSync(python, ['-c', 'import json; from importlib.metadata import packages_distributions as p; print(json.dumps(p()))'], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`${python}: ${r.stderr}`);
  return JSON.parse(r.stdout) as Record<string, string[]>;
}

const normal = (name: string) => name.toLowerCase().replace(/[-_.]+/g, '-');

for (const k of locked) {
  const python = join(root, `.venvs/${k.id}/bin/python`);
  const missing = existsSync(python) ? null : `.venvs/${k.id} is missing (npm run setup)`;
  const lockRel = `harness/kernels/${k.id}/${k.pythonLock ?? 'requirements.lock'}`;
  const programs = k.implementations.filter((i) => i.runtime.startsWith('python') && i.source.endsWith('.py') && !UNCHECKED[`${k.id}/${i.id}`]);

  describe.skipIf(missing !== null && !process.env.CI)(`${k.id}: a package version other than ${lockRel}'s${missing ? ` (skipped: ${missing})` : ''}`, () => {
    const lock = pins(readFileSync(join(root, lockRel), 'utf8'));
    const fake = mkdtempSync(join(tmpdir(), `claimbench-lock-${k.id}-`));
    for (const name of lock.keys()) {
      const info = join(fake, `${name.replace(/-/g, '_')}-${FAKE}.dist-info`);
      mkdirSync(info);
      writeFileSync(join(info, 'METADATA'), `Metadata-Version: 2.1\nName: ${name}\nVersion: ${FAKE}\n`);
    }
    const pinned = new Set([...lock.keys()].map(normal));
    if (!missing) {
      for (const [top, dists] of Object.entries(importNames(python))) {
        if (!dists.some((d) => pinned.has(normal(d))) || !/^[A-Za-z_][A-Za-z0-9_]*$/.test(top)) continue;
        mkdirSync(join(fake, top));
        writeFileSync(join(fake, top, '__init__.py'), `raise ImportError("${top}: ${SHADOWED}")\n`);
      }
    }
    const params = k.params.map((p) => {
      const v = resolveParam(p, k.workload[p.name]);
      if (!v.ok) throw new Error(`${k.id}: workload ${p.name}: expected ${v.expected}`);
      return paramArgument(v.value);
    });
    // A server program takes PORT ENDPOINT; port 1 cannot be bound, so a server that skipped the check fails fast.
    const argv = k.server ? ['1', ...params] : ['0', '1', ...params];

    it('has Python programs to check', () => {
      expect(programs.length).toBeGreaterThan(0);
    });

    for (const impl of programs) {
      it(`${impl.id} refuses before reading its data set, naming the lock and both versions`, { timeout: 60_000 }, () => {
        const r = spawnSync(python, [`harness/kernels/${k.id}/${impl.source}`, ...argv], {
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
        for (const [, name, pinned] of named) expect(lock.get(name!), name).toBe(pinned);
        expect(r.stderr).toContain('; run npm run setup to install the pinned versions');
        expect(r.stderr).not.toContain(SHADOWED);
        expect(r.stderr).not.toContain('no-data-set');
      });
    }
  });
}

describe(`${OWN_CHECK}: suite.py checks the pyperformance and pyperf it loads against its lock`, () => {
  const lockRel = `harness/kernels/${OWN_CHECK}/requirements.lock`;
  const lock = pins(readFileSync(join(root, lockRel), 'utf8'));
  /** A site-packages folder with these dist-info versions and an importable pyperf; check_pins's exit, stdout and stderr. */
  const check = (versions: Record<string, string>, withPyperf = true) => {
    const sp = mkdtempSync(join(tmpdir(), 'claimbench-lock-sp-'));
    for (const [name, v] of Object.entries(versions)) mkdirSync(join(sp, `${name}-${v}.dist-info`));
    if (withPyperf) {
      mkdirSync(join(sp, 'pyperf'));
      writeFileSync(join(sp, 'pyperf', '__init__.py'), '');
    }
    const code = `import sys; sys.path.insert(0, "harness/kernels/${OWN_CHECK}"); import suite; sp = sys.argv[1]; sys.path.append(sp); suite.check_pins("python313-gil", sp); print("checked")`;
    return spawnSync('python3', ['-c', code, sp], { cwd: root, encoding: 'utf8', timeout: 30_000 });
  };
  const good = { pyperformance: lock.get('pyperformance')!, pyperf: lock.get('pyperf')! };

  it('accepts the pinned versions', () => {
    const r = check(good);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout.trim()).toBe('checked');
  });

  it('refuses another pyperf, naming the lock, both versions and the command that installs the pinned one', () => {
    const r = check({ ...good, pyperf: FAKE });
    expect(r.status, r.stderr).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr.trim()).toBe(`python313-gil: installed packages differ from ${lockRel}: pyperf ${FAKE} (the lock pins ${good.pyperf}); run npm run setup to install the pinned versions`);
  });

  it('refuses a missing pyperformance and a pyperf that is not the environment\'s', () => {
    const r = check({ pyperf: good.pyperf });
    expect(r.status, r.stderr).toBe(2);
    expect(r.stderr).toContain(`pyperformance not installed (the lock pins ${good.pyperformance})`);
    const elsewhere = check(good, false);
    expect(elsewhere.status, elsewhere.stderr).toBe(2);
    expect(elsewhere.stderr).toMatch(/pyperf is (not importable|imported from \S+), not from \S+ \(the lock pins /);
  });
});
