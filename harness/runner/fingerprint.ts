/** The machine fingerprint: what a reader needs to know about the hardware a run was taken on. */
import os from 'node:os';
import type { Machine } from '../../src/lib/schema/run.ts';
import type { FileSystem, ProcessRunner } from './effects.ts';

const SIMD_FLAGS = /^(sse\d?(_\d)?|ssse3|avx\w*|fma|neon|asimd\w*|sve\w*|amx\w*)$/;

/** Parses /proc/cpuinfo text: the CPU model, its SIMD extensions and the clock it reports. */
export function parseCpuinfo(text: string): { model: string | null; simd: string[]; mhz: number | null } {
  const field = (name: string) => new RegExp(`^${name}\\s*:\\s*(.*)$`, 'm').exec(text)?.[1]?.trim() ?? null;
  const model = field('model name') ?? field('Model') ?? field('Hardware') ?? field('CPU part');
  const flags = (field('flags') ?? field('Features') ?? '').split(/\s+/).filter((f) => SIMD_FLAGS.test(f));
  const mhz = Number(field('cpu MHz'));
  return { model, simd: [...new Set(flags)].sort(), mhz: Number.isFinite(mhz) && mhz > 0 ? mhz : null };
}

export function parseOsRelease(text: string): string | null {
  return /^PRETTY_NAME="?([^"\n]*)"?$/m.exec(text)?.[1] ?? null;
}

/** A stable folder name for the machine: architecture, CPU model, logical CPUs. */
export function machineId(arch: string, cpuModel: string, cores: number): string {
  const model = cpuModel
    .toLowerCase()
    .replace(/\(r\)|\(tm\)|cpu|processor|@.*$|\d+-core/g, ' ')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  return `${arch.replace(/[^a-z0-9]+/gi, '').toLowerCase()}-${model || 'cpu'}-${cores}c`;
}

export async function fingerprint(fs: FileSystem, proc: ProcessRunner, override?: string): Promise<Machine> {
  const cpuinfo = fs.exists('/proc/cpuinfo') ? parseCpuinfo(await fs.readText('/proc/cpuinfo')) : { model: null, simd: [], mhz: null };
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
    id: override ?? machineId(os.arch(), cpuModel, cores),
    cpuModel,
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
