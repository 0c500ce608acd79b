/** The machine fingerprint: what a reader needs to know about the hardware a run was taken on. */
import os from 'node:os';
import type { Machine } from '../../src/lib/schema/run.ts';
import type { FileSystem, ProcessRunner } from './effects.ts';
import { machineId, parseCpuinfo } from '../../src/lib/machine.ts';

export { parseCpuinfo };

export function parseOsRelease(text: string): string | null {
  return /^PRETTY_NAME="?([^"\n]*)"?$/m.exec(text)?.[1] ?? null;
}

export async function fingerprint(fs: FileSystem, proc: ProcessRunner, override?: string): Promise<Machine> {
  const cpuinfo = fs.exists('/proc/cpuinfo') ? parseCpuinfo(await fs.readText('/proc/cpuinfo')) : { model: null, simd: [], mhz: null, cpu: null };
  const cpuModel = cpuinfo.model ?? os.cpus()[0]?.model ?? 'unknown CPU';
  const cores = os.availableParallelism();
  const osName = fs.exists('/etc/os-release') ? parseOsRelease(await fs.readText('/etc/os-release')) : null;
  let gpu: Machine['gpu'] = null;
  const smi = await proc.run('nvidia-smi', ['--query-gpu=name,driver_version,memory.total', '--format=csv,noheader,nounits'], { cwd: '.', timeoutMs: 15000 });
  if (smi.exitCode === 0) {
    const [model, driver, mem] = (smi.stdout.split('\n')[0] ?? '').split(',').map((s) => s.trim());
    if (model) gpu = { model, driver: driver ?? 'unknown', ...(mem && Number.isFinite(Number(mem)) ? { memoryMiB: Number(mem) } : {}) };
  }
  return {
    id: override ?? machineId({ arch: os.arch(), cpuModel, cpu: cpuinfo.cpu, cores, memoryBytes: os.totalmem() }),
    cpuModel,
    cpu: cpuinfo.cpu,
    arch: os.arch(),
    cores,
    simd: cpuinfo.simd,
    memoryBytes: os.totalmem(),
    os: osName ?? `${os.type()} ${os.release()}`,
    kernelRelease: os.release(),
    gpu,
    ...(cpuinfo.mhz !== null ? { cpuMHz: cpuinfo.mhz } : {}),
  };
}
