/**
 * The runtimes an implementation can name in kernel.yaml (`runtime:`), with the facts about each
 * that are pure and shared by the kernel schema, the harness and the site: the source language
 * (which decides the protocol helper and how the source is shown), the kernel.yaml options it
 * takes, and the files a reader is shown. How a runtime is found, versioned, built and run is its
 * adapter's job: harness/runner/runtimes/<id>.ts (the registry there has one adapter per id here;
 * test/unit/runtimes.test.ts checks that).
 *
 * Interpreter variants of one language are runtimes of their own: `python3.13t` runs the same
 * source as `python`, with another interpreter.
 */

/**
 * The CPython builds of `npm run setup:free-threaded` (scripts/setup-free-threaded.sh): each version
 * twice from the same source, with the GIL (`python3.N`) and free-threaded (`python3.Nt`,
 * ./configure --disable-gil). Kept in a cache outside the work tree that `.toolchains` links to.
 */
export const PYTHON_VARIANTS = [
  { id: 'python3.13', version: '3.13', freeThreaded: false },
  { id: 'python3.13t', version: '3.13', freeThreaded: true },
  { id: 'python3.14', version: '3.14', freeThreaded: false },
  { id: 'python3.14t', version: '3.14', freeThreaded: true },
  { id: 'python3.15', version: '3.15', freeThreaded: false },
  { id: 'python3.15t', version: '3.15', freeThreaded: true },
] as const;
export type PythonVariantId = (typeof PYTHON_VARIANTS)[number]['id'];

export const RUNTIME_IDS = ['python', 'python3.13', 'python3.13t', 'python3.14', 'python3.14t', 'python3.15', 'python3.15t', 'c', 'cpp', 'rust', 'mojo', 'node'] as const;
export type RuntimeId = (typeof RUNTIME_IDS)[number];

/** Source languages (one protocol helper each). */
export type SourceLanguage = 'python' | 'c' | 'cpp' | 'rust' | 'mojo' | 'node';

/** Runtime-specific kernel.yaml options of an implementation. */
export const RUNTIME_OPTIONS = ['requires', 'cflags', 'libs', 'bin', 'mojoFlags'] as const;
export type RuntimeOption = (typeof RUNTIME_OPTIONS)[number];

export interface RuntimeInfo {
  language: SourceLanguage;
  /** Shown in lists and messages. */
  label: string;
  /** Options it accepts; any other runtime option is refused by the kernel schema. */
  options: readonly RuntimeOption[];
  /** Options it cannot do without. */
  requiredOptions: readonly RuntimeOption[];
  /** What `source` names: a file, or a folder (a cargo package). */
  source: 'file' | 'folder';
}

export const RUNTIMES: Readonly<Record<RuntimeId, RuntimeInfo>> = {
  python: { language: 'python', label: 'CPython (the project environment, or the kernel\'s own)', options: ['requires'], requiredOptions: [], source: 'file' },
  'python3.13': { language: 'python', label: 'CPython 3.13 with the GIL (npm run setup:free-threaded)', options: ['requires'], requiredOptions: [], source: 'file' },
  'python3.13t': { language: 'python', label: 'CPython 3.13 free-threaded (npm run setup:free-threaded)', options: ['requires'], requiredOptions: [], source: 'file' },
  'python3.14': { language: 'python', label: 'CPython 3.14 with the GIL (npm run setup:free-threaded)', options: ['requires'], requiredOptions: [], source: 'file' },
  'python3.14t': { language: 'python', label: 'CPython 3.14 free-threaded (npm run setup:free-threaded)', options: ['requires'], requiredOptions: [], source: 'file' },
  'python3.15': { language: 'python', label: 'CPython 3.15 with the GIL (npm run setup:free-threaded)', options: ['requires'], requiredOptions: [], source: 'file' },
  'python3.15t': { language: 'python', label: 'CPython 3.15 free-threaded (npm run setup:free-threaded)', options: ['requires'], requiredOptions: [], source: 'file' },
  c: { language: 'c', label: 'C (cc)', options: ['cflags', 'libs'], requiredOptions: [], source: 'file' },
  cpp: { language: 'cpp', label: 'C++ (c++)', options: ['cflags', 'libs'], requiredOptions: [], source: 'file' },
  rust: { language: 'rust', label: 'Rust (cargo)', options: ['bin'], requiredOptions: ['bin'], source: 'folder' },
  mojo: { language: 'mojo', label: 'Mojo', options: ['mojoFlags'], requiredOptions: [], source: 'file' },
  node: { language: 'node', label: 'Node.js', options: [], requiredOptions: [], source: 'file' },
};

export const isRuntimeId = (s: string): s is RuntimeId => Object.hasOwn(RUNTIMES, s);

/** Syntax-highlighting name of a source language. */
export const DISPLAY_LANG: Readonly<Record<SourceLanguage, string>> = { python: 'python', c: 'c', cpp: 'cpp', rust: 'rust', mojo: 'mojo', node: 'javascript' };

/**
 * The files of an implementation a reader is shown (relative to the kernel folder), in display
 * order; `exists` filters optional ones (a cargo package's lib.rs).
 */
export function sourcesToShow(impl: { runtime: RuntimeId; source: string; bin?: string | undefined }, exists: (relPath: string) => boolean): string[] {
  if (RUNTIMES[impl.runtime].source === 'folder') {
    const files = [`${impl.source}/src/bin/${impl.bin}.rs`, `${impl.source}/src/lib.rs`, `${impl.source}/Cargo.toml`];
    return files.filter(exists);
  }
  return [impl.source];
}
