/**
 * Which bars a claim's speed-up chart draws. Every implementation on every machine made the chart
 * grow with machines x implementations (one machine added a full set of rows), so the chart draws
 * every implementation on one machine only, the focus: the machine whose run decides the verdict,
 * else the first machine in the page's table order. On the other machines it draws only the claim's
 * own implementations (baseline, subject, per-core basis). The run tables still list everything.
 */
import type { ImplRole, SpeedupRow } from './charts.ts';

/** One machine's rows, in the page's table order; `role` null for an implementation the claim does not name. */
export interface SpeedupTableInput {
  machine: string;
  rows: readonly { impl: string; label: string; role: Exclude<ImplRole, 'other'> | null; speedup: number | null }[];
}

export interface SpeedupSelection {
  /** The machine drawn with every implementation; null when no machine has a speed-up. */
  focus: string | null;
  /** Whether some other machine's rows were left to the tables (it had implementations without a role). */
  trimmed: boolean;
  /** Several machines drawn: the focus machine first, then the others in table order. */
  machines: string[];
  rows: SpeedupRow[];
}

export function selectSpeedupRows(tables: readonly SpeedupTableInput[], decidingMachine: string | null): SpeedupSelection {
  const measured = tables.filter((t) => t.rows.some((r) => r.speedup !== null));
  const focus = measured.find((t) => t.machine === decidingMachine)?.machine ?? measured[0]?.machine ?? null;
  const ordered = [...measured.filter((t) => t.machine === focus), ...measured.filter((t) => t.machine !== focus)];
  let trimmed = false;
  const rows = ordered.flatMap((t) =>
    t.rows.flatMap((r): SpeedupRow[] => {
      if (r.speedup === null) return [];
      if (t.machine !== focus && r.role === null) {
        trimmed = true;
        return [];
      }
      return [{ machine: t.machine, impl: r.impl, label: r.label, role: r.role ?? 'other', speedup: r.speedup }];
    }),
  );
  return { focus, trimmed, machines: [...new Set(rows.map((r) => r.machine))], rows };
}

/** The chart's title, saying which machine shows every implementation when others are trimmed. */
export function speedupTitle(baselineId: string, s: Pick<SpeedupSelection, 'focus' | 'trimmed'>): string {
  return s.trimmed && s.focus
    ? `Speed-up over "${baselineId}": every implementation on ${s.focus}; the claim's implementations on the other machines; all results are in the tables below`
    : `Speed-up of every implementation over "${baselineId}"`;
}
