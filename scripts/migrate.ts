/**
 * `npm run migrate [-- --check] [root]`: rewrites every run file under content/runs (current,
 * quick and history) in the newest schema version, through the numbered migrations of
 * src/lib/migrate.ts. Only the format changes: the file is validated after migration, and the
 * measured numbers are compared with the original's before it is written. `--check` writes
 * nothing and exits 1 when a file would change.
 */
import { readdirSync, readFileSync, statSync, existsSync } from 'node:fs';
import { join, relative } from 'node:path';
import { measuredNumbers, migrateRun } from '../src/lib/migrate.ts';
import { parseRunFile, MACHINE_FILES } from '../src/io/load.ts';
import { realFileSystem } from '../harness/runner/effects.ts';

const args = process.argv.slice(2);
const check = args.includes('--check');
const root = args.find((a) => !a.startsWith('--')) ?? process.cwd();
const runsDir = join(root, 'content/runs');

function runFiles(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir).sort().flatMap((name) => {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) return runFiles(p);
    return name.endsWith('.json') && !MACHINE_FILES.includes(name) ? [p] : [];
  });
}

const fs = realFileSystem();
let changed = 0;
for (const path of runFiles(runsDir)) {
  const rel = relative(root, path);
  const text = readFileSync(path, 'utf8');
  const original = JSON.parse(text) as unknown;
  const { data, from } = migrateRun(original);
  if (from === null || data === original) continue;
  const out = `${JSON.stringify(data, null, 1)}\n`;
  parseRunFile(out, rel); // validates the migrated file (throws naming file and field)
  if (JSON.stringify(measuredNumbers(original)) !== JSON.stringify(measuredNumbers(data))) throw new Error(`${rel}: migration changed a measured number; nothing written`);
  changed++;
  if (check) console.log(`${rel}: version ${from}, would be migrated`);
  else {
    await fs.writeAtomic(path, out);
    console.log(`${rel}: migrated from version ${from}`);
  }
}
console.log(changed === 0 ? 'every run file is current' : `${changed} file${changed > 1 ? 's' : ''} ${check ? 'to migrate' : 'migrated'}`);
process.exit(check && changed > 0 ? 1 : 0);
