import { describe, expect, it } from 'vitest';
import { freeThreadedCandidates, pathDirsFrom, PROJECT_INTERPRETERS, toolchainCacheDir } from '../../harness/runner/free-threaded.ts';

const existsIn = (files: string[]) => {
  const set = new Set(files);
  return (p: string) => set.has(p);
};

describe('free-threaded interpreter candidates', () => {
  it('finds nothing on a machine without any', () => {
    expect(freeThreadedCandidates(['/usr/bin', '/bin'], existsIn(['/usr/bin/python3', '/usr/bin/python3.11']), '/repo')).toEqual([]);
  });

  it('lists the project-built pair, free-threaded first', () => {
    const exists = existsIn(['/repo/.toolchains/python3.13/bin/python3.13', '/repo/.toolchains/python3.13t/bin/python3.13t']);
    expect(freeThreadedCandidates([], exists, '/repo')).toEqual([
      { name: 'python3.13t', path: '/repo/.toolchains/python3.13t/bin/python3.13t', source: 'project' },
      { name: 'python3.13', path: '/repo/.toolchains/python3.13/bin/python3.13', source: 'project' },
    ]);
  });

  it('lists a half-built project pair as it is', () => {
    const exists = existsIn(['/repo/.toolchains/python3.13t/bin/python3.13t']);
    expect(freeThreadedCandidates([], exists, '/repo')).toEqual([
      { name: 'python3.13t', path: '/repo/.toolchains/python3.13t/bin/python3.13t', source: 'project' },
    ]);
  });

  it('finds python3.13t, 3.14t and 3.15t on PATH, the first match of each name', () => {
    const exists = existsIn(['/opt/py/bin/python3.14t', '/usr/local/bin/python3.13t', '/usr/bin/python3.13t', '/usr/bin/python3.15t', '/usr/bin/python3.14']);
    expect(freeThreadedCandidates(['/usr/local/bin', '/opt/py/bin', '/usr/bin'], exists, '/repo')).toEqual([
      { name: 'python3.13t', path: '/usr/local/bin/python3.13t', source: 'path' },
      { name: 'python3.14t', path: '/opt/py/bin/python3.14t', source: 'path' },
      { name: 'python3.15t', path: '/usr/bin/python3.15t', source: 'path' },
    ]);
  });

  it('puts project interpreters before PATH ones and does not list one twice', () => {
    const exists = existsIn(['/repo/.toolchains/python3.13t/bin/python3.13t', '/usr/bin/python3.14t']);
    expect(freeThreadedCandidates(['/repo/.toolchains/python3.13t/bin/', '/usr/bin'], exists, '/repo')).toEqual([
      { name: 'python3.13t', path: '/repo/.toolchains/python3.13t/bin/python3.13t', source: 'project' },
      { name: 'python3.14t', path: '/usr/bin/python3.14t', source: 'path' },
    ]);
  });

  it('ignores relative and empty PATH entries', () => {
    const exists = (p: string) => p.endsWith('python3.13t');
    expect(freeThreadedCandidates(['', '.', 'bin', '/usr/bin'], exists, '/repo').filter((c) => c.source === 'path')).toEqual([
      { name: 'python3.13t', path: '/usr/bin/python3.13t', source: 'path' },
    ]);
  });

  it('lists the 3.13, 3.14 and 3.15 pairs in version order, free-threaded first', () => {
    expect(PROJECT_INTERPRETERS.map((p) => p.name)).toEqual(['python3.13t', 'python3.13', 'python3.14t', 'python3.14', 'python3.15t', 'python3.15']);
    const exists = existsIn(['/repo/.toolchains/python3.15/bin/python3.15', '/repo/.toolchains/python3.14t/bin/python3.14t']);
    expect(freeThreadedCandidates([], exists, '/repo').map((c) => c.path)).toEqual([
      '/repo/.toolchains/python3.14t/bin/python3.14t',
      '/repo/.toolchains/python3.15/bin/python3.15',
    ]);
  });

  it('keeps the builds in the cache outside the work tree, CLAIMBENCH_CACHE when absolute', () => {
    expect(toolchainCacheDir({}, '/home/u')).toBe('/home/u/.cache/claimbench/toolchains');
    expect(toolchainCacheDir({ CLAIMBENCH_CACHE: '/srv/cb' }, '/home/u')).toBe('/srv/cb/toolchains');
    expect(toolchainCacheDir({ CLAIMBENCH_CACHE: 'rel/dir' }, '/home/u')).toBe('/home/u/.cache/claimbench/toolchains');
  });

  it('splits PATH', () => {
    expect(pathDirsFrom('/usr/local/bin::/usr/bin:')).toEqual(['/usr/local/bin', '/usr/bin']);
    expect(pathDirsFrom(undefined)).toEqual([]);
  });
});
