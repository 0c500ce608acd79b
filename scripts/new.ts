/**
 * npm run new -- claim <article> <id> [--kind sourced|measured|arithmetic|unverifiable]
 * npm run new -- article <slug>
 * npm run new -- kernel <id>
 * Writes a commented template (src/lib/scaffold.ts) and says the next command. Never overwrites.
 */
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { SCAFFOLD_KINDS, articleTemplate, claimTemplate, kernelTemplate, nextStep, type ScaffoldKind } from '../src/lib/scaffold.ts';

const SLUG = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
const args = process.argv.slice(2);
const kindAt = args.indexOf('--kind');
const kind = (kindAt >= 0 ? args.splice(kindAt, 2)[1] : 'sourced') as ScaffoldKind;
const [what, a, b] = args;

function fail(message: string): never {
  console.error(`new: ${message}`);
  process.exit(2);
}
function write(path: string, text: string): void {
  if (existsSync(path)) fail(`${path} exists already; pick another id`);
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, text);
}

if (what === 'article') {
  if (!a || !SLUG.test(a)) fail('usage: npm run new -- article <slug> (slug: lowercase letters, digits and hyphens)');
  const path = `content/articles/${a}.mdx`;
  write(path, articleTemplate(a));
  console.log(nextStep('article', path));
} else if (what === 'claim') {
  if (!a || !b || !SLUG.test(a) || !SLUG.test(b)) fail('usage: npm run new -- claim <article-slug> <claim-id> [--kind sourced|measured|arithmetic|unverifiable]');
  if (!(SCAFFOLD_KINDS as readonly string[]).includes(kind)) fail(`--kind: expected one of ${SCAFFOLD_KINDS.join(', ')}, got "${kind}"`);
  if (!existsSync(`content/articles/${a}.mdx`)) fail(`content/articles/${a}.mdx does not exist; add the article first: npm run new -- article ${a}`);
  const path = `claims/${a}/${b}.yaml`;
  write(path, claimTemplate(a, b, kind));
  console.log(nextStep('claim', path, a));
} else if (what === 'kernel') {
  if (!a || !SLUG.test(a)) fail('usage: npm run new -- kernel <id> (id: lowercase letters, digits and hyphens)');
  const dir = `harness/kernels/${a}`;
  if (existsSync(dir)) fail(`${dir} exists already; pick another id`);
  for (const [name, text] of Object.entries(kernelTemplate(a))) write(`${dir}/${name}`, text);
  console.log(nextStep('kernel', dir));
} else {
  fail('usage: npm run new -- claim <article> <id> [--kind ...] | npm run new -- article <slug> | npm run new -- kernel <id>');
}
