/**
 * The tokenizer kernel's data-set step and its refusals, run for real with the kernel's Python
 * environment (.venvs/tokenizer, npm run setup) on a tiny documentation folder written here
 * (CLAIMBENCH_TOKENIZER_DOCS points the generator at it): the generator's corpus, vocabulary and
 * manifest; the same ids from the fast and the pure-Python tokenizer; a missing, truncated or
 * altered file refused with its name and the command that regenerates it; a documentation folder
 * without sources refused with the Debian package to install. In CI a missing environment fails.
 */
import { describe, expect, it } from 'vitest';
import { appendFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { realProcessRunner } from '../../harness/runner/effects.ts';

const root = process.cwd();
const proc = realProcessRunner();
const python = join(root, '.venvs/tokenizer/bin/python');
const kernel = join(root, 'harness/kernels/tokenizer');
const absent = !existsSync(python);
const skip = absent && !process.env.CI;

// Our own sentences, a few paragraphs per file, like the documentation's reStructuredText sources.
const DOCS: Record<string, string> = {
  'library/alpha.rst.txt': 'The alpha module reads numbers from a file.\nEach number is checked before it is used.\n\nIt raises an error when a line is empty.\n\n   Indented lines join the paragraph above.\n',
  'tutorial/beta.rst.txt': 'A short tutorial explains loops, functions and classes.\n\nCounting words in a sentence takes a dictionary and a loop; the result is sorted by frequency.\n\nUnicode text such as café, naïve and 東京 is encoded as UTF-8 bytes first.\n',
};

function makeDocs(dir: string): void {
  for (const [rel, text] of Object.entries(DOCS)) {
    mkdirSync(join(dir, rel, '..'), { recursive: true });
    writeFileSync(join(dir, rel), text);
  }
}

/** DOCS hold 398 bytes of paragraphs (each one's UTF-8 bytes and its newline): all six fit. */
const ALL = 398;

async function generate(docs: string, out: string, size = ALL, vocab = 300) {
  return proc.run(python, [join(kernel, 'gen_corpus.py'), join(out, 'corpus.txt'), '7', String(size), String(vocab)], { cwd: root, env: { CLAIMBENCH_TOKENIZER_DOCS: docs }, timeoutMs: 120_000 });
}

async function tokenize(program: string, out: string) {
  return proc.run(python, [join(kernel, program), '0', '1', '2000', '300'], { cwd: root, env: { CLAIMBENCH_DATASET: join(out, 'corpus.txt'), RAYON_NUM_THREADS: '1', CLAIMBENCH_THREADS: '1' }, timeoutMs: 120_000 });
}

describe('tokenizer kernel data set', () => {
  it.skipIf(skip)('writes the corpus, the vocabulary and a manifest; fast and pure-Python tokenizers give the same digest', async () => {
    expect(absent, 'the tokenizer environment is missing in CI: npm run setup').toBe(false);
    const work = mkdtempSync(join(tmpdir(), 'tokenizer-ds-'));
    try {
      makeDocs(join(work, 'docs'));
      mkdirSync(join(work, 'out'));
      const g = await generate(join(work, 'docs'), join(work, 'out'));
      expect(g.exitCode, g.stderr).toBe(0);
      const corpus = readFileSync(join(work, 'out/corpus.txt'), 'utf8');
      expect(corpus.split('\n').filter(Boolean)).toHaveLength(6);
      expect(corpus.split('\n')).toContain('The alpha module reads numbers from a file. Each number is checked before it is used.');
      expect(corpus.split('\n')).toContain('Indented lines join the paragraph above.');
      const manifest = JSON.parse(readFileSync(join(work, 'out/tokenizer-files.json'), 'utf8'));
      expect(Object.keys(manifest.files).sort()).toEqual(['corpus.txt', 'merges.txt', 'tokenizer.json', 'vocab.json']);
      expect(manifest.files['corpus.txt'].bytes).toBe(Buffer.byteLength(corpus));
      const fast = await tokenize('python_fast_text.py', join(work, 'out'));
      const slow = await tokenize('python_slow.py', join(work, 'out'));
      expect(fast.exitCode, fast.stderr).toBe(0);
      expect(slow.exitCode, slow.stderr).toBe(0);
      const [a, b] = [JSON.parse(fast.stdout), JSON.parse(slow.stdout)];
      expect(a.checksum).toMatch(/^[0-9a-f]{64}$/);
      expect(b.checksum).toBe(a.checksum);
      expect(a.work.bytes).toBe(Buffer.byteLength(corpus));
      expect(b.work.tokens).toBe(a.work.tokens);
      expect(a.work.tokens).toBeGreaterThan(10);

      // A truncated corpus, an altered vocabulary, a missing merges file: refused, named, with the command.
      const regenerate = 'rm -rf .cache/datasets/tokenizer && npm run harness -- --kernel tokenizer';
      writeFileSync(join(work, 'out/corpus.txt'), corpus.slice(0, 50));
      let r = await tokenize('python_fast_text.py', join(work, 'out'));
      expect(r.exitCode).toBe(2);
      expect(r.stderr).toContain(`corpus.txt has 50 bytes, the manifest ${join(work, 'out/tokenizer-files.json')} records ${Buffer.byteLength(corpus)} (truncated or changed`);
      expect(r.stderr).toContain(regenerate);
      writeFileSync(join(work, 'out/corpus.txt'), corpus);
      const vocab = readFileSync(join(work, 'out/vocab.json'));
      appendFileSync(join(work, 'out/vocab.json'), ' ');
      r = await tokenize('python_slow.py', join(work, 'out'));
      expect(r.exitCode).toBe(2);
      expect(r.stderr).toContain(`vocab.json has ${vocab.length + 1} bytes, the manifest ${join(work, 'out/tokenizer-files.json')} records ${vocab.length}`);
      expect(r.stderr).toContain(regenerate);
      writeFileSync(join(work, 'out/vocab.json'), vocab);
      rmSync(join(work, 'out/merges.txt'));
      r = await tokenize('python_slow.py', join(work, 'out'));
      expect(r.exitCode).toBe(2);
      expect(r.stderr).toContain('merges.txt: missing');
      expect(r.stderr).toContain(regenerate);
    } finally {
      rmSync(work, { recursive: true, force: true });
    }
  }, 240_000);

  it.skipIf(skip)('refuses a documentation folder without sources (naming the Debian package) and a size larger than the corpus', async () => {
    expect(absent, 'the tokenizer environment is missing in CI: npm run setup').toBe(false);
    const work = mkdtempSync(join(tmpdir(), 'tokenizer-ds-'));
    try {
      mkdirSync(join(work, 'empty'));
      let g = await generate(join(work, 'empty'), work);
      expect(g.exitCode).toBe(1);
      expect(g.stderr).toContain('apt-get install python3.11-doc');
      makeDocs(join(work, 'docs'));
      g = await generate(join(work, 'docs'), work, 1_000_000);
      expect(g.exitCode).toBe(1);
      expect(g.stderr).toContain('size=1000000 bytes is more than the');
      expect(existsSync(join(work, 'corpus.txt'))).toBe(false);
    } finally {
      rmSync(work, { recursive: true, force: true });
    }
  }, 120_000);
});
