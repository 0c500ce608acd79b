/**
 * The dataframe kernel (harness/kernels/dataframe) runs one set of programs with a different
 * `query`: the group-by as its main workload, the filter and the join as variants measured by the
 * full profile (the filter variant on the in-memory programs only).
 */
import { describe, expect, it } from 'vitest';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadKernelDefinitions } from '../../src/io/load.ts';
import { variantKernel } from '../../src/lib/schema/kernel.ts';

const root = process.cwd();
const kernels = new Map(loadKernelDefinitions(root).map((k) => [k.id, k]));
const dir = join(root, 'harness/kernels/dataframe');
const dataframe = kernels.get('dataframe')!;

describe('dataframe kernel', () => {
  it('measures the group-by as its main workload, the filter over about 1 GB and the join as variants', () => {
    expect(dataframe.workload).toEqual({ rows: 10_000_000, query: 'groupby' });
    expect(variantKernel(dataframe, 'filter').workload).toEqual({ rows: 15_000_000, query: 'filter' });
    expect(variantKernel(dataframe, 'join').workload).toEqual({ rows: 1_000_000, query: 'join' });
    // The filter once had a kernel of its own holding copies of these programs.
    expect(existsSync(join(root, 'harness/kernels/dataframe-filter'))).toBe(false);
  });

  it('the filter variant runs only the programs on a table already in memory, the reference among them', () => {
    const filter = variantKernel(dataframe, 'filter');
    expect(filter.implementations.map((i) => i.id).sort()).toEqual(['duckdb', 'duckdb-threads', 'pandas', 'polars-eager', 'polars-eager-threads', 'polars-lazy-threads']);
    expect(filter.implementations.some((i) => i.id === dataframe.reference)).toBe(true);
    expect(filter.implementations.every((i) => !/-(read|scan)/.test(i.id))).toBe(true);
    // The join measures all nine.
    expect(variantKernel(dataframe, 'join').implementations).toHaveLength(dataframe.implementations.length);
  });

  it('the TPC-H variants run Q1 and Q6 on their own lineitem data set (tpchgen-cli at scale factor 1), on the in-memory programs', () => {
    for (const id of ['tpch-q1', 'tpch-q6']) {
      const v = variantKernel(dataframe, id);
      expect(v.workload).toEqual({ rows: 6_001_215, query: id });
      expect(v.dataset).toMatchObject({ name: 'lineitem.parquet', generator: { source: 'gen_tpch.py' } });
      expect(v.implementations.map((i) => i.id).sort()).toEqual(['duckdb', 'duckdb-threads', 'pandas', 'polars-eager', 'polars-eager-threads', 'polars-lazy-threads']);
    }
    // The other workloads keep the generated sales table.
    for (const id of ['filter', 'join']) expect(variantKernel(dataframe, id).dataset).toEqual(dataframe.dataset);
    // The generator knows the lineitem row count of scale factor 1 (and of the tests' 0.01).
    const gen = readFileSync(join(dir, 'gen_tpch.py'), 'utf8');
    expect(gen).toMatch(/6001215: "1"/);
    expect(gen).toMatch(/60175: "0\.01"/);
    // tpchgen-cli is pinned with hashes in the kernel's lock.
    expect(readFileSync(join(dir, 'requirements.lock'), 'utf8')).toMatch(/^tpchgen-cli==4\.0\.0 \\\n {4}--hash=sha256:[0-9a-f]{64}/m);
  });

  it('an implementation id says its thread count: -threads ones (and pandas-read, PyArrow\'s reader) are parallel, the others one thread', () => {
    for (const impl of dataframe.implementations) expect(impl.parallel, impl.id).toBe(impl.id.endsWith('-threads') || impl.id === 'pandas-read');
  });

  it('every program names the implementation it is listed as', () => {
    for (const impl of dataframe.implementations) {
      const src = readFileSync(join(dir, impl.source), 'utf8');
      expect(src.includes(`parse_args("${impl.id}", PARAMS)`), impl.source).toBe(true);
    }
  });
});
