import { describe, expect, it } from 'vitest';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Kernel, variantKernel } from '../../src/lib/schema/kernel.ts';
import type { Machine, Toolchain } from '../../src/lib/schema/run.ts';
import { runKernel } from '../../harness/runner/harness.ts';
import { loadDataset } from '../../src/io/load.ts';
import { fakeRunner, fixedClock, memoryFs, protocolProgram, quietLogger } from '../fixtures/fakes.ts';

const KERNEL_YAML = `schemaVersion: 2
id: k
title: K
summary: S
origin: { title: O, url: "https://example.org" }
params: [{ name: n, type: integer }, { name: bits, type: integer, min: 32, max: 64 }]
workload: { n: 10, bits: 32 }
variants: [{ id: f64, description: the same in float64, workload: { bits: 64 } }]
checksum: { description: sum }
reference: ref
implementations: [{ id: ref, label: Ref, runtime: python, tier: naive, source: ref.py }]
`;
const base = {
  schemaVersion: 2, id: 'k', title: 'K', summary: 'S', origin: { title: 'O', url: 'https://example.org' },
  params: [{ name: 'n', type: 'integer' }, { name: 'bits', type: 'integer', min: 32, max: 64 }], workload: { n: 10, bits: 32 },
  checksum: { description: 'sum' }, reference: 'ref', implementations: [{ id: 'ref', label: 'Ref', runtime: 'python', tier: 'naive', source: 'ref.py' }],
};
const issues = (raw: unknown) => {
  const r = Kernel.safeParse(raw);
  return r.success ? [] : r.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
};

describe('kernel variants', () => {
  it('override some workload parameters; unknown parameters, bad values, empty and duplicate variants are refused', () => {
    const k = Kernel.parse({ ...base, variants: [{ id: 'f64', description: 'd', workload: { bits: 64 } }] });
    expect(variantKernel(k, 'f64').workload).toEqual({ n: 10, bits: 64 });
    expect(() => variantKernel(k, 'f16')).toThrow('kernel k has no variant "f16" (has: f64)');
    expect(Kernel.parse(base).variants).toEqual([]);
    expect(issues({ ...base, variants: [{ id: 'x', description: 'd', workload: { width: 3 } }] })).toEqual(['variants.0.workload.width: expected one of the params [n, bits], got "width"']);
    expect(issues({ ...base, variants: [{ id: 'x', description: 'd', workload: { bits: 128 } }] })[0]).toMatch(/^variants\.0\.workload\.bits: expected .*64/);
    expect(issues({ ...base, variants: [{ id: 'x', description: 'd', workload: {} }] })).toEqual(['variants.0.workload: expected at least one parameter that differs from the main workload']);
    expect(issues({ ...base, variants: [{ id: 'x', description: 'd', workload: { bits: 64 } }, { id: 'x', description: 'e', workload: { n: 5 } }] })).toEqual(['variants: duplicate variant id "x"']);
  });

  it('a variant may read a data set of its own; the others keep the kernel\'s', () => {
    const own = { name: 'lineitem.parquet', generator: { source: 'gen_tpch.py', seed: 0 } };
    const k = Kernel.parse({ ...base, dataset: { name: 'sales.parquet', generator: { source: 'gen.py', seed: 1 } },
      variants: [{ id: 'tpch', description: 'd', workload: { n: 5 }, dataset: own }, { id: 'f64', description: 'd', workload: { bits: 64 } }] });
    expect(variantKernel(k, 'tpch').dataset).toEqual(own);
    expect(variantKernel(k, 'f64').dataset).toEqual(k.dataset);
    expect(issues({ ...base, variants: [{ id: 'x', description: 'd', workload: { n: 5 }, dataset: { name: 'a b', generator: { source: 'g.py', seed: 0 } } }] })[0]).toMatch(/^variants\.0\.dataset\.name: a plain file name/);
    expect(issues({ ...base, variants: [{ id: 'x', description: 'd', workload: { n: 5 }, dataset: { name: 'a.bin', package: { name: 'p', file: 'f' } } }] })).toEqual(['variants.0.dataset.package: a packaged data set comes from the kernel\'s own environment: add "pythonLock"']);
  });

  const machine: Machine = { id: 'test-2c', cpuModel: 'Test', cpu: null, arch: 'x64', cores: 2, simd: [], memoryBytes: 1, os: 'T', kernelRelease: '1', gpu: null };
  const toolchains: Record<string, Toolchain> = { python: { version: 'Python 3.11.7' } };
  const kernel = Kernel.parse({ ...base, variants: [{ id: 'f64', description: 'd', workload: { bits: 64 } }] });
  const deps = () => ({
    proc: fakeRunner({ '.venv/bin/python': protocolProgram('ref', 1e6) }),
    fs: memoryFs({ '/repo/harness/kernels/k/ref.py': '#', '/repo/harness/protocol/python/claimbench_protocol.py': '#' }),
    clock: fixedClock(), log: quietLogger(), root: '/repo', seed: 1, loadAverage: () => 0,
    tools: { python: '/repo/.venv/bin/python', mojo: 'mojo', cc: 'cc', cargo: 'cargo', rustc: 'rustc' },
  });

  it('the harness measures a variant with its parameters into a file of its own, full profile only', async () => {
    const d = deps();
    const { run, path } = await runKernel({ kernel, machine, toolchains, profile: 'full', fresh: true, variant: 'f64' }, d);
    expect(path).toBe('/repo/content/runs/test-2c/variants/f64/k.json');
    expect(run.variant).toBe('f64');
    expect(run.params).toEqual({ n: 10, bits: 64 });
    expect(d.proc.calls.every((c) => c.args.slice(-2).join(' ') === '10 64')).toBe(true);
    expect(d.fs.files.has('/repo/content/runs/test-2c/k.json')).toBe(false);
    const main = await runKernel({ kernel, machine, toolchains, profile: 'full', fresh: true }, d);
    expect(main.path).toBe('/repo/content/runs/test-2c/k.json');
    expect(main.run.variant).toBeUndefined();
    expect(main.run.params).toEqual({ n: 10, bits: 32 });
    await expect(runKernel({ kernel, machine, toolchains, profile: 'quick', fresh: true, variant: 'f64' }, deps())).rejects.toThrow('kernel variants run in the full profile only');
  });

  it('the loader reads variant runs apart from the runs claims use, and checks folder names', async () => {
    const { run } = await runKernel({ kernel, machine, toolchains, profile: 'full', fresh: true, variant: 'f64' }, deps());
    const repo = () => {
      const root = mkdtempSync(join(tmpdir(), 'claimbench-variant-'));
      mkdirSync(join(root, 'harness/kernels/k'), { recursive: true });
      writeFileSync(join(root, 'harness/kernels/k/kernel.yaml'), KERNEL_YAML);
      writeFileSync(join(root, 'harness/kernels/k/ref.py'), '#');
      return root;
    };
    const ok = repo();
    mkdirSync(join(ok, 'content/runs/test-2c/variants/f64'), { recursive: true });
    writeFileSync(join(ok, 'content/runs/test-2c/variants/f64/k.json'), JSON.stringify(run));
    const d = loadDataset(ok, { verifyKernelHashes: false });
    expect(d.runs).toEqual([]);
    expect(d.variantRuns.map((r) => [r.kernel, r.variant, r.params.bits])).toEqual([['k', 'f64', 64]]);

    const bad = repo();
    mkdirSync(join(bad, 'content/runs/test-2c/variants/f32'), { recursive: true });
    writeFileSync(join(bad, 'content/runs/test-2c/variants/f32/k.json'), JSON.stringify(run));
    expect(() => loadDataset(bad, { verifyKernelHashes: false })).toThrow('content/runs/test-2c/variants/f32/k.json: variant: expected the folder name "f32", got "f64"');
  });
});
