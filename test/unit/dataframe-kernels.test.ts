/**
 * The dataframe kernels (harness/kernels/dataframe, dataframe-filter) run the same programs with a
 * different `query`: the filter kernel's folder holds copies, which must stay byte-identical to
 * the dataframe kernel's (a kernel's hash covers only its own folder, so each needs its own copy).
 */
import { describe, expect, it } from 'vitest';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { loadKernelDefinitions } from '../../src/io/load.ts';

const root = process.cwd();
const kernels = new Map(loadKernelDefinitions(root).map((k) => [k.id, k]));
const dir = (id: string) => join(root, 'harness/kernels', id);

describe('dataframe kernels', () => {
  it('the filter kernel holds byte-identical copies of the dataframe kernel\'s programs and lock', () => {
    const copies = readdirSync(dir('dataframe-filter')).filter((f) => f !== 'kernel.yaml');
    expect(copies.length).toBeGreaterThan(5);
    for (const f of copies) {
      expect(readFileSync(join(dir('dataframe-filter'), f), 'utf8'), `harness/kernels/dataframe-filter/${f} differs from harness/kernels/dataframe/${f}: copy it over`).toBe(readFileSync(join(dir('dataframe'), f), 'utf8'));
    }
  });

  it('each kernel measures its own query on its own table size, with the same data set and lock', () => {
    const g = kernels.get('dataframe')!;
    const f = kernels.get('dataframe-filter')!;
    expect(g.workload).toEqual({ rows: 10_000_000, query: 'groupby' });
    expect(f.workload).toEqual({ rows: 15_000_000, query: 'filter' });
    expect(f.dataset).toEqual(g.dataset);
    expect(f.pythonLock).toBe(g.pythonLock);
    expect(f.params).toEqual(g.params);
  });

  it('an implementation id says its thread count: -threads ones (and pandas-read, PyArrow\'s reader) are parallel, the others one thread', () => {
    for (const k of [kernels.get('dataframe')!, kernels.get('dataframe-filter')!]) {
      for (const impl of k.implementations) expect(impl.parallel, `${k.id}/${impl.id}`).toBe(impl.id.endsWith('-threads') || impl.id === 'pandas-read');
    }
  });

  it('every program names the implementation it is listed as', () => {
    for (const k of [kernels.get('dataframe')!, kernels.get('dataframe-filter')!]) {
      for (const impl of k.implementations) {
        const src = readFileSync(join(dir(k.id), impl.source), 'utf8');
        expect(src.includes(`parse_args("${impl.id}", PARAMS)`), `${k.id}/${impl.source} for ${impl.id}`).toBe(true);
      }
    }
  });
});
