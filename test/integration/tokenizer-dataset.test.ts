/**
 * The tokenizer kernel's data-set step and its refusals, run for real with the kernel's Python
 * environment (.venvs/tokenizer, npm run setup) on a tiny documentation folder written here
 * (CLAIMBENCH_TOKENIZER_DOCS points the generator at it): the generator's corpus, vocabulary and
 * manifest; the prose rule (what it keeps and leaves out in each package's format: reStructuredText, POD,
 * HTML); the same ids from the fast and the pure-Python tokenizer; a missing, truncated or
 * altered file refused with its name and the command that regenerates it; a documentation folder
 * without sources refused with the Debian package to install. In CI a missing environment fails.
 * The real packages are not needed (CI installs only python3.11-doc).
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

// Our own sentences, in the formats of the five Debian packages (CLAIMBENCH_TOKENIZER_DOCS/<package>/<its
// folder below /usr/share/doc or /usr/share>), each with blocks the prose rule keeps and blocks it leaves out.
const PYTHON_DOCS: Record<string, string> = {
  'python3.11-doc/python3.11/html/_sources/library/alpha.rst.txt': [
    'Alpha module',
    '============',
    '',
    'The alpha module reads numbers from a file.',
    'Each number is checked before it is used.',
    '',
    '.. note::',
    '   :class: aside',
    '',
    '   It raises an error when a line of the file is empty.',
    '',
    'An example that reads the numbers and sums them::',
    '',
    '    for line in open(path):',
    '        total += int(line)',
    '',
    '.. code-block:: python',
    '',
    '   print("this line is code and is left out")',
    '',
    '+------+------+',
    '| left | out  |',
    '+------+------+',
    '',
    '>>> alpha.read("numbers.txt")',
    '[1, 2, 3]',
    '',
    '- A list item that explains how the numbers are summed together.',
    '',
    'Too short to keep.',
    '',
  ].join('\n'),
  'python3.11-doc/python3.11/html/_sources/tutorial/beta.rst.txt':
    'A short tutorial explains loops, functions and classes.\n\nCounting words in a sentence takes a dictionary and a loop; the result is sorted by frequency.\n\nUnicode text such as café, naïve and 東京 is encoded as UTF-8 bytes first.\n',
};
const PYTHON_PROSE = [
  'The alpha module reads numbers from a file. Each number is checked before it is used.',
  'It raises an error when a line of the file is empty.',
  'An example that reads the numbers and sums them:',
  'A list item that explains how the numbers are summed together.',
  'A short tutorial explains loops, functions and classes.',
  'Counting words in a sentence takes a dictionary and a loop; the result is sorted by frequency.',
  'Unicode text such as café, naïve and 東京 is encoded as UTF-8 bytes first.',
];
const OTHER_DOCS: Record<string, string> = {
  'linux-doc-6.1/linux-doc-6.1/html/_sources/process/gamma.rst.txt':
    'The gamma driver wakes the device before every transfer it starts.\n\n.. kernel-doc:: drivers/gamma.c\n   :export:\n\n   left out as well, whatever it says here\n',
  'linux-doc-6.1/linux-doc-6.1/html/_sources/translations/it_IT/gamma.rst.txt': 'Questo paragrafo tradotto resta fuori dal corpus inglese.\n',
  'perl-doc/perl/5.36.0/pod/perldelta.pod': [
    '=head1 DESCRIPTION',
    '',
    'This manual page describes how C<delta> counts the words of a file.',
    '',
    '    my $n = delta::count($file);',
    '',
    '=begin html',
    '',
    '<p>Left out because it sits between the begin and end markers.</p>',
    '',
    '=end html',
    '',
    '=item count',
    '',
    'Returns the number of words in the file, or undef when it cannot be read.',
    '',
  ].join('\n'),
  'postgresql-doc-15/postgresql-doc-15/html/epsilon.html':
    '<html><body><h1>A heading that is not a paragraph at all</h1><p>The server keeps one process for every client\nconnection it accepts.</p><pre>SELECT 1 FROM a_table_that_is_left_out;</pre><p>Use <code>pg_dump</code> to save a database into one file.</p></body></html>',
  'git-doc/git-doc/zeta.html': '<div class="paragraph"><p>Every commit records the tree, its parents and a message &amp; an author.</p></div>',
};
const OTHER_PROSE = [
  'The gamma driver wakes the device before every transfer it starts.',
  'This manual page describes how C<delta> counts the words of a file.',
  'Returns the number of words in the file, or undef when it cannot be read.',
  'The server keeps one process for every client connection it accepts.',
  'Use pg_dump to save a database into one file.',
  'Every commit records the tree, its parents and a message & an author.',
];

function writeDocs(dir: string, docs: Record<string, string>): void {
  for (const [rel, text] of Object.entries(docs)) {
    mkdirSync(join(dir, rel, '..'), { recursive: true });
    writeFileSync(join(dir, rel), text);
  }
}
const makeDocs = (dir: string) => writeDocs(dir, PYTHON_DOCS);

/** Bytes of these paragraphs in the corpus (each one's UTF-8 bytes and its newline). */
const bytesOf = (paras: string[]) => paras.reduce((n, p) => n + Buffer.byteLength(p) + 1, 0);
const ALL = bytesOf(PYTHON_PROSE);

async function generate(docs: string, out: string, size = ALL, vocab = 300, which = 'python') {
  return proc.run(python, [join(kernel, 'gen_corpus.py'), join(out, 'corpus.txt'), '7', String(size), String(vocab), which], { cwd: root, env: { CLAIMBENCH_TOKENIZER_DOCS: docs }, timeoutMs: 120_000 });
}

async function tokenize(program: string, out: string) {
  return proc.run(python, [join(kernel, program), '0', '1', '2000', '300', 'python'], { cwd: root, env: { CLAIMBENCH_DATASET: join(out, 'corpus.txt'), RAYON_NUM_THREADS: '1', CLAIMBENCH_THREADS: '1' }, timeoutMs: 120_000 });
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
      // Prose only: no title, literal block, code directive, table or doctest; a list item without its marker.
      expect(corpus.split('\n').filter(Boolean).sort()).toEqual([...PYTHON_PROSE].sort());
      const manifest = JSON.parse(readFileSync(join(work, 'out/tokenizer-files.json'), 'utf8'));
      expect(Object.keys(manifest.packages)).toEqual(['python3.11-doc']);
      expect(manifest.docs).toBe('python');
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
  it.skipIf(skip)('docs=debian: prose of all five packages, translations left out; a missing package refused with its name', async () => {
    expect(absent, 'the tokenizer environment is missing in CI: npm run setup').toBe(false);
    const work = mkdtempSync(join(tmpdir(), 'tokenizer-ds-'));
    try {
      writeDocs(join(work, 'docs'), { ...PYTHON_DOCS, ...OTHER_DOCS });
      mkdirSync(join(work, 'out'));
      const all = [...PYTHON_PROSE, ...OTHER_PROSE];
      const g = await generate(join(work, 'docs'), join(work, 'out'), bytesOf(all), 300, 'debian');
      expect(g.exitCode, g.stderr).toBe(0);
      const corpus = readFileSync(join(work, 'out/corpus.txt'), 'utf8');
      expect(corpus.split('\n').filter(Boolean).sort()).toEqual(all.sort());
      const manifest = JSON.parse(readFileSync(join(work, 'out/tokenizer-files.json'), 'utf8'));
      expect(Object.keys(manifest.packages)).toEqual(['python3.11-doc', 'linux-doc-6.1', 'perl-doc', 'postgresql-doc-15', 'git-doc']);
      expect(manifest.available_bytes).toBe(bytesOf(all));

      rmSync(join(work, 'docs/perl-doc'), { recursive: true });
      const r = await generate(join(work, 'docs'), join(work, 'out'), 100, 300, 'debian');
      expect(r.exitCode).toBe(1);
      expect(r.stderr).toContain('install Debian\'s perl-doc (apt-get install perl-doc)');
      const bad = await generate(join(work, 'docs'), join(work, 'out'), 100, 300, 'everything');
      expect(bad.exitCode).toBe(1);
      expect(bad.stderr).toContain("docs must be one of python, debian, got 'everything'");
    } finally {
      rmSync(work, { recursive: true, force: true });
    }
  }, 120_000);
});
