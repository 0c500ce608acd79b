/**
 * The data-loading kernel's generator (harness/kernels/data-loading/gen_data.py) on a tiny
 * documentation folder written here (CLAIMBENCH_TOKENIZER_DOCS points the tokenizer kernel's
 * reader at it), run for real with the kernel's Python environment (.venvs/data-loading, npm run
 * setup): records are excerpts of consecutive paragraphs of the documentation, at least 20 words
 * each, ASCII only, naming the Debian package; the same seed gives the same bytes; more records
 * than excerpts, or no documentation, are refused with what to do. In CI a missing environment fails.
 */
import { describe, expect, it } from 'vitest';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';

const root = process.cwd();
const python = join(root, '.venvs/data-loading/bin/python');
const skip = !existsSync(python) && !process.env.CI;

// Our own sentences, several paragraphs per file, like the documentation's reStructuredText sources.
const SENTENCES = [
  'The reader opens each file once and keeps its lines in memory.',
  'A record holds an id, a source and the text that the loader tokenises.',
  'Blocks of token ids are cut at a fixed length and the tail is dropped.',
  'Every worker gets a contiguous chunk of records and sends the ids back.',
  'The checksum covers every block in order, so a missing id changes it.',
  'Short paragraphs are joined with the next ones until they are long enough.',
];
const paragraph = (i: number) => `${SENTENCES[i % SENTENCES.length]} ${SENTENCES[(i * 5 + 1) % SENTENCES.length]} Paragraph ${i} ends here.`;
const NON_ASCII = 'This paragraph names a café and a naïve reader, so its excerpt is left out of the records.';

function makeDocs(dir: string): string[] {
  const paras: string[] = [];
  for (let f = 0; f < 3; f++) {
    const mine = Array.from({ length: 12 }, (_, i) => paragraph(f * 12 + i));
    if (f === 1) mine.splice(5, 0, NON_ASCII);
    paras.push(...mine);
    mkdirSync(join(dir, 'library'), { recursive: true });
    // Paragraphs are blank-line separated; a paragraph's own lines are joined by a space.
    writeFileSync(join(dir, 'library', `m${f}.rst.txt`), mine.map((p) => p.replace('. ', '.\n   ')).join('\n\n') + '\n');
  }
  return paras;
}

function generate(docs: string, out: string, seed: number, records: number) {
  return spawnSync(python, ['harness/kernels/data-loading/gen_data.py', out, String(seed), String(records), '16'], { cwd: root, encoding: 'utf8', env: { ...process.env, CLAIMBENCH_TOKENIZER_DOCS: docs }, timeout: 120_000 });
}

describe.skipIf(skip)(`data-loading generator on a tiny documentation folder${skip ? ' (skipped: .venvs/data-loading is missing, npm run setup)' : ''}`, () => {
  const tmp = mkdtempSync(join(tmpdir(), 'claimbench-data-loading-gen-'));
  const docs = join(tmp, 'docs');
  const paras = makeDocs(docs);

  it('records are excerpts of consecutive ASCII paragraphs, refused beyond the excerpts there are', { timeout: 240_000 }, () => {
    const tooMany = generate(docs, join(tmp, 'x.jsonl'), 7, 1000);
    expect(tooMany.status).toBe(1);
    const m = /records=1000 is more than the (\d+) excerpts of python3\.11-doc \S+ under .* lower the kernel's records/.exec(tooMany.stderr);
    expect(m, tooMany.stderr).not.toBeNull();
    const n = Number(m![1]);
    expect(n).toBeGreaterThan(3);
    expect(existsSync(join(tmp, 'x.jsonl'))).toBe(false);

    const out = join(tmp, 'a.jsonl');
    const g = generate(docs, out, 7, n);
    expect(g.status, g.stderr).toBe(0);
    const [header, ...lines] = readFileSync(out, 'utf8').trimEnd().split('\n');
    expect(JSON.parse(header!).model.type).toBe('BPE');
    const records = lines.map((l) => JSON.parse(l) as { id: number; source: string; lang: string; text: string });
    expect(records.map((r) => r.id)).toEqual(records.map((_, i) => i));
    const seen = new Set<string>();
    for (const r of records) {
      expect(r.source).toMatch(/^python3\.11-doc /);
      expect(r.lang).toBe('en');
      expect(/^[\x00-\x7f]*$/.test(r.text), r.text).toBe(true);
      expect(r.text.split(/\s+/).length).toBeGreaterThanOrEqual(20);
      // Each line of a record is one paragraph, and its paragraphs follow each other in the documentation.
      const at = r.text.split('\n').map((p) => paras.indexOf(p));
      expect(at.every((i) => i >= 0), r.text).toBe(true);
      for (let k = 1; k < at.length; k++) expect(at[k] === at[k - 1]! + 1 || paras[at[k - 1]! + 1] === NON_ASCII, r.text).toBe(true);
      for (const p of r.text.split('\n')) {
        expect(seen.has(p), `paragraph in two records: ${p}`).toBe(false);
        seen.add(p);
      }
    }
    expect(readFileSync(out, 'utf8')).not.toContain('caf');
  });

  it('the same seed gives the same bytes, another seed another order', { timeout: 240_000 }, () => {
    const [a, b, c] = ['s1.jsonl', 's2.jsonl', 's3.jsonl'].map((f) => join(tmp, f)) as [string, string, string];
    for (const [out, seed] of [[a, 11], [b, 11], [c, 12]] as const) expect(generate(docs, out, seed, 3).status).toBe(0);
    expect(readFileSync(a).equals(readFileSync(b))).toBe(true);
    expect(readFileSync(a).equals(readFileSync(c))).toBe(false);
  });

  it('a documentation folder without sources is refused with the Debian package to install', { timeout: 120_000 }, () => {
    const empty = join(tmp, 'empty');
    mkdirSync(empty);
    const r = generate(empty, join(tmp, 'e.jsonl'), 7, 3);
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('install Debian\'s python3.11-doc (apt-get install python3.11-doc');
  });
});
