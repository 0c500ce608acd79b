/**
 * `node scripts/golden-verdicts.ts [--check]`: every verdict computed from the committed records and
 * runs, pinned in test/golden/verdicts.json (per claim: the verdict, each machine's verdict, how many
 * machines agree). Without --check it rewrites the file: review its diff, since every changed line
 * is a verdict a reader will see change. With --check it exits 1 listing the differences.
 * test/unit/golden-verdicts.test.ts runs the same comparison.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadDataset } from '../src/io/load.ts';
import { assess, type RunAssessment } from '../src/lib/verdict.ts';

export const GOLDEN_FILE = 'test/golden/verdicts.json';

export interface GoldenEntry {
  verdict: string;
  machines?: Record<string, string>;
  agree?: string;
}

/** One machine's verdict as pinned: "inconclusive (would be confirmed)", and why when its builds were not optimised alike. */
function machineEntry(r: RunAssessment): string {
  const notes = [r.wouldBe ? `would be ${r.wouldBe}` : null, r.unlikeBuilds ? `builds not optimised alike: ${r.unlikeBuilds.kind}` : null].filter(Boolean);
  return notes.length > 0 ? `${r.verdict} (${notes.join('; ')})` : r.verdict;
}

export function computeGolden(root: string): Record<string, GoldenEntry> {
  const d = loadDataset(root);
  const out: Record<string, GoldenEntry> = {};
  for (const claim of [...d.claims].sort((a, b) => a.id.localeCompare(b.id))) {
    const a = assess(claim, [...d.runs, ...d.variantRuns], d.probeRuns ?? [], d.noise ?? []);
    const entry: GoldenEntry = { verdict: a.verdict };
    if (a.runs.length > 0) entry.machines = Object.fromEntries(a.runs.map((r) => [r.machine, machineEntry(r)]));
    if (a.agreement && a.agreement.measured > 0) entry.agree = `${a.agreement.agree} of ${a.agreement.measured}`;
    out[claim.id] = entry;
  }
  return out;
}

/** Lines that differ between the pinned and the computed verdicts. */
export function goldenDiff(pinned: Record<string, GoldenEntry>, now: Record<string, GoldenEntry>): string[] {
  const ids = [...new Set([...Object.keys(pinned), ...Object.keys(now)])].sort();
  return ids.flatMap((id) => {
    const a = JSON.stringify(pinned[id] ?? null);
    const b = JSON.stringify(now[id] ?? null);
    return a === b ? [] : [`${id}: pinned ${a}, now ${b}`];
  });
}

if (import.meta.main) {
  const root = process.cwd();
  const now = computeGolden(root);
  const path = join(root, GOLDEN_FILE);
  if (process.argv.includes('--check')) {
    const diff = goldenDiff(JSON.parse(readFileSync(path, 'utf8')), now);
    for (const line of diff) console.error(line);
    console.log(diff.length === 0 ? `ok: ${Object.keys(now).length} verdicts as pinned` : `${diff.length} verdict(s) differ from ${GOLDEN_FILE}: review, then run node scripts/golden-verdicts.ts`);
    if (diff.length > 0) process.exit(1);
  } else {
    writeFileSync(path, `${JSON.stringify(now, null, 2)}\n`);
    console.log(`wrote ${GOLDEN_FILE}: ${Object.keys(now).length} verdicts`);
  }
}
