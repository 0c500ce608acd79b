/**
 * Toolchain detection: which compilers and interpreters this machine has, their versions, and for
 * each missing one why and how to get it. Implementations whose toolchain is missing are skipped.
 */
import { join } from 'node:path';
import type { Implementation } from '../../src/lib/schema/kernel.ts';
import type { Toolchain } from '../../src/lib/schema/run.ts';
import type { ProcessRunner } from './effects.ts';

export interface ToolPaths {
  python: string;
  mojo: string;
  cc: string;
  cargo: string;
  rustc: string;
}

export function toolPaths(root: string): ToolPaths {
  return {
    python: join(root, '.venv/bin/python'),
    mojo: join(root, '.venv/bin/mojo'),
    cc: 'cc',
    cargo: 'cargo',
    rustc: 'rustc',
  };
}

const HOW_TO_GET: Record<string, string> = {
  python: 'run "npm run setup": it creates .venv from harness/requirements.lock',
  mojo: 'run "npm run setup": it installs the pinned mojo package from PyPI into .venv (Linux x86-64/arm64 and macOS only)',
  cc: 'install a C compiler (Debian: apt-get install gcc)',
  rustc: 'install Rust with rustup (https://rustup.rs)',
  cargo: 'install Rust with rustup (https://rustup.rs)',
};

/** The toolchain entries an implementation needs. */
export function toolchainsFor(impl: Implementation): string[] {
  switch (impl.language) {
    case 'python':
      return ['python', ...impl.requires.map((m) => `python:${m}`)];
    case 'c':
      return ['cc'];
    case 'rust':
      return ['rustc', 'cargo'];
    case 'mojo':
      return ['mojo'];
  }
}

const firstLine = (s: string) => s.trim().split('\n')[0]?.trim() ?? '';

/** Detects the named toolchains (e.g. "cc", "python:numpy"). */
export async function detectToolchains(proc: ProcessRunner, paths: ToolPaths, names: readonly string[]): Promise<Record<string, Toolchain>> {
  const out: Record<string, Toolchain> = {};
  const probe = async (name: string, cmd: string, args: string[], env?: Record<string, string>) => {
    const r = await proc.run(cmd, args, { cwd: '.', timeoutMs: 60000, ...(env ? { env } : {}) });
    out[name] = r.exitCode === 0 && firstLine(r.stdout + '\n' + r.stderr)
      ? { version: firstLine(r.stdout) || firstLine(r.stderr) }
      : { version: null, missing: `${cmd} not found or not working (${firstLine(r.spawnError ?? r.stderr) || `exit ${r.exitCode}`}); ${HOW_TO_GET[name.split(':')[0]!] ?? ''}`.trim() };
  };
  for (const name of [...new Set(names)].sort()) {
    if (name === 'python') await probe(name, paths.python, ['--version']);
    else if (name.startsWith('python:')) {
      const mod = name.slice('python:'.length);
      await probe(name, paths.python, ['-c', `import ${mod}, sys; print(getattr(${mod}, '__version__', 'present'))`]);
      if (out[name]!.version === null) out[name] = { version: null, missing: `the Python module "${mod}" is not importable in .venv ("npm run setup" installs what harness/requirements.lock pins; a module not pinned there must be installed into .venv by hand)` };
    } else if (name === 'cc') await probe(name, paths.cc, ['--version']);
    else if (name === 'rustc') await probe(name, paths.rustc, ['--version']);
    else if (name === 'cargo') await probe(name, paths.cargo, ['--version']);
    else if (name === 'mojo') await probe(name, paths.mojo, ['--version'], { MODULAR_TELEMETRY_ENABLED: '0' });
  }
  return out;
}

/** Why an implementation cannot run here, or null when all its toolchains are present. */
export function missingReason(impl: Implementation, toolchains: Record<string, Toolchain>): string | null {
  for (const name of toolchainsFor(impl)) {
    const t = toolchains[name];
    if (!t || t.version === null) return `${name} missing: ${t?.missing ?? 'not detected'}`;
  }
  return null;
}
