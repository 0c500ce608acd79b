/**
 * `node scripts/fleet-pack.ts --out DIR --label LABEL`: on a fleet runner, after the harness, copies
 * this machine's current runs (content/runs/<machine>/*.json and quick/, not history) to
 * DIR/runs/<machine>/ and writes DIR/manifest.json (commit, kernel hashes, toolchains, runner label,
 * workflow run). The merge job (scripts/merge-runs.ts) validates what it receives; nothing here is trusted.
 */
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { execFileSync } from 'node:child_process';
import { fingerprint } from '../harness/runner/fingerprint.ts';
import { realFileSystem, realProcessRunner } from '../harness/runner/effects.ts';
import { parseRunFile, MACHINE_FILES, QUICK_DIR } from '../src/io/load.ts';
import { manifestFor, FleetManifest } from '../src/lib/fleet.ts';
import { parseWith } from '../src/lib/schema-errors.ts';

const root = join(import.meta.dirname, '..');
const { values } = parseArgs({ options: { out: { type: 'string' }, label: { type: 'string' }, machine: { type: 'string' } } });
if (!values.out || !values.label) {
  console.error('usage: node scripts/fleet-pack.ts --out DIR --label RUNNER_LABEL [--machine ID]');
  process.exit(2);
}
const env = (name: string) => {
  const v = process.env[name];
  if (!v) throw new Error(`fleet-pack: ${name} is not set (it runs inside a GitHub Actions job)`);
  return v;
};
const machine = values.machine ?? (await fingerprint(realFileSystem(), realProcessRunner())).id;
const from = join(root, 'content/runs', machine);
const to = join(values.out, 'runs', machine);
mkdirSync(to, { recursive: true });
const runs = [];
for (const sub of ['', QUICK_DIR]) {
  const dir = join(from, sub);
  if (!existsSync(dir)) continue;
  for (const f of readdirSync(dir).filter((n) => n.endsWith('.json') && !MACHINE_FILES.includes(n))) {
    runs.push(parseRunFile(readFileSync(join(dir, f), 'utf8'), join('content/runs', machine, sub, f)));
    mkdirSync(join(to, sub), { recursive: true });
    cpSync(join(dir, f), join(to, sub, f));
  }
}
if (runs.length === 0) throw new Error(`fleet-pack: no runs under content/runs/${machine}; did the harness run?`);
const commit = process.env.GITHUB_SHA ?? execFileSync('git', ['-C', root, 'rev-parse', 'HEAD']).toString().trim();
const manifest = parseWith(FleetManifest, manifestFor(runs, {
  commit,
  runnerLabel: values.label,
  runnerName: env('RUNNER_NAME'),
  workflowRunId: env('GITHUB_RUN_ID'),
  workflowRunUrl: `${env('GITHUB_SERVER_URL')}/${env('GITHUB_REPOSITORY')}/actions/runs/${env('GITHUB_RUN_ID')}`,
  machine,
}), 'manifest.json');
writeFileSync(join(values.out, 'manifest.json'), JSON.stringify(manifest, null, 1) + '\n');
console.log(`fleet-pack: ${runs.length} run(s) of ${machine} packed into ${values.out}`);
