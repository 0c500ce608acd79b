/**
 * `node scripts/merge-runs.ts INCOMING [--summary FILE] [--root DIR]`: the fleet's merge step.
 * INCOMING holds one folder per runner artifact (manifest.json + runs/<machine>/...). Every run is
 * validated (src/lib/fleet.ts: what npm run check asks of any run, plus the kernel hash at the
 * manifest's commit and a machine id consistent with its fingerprint and with the machines already
 * known); the runs that pass are written to content/runs/<machine>/ with their CI source (a run
 * they replace goes to history/), the others are listed with their reasons, in the Markdown
 * summary (FILE, e.g. $GITHUB_STEP_SUMMARY) and on stderr, and never written.
 * Exit status: 0 when every run passed, 1 when some were refused (the passing ones are still written).
 */
import { appendFileSync, existsSync, mkdirSync, readdirSync, readFileSync, renameSync, writeFileSync, lstatSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { parseArgs } from 'node:util';
import { loadKernelDefinitions, parseRunFile, MACHINE_FILES, QUICK_DIR } from '../src/io/load.ts';
import { hashAtCommit } from '../src/io/kernel-history.ts';
import { readUntrusted } from '../src/io/untrusted.ts';
import { ValidationError, parseWith, formatProblem, type FileProblem } from '../src/lib/schema-errors.ts';
import { FleetManifest, decideMerge, mergeSummary, sourceOf, type IncomingRun } from '../src/lib/fleet.ts';
import type { Machine } from '../src/lib/schema/run.ts';
import { historyPath } from '../harness/runner/harness.ts';

const { values, positionals } = parseArgs({ allowPositionals: true, options: { summary: { type: 'string' }, root: { type: 'string' } } });
if (positionals.length !== 1) {
  console.error('usage: node scripts/merge-runs.ts INCOMING [--summary FILE] [--root DIR]');
  process.exit(2);
}
const incomingDir = positionals[0]!;
const root = values.root ?? join(import.meta.dirname, '..');
const kernels = new Map(loadKernelDefinitions(root).map((k) => [k.id, k]));

const problemsOf = (e: unknown, file: string): FileProblem[] =>
  e instanceof ValidationError ? e.problems : [{ file, field: '', message: e instanceof Error ? e.message : String(e) }];

/** One machine description per id already committed (its first current run file). */
function existingMachines(): Map<string, Machine> {
  const out = new Map<string, Machine>();
  const runsDir = join(root, 'content/runs');
  if (!existsSync(runsDir)) return out;
  for (const m of readdirSync(runsDir)) {
    const dir = join(runsDir, m);
    if (!lstatSync(dir).isDirectory()) continue;
    for (const f of readdirSync(dir).filter((n) => n.endsWith('.json') && !MACHINE_FILES.includes(n))) {
      try {
        out.set(m, parseRunFile(readFileSync(join(dir, f), 'utf8'), join('content/runs', m, f)).machine);
        break;
      } catch {
        /* npm run check reports broken committed files */
      }
    }
  }
  return out;
}

const incoming: IncomingRun[] = [];
const unreadable: Array<{ file: string; problems: FileProblem[] }> = [];
const hashes = new Map<string, string | null>();
for (const artifact of readdirSync(incomingDir).sort()) {
  const base = join(incomingDir, artifact);
  if (!lstatSync(base).isDirectory()) continue;
  const manifestFile = join(artifact, 'manifest.json');
  let manifest: FleetManifest;
  try {
    manifest = parseWith(FleetManifest, JSON.parse(readUntrusted(join(base, 'manifest.json'), manifestFile, 'run')), manifestFile);
  } catch (e) {
    unreadable.push({ file: manifestFile, problems: problemsOf(e instanceof SyntaxError ? new Error(`expected JSON: ${e.message}`) : e, manifestFile) });
    continue;
  }
  const runsDir = join(base, 'runs');
  const folders = existsSync(runsDir) ? readdirSync(runsDir) : [];
  for (const folder of folders) {
    for (const sub of ['', QUICK_DIR]) {
      const dir = join(runsDir, folder, sub);
      if (!existsSync(dir) || !lstatSync(dir).isDirectory()) continue;
      for (const f of readdirSync(dir).filter((n) => n.endsWith('.json') && !MACHINE_FILES.includes(n)).sort()) {
        const file = join(artifact, 'runs', folder, sub, f);
        try {
          const run = parseRunFile(readUntrusted(join(dir, f), file, 'run'), file);
          const key = `${manifest.commit}:${run.kernel}`;
          if (!hashes.has(key)) hashes.set(key, kernels.has(run.kernel) ? hashAtCommit(root, manifest.commit, run.kernel) : null);
          incoming.push({ run, file, folder, manifest, hashAtCommit: hashes.get(key)! });
        } catch (e) {
          unreadable.push({ file, problems: problemsOf(e, file) });
        }
      }
    }
  }
}

const decision = decideMerge(incoming, kernels, existingMachines(), unreadable);
for (const a of decision.accepted) {
  const dest = join(root, 'content/runs', a.run.machine.id, ...(a.run.profile === 'quick' ? [QUICK_DIR] : []), `${a.run.kernel}.json`);
  if (existsSync(dest)) {
    const old = parseRunFile(readFileSync(dest, 'utf8'), relative(root, dest));
    const hist = historyPath(root, old);
    mkdirSync(dirname(hist), { recursive: true });
    renameSync(dest, hist);
  }
  mkdirSync(dirname(dest), { recursive: true });
  writeFileSync(dest, JSON.stringify({ ...a.run, source: sourceOf(a.manifest) }, null, 1) + '\n');
  console.log(`merge-runs: ${a.file} -> ${relative(root, dest)}`);
}
for (const r of decision.refused) for (const p of r.problems) console.error(`merge-runs: refused: ${formatProblem(p)}`);
const summary = mergeSummary(decision);
if (values.summary) appendFileSync(values.summary, summary + '\n');
console.log(`merge-runs: ${decision.accepted.length} merged, ${decision.refused.length} refused`);
process.exitCode = decision.refused.length > 0 ? 1 : 0;
