/**
 * `node scripts/seed-fingerprint.ts [seeds-dir]`: writes test/fixtures/seed-shingles.json, the
 * hashed 8-word shingles of the source articles (default ../shared/seeds), which the own-words test
 * compares the records with. Run it when the articles change; commit the result.
 */
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { buildFingerprint, serialiseFingerprint } from '../src/lib/own-words.ts';

export const FINGERPRINT_FILE = 'test/fixtures/seed-shingles.json';

const dir = resolve(process.argv[2] ?? '../shared/seeds');
let files: string[];
try {
  files = readdirSync(dir).filter((f) => f.endsWith('.txt'));
} catch (e) {
  console.error(`seed-fingerprint: cannot read the articles in ${dir}: ${(e as Error).message}`);
  process.exit(1);
}
if (files.length === 0) {
  console.error(`seed-fingerprint: no .txt articles in ${dir}`);
  process.exit(1);
}
const texts = new Map(files.map((f) => [f, readFileSync(join(dir, f), 'utf8')]));
const fp = buildFingerprint(texts);
writeFileSync(FINGERPRINT_FILE, serialiseFingerprint(fp));
console.log(`wrote ${FINGERPRINT_FILE}: ${fp.seeds.map((s) => `${s.seed} ${s.shingles.length}`).join(', ')}`);
