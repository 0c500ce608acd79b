/**
 * Exports the zod schemas as JSON Schema files under schemas/, which .vscode/settings.json binds to
 * the YAML records so editors validate and complete them. `--check` fails when they are stale.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { documentedJsonSchemas } from '../src/io/json-schemas.ts';

const check = process.argv.includes('--check');
let stale = 0;
for (const [name, schema] of Object.entries(documentedJsonSchemas())) {
  const path = `schemas/${name}.schema.json`;
  const text = `${JSON.stringify(schema, null, 2)}\n`;
  let old = '';
  try {
    old = readFileSync(path, 'utf8');
  } catch {
    /* new */
  }
  if (old === text) continue;
  if (check) {
    console.error(`${path} is stale: run "node scripts/json-schemas.ts"`);
    stale++;
  } else {
    writeFileSync(path, text);
    console.log(`wrote ${path}`);
  }
}
process.exit(stale > 0 ? 1 : 0);
