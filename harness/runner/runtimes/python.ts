/**
 * CPython runtimes: `python` (the project environment .venv, or the kernel's own .venvs/<kernel>
 * when kernel.yaml names a `pythonLock`), and the interpreter variants `python3.13`/`python3.13t`,
 * `python3.14`/`python3.14t`, `python3.15`/`python3.15t` (the GIL and free-threaded builds of the
 * same source, npm run setup:free-threaded), which run the same program files. Interpreted: no
 * build step.
 */
import type { RuntimeAdapter, ToolPaths, KernelContext } from './types.ts';
import { projectRelative } from './types.ts';
import { PYTHON_VARIANTS, type PythonVariantId } from '../../../src/lib/runtimes.ts';

type PythonRuntime = 'python' | PythonVariantId;

const isVariant = (name: string): name is PythonVariantId => PYTHON_VARIANTS.some((v) => v.id === name);

/** The kernel's own environment's interpreter. */
export function kernelVenvPython(kernelId: string): string {
  return `.venvs/${kernelId}/bin/python`;
}

/** Toolchain name of the interpreter an implementation of this kernel runs with. */
function interpreterName(id: PythonRuntime, kernel: KernelContext): string {
  return id === 'python' && kernel.pythonLock ? `python@${kernel.id}` : id;
}

function interpreterPath(name: string, tools: ToolPaths): string | null {
  if (name === 'python') return tools.python;
  if (isVariant(name)) return tools.pythonVariants?.[name] ?? name;
  if (name.startsWith('python@')) return kernelVenvPython(name.slice('python@'.length));
  return null;
}

const HOW_TO_GET: Record<string, string> = {
  python: 'run "npm run setup": it creates .venv from harness/requirements.lock',
  ...Object.fromEntries(PYTHON_VARIANTS.map((v) => [v.id, `run "npm run setup:free-threaded -- ${v.version}": it builds CPython ${v.version} with and without the GIL into ~/.cache/claimbench/toolchains (or $CLAIMBENCH_CACHE) once per machine and links .toolchains to it`])),
};

/**
 * The version probe of a CPython build of npm run setup:free-threaded: "Python X.Y.Z" on the first
 * line (as --version prints it), and on the second how it was built, from the BUILD-INFO file the
 * setup script writes into its prefix (optimisation, compiler flags, source), when there is one.
 */
export const BUILD_INFO_PROBE = [
  'import os, sys',
  'print("Python " + sys.version.split()[0])',
  'p = os.path.join(sys.prefix, "BUILD-INFO")',
  'i = dict(l.rstrip("\\n").partition("=")[::2] for l in open(p, encoding="utf-8")) if os.path.isfile(p) else {}',
  'i and print(i.get("optimization", "?") + " build (OPT " + i.get("sysconfig_OPT", "?") + ", " + i.get("compiler", "?") + "); source: " + i.get("source_package", "?"))',
].join('\n');

function pythonRuntime(id: PythonRuntime): RuntimeAdapter {
  return {
    id,
    toolchains(impl, kernel) {
      const interp = interpreterName(id, kernel);
      return [interp, ...(impl.requires ?? []).map((m) => `${interp}:${m}`)];
    },
    probe(name, tools) {
      const [interp, mod] = name.split(':') as [string, string | undefined];
      if (interp !== id && !(id === 'python' && interp.startsWith('python@'))) return null;
      const path = interpreterPath(interp, tools);
      if (path === null) return null;
      const howToGet = interp.startsWith('python@')
        ? `run "npm run setup": it creates .venvs/${interp.slice('python@'.length)} from the kernel's pip lock`
        : HOW_TO_GET[interp]!;
      if (mod === undefined) return isVariant(interp) ? { cmd: path, args: ['-c', BUILD_INFO_PROBE], howToGet, buildLine: true } : { cmd: path, args: ['--version'], howToGet };
      return {
        cmd: path,
        args: ['-c', `import ${mod}, sys; print(getattr(${mod}, '__version__', 'present'))`],
        howToGet,
        module: { name: mod, environment: interp.startsWith('python@') ? `.venvs/${interp.slice('python@'.length)} (installed from the kernel's pip lock by "npm run setup")` : interp === 'python' ? '.venv ("npm run setup" installs what harness/requirements.lock pins; a module not pinned there must be installed into .venv by hand)' : `the ${interp} interpreter` },
      };
    },
    invocation(impl, kernel, tools) {
      const path = interpreterPath(interpreterName(id, kernel), tools)!;
      return { build: null, buildEnv: {}, run: [projectRelative(path), `harness/kernels/${kernel.id}/${impl.source}`] };
    },
  };
}

export const python = pythonRuntime('python');
export const pythonVariants = Object.fromEntries(PYTHON_VARIANTS.map((v) => [v.id, pythonRuntime(v.id)])) as Record<PythonVariantId, RuntimeAdapter>;
