/**
 * Reading contributor files as untrusted input: no symbolic links, no file over its kind's size
 * limit, strict UTF-8, and every path a record names confined to the folder it belongs to (after
 * following links). Errors name the file and say what was expected; a bad value is quoted only
 * as a short escaped excerpt.
 */
import { existsSync, lstatSync, readdirSync, readFileSync, realpathSync, statSync } from 'node:fs';
import { isAbsolute, join, relative, resolve, sep } from 'node:path';
import { ValidationError } from '../lib/schema-errors.ts';
import { MAX_FILE_BYTES, excerpt, fileTooLarge, type FileKind } from '../lib/input-limits.ts';
import { decodeStrict } from '../lib/utf8.ts';

const LINK_MESSAGE = 'expected a regular file or folder, got a symbolic link (links are refused in record folders: they could publish files from outside the repository)';

/** Reads one contributor file as text; throws a ValidationError naming `file` when it is a link, too large or not UTF-8. */
export function readUntrusted(path: string, file: string, kind: FileKind): string {
  const st = lstatSync(path);
  if (st.isSymbolicLink()) throw new ValidationError([{ file, field: '', message: LINK_MESSAGE }]);
  if (!st.isFile()) throw new ValidationError([{ file, field: '', message: 'expected a regular file' }]);
  if (st.size > MAX_FILE_BYTES[kind]) throw new ValidationError([{ file, field: '', message: fileTooLarge(kind, st.size) }]);
  const r = decodeStrict(new Uint8Array(readFileSync(path)));
  if (!r.ok) throw new ValidationError([{ file, field: '', message: r.message }]);
  return r.text;
}

/** Build outputs and caches inside record folders, which the loader never reads. */
const SKIPPED = new Set(['target', 'node_modules', '__pycache__']);

/** Every symbolic link under `dir` (relative to `root`), build outputs skipped. */
export function linksUnder(root: string, dir: string): string[] {
  const out: string[] = [];
  const walk = (d: string) => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      const p = join(d, e.name);
      if (e.isSymbolicLink()) out.push(relative(root, p));
      else if (e.isDirectory() && !SKIPPED.has(e.name)) walk(p);
    }
  };
  if (existsSync(dir) && !lstatSync(dir).isSymbolicLink()) walk(dir);
  else if (existsSync(dir)) out.push(relative(root, dir));
  return out;
}

export const linkProblemMessage = LINK_MESSAGE;

/**
 * Why `source` (named by a record in `folder`) is refused, or null: it must exist and resolve,
 * after following links, to a path inside `folder`; `kind` says whether a file or a folder is expected.
 */
export function sourcePathProblem(folder: string, source: string, folderRel: string, kind: 'file' | 'folder'): string | null {
  if (isAbsolute(source) || source.split(/[\\/]/).includes('..')) {
    return `expected a path inside ${folderRel} (no "..", not absolute), got ${excerpt(source)}`;
  }
  const target = resolve(folder, source);
  if (!existsSync(target)) return `no such ${kind} ${excerpt(source)} in ${folderRel}`;
  const real = realpathSync(target);
  const top = realpathSync(folder);
  if (real === top || !real.startsWith(top + sep)) return `expected a path inside ${folderRel}, got ${excerpt(source)}, which resolves outside it`;
  const st = statSync(real);
  if (kind === 'file' ? !st.isFile() : !st.isDirectory()) return `expected a ${kind}, got ${excerpt(source)}`;
  return null;
}
