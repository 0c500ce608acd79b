import { describe, expect, it } from 'vitest';
import { isGenericModel, isLegacyMachineId, machineId, memoryClassGiB, parseCpuinfo } from '../../src/lib/machine.ts';

const GIB = 2 ** 30;

/** /proc/cpuinfo blocks as real machines print them (first CPU; flags shortened). */
const XEON_VM = `processor\t: 0
vendor_id\t: GenuineIntel
cpu family\t: 6
model\t\t: 167
model name\t: Intel(R) Xeon(R) Processor
stepping\t: 8
microcode\t: 0x1
cpu MHz\t\t: 2899.998
cache size\t: 16384 KB
flags\t\t: fpu vme sse sse2 ssse3 sse4_1 sse4_2 avx avx2 fma avx512f avx512dq avx512bw avx512vl
`;
const EPYC_VM_MILAN = `processor\t: 0
vendor_id\t: AuthenticAMD
cpu family\t: 25
model\t\t: 1
model name\t: AMD EPYC
stepping\t: 1
cpu MHz\t\t: 2445.406
flags\t\t: fpu sse sse2 ssse3 sse4_1 sse4_2 avx avx2 fma
`;
const EPYC_VM_GENOA = `processor\t: 0
vendor_id\t: AuthenticAMD
cpu family\t: 25
model\t\t: 17
model name\t: AMD EPYC
stepping\t: 1
flags\t\t: fpu sse sse2 avx avx2 fma avx512f
`;
const EPYC_9654 = `processor\t: 0
vendor_id\t: AuthenticAMD
cpu family\t: 25
model\t\t: 17
model name\t: AMD EPYC 9654 96-Core Processor
stepping\t: 1
flags\t\t: fpu sse sse2 avx avx2 fma avx512f
`;
const XEON_8481C = `processor\t: 0
vendor_id\t: GenuineIntel
cpu family\t: 6
model\t\t: 143
model name\t: Intel(R) Xeon(R) Platinum 8481C CPU @ 2.70GHz
stepping\t: 8
flags\t\t: fpu sse sse2 avx avx2 avx512f amx_tile
`;
const GRAVITON2 = `processor\t: 0
BogoMIPS\t: 243.75
Features\t: fp asimd evtstrm aes pmull sha1 sha2 crc32 atomics fphp asimdhp cpuid asimdrdm lrcpc dcpop asimddp ssbs
CPU implementer\t: 0x41
CPU architecture: 8
CPU variant\t: 0x3
CPU part\t: 0xd0c
CPU revision\t: 1
`;
const QEMU = `processor\t: 0
vendor_id\t: AuthenticAMD
cpu family\t: 15
model\t\t: 107
model name\t: QEMU Virtual CPU version 2.5+
stepping\t: 1
flags\t\t: fpu sse sse2
`;

const id = (text: string, cores: number, memGiB: number, arch = 'x64') => {
  const info = parseCpuinfo(text);
  return machineId({ arch, cpuModel: info.model ?? 'unknown', cpu: info.cpu, cores, memoryBytes: memGiB * GIB });
};

describe('parseCpuinfo: vendor, family, model, stepping', () => {
  it('reads them from x86 cpuinfo (this VM: Intel Xeon family 6 model 167 stepping 8)', () => {
    expect(parseCpuinfo(XEON_VM).cpu).toEqual({ vendor: 'GenuineIntel', family: 6, model: 167, stepping: 8 });
    expect(parseCpuinfo(XEON_VM).model).toBe('Intel(R) Xeon(R) Processor');
    expect(parseCpuinfo(EPYC_VM_MILAN).cpu).toEqual({ vendor: 'AuthenticAMD', family: 25, model: 1, stepping: 1 });
  });
  it('reads the MIDR fields on ARM and names a known part when there is no model name', () => {
    const info = parseCpuinfo(GRAVITON2);
    expect(info.cpu).toEqual({ vendor: 'ARM', family: 8, model: 0xd0c, stepping: 0x31 });
    expect(info.model).toBe('Neoverse-N1');
    expect(info.simd).toContain('asimd');
  });
  it('gives null when cpuinfo has none of them', () => {
    expect(parseCpuinfo('processor\t: 0\nmodel name\t: Something\n').cpu).toBeNull();
  });
});

describe('machine ids', () => {
  it('tells apart two EPYC VMs whose model string is only "AMD EPYC"', () => {
    const milan = id(EPYC_VM_MILAN, 2, 7.7);
    const genoa = id(EPYC_VM_GENOA, 2, 7.7);
    expect(milan).toBe('x64-amd-epyc-f25m1s1-2c-8g');
    expect(genoa).toBe('x64-amd-epyc-f25m17s1-2c-8g');
    expect(milan).not.toBe(genoa);
    // and neither is the id every 2-vCPU EPYC had before schema 2
    expect(milan).not.toBe('x64-amd-epyc-2c');
  });
  it('names this VM (generic Xeon) by family, model and stepping, cores and memory class', () => {
    expect(id(XEON_VM, 2, 23.54)).toBe('x64-intel-xeon-f6m167s8-2c-24g');
  });
  it('uses the full model name when it names the CPU', () => {
    expect(id(EPYC_9654, 192, 755)).toBe('x64-amd-epyc-9654-192c-768g');
    expect(id(XEON_8481C, 88, 340)).toBe('x64-intel-xeon-platinum-8481c-88c-384g');
    expect(id(GRAVITON2, 4, 15.4, 'arm64')).toBe('arm64-neoverse-n1-4c-16g');
  });
  it('treats a hypervisor placeholder as generic', () => {
    expect(isGenericModel('QEMU Virtual CPU version 2.5+')).toBe(true);
    expect(id(QEMU, 2, 3.8)).toBe('x64-amd-qemu-virtual-version-2-5-f15m107s1-2c-4g');
  });
  it('differs in cores and memory class', () => {
    expect(id(XEON_VM, 4, 23.54)).not.toBe(id(XEON_VM, 2, 23.54));
    expect(id(XEON_VM, 2, 15.6)).not.toBe(id(XEON_VM, 2, 23.54));
  });
  it('is the same machine under another kernel release (the id has no kernel, OS or clock in it)', () => {
    // the same CPU with a different cpu MHz line and microcode, as a kernel update may report
    const other = XEON_VM.replace('cpu MHz\t\t: 2899.998', 'cpu MHz\t\t: 2100.000').replace('microcode\t: 0x1', 'microcode\t: 0x2b000590');
    expect(id(other, 2, 23.5)).toBe(id(XEON_VM, 2, 23.54));
  });
  it('rounds reported memory up to the size the machine was sold with', () => {
    expect(memoryClassGiB(23.54 * GIB)).toBe(24);
    expect(memoryClassGiB(31.3 * GIB)).toBe(32);
    expect(memoryClassGiB(16 * GIB)).toBe(16);
    expect(memoryClassGiB(16.2 * GIB)).toBe(16);
    expect(memoryClassGiB(17 * GIB)).toBe(24);
  });
  it('recognises ids from before schema 2 (no memory class)', () => {
    expect(isLegacyMachineId('x64-amd-epyc-2c')).toBe(true);
    expect(isLegacyMachineId('x64-intel-xeon-f6m167s8-2c-24g')).toBe(false);
  });
});
