/**
 * `node scripts/migrate-claims.ts [--check]`: converts every claim record under claims/ to the
 * structured-facts format (src/lib/claim-migration.ts), keeping comments and layout. Idempotent.
 * With --check it changes nothing and exits 1 when a record still needs converting.
 */
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseDocument } from 'yaml';
import { migrateClaimRecord } from '../src/lib/claim-migration.ts';

const checkOnly = process.argv.includes('--check');
const root = join(process.cwd(), 'claims');
let changed = 0;
for (const article of readdirSync(root, { withFileTypes: true }).filter((d) => d.isDirectory())) {
  for (const name of readdirSync(join(root, article.name)).filter((n) => n.endsWith('.yaml')).sort()) {
    const file = join(root, article.name, name);
    const doc = parseDocument(readFileSync(file, 'utf8'));
    const edits = migrateClaimRecord(doc.toJS() as Record<string, unknown>);
    if (edits.length === 0) continue;
    changed++;
    if (checkOnly) {
      console.log(`needs converting: claims/${article.name}/${name}`);
      continue;
    }
    for (const e of edits) {
      if (e.value === undefined) doc.deleteIn(e.path);
      else doc.setIn(e.path, doc.createNode(e.value));
    }
    writeFileSync(file, doc.toString({ lineWidth: 100, minContentWidth: 40 }));
  }
}
console.log(checkOnly ? `${changed} record(s) need converting` : `converted ${changed} record(s)`);
if (checkOnly && changed > 0) process.exit(1);
