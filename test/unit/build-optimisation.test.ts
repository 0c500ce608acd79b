import { describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { parse } from 'yaml';
import { buildOptimisation, freeThreadedSetupCommand, mismatchText, optimisationAgreement, optimisationText, tableOptimisation } from '../../src/lib/build-optimisation.ts';
import { overheadTable } from '../../src/lib/site/overhead.ts';
import { BUILD_INFO_PROBE } from '../../harness/runner/runtimes/python.ts';
import type { Kernel } from '../../src/lib/schema/kernel.ts';
import type { Run } from '../../src/lib/schema/run.ts';

/** The committed Xeon run: its builds are plain. */
const XEON = JSON.parse(readFileSync('content/runs/x64-intel-xeon-f6m167s8-2c-24g/free-threading-overhead.json', 'utf8')) as Run;
const plainLine = (runtime: string) => XEON.toolchains[runtime]!.build!;

/** What BUILD_INFO_PROBE prints for a prefix whose BUILD-INFO says `optimization=<opt>` (the harness's own probe, run on a stand-in prefix). */
function probedBuildLine(opt: string): string {
  const prefix = mkdtempSync(join(tmpdir(), 'build-info-'));
  try {
    writeFileSync(join(prefix, 'BUILD-INFO'), [`optimization=${opt}`, 'compiler=gcc (GCC) 14.2.0', 'sysconfig_OPT=-DNDEBUG -g -O3 -Wall', 'source_package=CPython git tag v3.14.7', ''].join('\n'));
    const r = spawnSync('python3', ['-c', `import sys; sys.prefix = ${JSON.stringify(prefix)}\n${BUILD_INFO_PROBE}`], { encoding: 'utf8' });
    expect(r.status).toBe(0);
    return r.stdout.split('\n')[1]!;
  } finally {
    rmSync(prefix, { recursive: true, force: true });
  }
}

describe('the optimisation of a recorded build line', () => {
  it('reads plain from the committed Xeon run, and pgo and pgo-lto from what the harness probe prints', () => {
    expect(buildOptimisation(plainLine('python3.13'))).toBe('plain');
    expect(buildOptimisation(plainLine('python3.15t'))).toBe('plain');
    const pgoLto = probedBuildLine('pgo-lto');
    expect(pgoLto).toMatch(/^pgo-lto build \(OPT -DNDEBUG -g -O3 -Wall, gcc \(GCC\) 14\.2\.0\); source: /);
    expect(buildOptimisation(pgoLto)).toBe('pgo-lto');
    expect(buildOptimisation(probedBuildLine('pgo'))).toBe('pgo');
  });
  it('is null without a line, for a BUILD-INFO without an optimisation, and for a word that is not ours', () => {
    expect(buildOptimisation(null)).toBeNull();
    expect(buildOptimisation(undefined)).toBeNull();
    expect(buildOptimisation('? build (OPT ?, ?); source: ?')).toBeNull();
    expect(buildOptimisation('lto build (OPT -O2, cc); source: x')).toBeNull();
    expect(buildOptimisation('Python 3.13.5')).toBeNull();
  });
});

const pair = (version: string, gilBuild: string | null, freeThreadedBuild: string | null) => ({ version, gilBuild, freeThreadedBuild });

describe('what one machine\'s pairs used', () => {
  it('plain on every pair (the Xeon run): like for like, but not the official builds\' optimisation', () => {
    const t = tableOptimisation(['3.13', '3.14', '3.15'].map((v) => pair(v, plainLine(`python${v}`), plainLine(`python${v}t`))));
    expect(t).toMatchObject({ kind: 'shared', optimisation: 'plain', mismatched: [] });
    const text = optimisationText('xeon', t);
    expect(text).toContain('On xeon both builds of every version were built at plain -O3, without the profile-guided and link-time optimisation (PGO + LTO) of the official releases');
    expect(text).toContain('like with like');
    expect(text).toContain('a few per cent');
    expect(mismatchText('xeon', t)).toBeNull();
  });
  it('PGO + LTO on every pair: as the official releases are built', () => {
    const line = probedBuildLine('pgo-lto');
    const t = tableOptimisation([pair('3.13', line, line), pair('3.14', line, line)]);
    expect(t).toMatchObject({ kind: 'shared', optimisation: 'pgo-lto' });
    const text = optimisationText('epyc', t);
    expect(text).toContain('On epyc both builds of every version were built with profile-guided and link-time optimisation (PGO + LTO), as the official releases');
    expect(text).not.toContain('plain');
    expect(text).not.toContain('a few per cent');
  });
  it('a pair whose builds differ is not like for like, and says so naming both', () => {
    const t = tableOptimisation([pair('3.13', plainLine('python3.13'), plainLine('python3.13t')), pair('3.14', probedBuildLine('pgo-lto'), plainLine('python3.14t'))]);
    expect(t.kind).toBe('mismatch');
    expect(t.mismatched.map((p) => p.version)).toEqual(['3.14']);
    expect(mismatchText('box', t)).toContain('Not like for like on box: CPython 3.14\'s GIL build is PGO + LTO and its free-threaded build plain -O3');
    expect(optimisationText('box', t)).toContain('pairs that do: CPython 3.13: plain -O3');
  });
  it('a pair with only one build recorded cannot be called like for like', () => {
    const t = tableOptimisation([pair('3.13', plainLine('python3.13'), null)]);
    expect(t.kind).toBe('mismatch');
    expect(mismatchText('box', t)).toContain('its free-threaded build optimisation not recorded');
  });
  it('pairs each like for like but versions built differently', () => {
    const lto = probedBuildLine('pgo-lto');
    const t = tableOptimisation([pair('3.13', plainLine('python3.13'), plainLine('python3.13t')), pair('3.14', lto, lto)]);
    expect(t.kind).toBe('per-version');
    expect(optimisationText('box', t)).toContain('CPython 3.13: plain -O3; CPython 3.14: PGO + LTO');
    expect(mismatchText('box', t)).toBeNull();
  });
  it('a run without build lines says it cannot tell', () => {
    const t = tableOptimisation([pair('3.13', null, null), pair('3.14', null, null)]);
    expect(t).toMatchObject({ kind: 'not-recorded', optimisation: null, mismatched: [] });
    expect(optimisationText('old', t)).toContain('did not record how its builds were optimised');
    expect(mismatchText('old', t)).toBeNull();
  });
});

describe('the overhead table carries its machine\'s build optimisation', () => {
  it('from the committed Xeon run: plain on every measured pair', () => {
    const k = parse(readFileSync('harness/kernels/free-threading-overhead/kernel.yaml', 'utf8')) as Kernel;
    const t = overheadTable(k, XEON, { resamples: 20 })!;
    expect(t.optimisation.kind).toBe('shared');
    expect(t.optimisation.optimisation).toBe('plain');
    expect(t.optimisation.pairs.map((p) => p.version)).toEqual(t.versions.filter((v) => v.measured).map((v) => v.version));
    // The same run with its 3.14 GIL build recorded as PGO + LTO: that pair is flagged.
    const lto = probedBuildLine('pgo-lto');
    const mixed = { ...XEON, toolchains: { ...XEON.toolchains, 'python3.14': { ...XEON.toolchains['python3.14']!, build: lto } } } as Run;
    const m = overheadTable(k, mixed, { resamples: 20 })!;
    expect(m.optimisation.kind).toBe('mismatch');
    expect(m.optimisation.mismatched.map((p) => p.version)).toEqual(['3.14']);
  });
});

describe('the setup step that makes the builds a run measured', () => {
  const all = ['python', 'python3.13', 'python3.13t', 'python3.14', 'python3.14t', 'python3.15', 'python3.15t'];
  const withBuilds = (line: string | null) => ({ toolchains: Object.fromEntries(all.slice(1).map((r) => [r, line ? { version: 'Python 3.14.7', build: line } : { version: 'Python 3.14.7' }])) });
  it('asks for PGO + LTO when the run\'s builds were PGO + LTO, and the default otherwise', () => {
    expect(freeThreadedSetupCommand(all, withBuilds(probedBuildLine('pgo-lto')))).toBe('CLAIMBENCH_PY_OPT=pgo-lto npm run setup:free-threaded');
    expect(freeThreadedSetupCommand(all, withBuilds(probedBuildLine('pgo')))).toBe('CLAIMBENCH_PY_OPT=pgo npm run setup:free-threaded');
    expect(freeThreadedSetupCommand(all, XEON)).toBe('npm run setup:free-threaded');
    expect(freeThreadedSetupCommand(all, withBuilds(null))).toBe('npm run setup:free-threaded');
    expect(freeThreadedSetupCommand(all, null)).toBe('npm run setup:free-threaded');
  });
  it('takes the optimisation of the builds compared, names the versions when not all, and is null without a setup build', () => {
    const lto = probedBuildLine('pgo-lto');
    const mixed = { toolchains: { ...XEON.toolchains, 'python3.14': { version: 'Python 3.14.7', build: lto }, 'python3.14t': { version: 'Python 3.14.7', build: lto } } };
    expect(freeThreadedSetupCommand(all, mixed)).toBe('npm run setup:free-threaded');
    expect(freeThreadedSetupCommand(all, mixed, ['python3.14', 'python3.14t'])).toBe('CLAIMBENCH_PY_OPT=pgo-lto npm run setup:free-threaded');
    expect(freeThreadedSetupCommand(['python', 'python3.14', 'python3.14t'], mixed)).toBe('CLAIMBENCH_PY_OPT=pgo-lto npm run setup:free-threaded -- 3.14');
    expect(freeThreadedSetupCommand(['python', 'rust'], mixed)).toBeNull();
  });
});

describe('optimisationAgreement (the rule the pair check and the verdict engine share)', () => {
  it('calls builds alike only when every one recorded the same optimisation', () => {
    expect(optimisationAgreement(['pgo-lto', 'pgo-lto'])).toBe('alike');
    expect(optimisationAgreement(['pgo-lto', 'plain'])).toBe('differ');
    expect(optimisationAgreement(['plain', null])).toBe('unknown');
    expect(optimisationAgreement([null, null])).toBe('not-recorded');
    expect(optimisationAgreement(['plain', 'plain', 'pgo'])).toBe('differ');
  });
});
