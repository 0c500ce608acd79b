/** Rust: a binary of the cargo package in the kernel folder, built with --release --locked; cargo caches its own builds. */
import { join } from 'node:path';
import type { RuntimeAdapter } from './types.ts';

const HOW = 'install Rust with rustup (https://rustup.rs)';

export const rust: RuntimeAdapter = {
  id: 'rust',
  toolchains: () => ['rustc', 'cargo'],
  probe(name, tools) {
    if (name === 'rustc') return { cmd: tools.rustc, args: ['--version'], howToGet: HOW };
    if (name === 'cargo') return { cmd: tools.cargo, args: ['--version'], howToGet: HOW };
    return null;
  },
  invocation(impl, kernel, tools) {
    const target = `.cache/build/${kernel.id}/rust`;
    const bin = impl.bin!;
    return {
      build: [tools.cargo, 'build', '--release', '--locked', '--quiet', '--manifest-path', `harness/kernels/${kernel.id}/${impl.source}/Cargo.toml`, '--bin', bin, '--target-dir', target],
      buildEnv: {},
      run: [join(target, 'release', bin)],
      toolCachesBuild: true,
    };
  },
};
