/**
 * The data-set step with fake processes and files: made once per parameters and cached by hash,
 * passed to every program, recorded in the run; a failing generator is a failed result that names
 * the generator, and the earlier result is kept.
 */
import { describe, expect, it } from 'vitest';
import { Kernel } from '../../src/lib/schema/kernel.ts';
import type { Machine, Toolchain } from '../../src/lib/schema/run.ts';
import { runKernel, type HarnessDeps } from '../../harness/runner/harness.ts';
import { prepareDataset } from '../../harness/runner/dataset.ts';
import { fakeRunner, fixedClock, memoryFs, quietLogger, type FakeProgram } from '../fixtures/fakes.ts';
import { createHash } from 'node:crypto';

const ROOT = '/repo';
const kernel = Kernel.parse({
  schemaVersion: 2, id: 'h', title: 'H', summary: 'S', origin: { title: 'O', url: 'https://example.org' },
  params: [{ name: 'size', type: 'size' }, { name: 'mode', type: 'enum', values: ['whole', 'chunked'] }],
  workload: { size: '1 KiB', mode: 'chunked' },
  metrics: [{ id: 'time' }, { id: 'throughput', work: 'bytes' }],
  dataset: { name: 'data.bin', generator: { source: 'gen.py', seed: 7 } },
  budgetSeconds: { quick: 0.5 },
  checksum: { kind: 'digest', description: 'crc' }, reference: 'ref',
  implementations: [{ id: 'ref', label: 'ref', runtime: 'python', tier: 'naive', source: 'ref.py' }, { id: 'fast', label: 'fast', runtime: 'python', tier: 'optimized', source: 'fast.py' }],
});
const machine: Machine = { id: 'test-2c', cpuModel: 'Test', cpu: null, arch: 'x64', cores: 2, simd: [], memoryBytes: 1, os: 'T', kernelRelease: '1', gpu: null };
const toolchains: Record<string, Toolchain> = { python: { version: 'Python 3.11.7' } };
const files = {
  [`${ROOT}/harness/kernels/h/kernel.yaml`]: 'kernel',
  [`${ROOT}/harness/kernels/h/gen.py`]: '# generator',
  [`${ROOT}/harness/kernels/h/ref.py`]: '# ref',
  [`${ROOT}/harness/kernels/h/fast.py`]: '# fast',
  [`${ROOT}/harness/protocol/python/claimbench_protocol.py`]: '# helper',
  [`${ROOT}/harness/requirements.lock`]: 'numpy==2.1.0 --hash=sha256:00\n',
};

/** A program that reads the data set named in CLAIMBENCH_DATASET and reports its "digest" and the bytes it hashed. */
function hasher(impl: string, fs: ReturnType<typeof memoryFs>, sampleNs: number): FakeProgram {
  return (args, env) => {
    const [, samples, size, mode] = args.slice(-4);
    const data = fs.files.get(`${ROOT}/${env.CLAIMBENCH_DATASET}`);
    if (data === undefined) return { exitCode: 1, stderr: `no data set at ${env.CLAIMBENCH_DATASET}` };
    const checksum = createHash('sha256').update(data).digest('hex').slice(0, 8);
    return { stdout: `${JSON.stringify({ impl, params: { size: Number(size), mode }, checksum, samplesNs: Array(Number(samples)).fill(sampleNs), threads: 1, peakRssKiB: 100, work: { bytes: Number(size) } })}\n` };
  };
}

type Generator = (fs: ReturnType<typeof memoryFs>) => FakeProgram;

function setup(generator: Generator) {
  const fs = memoryFs(files);
  const programs: Record<string, FakeProgram> = { gen: generator(fs), ref: hasher('ref', fs, 50_000_000), fast: hasher('fast', fs, 500) };
  const proc = fakeRunner({ '.venv/bin/python': (args, env) => programs[args[0]!.split('/').at(-1)!.replace('.py', '')]!(args, env) });
  const deps: HarnessDeps = { proc, fs, clock: fixedClock(), log: quietLogger(), root: ROOT, tools: { python: '/repo/.venv/bin/python', mojo: '', cc: 'cc', cargo: 'cargo', rustc: 'rustc' }, seed: 1, loadAverage: () => 0.1 };
  return { fs, proc, deps };
}
const writes: Generator = (fs) => (args) => {
  const [, out, seed, size] = args;
  fs.files.set(`${ROOT}/${out}`, `seed ${seed}: ${'x'.repeat(Number(size) - 7 - seed!.length)}`);
  return {};
};
const opts = { kernel, machine, toolchains, profile: 'quick' as const, fresh: false };

describe('the data-set step', () => {
  it('makes the data set once, passes its path to every program and records name, size and hash', async () => {
    const { fs, proc, deps } = setup(writes);
    const { run } = await runKernel(opts, deps);
    const genCalls = proc.calls.filter((c) => c.args[0]!.endsWith('gen.py'));
    expect(genCalls).toHaveLength(1);
    expect(genCalls[0]!.args.slice(2)).toEqual(['7', '1024', 'chunked']);
    const path = genCalls[0]!.args[1]!;
    expect(path).toMatch(/^\.cache\/datasets\/h\/[0-9a-f]{16}\/data\.bin$/);
    const content = fs.files.get(`${ROOT}/${path}`)!;
    expect(run.dataset).toEqual({ name: 'data.bin', bytes: 1024, sha256: createHash('sha256').update(content).digest('hex') });
    expect(run.params).toEqual({ size: 1024, mode: 'chunked' });
    expect(run.implementations.map((i) => [i.id, i.status])).toEqual([['ref', 'ok'], ['fast', 'ok']]);
    expect(run.implementations[1]!.work).toEqual({ bytes: 1024 });
    expect(proc.calls.filter((c) => !c.args[0]!.endsWith('gen.py')).every((c) => c.env.CLAIMBENCH_DATASET === path)).toBe(true);
    // Re-measuring reuses the cached data set; other parameters make another.
    await runKernel({ ...opts, fresh: true }, deps);
    expect(proc.calls.filter((c) => c.args[0]!.endsWith('gen.py'))).toHaveLength(1);
    await runKernel({ ...opts, kernel: Kernel.parse({ ...kernel, workload: { size: '4 KiB', mode: 'chunked' } }) }, deps);
    const again = proc.calls.filter((c) => c.args[0]!.endsWith('gen.py'));
    expect(again).toHaveLength(2);
    expect(again[1]!.args[1]).not.toBe(path);
  });
  it('makes the data set again when a module its generator imports changes, not when another file does', async () => {
    const { fs, proc, deps } = setup(writes);
    fs.files.set(`${ROOT}/harness/kernels/h/gen.py`, 'import os, sys\nsys.path.insert(1, os.path.join(HERE, "..", "other"))\nfrom reader import paragraphs\n');
    fs.files.set(`${ROOT}/harness/kernels/other/reader.py`, 'def paragraphs(): return ["a"]\n');
    const made = () => proc.calls.filter((c) => c.args[0]!.endsWith('gen.py')).map((c) => c.args[1]!);
    await runKernel({ ...opts, fresh: true }, deps);
    fs.files.set(`${ROOT}/harness/kernels/other/unrelated.py`, '# not imported');
    await runKernel({ ...opts, fresh: true }, deps);
    expect(made()).toHaveLength(1);
    fs.files.set(`${ROOT}/harness/kernels/other/reader.py`, 'def paragraphs(): return ["b"]\n');
    await runKernel({ ...opts, fresh: true }, deps);
    expect(made()).toHaveLength(2);
    expect(made()[1]).not.toBe(made()[0]);
  });
  it('makes the data set again when the lock of the environment its generator runs in changes, not when another lock does', async () => {
    // Kernel h has no pythonLock: its generator runs in .venv, pinned by harness/requirements.lock.
    const { fs, proc, deps } = setup(writes);
    const made = () => proc.calls.filter((c) => c.args[0]!.endsWith('gen.py')).map((c) => c.args[1]!);
    fs.files.set(`${ROOT}/harness/kernels/other/requirements.lock`, 'tokenizers==0.20.0 --hash=sha256:00\n');
    await runKernel({ ...opts, fresh: true }, deps);
    fs.files.set(`${ROOT}/harness/kernels/other/requirements.lock`, 'tokenizers==0.21.0 --hash=sha256:11\n');
    await runKernel({ ...opts, fresh: true }, deps);
    expect(made()).toHaveLength(1);
    fs.files.set(`${ROOT}/harness/requirements.lock`, 'numpy==2.2.0 --hash=sha256:22\n');
    await runKernel({ ...opts, fresh: true }, deps);
    expect(made()).toHaveLength(2);
    expect(made()[1]).not.toBe(made()[0]);
  });
  it('keys a generator of a kernel with its own environment on that kernel\'s lock, not the shared one', async () => {
    const k = Kernel.parse({ ...kernel, pythonLock: 'requirements.lock' });
    const fs = memoryFs({ ...files, [`${ROOT}/harness/kernels/h/requirements.lock`]: 'tokenizers==0.20.0 --hash=sha256:00\n' });
    const proc = fakeRunner({ '.venvs/h/bin/python': writes(fs) });
    const deps = { proc, fs, root: ROOT, tools: { python: '/repo/.venv/bin/python', mojo: '', cc: 'cc', cargo: 'cargo', rustc: 'rustc' } };
    const params = { size: 64, mode: 'chunked' };
    const first = await prepareDataset(k, params, deps);
    fs.files.set(`${ROOT}/harness/requirements.lock`, 'numpy==2.2.0 --hash=sha256:22\n');
    const sharedChanged = await prepareDataset(k, params, deps);
    expect(sharedChanged.ok && sharedChanged.reused).toBe(true);
    expect(sharedChanged.ok && first.ok && sharedChanged.path).toBe(first.ok && first.path);
    fs.files.set(`${ROOT}/harness/kernels/h/requirements.lock`, 'tokenizers==0.21.0 --hash=sha256:11\n');
    const ownChanged = await prepareDataset(k, params, deps);
    expect(ownChanged.ok && ownChanged.reused).toBe(false);
    expect(ownChanged.ok && ownChanged.path).not.toBe(first.ok && first.path);
    expect(proc.calls).toHaveLength(2);
  });
  it('names the lock file it cannot read', async () => {
    const fs = memoryFs(files);
    fs.files.delete(`${ROOT}/harness/requirements.lock`);
    const out = await prepareDataset(kernel, { size: 64, mode: 'chunked' }, { proc: fakeRunner({}), fs, root: ROOT, tools: { python: '/repo/.venv/bin/python', mojo: '', cc: 'cc', cargo: 'cargo', rustc: 'rustc' } });
    expect(out.ok ? '' : out.reason).toBe('data set "data.bin": cannot read the lock file of the generator\'s environment harness/requirements.lock: ENOENT: /repo/harness/requirements.lock');
  });
  it('sizes later rounds to the kernel\'s own time budget', async () => {
    const { proc, deps } = setup(writes);
    await runKernel(opts, deps);
    // 50 ms samples: the kernel's 0.5 s over 4 later rounds asks 3 per process (the profile's 4 s would ask 20).
    const samples = proc.calls.filter((c) => c.args[0]!.endsWith('ref.py')).map((c) => Number(c.args[2]));
    expect(samples).toEqual([1, 3, 3, 3, 3]);
  });
  it('records a failing generator as a failed result naming it, and keeps the earlier result', async () => {
    let fail = false;
    const { fs, deps } = setup((f) => (args, env) => (fail ? { exitCode: 1, stderr: 'Traceback ...\nValueError: seed must be positive\n' } : writes(f)(args, env)));
    const first = await runKernel(opts, deps);
    fail = true;
    const { run } = await runKernel({ ...opts, kernel: Kernel.parse({ ...kernel, workload: { size: '2 KiB', mode: 'whole' } }) }, deps);
    expect(run.implementations.map((i) => i.status)).toEqual(['failed', 'failed']);
    expect(run.implementations[0]!.reason).toBe('data set "data.bin": the generator harness/kernels/h/gen.py failed (exited with code 1): ValueError: seed must be positive');
    expect(run.implementations[0]!.stderrTail).toContain('Traceback');
    expect(run.dataset).toBeUndefined();
    const history = [...fs.files.keys()].filter((k) => k.includes('/history/h/'));
    expect(history).toHaveLength(1);
    expect(JSON.parse(fs.files.get(history[0]!)!).finishedAt).toBe(first.run.finishedAt);
  });
  it('copies a file a pinned package ships into the cache, from the kernel\'s own environment', async () => {
    const k = Kernel.parse({ ...kernel, pythonLock: 'requirements.lock', dataset: { name: 'words.txt', package: { name: 'somepkg', file: 'data/words.txt' } } });
    const fs = memoryFs({ ...files, [`${ROOT}/harness/kernels/h/requirements.lock`]: 'somepkg==1.0 --hash=sha256:00' });
    const proc = fakeRunner({
      '.venvs/h/bin/python': (args) => {
        if (args[0] === '-c') {
          expect(args.slice(2, 4)).toEqual(['somepkg', 'data/words.txt']);
          fs.files.set(`${ROOT}/${args[4]}`, 'alpha\nbeta\n');
          return { stdout: '1.0\n' };
        }
        return {};
      },
    });
    const out = await prepareDataset(k, { size: 1024, mode: 'chunked' }, { proc, fs, root: ROOT, tools: { python: '/repo/.venv/bin/python', mojo: '', cc: 'cc', cargo: 'cargo', rustc: 'rustc' } });
    expect(out.ok && out.record).toEqual({ name: 'words.txt', bytes: 11, sha256: createHash('sha256').update('alpha\nbeta\n').digest('hex') });
    expect(out.ok && out.path).toMatch(/^\.cache\/datasets\/h\/[0-9a-f]{16}\/words\.txt$/);
  });
  it('refuses a packaged data set without the kernel\'s own environment, and extrapolation with a data set', () => {
    const r = Kernel.safeParse({ ...kernel, dataset: { name: 'w', package: { name: 'p', file: 'f' } }, implementations: [kernel.implementations[0], { ...kernel.implementations[1], extrapolate: { param: 'size', exponent: 1, quick: 1, full: 1 } }] });
    expect(r.success ? [] : r.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`)).toEqual([
      'implementations.1.extrapolate: a kernel with a data set cannot extrapolate: the data set is made for the profile\'s parameters',
      'dataset.package: a packaged data set comes from the kernel\'s own environment: add "pythonLock"',
    ]);
  });
});
