/**
 * Claims tied to one operating system and architecture (a figure stated "on macOS ARM64"): which
 * platform a run's machine is, and why a run of another platform cannot decide such a claim. Pure.
 */
import type { Machine } from './schema/run.ts';

export const PLATFORM_OS = ['linux', 'macos'] as const;
export const PLATFORM_ARCH = ['x64', 'arm64'] as const;
export type PlatformOs = (typeof PLATFORM_OS)[number];
export type PlatformArch = (typeof PLATFORM_ARCH)[number];

const OS_NAMES: Record<PlatformOs, string> = { linux: 'Linux', macos: 'macOS' };
const ARCH_NAMES: Record<PlatformArch, string> = { x64: 'x86-64', arm64: 'ARM64' };

/** The machine's OS family from its OS string ("Debian GNU/Linux 12 (bookworm)", "macOS 15.2"), or null. */
export function machineOs(os: string): PlatformOs | null {
  if (/\b(mac ?os|darwin|os x)\b/i.test(os)) return 'macos';
  if (/linux|debian|ubuntu|fedora|centos|alpine|red hat|rhel|suse|arch/i.test(os)) return 'linux';
  return null;
}

export function platformName(p: { os: PlatformOs; arch: PlatformArch }): string {
  return `${OS_NAMES[p.os]} ${ARCH_NAMES[p.arch]}`;
}

/**
 * Null when the run's machine is the claim's platform; otherwise the sentence that says it cannot
 * decide and which fleet runner would (CONTRIBUTING.md, "The fleet").
 */
export function platformMismatch(want: { os: PlatformOs; arch: PlatformArch; runnerLabel: string }, machine: Pick<Machine, 'id' | 'os' | 'arch'>): string | null {
  const os = machineOs(machine.os);
  if (os === want.os && machine.arch === want.arch) return null;
  return `The claim is about ${platformName(want)}; ${machine.id} runs ${machine.os} on ${machine.arch}, so it cannot decide it. A ${platformName(want)} machine would: a fleet runner labelled ${want.runnerLabel} (CONTRIBUTING.md, "The fleet") running "npm run setup:free-threaded" and the harness.`;
}
