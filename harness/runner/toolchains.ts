/**
 * Toolchain detection: which compilers and interpreters this machine has, their versions, and for
 * each missing one why and how to get it. Each runtime adapter (harness/runner/runtimes/) names the
 * toolchain entries its implementations need and how to probe them. Implementations whose toolchain
 * is missing are skipped.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Implementation, Kernel } from '../../src/lib/schema/kernel.ts';
import { datasetToolchains } from './dataset.ts';
import type { Toolchain } from '../../src/lib/schema/run.ts';
import type { ProcessRunner } from './effects.ts';
import { ADAPTERS, adapterFor, type ToolPaths } from './runtimes/index.ts';
import { PROJECT_INTERPRETERS } from './free-threaded.ts';
import { kernelContext, type KernelRef } from './commands.ts';
import { PYTHON_VARIANTS } from '../../src/lib/runtimes.ts';
import { LOAD_GENERATOR, wrkVersion } from '../../src/lib/load-generator.ts';
import { serviceToolchains } from './service.ts';

export type { ToolPaths };

export function toolPaths(root: string, exists: (p: string) => boolean = existsSync): ToolPaths {
  const project = (name: string) => {
    const rel = PROJECT_INTERPRETERS.find((p) => p.name === name)?.relPath;
    return rel && exists(join(root, rel)) ? join(root, rel) : name;
  };
  return {
    python: join(root, '.venv/bin/python'),
    pythonVariants: Object.fromEntries(PYTHON_VARIANTS.map((v) => [v.id, project(v.id)])),
    mojo: join(root, '.venv/bin/mojo'),
    cc: 'cc',
    cxx: 'c++',
    cargo: 'cargo',
    rustc: 'rustc',
    node: 'node',
  };
}

/** The toolchain entries an implementation needs (its kernel decides which Python environment). */
export function toolchainsFor(impl: Implementation, kernel: KernelRef = ''): string[] {
  return adapterFor(impl.runtime).toolchains(impl, kernelContext(kernel));
}

/** Every toolchain entry a kernel's implementations need. */
export function kernelToolchains(kernel: { id: string; pythonLock?: string | undefined; dataset?: Kernel['dataset']; service?: Kernel['service']; helperServer?: Kernel['helperServer']; pairing?: Kernel['pairing']; implementations: readonly Implementation[] }): string[] {
  // A client kernel's built helper server is built like an implementation, and pinned with taskset.
  const helper = kernel.helperServer ? [...toolchainsFor(kernel.helperServer.program, kernel), 'taskset'] : [];
  // A paired kernel that pins its groups to one CPU uses taskset too.
  const pinned = kernel.pairing?.pinCpu ? ['taskset'] : [];
  return [...datasetToolchains(kernel), ...serviceToolchains(kernel), ...kernel.implementations.flatMap((i) => toolchainsFor(i, kernel)), ...helper, ...pinned];
}

const firstLine = (s: string) => s.trim().split('\n')[0]?.trim() ?? '';

/** What a server kernel needs beyond its implementations' toolchains: the load generator and CPU pinning. */
export const LOAD_TOOLCHAINS = ['wrk', 'taskset'] as const;
const LOAD_HOW_TO_GET: Record<(typeof LOAD_TOOLCHAINS)[number], string> = {
  wrk: LOAD_GENERATOR.howToGet,
  taskset: 'install util-linux (Debian: apt-get install util-linux), which pins the server and the load generator to their CPUs',
};

/** Why a server kernel cannot be measured here (load generator or taskset missing), or null. */
export function loadToolsMissing(toolchains: Record<string, Toolchain>): string | null {
  for (const name of LOAD_TOOLCHAINS) {
    const t = toolchains[name];
    if (!t || t.version === null) return `${name} missing: ${t?.missing ?? LOAD_HOW_TO_GET[name]}`;
  }
  return null;
}

async function probeLoadTool(proc: ProcessRunner, name: (typeof LOAD_TOOLCHAINS)[number]): Promise<Toolchain> {
  // wrk prints its version with the usage text and exits 1.
  const r = await proc.run(name, ['--version'], { cwd: '.', timeoutMs: 30_000 });
  const version = name === 'wrk' ? wrkVersion(`${r.stdout}\n${r.stderr}`) : r.exitCode === 0 ? firstLine(r.stdout) || null : null;
  return version ? { version } : { version: null, missing: `${name} not found or not working (${firstLine(r.spawnError ?? r.stderr) || `exit ${r.exitCode}`}); ${LOAD_HOW_TO_GET[name]}` };
}

/** Detects the named toolchains (e.g. "cc", "python:numpy"). */
export async function detectToolchains(proc: ProcessRunner, paths: ToolPaths, names: readonly string[]): Promise<Record<string, Toolchain>> {
  const out: Record<string, Toolchain> = {};
  for (const name of [...new Set(names)].sort()) {
    if ((LOAD_TOOLCHAINS as readonly string[]).includes(name)) {
      out[name] = await probeLoadTool(proc, name as (typeof LOAD_TOOLCHAINS)[number]);
      continue;
    }
    const probe = Object.values(ADAPTERS).map((a) => a.probe(name, paths)).find((p) => p !== null);
    if (!probe) {
      out[name] = { version: null, missing: `no runtime adapter knows the toolchain "${name}"` };
      continue;
    }
    const r = await proc.run(probe.cmd, probe.args, { cwd: '.', timeoutMs: 60000, ...(probe.env ? { env: probe.env } : {}) });
    const build = probe.buildLine ? r.stdout.trim().split('\n')[1]?.trim() : undefined;
    if (r.exitCode === 0 && firstLine(r.stdout + '\n' + r.stderr)) out[name] = { version: firstLine(r.stdout) || firstLine(r.stderr), ...(build ? { build } : {}) };
    else if (probe.module) out[name] = { version: null, missing: `the Python module "${probe.module.name}" is not importable in ${probe.module.environment}` };
    else out[name] = { version: null, missing: `${probe.cmd} not found or not working (${firstLine(r.spawnError ?? r.stderr) || `exit ${r.exitCode}`}); ${probe.howToGet}` };
  }
  return out;
}

/** Why an implementation cannot run here, or null when all its toolchains are present. */
export function missingReason(impl: Implementation, toolchains: Record<string, Toolchain>, kernel: KernelRef = ''): string | null {
  for (const name of toolchainsFor(impl, kernel)) {
    const t = toolchains[name];
    if (!t || t.version === null) return `${name} missing: ${t?.missing ?? 'not detected'}`;
  }
  return null;
}
