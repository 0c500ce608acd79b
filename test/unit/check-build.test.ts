/**
 * Check builds (the tests' builds at tiny sizes) against measured builds: a Rust check build uses a
 * lighter profile and a cache shared by every kernel, into a binary of its own; a measured build is
 * exactly the package's release profile, whatever the environment says.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { Implementation } from '../../src/lib/schema/kernel.ts';
import { protocolHelperFiles } from '../../src/lib/protocol-helpers.ts';
import { buildEnvUnsetFor, invocationFor } from '../../harness/runner/commands.ts';
import { buildImplementation } from '../../harness/runner/harness.ts';
import { CHECK_BUILD_DIR } from '../../harness/runner/runtimes/rust.ts';
import { toolPaths } from '../../harness/runner/toolchains.ts';
import { fakeRunner, fixedClock, memoryFs, quietLogger } from '../fixtures/fakes.ts';

const tools = toolPaths('/r', () => false);
const rustImpl = Implementation.parse({ id: 'rust', label: 'Rust', tier: 'optimized', runtime: 'rust', source: 'rust', bin: 'prog' });
const cImpl = Implementation.parse({ id: 'c', label: 'C', tier: 'naive', runtime: 'c', source: 'c.c' });

describe('Rust builds for measuring and for checking', () => {
  it('measures the package exactly as its Cargo.toml defines it', () => {
    expect(invocationFor('k', rustImpl, tools)).toEqual({
      build: ['cargo', 'build', '--release', '--locked', '--quiet', '--manifest-path', 'harness/kernels/k/rust/Cargo.toml', '--bin', 'prog', '--target-dir', '.cache/build/k/rust'],
      buildEnv: {},
      buildEnvUnset: { names: ['RUSTFLAGS', 'CARGO_ENCODED_RUSTFLAGS', 'CARGO_BUILD_RUSTFLAGS'], prefixes: ['CARGO_PROFILE_'] },
      run: ['.cache/build/k/rust/release/prog'],
      toolCachesBuild: true,
    });
  });

  it('checks with the lighter profile, a cache shared across kernels, and a binary a measurement never runs', () => {
    const check = invocationFor('k', rustImpl, tools, 'check');
    const measure = invocationFor('k', rustImpl, tools, 'measure');
    expect(check.run).toEqual(['.cache/build/k/rust-check/release/prog']);
    expect(check.run).not.toEqual(measure.run);
    const configs = check.build!.flatMap((a, i) => (check.build![i - 1] === '--config' ? [a] : []));
    expect(configs).toEqual([`build.build-dir="${CHECK_BUILD_DIR}"`, 'profile.release.lto=false', 'profile.release.codegen-units=16', 'profile.release.opt-level=1']);
    // Another kernel: its own binary, the same intermediate cache.
    const other = invocationFor('other', rustImpl, tools, 'check');
    expect(other.run[0]).toBe('.cache/build/other/rust-check/release/prog');
    expect(other.build).toContain(`build.build-dir="${CHECK_BUILD_DIR}"`);
    expect(check.buildEnvUnset).toEqual(measure.buildEnvUnset);
  });

  it('builds other runtimes the same way for both', () => {
    expect(invocationFor('k', cImpl, tools, 'check')).toEqual(invocationFor('k', cImpl, tools));
  });

  it('names the inherited variables a build must not see, except those the build sets itself', () => {
    const env = { PATH: '/bin', CARGO_PROFILE_RELEASE_LTO: 'false', CARGO_PROFILE_RELEASE_OPT_LEVEL: '1', RUSTFLAGS: '-Ctarget-cpu=native', CARGO_HOME: '/c', RUSTFLAGS_X: 'y' };
    const inv = invocationFor('k', rustImpl, tools);
    expect(buildEnvUnsetFor(inv, env)).toEqual(['CARGO_PROFILE_RELEASE_LTO', 'CARGO_PROFILE_RELEASE_OPT_LEVEL', 'RUSTFLAGS']);
    expect(buildEnvUnsetFor({ ...inv, buildEnv: { RUSTFLAGS: '-g' } }, env)).toEqual(['CARGO_PROFILE_RELEASE_LTO', 'CARGO_PROFILE_RELEASE_OPT_LEVEL']);
    expect(buildEnvUnsetFor(invocationFor('k', cImpl, tools), env)).toEqual([]);
  });
});

describe('the harness builds what it measures with the package profile', () => {
  const set = 'CARGO_PROFILE_RELEASE_OPT_LEVEL';
  const before = process.env[set];
  afterEach(() => {
    if (before === undefined) delete process.env[set];
    else process.env[set] = before;
  });

  it('removes a profile override of the environment from the measured build, and builds a check build only when asked', async () => {
    // A made-up override in this process's environment only; the fake runner starts nothing.
    process.env[set] = '0';
    const files: Record<string, string> = { '/repo/harness/kernels/k/rust/Cargo.toml': '[package]', '/repo/harness/kernels/k/rust/src/bin/prog.rs': 'fn main() {}' };
    for (const f of protocolHelperFiles('rust')) files[`/repo/${f}`] = '//';
    const proc = fakeRunner({ cargo: () => ({}) });
    const deps = { proc, fs: memoryFs(files), clock: fixedClock(), log: quietLogger(), root: '/repo', seed: 1, loadAverage: () => 0, tools: { python: 'python3', mojo: 'mojo', cc: 'cc', cargo: 'cargo', rustc: 'rustc' } };
    const kernel = { id: 'k', implementations: [rustImpl] } as never;
    const measured = await buildImplementation(kernel, rustImpl, {}, deps);
    expect(measured.error).toBeNull();
    expect(proc.calls[0]!.envUnset).toContain(set);
    expect(proc.calls[0]!.args).not.toContain('--config');
    const checked = await buildImplementation(kernel, rustImpl, {}, deps, 'check');
    expect(checked.inv.run[0]).toBe('.cache/build/k/rust-check/release/prog');
    expect(proc.calls[1]!.args).toContain('profile.release.opt-level=1');
    expect(proc.calls[1]!.envUnset).toContain(set);
  });
});
