/**
 * The repository's own Python modules that a Python program imports, directly or through other such
 * modules: what a data-set generator's output depends on besides its own text (the data-set cache
 * key covers them, harness/runner/dataset.ts). Read statically, nothing is run:
 *
 * - imports: every `import a, b.c` and `from a.b import c` line (top-level or indented), by module
 *   name; relative imports are left out (the programs are scripts);
 * - where Python looks: the program's own folder (Python puts a script's folder first on sys.path)
 *   and every folder a visited file adds with `sys.path.insert(...)` / `sys.path.append(...)`, read
 *   as that file's folder joined with the string literals of the call (the form the kernels use:
 *   `os.path.join(HERE, "..", "tokenizer")`; a call without literals, `sys.path.insert(0, HERE)`, is
 *   the file's own folder);
 * - a module is local when `<folder>/<a>/<b>.py` or `<folder>/<a>/<b>/__init__.py` exists in one of
 *   those folders (the first that has it), inside the repository; the packages above it
 *   (`<a>/__init__.py`) count too. Standard-library and installed modules are not files there.
 *
 * Conservative: an import named in a docstring or under a condition counts when such a file exists.
 * Pure: the caller passes a reader (repository-relative path -> text, or null when there is none).
 */
import { posix } from 'node:path';

export type ReadSource = (relPath: string) => Promise<string | null>;

const IMPORT_LINE = /^[ \t]*import[ \t]+([^\n#;]+)/gm;
const FROM_LINE = /^[ \t]*from[ \t]+([A-Za-z_][\w.]*)[ \t]+import\b/gm;
const SYS_PATH_CALL = /sys\.path\.(?:insert|append)\(([^\n]*)\)/g;
const STRING_LITERAL = /"([^"\\\n]*)"|'([^'\\\n]*)'/g;

/** Module names (dotted) that `text` imports, in order of appearance, without duplicates. */
export function importedModules(text: string): string[] {
  const found: Array<[number, string]> = [];
  for (const m of text.matchAll(IMPORT_LINE)) {
    for (const part of m[1]!.split(',')) {
      const name = part.trim().split(/\s+as\s+/)[0]!.trim();
      if (/^[A-Za-z_][\w.]*$/.test(name)) found.push([m.index!, name]);
    }
  }
  for (const m of text.matchAll(FROM_LINE)) found.push([m.index!, m[1]!]);
  return [...new Set(found.sort((a, b) => a[0] - b[0]).map(([, n]) => n))];
}

/** Folders (repository-relative) that `text`, the source of the file at `relPath`, adds to sys.path. */
export function addedSearchFolders(relPath: string, text: string): string[] {
  const dir = posix.dirname(relPath);
  const out: string[] = [];
  for (const m of text.matchAll(SYS_PATH_CALL)) {
    const parts = [...m[1]!.matchAll(STRING_LITERAL)].map((s) => s[1] ?? s[2]!);
    out.push(posix.normalize(posix.join(dir, ...parts)));
  }
  return out;
}

const inside = (rel: string) => rel !== '..' && !rel.startsWith('../') && !posix.isAbsolute(rel);

/** Candidate files of module `name` (a.b) under `folder`: the module and the packages above it. */
function candidates(folder: string, name: string): string[][] {
  const segs = name.split('.');
  const base = posix.join(folder, ...segs);
  const packages = segs.slice(0, -1).map((_, i) => posix.join(folder, ...segs.slice(0, i + 1), '__init__.py'));
  return [[`${base}.py`, ...packages], [posix.join(base, '__init__.py'), ...packages]];
}

/**
 * The repository's Python files that the program at `entry` (repository-relative) imports, directly
 * or indirectly, sorted; the entry itself is not among them.
 */
export async function localImports(entry: string, read: ReadSource): Promise<string[]> {
  const texts = new Map<string, string | null>();
  const source = async (p: string): Promise<string | null> => {
    if (!texts.has(p)) texts.set(p, inside(p) ? await read(p) : null);
    return texts.get(p)!;
  };
  if ((await source(entry)) === null) return [];
  const folders: string[] = [posix.dirname(entry)];
  const names = new Set<string>();
  const resolved = new Set<string>();
  const visited = new Set<string>([entry]);
  const pending = [entry];
  // A fixpoint: a folder added by a file visited later can resolve a name seen earlier.
  while (pending.length > 0) {
    while (pending.length > 0) {
      const file = pending.pop()!;
      const text = (await source(file))!;
      for (const f of addedSearchFolders(file, text)) if (inside(f) && !folders.includes(f)) folders.push(f);
      for (const n of importedModules(text)) names.add(n);
    }
    for (const name of names) {
      if (resolved.has(name)) continue;
      search: for (const folder of folders) {
        for (const files of candidates(folder, name)) {
          if ((await source(files[0]!)) === null) continue;
          resolved.add(name);
          for (const f of files) {
            if (visited.has(f) || (await source(f)) === null) continue;
            visited.add(f);
            pending.push(f);
          }
          break search;
        }
      }
    }
  }
  return [...visited].filter((f) => f !== entry).sort();
}
