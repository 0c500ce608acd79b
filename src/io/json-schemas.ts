/**
 * The editor JSON Schemas as written to schemas/: the zod schemas exported (src/lib/schema/json-schema.ts)
 * and documented from their source comments, with examples from the committed records. I/O: reads
 * the schema sources and the records.
 */
import { readFileSync, readdirSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { jsonSchemas } from '../lib/schema/json-schema.ts';
import { collectExamples, documentSchema, type Examples } from '../lib/schema/json-schema-docs.ts';
import { schemaObjectDocs } from './schema-docs.ts';

const sorted = (dir: string) => (existsSync(dir) ? readdirSync(dir).sort() : []);

/** Examples per schema, from the committed files of that kind (sorted, so the choice is stable). */
function examplesOf(root: string): Record<string, Examples> {
  const claims = new Map() as Examples;
  for (const a of sorted(join(root, 'claims'))) for (const f of sorted(join(root, 'claims', a)).filter((x) => x.endsWith('.yaml'))) collectExamples(parseYaml(readFileSync(join(root, 'claims', a, f), 'utf8')), claims);
  const kernels = new Map() as Examples;
  for (const k of sorted(join(root, 'harness/kernels'))) {
    const p = join(root, 'harness/kernels', k, 'kernel.yaml');
    if (existsSync(p)) collectExamples(parseYaml(readFileSync(p, 'utf8')), kernels);
  }
  const runs = new Map() as Examples;
  for (const m of sorted(join(root, 'content/runs'))) for (const f of sorted(join(root, 'content/runs', m)).filter((x) => x.endsWith('.json'))) collectExamples(JSON.parse(readFileSync(join(root, 'content/runs', m, f), 'utf8')), runs);
  const articles = new Map() as Examples;
  for (const f of sorted(join(root, 'content/articles')).filter((x) => x.endsWith('.mdx'))) {
    const front = /^---\n([\s\S]*?)\n---/.exec(readFileSync(join(root, 'content/articles', f), 'utf8'));
    if (front) collectExamples(parseYaml(front[1]!), articles);
  }
  return { claim: claims, kernel: kernels, run: runs, article: articles };
}

export function documentedJsonSchemas(root = process.cwd()): Record<string, unknown> {
  const objects = schemaObjectDocs(join(root, 'src/lib/schema'));
  const examples = examplesOf(root);
  return Object.fromEntries(Object.entries(jsonSchemas()).map(([name, s]) => [name, documentSchema(s, objects, examples[name] ?? new Map())]));
}
