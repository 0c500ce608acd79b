/**
 * What the pages say about a kernel's own full-profile protocol (kernel.yaml `fullProtocol`):
 * the run table's sentence, from what the run file recorded, and the methodology page's list, from
 * the kernel definitions. Pure text builders.
 */
import { PROTOCOLS, protocolFor } from '../protocol.ts';
import { variantKernel, type Kernel } from '../schema/kernel.ts';
import type { Run } from '../schema/run.ts';

const FULL = PROTOCOLS.full;

function counts(rounds: number, minSamples: number): string {
  return `${rounds} round${rounds === 1 ? '' : 's'} (one process per implementation each) and at least ${minSamples} samples per implementation`;
}

/**
 * The sentence a run table adds when its run used the kernel's own protocol; null when it used the
 * profile's. Older files without `minSamples` recorded only rounds.
 */
export function ownProtocolNote(run: Pick<Run, 'profile' | 'protocol'>): string | null {
  const p = run.protocol;
  if (p.ownProtocol === undefined) return null;
  const min = p.minSamples ?? PROTOCOLS[run.profile].minSamples;
  return `Measured with this kernel's own protocol: ${counts(p.rounds, min)}, not the full profile's ${FULL.rounds} and ${FULL.minSamples}. Why: ${sentence(p.ownProtocol)} Fewer processes and samples make the intervals wider; the verdicts read those intervals.`;
}

/**
 * A claim page's statement of the full-profile protocol its kernel (or the variant the claim
 * names) declares today; null when it uses the full profile's. The settings come from the harness's
 * own resolution (variantKernel, then protocolFor), so the page states what a run would use. The run
 * tables say what each run used.
 */
export function kernelProtocolStatement(kernel: Kernel, variant: string | null): string | null {
  const p = protocolFor(variant === null ? kernel : variantKernel(kernel, variant), 'full');
  if (p.why === null) return null;
  return `Its own: ${counts(p.rounds, p.minSamples)}, not the full profile's ${FULL.rounds} and ${FULL.minSamples}. Why: ${sentence(p.why)} Each run table below says what its run used.`;
}

export interface OwnProtocolRow {
  /** The kernel, or kernel/variant for a variant with a protocol of its own. */
  name: string;
  /** The kernel's variants that use the same protocol (the kernel's, inherited). */
  variants: string[];
  rounds: number;
  minSamples: number;
  why: string;
}

/**
 * Every kernel and variant that declares its own full-profile protocol, in kernel order: one row
 * per declaration, with the variants that inherit the kernel's. Rounds and samples are the ones the
 * harness applies (protocolFor).
 */
export function ownProtocolRows(kernels: readonly Kernel[]): OwnProtocolRow[] {
  const rows: OwnProtocolRow[] = [];
  const row = (name: string, variants: string[], measured: Kernel) => {
    const p = protocolFor(measured, 'full');
    if (p.why !== null) rows.push({ name, variants, rounds: p.rounds, minSamples: p.minSamples, why: p.why });
  };
  for (const k of kernels) {
    if (k.fullProtocol) row(k.id, k.variants.filter((v) => !v.fullProtocol).map((v) => v.id), k);
    for (const v of k.variants) if (v.fullProtocol) row(`${k.id}/${v.id}`, [], variantKernel(k, v.id));
  }
  return rows;
}

/** A row's heading: "dataframe and its variants filter, join: 3 rounds, at least 7 samples". */
export function ownProtocolHeading(r: OwnProtocolRow): string {
  const v = r.variants.length === 0 ? '' : ` and its variant${r.variants.length === 1 ? '' : 's'} ${r.variants.join(', ')}`;
  return `${r.name}${v}: ${r.rounds} rounds, at least ${r.minSamples} samples`;
}

/** The reason as a sentence of its own (capitalised, ending with a full stop). */
export function ownProtocolWhy(r: Pick<OwnProtocolRow, 'why'>): string {
  const t = sentence(r.why);
  return t.charAt(0).toUpperCase() + t.slice(1);
}

function sentence(s: string): string {
  const t = s.trim();
  return /[.!?]$/.test(t) ? t : `${t}.`;
}
