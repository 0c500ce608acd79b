/**
 * The runtime registry: every runtime id has an adapter, adapters build and run what kernel.yaml
 * describes, detection names what is missing and how to get it, and metrics know their direction.
 */
import { describe, expect, it } from 'vitest';
import { Implementation } from '../../src/lib/schema/kernel.ts';
import { RUNTIME_IDS, RUNTIMES, sourcesToShow } from '../../src/lib/runtimes.ts';
import { ADAPTERS } from '../../harness/runner/runtimes/index.ts';
import { invocationFor } from '../../harness/runner/commands.ts';
import { detectToolchains, kernelToolchains, missingReason, toolPaths } from '../../harness/runner/toolchains.ts';
import { defaultMetric, improvementFactor, isBetter, metricDirection, METRIC_IDS, throughputPerSecond } from '../../src/lib/metrics.ts';
import { fakeRunner } from '../fixtures/fakes.ts';

const tools = toolPaths('/r', () => false);
const impl = (x: Record<string, unknown>) => Implementation.parse({ id: 'i', label: 'I', tier: 'naive', source: 'i.src', ...x });

describe('runtime registry', () => {
  it('has one adapter per runtime id, each under its own id', () => {
    expect(Object.keys(ADAPTERS).sort()).toEqual([...RUNTIME_IDS].sort());
    for (const id of RUNTIME_IDS) expect(ADAPTERS[id].id).toBe(id);
  });
  it('compiles C++ with the C protocol header and the kernel flags', () => {
    expect(invocationFor('k', impl({ runtime: 'cpp', source: 'x.cpp', cflags: ['-O2', '-std=c++20'] }), tools)).toEqual({
      build: ['c++', '-O2', '-std=c++20', '-I', 'harness/protocol/c', '-o', '.cache/build/k/i', 'harness/kernels/k/x.cpp'],
      buildEnv: {},
      run: ['.cache/build/k/i'],
    });
  });
  it('runs a Node module with node and no build', () => {
    expect(invocationFor('k', impl({ runtime: 'node', source: 'x.mjs' }), tools)).toEqual({ build: null, buildEnv: {}, run: ['node', 'harness/kernels/k/x.mjs'] });
  });
  it('runs the same Python file with an interpreter variant (3.13t from the project build when it exists)', () => {
    const withBuild = toolPaths('/r', (p) => p === '/r/.toolchains/python3.13t/bin/python3.13t');
    expect(invocationFor('k', impl({ runtime: 'python3.13t', source: 'x.py' }), withBuild).run).toEqual(['.toolchains/python3.13t/bin/python3.13t', 'harness/kernels/k/x.py']);
    expect(invocationFor('k', impl({ runtime: 'python3.13t', source: 'x.py' }), tools).run).toEqual(['python3.13t', 'harness/kernels/k/x.py']);
  });
  it('runs the 3.14 and 3.15 pairs from the project builds, and says how to build one version', async () => {
    const built = toolPaths('/r', (p) => p === '/r/.toolchains/python3.15t/bin/python3.15t' || p === '/r/.toolchains/python3.14/bin/python3.14');
    expect(invocationFor('k', impl({ runtime: 'python3.15t', source: 'x.py' }), built).run).toEqual(['.toolchains/python3.15t/bin/python3.15t', 'harness/kernels/k/x.py']);
    expect(invocationFor('k', impl({ runtime: 'python3.14', source: 'x.py' }), built).run).toEqual(['.toolchains/python3.14/bin/python3.14', 'harness/kernels/k/x.py']);
    expect(invocationFor('k', impl({ runtime: 'python3.15', source: 'x.py' }), built).run).toEqual(['python3.15', 'harness/kernels/k/x.py']);
    const found = await detectToolchains(fakeRunner({}), tools, ['python3.14t']);
    expect(found['python3.14t']!.missing).toContain('npm run setup:free-threaded -- 3.14');
  });
  it('runs Python in the kernel\'s own environment when the kernel has a pip lock, and detects modules there', async () => {
    const py = impl({ runtime: 'python', source: 'x.py', requires: ['crc32c'] });
    const kernel = { id: 'hashing', pythonLock: 'requirements.lock', implementations: [py] };
    expect(invocationFor(kernel, py, tools).run).toEqual(['.venvs/hashing/bin/python', 'harness/kernels/hashing/x.py']);
    expect(kernelToolchains(kernel)).toEqual(['python@hashing', 'python@hashing:crc32c']);
    const proc = fakeRunner({ '.venvs/hashing/bin/python': (args) => (args[0] === '--version' ? { stdout: 'Python 3.11.2\n' } : { exitCode: 1, stderr: 'ModuleNotFoundError' }) });
    const found = await detectToolchains(proc, tools, kernelToolchains(kernel));
    expect(found['python@hashing']).toEqual({ version: 'Python 3.11.2' });
    expect(missingReason(py, found, kernel)).toBe('python@hashing:crc32c missing: the Python module "crc32c" is not importable in .venvs/hashing (installed from the kernel\'s pip lock by "npm run setup")');
  });
  it('says how to get a missing compiler', async () => {
    const found = await detectToolchains(fakeRunner({}), tools, ['c++']);
    expect(found['c++']!.missing).toBe('c++ not found or not working (spawn c++ ENOENT); install a C++ compiler (Debian: apt-get install g++)');
  });
  it('shows a cargo package\'s binary, library and manifest, and a single file otherwise', () => {
    expect(sourcesToShow({ runtime: 'rust', source: 'rust', bin: 'naive' }, (f) => !f.endsWith('lib.rs'))).toEqual(['rust/src/bin/naive.rs', 'rust/Cargo.toml']);
    expect(sourcesToShow({ runtime: 'python3.13', source: 'x.py' }, () => true)).toEqual(['x.py']);
    expect(RUNTIMES['python3.13t'].language).toBe('python');
  });
});

describe('metrics', () => {
  it('knows which way is better for each', () => {
    expect(Object.fromEntries(METRIC_IDS.map((m) => [m, metricDirection(m)]))).toEqual({
      time: 'lower', throughput: 'higher', 'requests-per-second': 'higher', 'latency-p50': 'lower', 'latency-p99': 'lower', 'peak-memory': 'lower',
    });
    expect(isBetter('time', 1, 2)).toBe(true);
    expect(isBetter('throughput', 1, 2)).toBe(false);
    expect(isBetter('time', 2, 2)).toBe(false);
  });
  it('gives the same improvement factor from times and from throughputs of the same work', () => {
    const work = 1e6;
    const [slowNs, fastNs] = [4e6, 1e6];
    expect(improvementFactor('time', slowNs, fastNs)).toBe(4);
    expect(improvementFactor('throughput', throughputPerSecond(work, slowNs), throughputPerSecond(work, fastNs))).toBeCloseTo(4, 12);
  });
  it('defaults a claim check to its comparison\'s metric', () => {
    expect(defaultMetric('ratio')).toBe('time');
    expect(defaultMetric('memory')).toBe('peak-memory');
  });
});
