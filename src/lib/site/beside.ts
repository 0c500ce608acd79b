/**
 * Workloads shown beside a measured claim's verdict (`check.beside`): the same ratio of the same two
 * implementations on another workload of the kernel (a variant, or the main workload), per machine.
 * Shown, never judged: the verdict rests on the claim's own workload alone.
 */
import type { Claim } from '../schema/claim.ts';
import type { Kernel } from '../schema/kernel.ts';
import { variantKernel } from '../schema/kernel.ts';
import type { Run } from '../schema/run.ts';
import { byProcess, CONFIDENCE, ratioOfMedians } from '../stats.ts';
import { formatRatio } from '../format.ts';
import { preferredRuns } from '../runs.ts';
import { reproduceCommand } from '../reproduce.ts';

const CONFIDENCE_TEXT = `${Math.round(CONFIDENCE * 100)}%`;

export interface BesideMeasurement {
  machine: string;
  /** "3.1x" (baseline median time over the subject's). */
  ratio: string;
  /** The 95% interval of the ratio, "2.9x–3.3x". */
  interval: string;
  /** The sentence the page shows: "polars ran 3.1x as fast as pandas on m1 (95% interval 2.9x–3.3x)". */
  text: string;
}

export interface BesideView {
  /** The variant id, or "main". */
  variant: string;
  /** What the workload is (the variant's description, or the kernel's title for its main workload). */
  description: string;
  /** The workload's parameter values, "rows = 6001215, query = tpch-q1". */
  params: string;
  /** Why it is shown and not judged (the claim record's words). */
  why: string;
  /** One per machine whose run measured both implementations. */
  measured: BesideMeasurement[];
  /** The command that measures it, shown while no machine has. */
  command: string;
}

/** The workloads a ratio claim shows beside its verdict, with what each machine measured on them. */
export function besideViews(claim: Claim, kernel: Kernel | null, runs: readonly Run[]): BesideView[] {
  if (claim.kind !== 'measured' || !claim.check.beside || !kernel || claim.check.baseline === undefined) return [];
  const { baseline, subject } = claim.check;
  return claim.check.beside.flatMap((b) => {
    const main = b.variant === 'main';
    const declared = main ? null : kernel.variants.find((v) => v.id === b.variant);
    if (declared === undefined) return [];
    const k = main ? kernel : variantKernel(kernel, b.variant);
    const own = preferredRuns(runs.filter((r) => r.kernel === kernel.id && (r.variant ?? 'main') === b.variant));
    const measured = own.flatMap((run): BesideMeasurement[] => {
      const base = run.implementations.find((r) => r.id === baseline);
      const subj = run.implementations.find((r) => r.id === subject);
      if (base?.status !== 'ok' || subj?.status !== 'ok') return [];
      const r = ratioOfMedians(byProcess(base), byProcess(subj));
      const ratio = formatRatio(r.point);
      const interval = `${formatRatio(r.lo)}–${formatRatio(r.hi)}`;
      return [{ machine: run.machine.id, ratio, interval, text: `"${subject}" ran ${ratio} as fast as "${baseline}" on ${run.machine.id} (${CONFIDENCE_TEXT} interval ${interval})` }];
    }).sort((x, y) => x.machine.localeCompare(y.machine));
    return [{
      variant: b.variant,
      description: declared ? declared.description : kernel.title,
      params: k.params.map((p) => `${p.name} = ${k.workload[p.name]}`).join(', '),
      why: b.why,
      measured,
      command: reproduceCommand(kernel.id, undefined, main ? undefined : b.variant),
    }];
  });
}

