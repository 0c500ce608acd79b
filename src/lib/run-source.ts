/**
 * What the site says about where a run came from: measured by the project's CI on a named runner
 * (the workflow run linked), or contributed by hand (the commit that added it). Pure.
 */
import type { Run } from './schema/run.ts';

export interface RunSourceView {
  kind: 'ci' | 'hand';
  /** "CI runner claimbench-arm64 (arm-01)" or "contributed by hand". */
  text: string;
  /** The workflow run (CI); null for a hand contribution. */
  href: string | null;
  /** The commit measured (CI) or the commit that added the file (hand); null when unknown. */
  commit: string | null;
}

export function runSourceView(run: Pick<Run, 'source'>, handCommit: string | null): RunSourceView {
  const s = run.source;
  if (s) return { kind: 'ci', text: `CI runner ${s.runnerLabel} (${s.runnerName})`, href: s.workflowRunUrl, commit: s.commit };
  return { kind: 'hand', text: 'contributed by hand', href: null, commit: handCommit };
}
