/**
 * How each language's implementation is built and run: pure functions from a kernel implementation
 * to argument vectors. The site shows these same commands so a reader can reproduce a result.
 */
import { join } from 'node:path';
import type { Implementation } from '../../src/lib/schema/kernel.ts';
import type { ToolPaths } from './toolchains.ts';
import { protocolIncludes } from '../../src/lib/protocol-helpers.ts';

export interface Invocation {
  /** Build step (argv), or null for interpreted implementations. */
  build: string[] | null;
  /** Environment for the build. */
  buildEnv: Record<string, string>;
  /** The program and its leading arguments; the protocol's WARMUP SAMPLES params... follow. */
  run: string[];
}

/** Paths are relative to the repository root, which is the working directory of every command. */
export function invocationFor(kernelId: string, impl: Implementation, tools: ToolPaths): Invocation {
  const dir = `harness/kernels/${kernelId}`;
  const src = `${dir}/${impl.source}`;
  const out = `.cache/build/${kernelId}/${impl.id}`;
  switch (impl.language) {
    case 'python':
      return { build: null, buildEnv: {}, run: [tools.python.replace(/^.*\/\.venv\//, '.venv/'), src] };
    case 'c':
      return { build: [tools.cc, ...impl.cflags, ...protocolIncludes('c'), '-o', out, src, ...impl.libs], buildEnv: {}, run: [out] };
    case 'rust': {
      const target = `.cache/build/${kernelId}/rust`;
      return {
        build: [tools.cargo, 'build', '--release', '--locked', '--quiet', '--manifest-path', `${src}/Cargo.toml`, '--bin', impl.bin, '--target-dir', target],
        buildEnv: {},
        run: [join(target, 'release', impl.bin)],
      };
    }
    case 'mojo':
      return {
        build: [tools.mojo.replace(/^.*\/\.venv\//, '.venv/'), 'build', ...impl.mojoFlags, ...protocolIncludes('mojo'), src, '-o', out],
        buildEnv: { MODULAR_TELEMETRY_ENABLED: '0' },
        run: [out],
      };
  }
}

/** Thread-count environment for an implementation: all cores for parallel ones, one otherwise. */
export function threadEnv(impl: Pick<Implementation, 'parallel'>, cores: number): Record<string, string> {
  const n = String(impl.parallel ? cores : 1);
  return {
    CLAIMBENCH_THREADS: n,
    OMP_NUM_THREADS: n,
    RAYON_NUM_THREADS: n,
    OPENBLAS_NUM_THREADS: n,
    MKL_NUM_THREADS: n,
    MODULAR_TELEMETRY_ENABLED: '0',
  };
}
