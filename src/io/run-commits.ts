/**
 * The commit that last changed a run file, from git: how the site names the source of a run
 * contributed by hand (a run measured by the fleet carries its own source, src/lib/schema/run.ts).
 */
import { spawnSync } from 'node:child_process';

const cache = new Map<string, string | null>();

/** The full hash of the last commit touching `file` (relative to `root`); null outside git or when uncommitted. */
export function lastCommitOf(root: string, file: string): string | null {
  const key = `${root}\0${file}`;
  if (!cache.has(key)) {
    const r = spawnSync('git', ['-C', root, 'log', '-1', '--format=%H', '--', file], { encoding: 'utf8', env: { ...process.env, GIT_OPTIONAL_LOCKS: '0' } });
    const out = r.status === 0 ? r.stdout.trim() : '';
    cache.set(key, /^[0-9a-f]{40}$/.test(out) ? out : null);
  }
  return cache.get(key)!;
}
