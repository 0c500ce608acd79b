/**
 * What a reader runs to reproduce a kernel's measurement on their machine: the one harness line (a
 * variant's: with --variant, in the full profile, the only one that measures variants), and, for a
 * kernel on the CPython builds of npm run setup:free-threaded, the setup step that makes builds
 * optimised as the deciding run's were. Pure: kernel, check and run in; commands out.
 */
import type { Kernel } from './schema/kernel.ts';
import type { Run } from './schema/run.ts';
import { freeThreadedSetupCommand } from './build-optimisation.ts';

export function reproduceCommand(kernelId: string, implIds?: readonly string[], variant?: string): string {
  const impls = implIds && implIds.length > 0 ? ` --impl ${[...new Set(implIds)].join(',')}` : '';
  const only = variant ? ` --variant ${variant} --profile full` : '';
  return `npm run harness -- --kernel ${kernelId}${only}${impls} --fresh`;
}

/**
 * The setup step before reproduceCommand, for a kernel with implementations on the builds of npm run
 * setup:free-threaded: it builds the versions the kernel uses, with CLAIMBENCH_PY_OPT set to the
 * optimisation the deciding run recorded for the builds of the claim's subject and baseline (or
 * of all the kernel's builds, when the claim compares none). Null for any other kernel.
 */
export function reproduceSetupCommand(kernel: Pick<Kernel, 'implementations'>, check: { subject: string; baseline?: string | undefined }, decidingRun: Pick<Run, 'toolchains'> | null): string | null {
  const runtimes = kernel.implementations.map((i) => i.runtime);
  const compared = kernel.implementations.filter((i) => i.id === check.subject || i.id === check.baseline).map((i) => i.runtime);
  const usesSetup = (rs: readonly string[]) => freeThreadedSetupCommand(rs, null) !== null;
  return freeThreadedSetupCommand(runtimes, decidingRun, usesSetup(compared) ? compared : runtimes);
}
