/**
 * The machine a run was taken on: what /proc/cpuinfo says about its CPU, and the id (the folder
 * name under content/runs) derived from it. Pure: the harness reads the files and passes the text.
 *
 * An id never covers two different CPUs: it names the CPU model, and when the model string is
 * generic (a VM's "AMD EPYC" or "Intel Xeon Processor") also its family, model and stepping, then
 * the logical CPUs and the memory class. The kernel release is not part of it: the same CPU under
 * another kernel is the same machine (its results are re-measured, because the fingerprint that
 * decides reuse changed, but they land in the same folder).
 */

/** The CPU's identity as the processor reports it (x86 CPUID; on ARM the MIDR fields). */
export interface CpuIdentity {
  /** x86: vendor_id (GenuineIntel, AuthenticAMD); ARM: the implementer's name or code (0x41). */
  vendor: string;
  /** x86: cpu family; ARM: CPU architecture. Null when /proc/cpuinfo does not say. */
  family: number | null;
  /** x86: model; ARM: CPU part. */
  model: number | null;
  /** x86: stepping; ARM: CPU variant * 16 + CPU revision. */
  stepping: number | null;
}

export interface CpuInfo {
  /** The model string ("model name" on x86), or null when there is none. */
  model: string | null;
  /** SIMD extensions among the CPU's flags (sse*, avx*, fma, neon, asimd, sve*, amx*), sorted. */
  simd: string[];
  /** The clock of the first CPU ("cpu MHz"), when reported. */
  mhz: number | null;
  /** Vendor, family, model, stepping; null when none of them is reported. */
  cpu: CpuIdentity | null;
}

const SIMD_FLAGS = /^(sse\d?(_\d)?|ssse3|avx\w*|fma|neon|asimd\w*|sve\w*|amx\w*)$/;

/** ARM implementer codes (MIDR_EL1 bits 31:24) of the CPUs a contributor is likely to have. */
const ARM_IMPLEMENTERS: Record<number, string> = {
  0x41: 'ARM', 0x42: 'Broadcom', 0x43: 'Cavium', 0x46: 'Fujitsu', 0x48: 'HiSilicon', 0x4e: 'NVIDIA',
  0x50: 'APM', 0x51: 'Qualcomm', 0x61: 'Apple', 0x6d: 'Microsoft', 0xc0: 'Ampere',
};

/** ARM part numbers of common server cores, used as the model string when cpuinfo has none. */
const ARM_PARTS: Record<string, string> = {
  '0x41:0xd0c': 'Neoverse-N1', '0x41:0xd40': 'Neoverse-V1', '0x41:0xd49': 'Neoverse-N2', '0x41:0xd4f': 'Neoverse-V2',
  '0x41:0xd8e': 'Neoverse-N3', '0x41:0xd84': 'Neoverse-V3', '0xc0:0xac3': 'Ampere-1', '0xc0:0xac4': 'Ampere-1a',
};

function firstField(text: string, name: string): string | null {
  return new RegExp(`^${name}\\s*:\\s*(.*)$`, 'm').exec(text)?.[1]?.trim() ?? null;
}

/** An integer field in decimal or 0x hex; null when absent or not a number. */
function intField(text: string, name: string): number | null {
  const v = firstField(text, name);
  if (v === null || !/^(0x[0-9a-f]+|\d+)$/i.test(v)) return null;
  return Number.parseInt(v, v.toLowerCase().startsWith('0x') ? 16 : 10);
}

/** Parses /proc/cpuinfo text (x86 or ARM; the first CPU's block decides). */
export function parseCpuinfo(text: string): CpuInfo {
  const flags = (firstField(text, 'flags') ?? firstField(text, 'Features') ?? '').split(/\s+/).filter((f) => SIMD_FLAGS.test(f));
  const mhz = Number(firstField(text, 'cpu MHz'));
  let cpu: CpuIdentity | null = null;
  let model = firstField(text, 'model name') ?? firstField(text, 'Model') ?? firstField(text, 'Hardware');
  const vendorId = firstField(text, 'vendor_id');
  const implementer = intField(text, 'CPU implementer');
  if (vendorId !== null) {
    cpu = { vendor: vendorId, family: intField(text, 'cpu family'), model: intField(text, 'model'), stepping: intField(text, 'stepping') };
  } else if (implementer !== null) {
    const part = intField(text, 'CPU part');
    const variant = intField(text, 'CPU variant');
    const revision = intField(text, 'CPU revision');
    cpu = {
      vendor: ARM_IMPLEMENTERS[implementer] ?? `0x${implementer.toString(16)}`,
      family: intField(text, 'CPU architecture'),
      model: part,
      stepping: variant === null && revision === null ? null : (variant ?? 0) * 16 + (revision ?? 0),
    };
    if (model === null && part !== null) {
      const key = `0x${implementer.toString(16)}:0x${part.toString(16).padStart(3, '0')}`;
      model = ARM_PARTS[key] ?? `${cpu.vendor} part 0x${part.toString(16)}`;
    }
  }
  return { model, simd: [...new Set(flags)].sort(), mhz: Number.isFinite(mhz) && mhz > 0 ? mhz : null, cpu };
}

/** Words of a model string that name no particular CPU. */
const NOISE_WORDS = /\(r\)|\(tm\)|\bcpu\b|\bprocessor\b|@.*$|\b\d+-core\b|\bwith\b.*$/g;
/** Model strings that a hypervisor puts in place of the real one. */
const VIRTUAL = /\b(qemu|kvm|virtual|common)\b/i;

/** The model string as id words: lower case, hyphens, without trademarks, "CPU", clock. */
export function modelWords(cpuModel: string): string {
  return cpuModel
    .toLowerCase()
    .replace(NOISE_WORDS, ' ')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
}

/**
 * True when the model string does not tell CPUs apart: no word with a digit after the vendor and
 * brand ("AMD EPYC", "Intel Xeon Processor"), or a hypervisor's placeholder ("QEMU Virtual CPU").
 */
export function isGenericModel(cpuModel: string): boolean {
  if (VIRTUAL.test(cpuModel)) return true;
  return !modelWords(cpuModel).split('-').some((w) => /\d/.test(w));
}

const GIB = 2 ** 30;
/** Memory sizes machines are sold and rented in (GiB). */
const MEMORY_CLASSES = [1, 2, 3, 4, 6, 8, 12, 16, 24, 32, 48, 64, 96, 128, 192, 256, 384, 512, 768, 1024, 1536, 2048, 3072, 4096];

/**
 * The installed memory in GiB from what the OS reports (which is a little less: the kernel and
 * firmware keep some): the smallest usual size at least as large, so 23.5 GiB reported is 24.
 */
export function memoryClassGiB(memoryBytes: number): number {
  const gib = memoryBytes / GIB;
  return MEMORY_CLASSES.find((c) => c >= gib * 0.98) ?? Math.ceil(gib);
}

function vendorWord(vendor: string): string {
  if (/intel/i.test(vendor)) return 'intel';
  if (/amd/i.test(vendor)) return 'amd';
  return vendor.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '');
}

export interface MachineIdInput {
  /** Node's os.arch() (x64, arm64). */
  arch: string;
  cpuModel: string;
  cpu: CpuIdentity | null;
  /** Logical CPUs. */
  cores: number;
  memoryBytes: number;
}

/**
 * `<arch>-<model words>[-f<family>m<model>s<stepping>]-<cores>c-<memory>g`, for example
 * `x64-amd-epyc-9654-192c-768g` or, for a VM that only says "Intel(R) Xeon(R) Processor",
 * `x64-intel-xeon-f6m167s8-2c-24g`. The kernel release, OS and clock are not part of it.
 */
export function machineId(m: MachineIdInput): string {
  const arch = m.arch.replace(/[^a-z0-9]+/gi, '').toLowerCase() || 'cpu';
  let words = modelWords(m.cpuModel);
  if (m.cpu && words && !words.split('-').includes(vendorWord(m.cpu.vendor)) && vendorWord(m.cpu.vendor) !== '') {
    if (isGenericModel(m.cpuModel)) words = `${vendorWord(m.cpu.vendor)}-${words}`;
  }
  if (!words) words = m.cpu ? vendorWord(m.cpu.vendor) || 'cpu' : 'cpu';
  const parts = [arch, words];
  if (isGenericModel(m.cpuModel) && m.cpu) {
    const fms = [['f', m.cpu.family], ['m', m.cpu.model], ['s', m.cpu.stepping]].filter(([, v]) => v !== null).map(([k, v]) => `${k}${v}`).join('');
    if (fms) parts.push(fms);
  }
  parts.push(`${m.cores}c`, `${memoryClassGiB(m.memoryBytes)}g`);
  return parts.join('-').replace(/-+/g, '-');
}

/**
 * Ids written before run schema 2 (`<arch>-<model words>-<cores>c`, no memory, no family) are kept
 * as they were: the folder is old data, read as it is; a new run on such a machine computes the
 * new id and goes to a new folder, so it never mixes with, or replaces, the old results.
 */
export function isLegacyMachineId(id: string): boolean {
  return /-\d+c$/.test(id);
}
