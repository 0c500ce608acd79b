import { describe, expect, it } from 'vitest';
import { Kernel } from '../../src/lib/schema/kernel.ts';
import type { Machine, Toolchain } from '../../src/lib/schema/run.ts';
import { envUnsetFor, OPENBLAS_OVERRIDES } from '../../harness/runner/blas-env.ts';
import { realProcessRunner } from '../../harness/runner/effects.ts';
import { runKernel } from '../../harness/runner/harness.ts';
import { fakeRunner, fixedClock, memoryFs, protocolProgram, quietLogger } from '../fixtures/fakes.ts';

const kernel = Kernel.parse({
  schemaVersion: 1, id: 'k', title: 'K', summary: 'S', origin: { title: 'O', url: 'https://example.org' },
  params: [{ name: 'n' }], workload: { n: 100 }, checksum: { description: 'sum' }, reference: 'ref',
  implementations: [
    { id: 'ref', label: 'ref', language: 'python', tier: 'naive', source: 'ref.py' },
    { id: 'np', label: 'np', language: 'python', tier: 'idiomatic', source: 'np.py', requires: ['numpy'] },
    { id: 'torch', label: 'torch', language: 'python', tier: 'idiomatic', source: 'torch.py', requires: ['torch'] },
    { id: 'c', label: 'c', language: 'c', tier: 'naive', source: 'c.c' },
  ],
});
const byId = (id: string) => kernel.implementations.find((i) => i.id === id)!;

describe('the NumPy benchmark environment', () => {
  it('removes the OpenBLAS overrides for NumPy implementations only', () => {
    expect(OPENBLAS_OVERRIDES).toEqual(['OPENBLAS_CORETYPE', 'OPENBLAS_L2_SIZE']);
    expect(envUnsetFor(byId('np'))).toEqual(['OPENBLAS_CORETYPE', 'OPENBLAS_L2_SIZE']);
    for (const id of ['ref', 'torch', 'c']) expect(envUnsetFor(byId(id))).toEqual([]);
  });

  it('the process runner removes the named variables, after the given ones are applied, and keeps the rest', async () => {
    // Made-up names: tests never touch the machine's OpenBLAS variables.
    const r = await realProcessRunner().run(process.execPath, ['-e', 'console.log(JSON.stringify([process.env.CB_TEST_GONE ?? null, process.env.CB_TEST_KEPT ?? null]))'], {
      cwd: process.cwd(), env: { CB_TEST_GONE: 'x', CB_TEST_KEPT: 'y' }, envUnset: ['CB_TEST_GONE'], timeoutMs: 30_000,
    });
    expect(r.exitCode).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual([null, 'y']);
  });

  it('the harness passes the removal to every process of a NumPy implementation and records it in its result', async () => {
    const machine: Machine = { id: 't-2c', cpuModel: 'T', cpu: null, arch: 'x64', cores: 2, simd: [], memoryBytes: 1, os: 'T', kernelRelease: '1', gpu: null };
    const toolchains: Record<string, Toolchain> = { python: { version: 'Python 3.11.7' }, 'python:numpy': { version: '2.3.0' }, 'python:torch': { version: '2.8.0' }, cc: { version: 'gcc 12' } };
    const files = Object.fromEntries(kernel.implementations.map((i) => [`/repo/harness/kernels/k/${i.source}`, `# ${i.id}`]));
    files['/repo/harness/protocol/python/claimbench_protocol.py'] = '#';
    files['/repo/harness/protocol/c/claimbench.h'] = '/* */';
    const proc = fakeRunner({
      '.venv/bin/python': (args, env) => protocolProgram(args[0]!.split('/').at(-1)!.replace('.py', ''), 1e6)(args, env),
      '.cache/build/k/c': protocolProgram('c', 1e6),
      cc: () => ({}),
    });
    const { run } = await runKernel({ kernel: kernel as never, machine, toolchains, profile: 'quick', fresh: true, only: ['ref', 'np', 'torch'] }, {
      proc, fs: memoryFs(files), clock: fixedClock(), log: quietLogger(), root: '/repo', seed: 1, loadAverage: () => 0,
      tools: { python: '/repo/.venv/bin/python', mojo: 'mojo', cc: 'cc', cargo: 'cargo', rustc: 'rustc' },
    });
    const calls = (script: string) => proc.calls.filter((c) => c.args[0]?.endsWith(script));
    expect(calls('np.py').length).toBeGreaterThan(1);
    for (const c of calls('np.py')) expect(c.envUnset).toEqual(['OPENBLAS_CORETYPE', 'OPENBLAS_L2_SIZE']);
    for (const c of [...calls('ref.py'), ...calls('torch.py')]) expect(c.envUnset).toEqual([]);
    const result = (id: string) => run.implementations.find((i) => i.id === id)!;
    expect(result('np').status).toBe('ok');
    expect(result('np').envUnset).toEqual(['OPENBLAS_CORETYPE', 'OPENBLAS_L2_SIZE']);
    expect(result('ref').envUnset).toBeUndefined();
  });
});
