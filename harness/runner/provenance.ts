/**
 * Conditions recorded with every result: the CPUs the harness may use, NumPy's BLAS/OpenMP pools as
 * the serial NumPy implementations see them (threadpoolctl, in their benchmark environment: the
 * OpenBLAS overrides removed, so `architecture` is the CPU kernel they run), and whether the
 * interpreter has a GIL.
 */
import type { FileSystem, ProcessRunner } from './effects.ts';
import type { ToolPaths } from './toolchains.ts';
import type { Toolchain } from '../../src/lib/schema/run.ts';
import { OPENBLAS_OVERRIDES } from './blas-env.ts';

/** Reads Cpus_allowed_list from /proc/self/status text. */
export function parseCpuAffinity(status: string): string | null {
  return /^Cpus_allowed_list:\s*(\S+)\s*$/m.exec(status)?.[1] ?? null;
}

const PYTHON_PROBE = [
  'import json, sys',
  'info = {"gil": bool(getattr(sys, "_is_gil_enabled", lambda: True)())}',
  'try:',
  '    import numpy',
  '    from threadpoolctl import threadpool_info',
  '    info["blas"] = [{k: p.get(k) for k in ("user_api", "internal_api", "prefix", "version", "num_threads", "threading_layer", "architecture")} for p in threadpool_info()]',
  'except Exception as e:',
  '    info["blas"] = None',
  'print(json.dumps(info))',
].join('\n');

export async function probeProvenance(fs: FileSystem, proc: ProcessRunner, tools: ToolPaths, toolchains: Record<string, Toolchain>, serialEnv: Record<string, string>) {
  const cpuAffinity = fs.exists('/proc/self/status') ? parseCpuAffinity(await fs.readText('/proc/self/status')) : null;
  let blas: Array<Record<string, unknown>> | null = null;
  let pythonGil: boolean | null = null;
  if (toolchains.python?.version) {
    const r = await proc.run(tools.python, ['-c', PYTHON_PROBE], { cwd: '.', env: serialEnv, envUnset: OPENBLAS_OVERRIDES, timeoutMs: 60_000 });
    if (r.exitCode === 0) {
      try {
        const info = JSON.parse(r.stdout.trim().split('\n').at(-1) ?? '{}') as { gil?: boolean; blas?: Array<Record<string, unknown>> | null };
        blas = info.blas ?? null;
        pythonGil = info.gil ?? null;
      } catch {
        /* recorded as unknown */
      }
    }
  }
  return { cpuAffinity, blas, pythonGil };
}
