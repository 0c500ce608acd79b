import { describe, expect, it } from 'vitest';
import { parseCpuinfo, parseOsRelease } from '../../harness/runner/fingerprint.ts';
import { invocationFor, threadEnv } from '../../harness/runner/commands.ts';
import { Implementation } from '../../src/lib/schema/kernel.ts';

describe('machine fingerprint', () => {
  it('reads model and SIMD flags from x86 /proc/cpuinfo', () => {
    const info = parseCpuinfo('processor\t: 0\nmodel name\t: AMD EPYC 9654 96-Core Processor\nflags\t\t: fpu sse sse2 ssse3 sse4_1 avx avx2 fma avx512f avx512bw aes\n');
    expect(info.model).toBe('AMD EPYC 9654 96-Core Processor');
    expect(info.simd).toEqual(['avx', 'avx2', 'avx512bw', 'avx512f', 'fma', 'sse', 'sse2', 'sse4_1', 'ssse3']);
    expect(info.mhz).toBeNull();
  });
  it('reads the clock /proc/cpuinfo reports, when it reports one', () => {
    expect(parseCpuinfo('processor\t: 0\ncpu MHz\t\t: 2000.000\nflags\t\t: avx2\n').mhz).toBe(2000);
    expect(parseCpuinfo('processor\t: 0\ncpu MHz\t\t: unknown\n').mhz).toBeNull();
  });
  it('reads arm64 features', () => {
    expect(parseCpuinfo('processor\t: 0\nFeatures\t: fp asimd evtstrm aes sve sve2\n').simd).toEqual(['asimd', 'sve', 'sve2']);
  });
  it('reads the OS name', () => {
    expect(parseOsRelease('NAME="Debian GNU/Linux"\nPRETTY_NAME="Debian GNU/Linux 12 (bookworm)"\n')).toBe('Debian GNU/Linux 12 (bookworm)');
  });
});

describe('build and run commands', () => {
  const tools = { python: '/r/.venv/bin/python', mojo: '/r/.venv/bin/mojo', cc: 'cc', cargo: 'cargo', rustc: 'rustc' };
  it('builds C with the kernel\'s flags and the protocol helper\'s include path into the build cache', () => {
    const impl = Implementation.parse({ id: 'c-scalar', label: 'C', runtime: 'c', tier: 'naive', source: 'c_scalar.c', cflags: ['-O3'], libs: ['-lm'] });
    expect(invocationFor('mandelbrot', impl, tools)).toEqual({
      build: ['cc', '-O3', '-I', 'harness/protocol/c', '-o', '.cache/build/mandelbrot/c-scalar', 'harness/kernels/mandelbrot/c_scalar.c', '-lm'],
      buildEnv: {},
      run: ['.cache/build/mandelbrot/c-scalar'],
    });
  });
  it('builds Mojo with the protocol helper\'s include path', () => {
    const impl = Implementation.parse({ id: 'm', label: 'M', runtime: 'mojo', tier: 'naive', source: 'm.mojo', mojoFlags: ['-D', 'ASSERT=none'] });
    expect(invocationFor('mandelbrot', impl, tools).build).toEqual(['.venv/bin/mojo', 'build', '-D', 'ASSERT=none', '-I', 'harness/protocol/mojo', 'harness/kernels/mandelbrot/m.mojo', '-o', '.cache/build/mandelbrot/m']);
  });
  it('runs Python from the project environment with a repository-relative path', () => {
    const impl = Implementation.parse({ id: 'python', label: 'Py', runtime: 'python', tier: 'naive', source: 'python.py' });
    expect(invocationFor('mandelbrot', impl, tools).run).toEqual(['.venv/bin/python', 'harness/kernels/mandelbrot/python.py']);
  });
  it('gives parallel implementations every core and serial ones one thread', () => {
    const par = Implementation.parse({ id: 'p', label: 'P', runtime: 'c', tier: 'optimized', parallel: true, source: 'p.c' });
    const ser = Implementation.parse({ id: 's', label: 'S', runtime: 'c', tier: 'naive', source: 's.c' });
    expect(threadEnv(par, 8)).toMatchObject({ CLAIMBENCH_THREADS: '8', OMP_NUM_THREADS: '8', RAYON_NUM_THREADS: '8' });
    expect(threadEnv(ser, 8)).toMatchObject({ CLAIMBENCH_THREADS: '1', OPENBLAS_NUM_THREADS: '1' });
  });
});
