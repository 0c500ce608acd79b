/**
 * Which kernel hashes are genuine: the hash of every version of a kernel's sources that git
 * history holds (each commit that touched the kernel folder or the protocol helpers), plus the
 * working tree's. A run file whose kernelHash is none of these was not measured from this
 * repository's code. Hashes are computed with the harness's own definition (src/lib/kernel-hash.ts)
 * and cached per commit under `.cache/kernel-hashes/` (commits never change).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, readdirSync, realpathSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { kernelHashOf, kernelHelperFiles, listFilesInHashOrder, type DirEntry } from '../lib/kernel-hash.ts';
import { PROTOCOL_DIR } from '../lib/protocol-helpers.ts';

/** Bump when the definition of the kernel hash changes, so cached hashes are recomputed. */
const CACHE_VERSION = 2;

export type KnownHashes =
  | { available: true; hashes: ReadonlySet<string>; shallow: boolean; versions: number }
  | { available: false; why: string };

function git(root: string, args: string[], input?: Buffer): Buffer | null {
  const r = spawnSync('git', ['-C', root, ...args], { input, maxBuffer: 256 * 1024 * 1024, env: { ...process.env, GIT_OPTIONAL_LOCKS: '0' } });
  return r.status === 0 ? r.stdout : null;
}

/** The implementations' runtimes (v2) or languages (v1) a kernel.yaml names (read leniently: only they decide the helpers). */
function implementationsOf(yamlText: string): Array<{ runtime?: string; language?: string }> {
  try {
    const k = parseYaml(yamlText, { maxAliasCount: 100 }) as { implementations?: unknown; helperServer?: { program?: unknown } } | null;
    // A client kernel's helper server is one more program whose protocol helper counts.
    const helper = k?.helperServer?.program !== undefined ? [k.helperServer.program] : [];
    const impls = [...(Array.isArray(k?.implementations) ? k.implementations : []), ...helper];
    return impls.flatMap((i): Array<{ runtime?: string; language?: string }> => {
      const { runtime, language } = (i ?? {}) as { runtime?: unknown; language?: unknown };
      if (typeof runtime === 'string') return [{ runtime }];
      return typeof language === 'string' ? [{ language }] : [];
    });
  } catch {
    return [];
  }
}

/** Reads many blobs in one `git cat-file --batch`. */
function readBlobs(root: string, shas: readonly string[]): Map<string, Uint8Array> {
  const out = new Map<string, Uint8Array>();
  if (shas.length === 0) return out;
  const buf = git(root, ['cat-file', '--batch'], Buffer.from(shas.join('\n') + '\n'));
  if (!buf) return out;
  let pos = 0;
  while (pos < buf.length) {
    const nl = buf.indexOf(10, pos);
    const [sha, , size] = buf.subarray(pos, nl).toString().split(' ');
    const n = Number(size);
    out.set(sha!, new Uint8Array(buf.subarray(nl + 1, nl + 1 + n)));
    pos = nl + 1 + n + 1;
  }
  return out;
}

/** The kernel hash of harness/kernels/<kernelId> at `commit`; null when the commit or the kernel is not there. */
export function hashAtCommit(root: string, commit: string, kernelId: string): string | null {
  const kernelDir = `harness/kernels/${kernelId}/`;
  const listing = git(root, ['ls-tree', '-r', '-z', '--full-tree', commit, '--', kernelDir, `${PROTOCOL_DIR}/`]);
  if (!listing) return null;
  const blobs = new Map<string, string>(); // path -> sha
  for (const line of listing.toString().split('\0')) {
    const m = /^\d+ blob ([0-9a-f]+)\t(.*)$/s.exec(line);
    if (m) blobs.set(m[2]!, m[1]!);
  }
  const yamlSha = blobs.get(`${kernelDir}kernel.yaml`);
  if (!yamlSha) return null;
  const kernelPaths = [...blobs.keys()].filter((p) => p.startsWith(kernelDir)).map((p) => p.slice(kernelDir.length));
  // The same walk as the harness does over the folder on disk, over the commit's tree.
  const readdir = (rel: string): DirEntry[] => {
    const seen = new Map<string, boolean>();
    for (const p of kernelPaths) {
      if (!p.startsWith(rel)) continue;
      const rest = p.slice(rel.length);
      const slash = rest.indexOf('/');
      seen.set(slash < 0 ? rest : rest.slice(0, slash), slash >= 0);
    }
    return [...seen].map(([name, isDirectory]) => ({ name, isDirectory }));
  };
  const files = listFilesInHashOrder(readdir);
  const yaml = readBlobs(root, [yamlSha]).get(yamlSha);
  // A helper file the commit lacks was no part of the hash then (before harness/protocol existed,
  // the hash covered the kernel folder alone).
  const helpers = kernelHelperFiles(implementationsOf(Buffer.from(yaml ?? []).toString('utf8'))).filter((h) => blobs.has(h));
  const bytes = readBlobs(root, [...files.map((f) => blobs.get(kernelDir + f)!), ...helpers.map((h) => blobs.get(h)!)]);
  return kernelHashOf(
    files.map((f) => [f, bytes.get(blobs.get(kernelDir + f)!)!] as const),
    helpers.map((h) => [h, bytes.get(blobs.get(h)!)!] as const),
  );
}

/** The kernel hash of the working tree's version (what the harness would write now); null without a kernel.yaml. */
function hashOfWorkingTree(root: string, kernelId: string): string | null {
  const dir = join(root, 'harness/kernels', kernelId);
  if (!existsSync(join(dir, 'kernel.yaml'))) return null;
  try {
    const files = listFilesInHashOrder((rel) => readdirSync(join(dir, rel), { withFileTypes: true }).map((e) => ({ name: e.name, isDirectory: e.isDirectory() })));
    const helpers = kernelHelperFiles(implementationsOf(readFileSync(join(dir, 'kernel.yaml'), 'utf8')));
    return kernelHashOf(
      files.map((f) => [f, new Uint8Array(readFileSync(join(dir, f)))] as const),
      helpers.map((h) => [h, new Uint8Array(readFileSync(join(root, h)))] as const),
    );
  } catch {
    return null;
  }
}

type Cache = Record<string, string | null>;

function readCache(path: string): Cache {
  try {
    const c = JSON.parse(readFileSync(path, 'utf8')) as unknown;
    return c && typeof c === 'object' && !Array.isArray(c) ? (c as Cache) : {};
  } catch {
    return {};
  }
}

function writeCache(path: string, cache: Cache): void {
  try {
    mkdirSync(join(path, '..'), { recursive: true });
    const tmp = `${path}.tmp-${process.pid}`;
    writeFileSync(tmp, JSON.stringify(cache));
    renameSync(tmp, path);
  } catch {
    /* a cache that cannot be written is only slower */
  }
}

/**
 * Every genuine kernel hash of each kernel in `kernelIds`, from git history and the working tree.
 * Unavailable (with the reason) when `root` is not the top of a git work tree.
 */
export function knownKernelHashes(root: string, kernelIds: readonly string[]): Map<string, KnownHashes> {
  const result = new Map<string, KnownHashes>();
  const top = git(root, ['rev-parse', '--show-toplevel'])?.toString().trim();
  let real = root;
  try {
    real = realpathSync(root);
  } catch {
    /* keep root */
  }
  if (!top || realpathSync(top) !== real || !git(root, ['rev-parse', '--verify', '-q', 'HEAD'])) {
    for (const k of kernelIds) result.set(k, { available: false, why: 'not a git repository with commits, so run files could not be traced to a version of their kernel' });
    return result;
  }
  const shallow = git(root, ['rev-parse', '--is-shallow-repository'])?.toString().trim() === 'true';
  const cachePath = join(root, '.cache', 'kernel-hashes', `v${CACHE_VERSION}.json`);
  const cache = readCache(cachePath);
  let changed = false;
  for (const k of kernelIds) {
    const commits = (git(root, ['log', '--format=%H', 'HEAD', '--', `harness/kernels/${k}`, PROTOCOL_DIR])?.toString() ?? '').split('\n').filter(Boolean);
    const hashes = new Set<string>();
    for (const c of commits) {
      const key = `${c}:${k}`;
      if (!Object.hasOwn(cache, key)) {
        cache[key] = hashAtCommit(root, c, k);
        changed = true;
      }
      const h = cache[key];
      if (h) hashes.add(h);
    }
    const wt = hashOfWorkingTree(root, k);
    if (wt) hashes.add(wt);
    result.set(k, { available: true, hashes, shallow, versions: commits.length });
  }
  if (changed) writeCache(cachePath, cache);
  return result;
}
