/**
 * The shape of a runtime adapter: how the harness finds a runtime's toolchain, reads its version,
 * builds an implementation and runs it. One module per runtime in this folder; index.ts is the
 * registry. The pure facts about each runtime (language, kernel.yaml options, sources shown) are
 * in src/lib/runtimes.ts.
 */
import type { Implementation } from '../../../src/lib/schema/kernel.ts';
import type { PythonVariantId, RuntimeId } from '../../../src/lib/runtimes.ts';

/** Where this machine's tools are (absolute paths, or names looked up on PATH). */
export interface ToolPaths {
  /** The project environment's interpreter (.venv, from harness/requirements.lock). */
  python: string;
  /**
   * The project-built CPython pairs (npm run setup:free-threaded: .toolchains/python3.N[t], a link to
   * the cache outside the work tree), each the build's path or, when not built, the name on PATH.
   */
  pythonVariants?: Partial<Record<PythonVariantId, string>>;
  mojo: string;
  cc: string;
  cxx?: string;
  cargo: string;
  rustc: string;
  node?: string;
}

export interface Invocation {
  /** Build step (argv), or null for interpreted implementations. */
  build: string[] | null;
  /** Environment for the build. */
  buildEnv: Record<string, string>;
  /** The program and its leading arguments; the protocol's WARMUP SAMPLES params... follow. */
  run: string[];
  /** True when the build tool keeps its own cache (cargo): the harness then always calls it. */
  toolCachesBuild?: boolean;
  /**
   * Variables of the inherited environment that must not reach the build (after `buildEnv` is
   * applied), and name prefixes of such variables: settings that would change the program measured.
   */
  buildEnvUnset?: { names?: readonly string[]; prefixes?: readonly string[] };
}

/**
 * What a build is for. `measure` (the default): the implementation as kernel.yaml and its build
 * files define it, the only kind the harness times. `check`: the tests' build at tiny sizes, where
 * only the answer matters: an adapter may build it faster (a lighter optimisation profile, caches
 * shared between kernels) into an output of its own, never the one a measurement runs.
 */
export type BuildPurpose = 'measure' | 'check';

/** What an adapter knows of the kernel an implementation belongs to. */
export interface KernelContext {
  id: string;
  /** The kernel's pip lock (kernel.yaml `pythonLock`): Python runs in .venvs/<kernel>. */
  pythonLock?: string | undefined;
}

/** How a toolchain entry is probed: a command that prints its version, and how to get it when missing. */
export interface Probe {
  cmd: string;
  args: string[];
  env?: Record<string, string>;
  /** Why it may be missing and how to get it. */
  howToGet: string;
  /** A module probe (prints the module's version): its missing message names the module. */
  module?: { name: string; environment: string };
  /** The probe prints how the toolchain was built on its second line (recorded as the toolchain's `build`). */
  buildLine?: boolean;
}

export interface RuntimeAdapter {
  id: RuntimeId;
  /** Toolchain entries an implementation needs ("cc", "python:numpy"); detected once per harness run and recorded in it. */
  toolchains(impl: Implementation, kernel: KernelContext): string[];
  /** How to probe a toolchain entry this adapter named, or null when the name is not its own. */
  probe(name: string, tools: ToolPaths): Probe | null;
  /** Build and run commands; paths relative to the repository root, the working directory of every command. */
  invocation(impl: Implementation, kernel: KernelContext, tools: ToolPaths, purpose?: BuildPurpose): Invocation;
}

/** A tool path as a command relative to the repository root when it lies in a project folder. */
export function projectRelative(path: string): string {
  return path.replace(/^.*\/(\.venvs?\/|\.toolchains\/)/, '$1');
}

/** Where the harness puts an implementation's build output. */
export function buildOutput(kernelId: string, implId: string): string {
  return `.cache/build/${kernelId}/${implId}`;
}
