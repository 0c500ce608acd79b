/** Rust: a binary of the cargo package in the kernel folder, built with --release --locked; cargo caches its own builds. */
import { join } from 'node:path';
import type { RuntimeAdapter } from './types.ts';

const HOW = 'install Rust with rustup (https://rustup.rs)';

/**
 * Where the tests' check builds keep cargo's intermediate artefacts: one folder for every kernel, so
 * a crate of the same version, features and profile (serde, tokio, rayon...) is compiled once.
 */
export const CHECK_BUILD_DIR = '.cache/build/rust-check';

/**
 * The tests' lighter release profile (`check` builds only: tiny sizes, where only the answer
 * matters): no LTO, 16 codegen units, opt-level 1. Passed as --config, which wins over the package's
 * [profile.release] and over the environment; the panic strategy and everything else stay the package's.
 */
export const CHECK_PROFILE = ['profile.release.lto=false', 'profile.release.codegen-units=16', 'profile.release.opt-level=1'];

/** Environment that would change the program cargo builds behind the command's back; never passed to a build. */
export const CARGO_ENV_UNSET = { names: ['RUSTFLAGS', 'CARGO_ENCODED_RUSTFLAGS', 'CARGO_BUILD_RUSTFLAGS'], prefixes: ['CARGO_PROFILE_'] };

export const rust: RuntimeAdapter = {
  id: 'rust',
  toolchains: () => ['rustc', 'cargo'],
  probe(name, tools) {
    if (name === 'rustc') return { cmd: tools.rustc, args: ['--version'], howToGet: HOW };
    if (name === 'cargo') return { cmd: tools.cargo, args: ['--version'], howToGet: HOW };
    return null;
  },
  invocation(impl, kernel, tools, purpose = 'measure') {
    const check = purpose === 'check';
    // A check build's binary lies in a folder of its own: a measurement never runs it.
    const target = `.cache/build/${kernel.id}/${check ? 'rust-check' : 'rust'}`;
    const bin = impl.bin!;
    const config = check ? [`build.build-dir="${CHECK_BUILD_DIR}"`, ...CHECK_PROFILE].flatMap((c) => ['--config', c]) : [];
    return {
      build: [tools.cargo, 'build', '--release', '--locked', '--quiet', ...config, '--manifest-path', `harness/kernels/${kernel.id}/${impl.source}/Cargo.toml`, '--bin', bin, '--target-dir', target],
      buildEnv: {},
      buildEnvUnset: CARGO_ENV_UNSET,
      run: [join(target, 'release', bin)],
      toolCachesBuild: true,
    };
  },
};
