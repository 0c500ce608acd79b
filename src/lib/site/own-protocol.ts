/**
 * What the pages say about a kernel's own full-profile protocol (kernel.yaml `fullProtocol`):
 * the run table's sentence, from what the run file recorded, and the methodology page's list, from
 * the kernel definitions. Pure text builders.
 */
import { PROTOCOLS } from '../protocol.ts';
import type { Kernel } from '../schema/kernel.ts';
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

export interface OwnProtocolRow {
  /** kernel, or kernel/variant */
  name: string;
  rounds: number;
  minSamples: number;
  why: string;
}

/** Every kernel and variant that declares its own full-profile protocol, in kernel order. */
export function ownProtocolRows(kernels: readonly Pick<Kernel, 'id' | 'fullProtocol' | 'variants'>[]): OwnProtocolRow[] {
  const rows: OwnProtocolRow[] = [];
  for (const k of kernels) {
    const row = (name: string, p: NonNullable<Kernel['fullProtocol']>) => rows.push({ name, rounds: p.rounds ?? FULL.rounds, minSamples: p.minSamples ?? FULL.minSamples, why: p.why });
    if (k.fullProtocol) row(k.id, k.fullProtocol);
    for (const v of k.variants) {
      const own = v.fullProtocol ?? k.fullProtocol;
      if (own) row(`${k.id}/${v.id}`, own);
    }
  }
  return rows;
}

function sentence(s: string): string {
  const t = s.trim();
  return /[.!?]$/.test(t) ? t : `${t}.`;
}
