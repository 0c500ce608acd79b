/**
 * The per-language protocol helpers under harness/protocol/ (argument parsing, clock, peak memory,
 * the JSON line): which files each language's implementations use, and the compiler flags that
 * find them. Pure; shared by the harness (kernel hash, build cache, build commands) and the site
 * (claim pages show the helper beside the kernel source).
 */

/** Folder of the helpers, relative to the repository root. */
export const PROTOCOL_DIR = 'harness/protocol';

/**
 * Source languages with a helper (see src/lib/runtimes.ts for the runtimes that use each).
 */
export type HelperLanguage = 'python' | 'c' | 'cpp' | 'rust' | 'mojo' | 'node';

/** The helper's files per language (relative to the repository root), in display order. */
const HELPER_FILES: Record<HelperLanguage, readonly string[]> = {
  python: [`${PROTOCOL_DIR}/python/claimbench_protocol.py`],
  c: [`${PROTOCOL_DIR}/c/claimbench.h`],
  /** C++ programs include the C header (it is valid C++). */
  cpp: [`${PROTOCOL_DIR}/c/claimbench.h`],
  rust: [`${PROTOCOL_DIR}/rust/src/lib.rs`, `${PROTOCOL_DIR}/rust/Cargo.toml`],
  mojo: [`${PROTOCOL_DIR}/mojo/claimbench.mojo`],
  node: [`${PROTOCOL_DIR}/node/claimbench.mjs`],
};

const isHelperLanguage = (language: string): language is HelperLanguage => Object.hasOwn(HELPER_FILES, language);

/** The helper files an implementation in `language` is built or run with; none for an unknown language. */
export function protocolHelperFiles(language: string): readonly string[] {
  return isHelperLanguage(language) ? HELPER_FILES[language] : [];
}

/** Helper files of every language among `languages`, each once, sorted (for hashing). */
export function protocolHelperFilesFor(languages: Iterable<string>): string[] {
  return [...new Set([...languages].flatMap((l) => protocolHelperFiles(l)))].sort();
}

/**
 * Extra build arguments that let a compiler find the helper; paths are relative to the repository
 * root, the working directory of every build. Python programs put the helper's folder on sys.path
 * themselves and Rust crates name it as a path dependency in Cargo.toml, so they need none.
 */
export function protocolIncludes(language: string): string[] {
  switch (language) {
    case 'c':
    case 'cpp':
      return ['-I', `${PROTOCOL_DIR}/c`];
    case 'mojo':
      return ['-I', `${PROTOCOL_DIR}/mojo`];
    default:
      return [];
  }
}
