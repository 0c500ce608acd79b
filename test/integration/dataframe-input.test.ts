/**
 * The dataframe kernels' programs refuse a bad data set before timing anything: missing, truncated
 * (its size differs from the stamp the harness wrote, or no Parquet footer) or made for another row
 * count, and for the TPC-H variants a file that is not the lineitem table. Each refusal exits 2 and
 * names the file and the command that regenerates it. Runs the real
 * programs in the kernel's environment (.venvs/dataframe, `npm run setup`); skipped without it
 * outside CI.
 */
import { describe, expect, it } from 'vitest';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';

const root = process.cwd();
const python = join(root, '.venvs/dataframe/bin/python');
const missing = existsSync(python) ? null : '.venvs/dataframe is missing (npm run setup)';
const program = 'harness/kernels/dataframe/pandas_frame.py';

function run(dataset: string, rows: number) {
  return spawnSync(python, [program, '0', '1', String(rows), 'groupby'], { cwd: root, encoding: 'utf8', env: { ...process.env, CLAIMBENCH_DATASET: dataset, CLAIMBENCH_THREADS: '1' }, timeout: 120_000 });
}

describe.skipIf(missing !== null && !process.env.CI)(`dataframe programs refuse bad data sets${missing ? ` (skipped: ${missing})` : ''}`, () => {
  const dir = mkdtempSync(join(tmpdir(), 'claimbench-df-'));
  const good = join(dir, 'sales.parquet');
  const regenerate = 'npm run harness -- --kernel dataframe';

  it('a good data set runs (the control)', { timeout: 240_000 }, () => {
    const g = spawnSync(python, ['harness/kernels/dataframe/gen_data.py', good, '7', '2000', 'groupby'], { cwd: root, encoding: 'utf8', timeout: 120_000 });
    expect(g.status, g.stderr).toBe(0);
    writeFileSync(`${good}.json`, JSON.stringify({ name: 'sales.parquet', bytes: statSync(good).size, sha256: 'x' }));
    const r = run(good, 2000);
    expect(r.status, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout).checksum).toMatch(/^[0-9a-f]{64}$/);
  });

  it('a missing file', { timeout: 120_000 }, () => {
    const r = run(join(dir, 'absent.parquet'), 2000);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain(`${join(dir, 'absent.parquet')} does not exist`);
    expect(r.stderr).toContain(regenerate);
  });

  it('a file shorter than its stamp says', { timeout: 120_000 }, () => {
    const cut = join(dir, 'cut.parquet');
    writeFileSync(cut, readFileSync(good).subarray(0, 1000));
    writeFileSync(`${cut}.json`, JSON.stringify({ name: 'cut.parquet', bytes: statSync(good).size, sha256: 'x' }));
    const r = run(cut, 2000);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain(`${cut} has 1000 bytes, its stamp ${cut}.json records ${statSync(good).size} (truncated or changed;`);
    expect(r.stderr).toContain(regenerate);
  });

  it('a truncated file without a stamp (no Parquet footer)', { timeout: 120_000 }, () => {
    const cut = join(dir, 'nostamp.parquet');
    writeFileSync(cut, readFileSync(good).subarray(0, 1000));
    const r = run(cut, 2000);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain(`${cut} is not a readable Parquet file`);
    expect(r.stderr).toContain(regenerate);
  });

  it('packages other than the lock\'s (the system Python, without the pinned pandas 3.1.1 and Polars 2.1.0)', { timeout: 120_000 }, () => {
    const r = spawnSync('python3', [program, '0', '1', '2000', 'groupby'], { cwd: root, encoding: 'utf8', env: { ...process.env, CLAIMBENCH_DATASET: good, CLAIMBENCH_THREADS: '1' }, timeout: 120_000 });
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('installed packages differ from harness/kernels/dataframe/requirements.lock');
    expect(r.stderr).toMatch(/pandas (not installed|[0-9.]+) \(the lock pins 3\.1\.1\)/);
  });

  it('a file made for another row count', { timeout: 120_000 }, () => {
    const r = run(good, 3000);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain(`${good} has 2000 rows, expected rows=3000`);
  });

  // The TPC-H variants: their own regenerate command (the variant of the full profile).
  const tpchRegenerate = 'npm run harness -- --kernel dataframe --variant tpch-q1 --profile full';
  const tpch = (dataset: string, rows: number) => spawnSync(python, ['harness/kernels/dataframe/polars_eager.py', '0', '1', String(rows), 'tpch-q1'], { cwd: root, encoding: 'utf8', env: { ...process.env, CLAIMBENCH_DATASET: dataset, CLAIMBENCH_THREADS: '1' }, timeout: 120_000 });

  it('TPC-H: a missing lineitem file', { timeout: 120_000 }, () => {
    const r = tpch(join(dir, 'lineitem.parquet'), 60175);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain(`${join(dir, 'lineitem.parquet')} does not exist`);
    expect(r.stderr).toContain(tpchRegenerate);
  });

  it('TPC-H: a Parquet file that is not the lineitem table (the sales table of the other queries)', { timeout: 120_000 }, () => {
    const r = tpch(good, 2000);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain(`${good} is not the TPC-H lineitem table of gen_tpch.py (no column l_quantity, l_extendedprice, l_discount, l_tax, l_returnflag, l_linestatus, l_shipdate;`);
    expect(r.stderr).toContain(tpchRegenerate);
  });

  it('TPC-H: a damaged lineitem file (no Parquet footer)', { timeout: 120_000 }, () => {
    const cut = join(dir, 'lineitem-cut.parquet');
    writeFileSync(cut, readFileSync(good).subarray(0, 1000));
    const r = tpch(cut, 60175);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain(`${cut} is not a readable Parquet file`);
    expect(r.stderr).toContain(tpchRegenerate);
  });

  it('TPC-H: the generator refuses a row count that is no scale factor\'s, naming the ones it knows', { timeout: 120_000 }, () => {
    const g = spawnSync(python, ['harness/kernels/dataframe/gen_tpch.py', join(dir, 'x.parquet'), '0', '1000', 'tpch-q1'], { cwd: root, encoding: 'utf8', timeout: 120_000 });
    expect(g.status).toBe(1);
    expect(g.stderr).toContain('rows=1000 is not the lineitem row count of a TPC-H scale factor this generator knows; expected one of 60175 (scale factor 0.01), 600572 (scale factor 0.1), 6001215 (scale factor 1)');
    expect(existsSync(join(dir, 'x.parquet'))).toBe(false);
    rmSync(dir, { recursive: true, force: true });
  });
});
