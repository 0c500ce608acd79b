/**
 * The data-loading and serialization kernels' programs refuse a bad data set before timing anything:
 * missing, truncated or changed against the stamp the harness writes beside it (<file>.json: bytes
 * and sha256), or made for another record count. Each refusal exits 2 and names the file and the
 * command that regenerates it. Runs the real Python programs in each kernel's environment
 * (.venvs/<kernel>, `npm run setup`); skipped without it outside CI.
 */
import { describe, expect, it } from 'vitest';
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';

const root = process.cwd();

const KERNELS = [
  { kernel: 'data-loading', program: 'python.py', file: 'corpus.jsonl', records: 12, extra: ['16'] },
  { kernel: 'serialization', program: 'python_json.py', file: 'records.json', records: 12, extra: [] as string[] },
];

for (const k of KERNELS) {
  const python = join(root, `.venvs/${k.kernel}/bin/python`);
  const missing = existsSync(python) ? null : `.venvs/${k.kernel} is missing (npm run setup)`;
  const dir = `harness/kernels/${k.kernel}`;
  const regenerate = `rm -rf .cache/datasets/${k.kernel} && npm run harness -- --kernel ${k.kernel}`;
  const run = (dataset: string, records = k.records) =>
    spawnSync(python, [`${dir}/${k.program}`, '0', '1', String(records), ...k.extra], { cwd: root, encoding: 'utf8', env: { ...process.env, CLAIMBENCH_DATASET: dataset, CLAIMBENCH_THREADS: '1', RAYON_NUM_THREADS: '1' }, timeout: 120_000 });
  const stamp = (path: string, bytes: Buffer) => writeFileSync(`${path}.json`, JSON.stringify({ name: k.file, bytes: bytes.length, sha256: createHash('sha256').update(bytes).digest('hex') }));

  describe.skipIf(missing !== null && !process.env.CI)(`${k.kernel} programs refuse bad data sets${missing ? ` (skipped: ${missing})` : ''}`, () => {
    const tmp = mkdtempSync(join(tmpdir(), `claimbench-${k.kernel}-`));
    const good = join(tmp, k.file);

    it('a good data set with its stamp runs (the control)', { timeout: 240_000 }, () => {
      const g = spawnSync(python, [`${dir}/gen_data.py`, good, '7', String(k.records), ...k.extra], { cwd: root, encoding: 'utf8', timeout: 120_000 });
      expect(g.status, g.stderr).toBe(0);
      stamp(good, readFileSync(good));
      const r = run(good);
      expect(r.status, r.stderr).toBe(0);
      expect(JSON.parse(r.stdout).checksum).toMatch(/^[0-9a-f]{64}$/);
    });

    it('a missing file', { timeout: 120_000 }, () => {
      const r = run(join(tmp, 'absent'));
      expect(r.status).toBe(2);
      expect(r.stderr).toContain(`the data set ${join(tmp, 'absent')} does not exist (regenerate it: ${regenerate})`);
    });

    it('a file shorter than its stamp says', { timeout: 120_000 }, () => {
      const cut = join(tmp, `cut-${k.file}`);
      const bytes = readFileSync(good);
      writeFileSync(cut, bytes.subarray(0, 500));
      stamp(cut, bytes);
      const r = run(cut);
      expect(r.status).toBe(2);
      expect(r.stderr).toContain(`the data set ${cut} has 500 bytes, its stamp ${cut}.json records ${bytes.length} (truncated or changed; regenerate it: ${regenerate})`);
    });

    it('a file of the stamped size whose content changed', { timeout: 120_000 }, () => {
      const changed = join(tmp, `changed-${k.file}`);
      const bytes = readFileSync(good);
      const copy = Buffer.from(bytes);
      copy[copy.length - 3] = copy[copy.length - 3] === 0x61 ? 0x62 : 0x61;
      writeFileSync(changed, copy);
      stamp(changed, bytes);
      const r = run(changed);
      expect(r.status).toBe(2);
      expect(r.stderr).toContain(`its stamp ${changed}.json records ${createHash('sha256').update(bytes).digest('hex')} (changed; regenerate it: ${regenerate})`);
    });

    it('a data set made for another record count', { timeout: 120_000 }, () => {
      const r = run(good, k.records + 1);
      expect(r.status).toBe(2);
      expect(r.stderr).toContain(`expected records=${k.records + 1} (regenerate it: ${regenerate})`);
    });
  });
}
