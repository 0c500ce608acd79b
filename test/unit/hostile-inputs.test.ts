/**
 * A corpus of hostile and careless contributor files. Each is written into a fresh copy of a
 * minimal valid project and must be refused by the loader (what `npm run check` and the build
 * run) with the file, the field and what was expected, without echoing more than a short excerpt
 * of the bad value. Add a case here for every new kind of bad input.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { appendFileSync, mkdirSync, readFileSync, rmSync, symlinkSync, unlinkSync, writeFileSync, renameSync } from 'node:fs';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { FILES, writeProject } from '../fixtures/project.ts';
import { loadDataset } from '../../src/io/load.ts';
import { ValidationError } from '../../src/lib/schema-errors.ts';

const roots: string[] = [];
afterAll(() => roots.forEach((r) => rmSync(r, { recursive: true, force: true })));

/** Problems (one "file: field: message" line each) after `mutate` breaks a fresh valid project. */
function problemsAfter(mutate: (root: string) => void): string[] {
  const root = writeProject();
  roots.push(root);
  mutate(root);
  try {
    loadDataset(root);
    return [];
  } catch (e) {
    if (!(e instanceof ValidationError)) throw e;
    return e.message.split('\n');
  }
}
const edit = (root: string, path: string, from: string | RegExp, to: string) => {
  const text = readFileSync(join(root, path), 'utf8');
  const next = text.replace(from, to);
  if (next === text) throw new Error(`fixture ${path} has no ${String(from)}`);
  writeFileSync(join(root, path), next);
};
const runJson = (root: string, change: (r: Record<string, any>) => void) => {
  const path = join(root, 'content/runs/m1/k.json');
  const r = JSON.parse(readFileSync(path, 'utf8'));
  change(r);
  writeFileSync(path, JSON.stringify(r));
};
// A file outside the project whose content must never be published or echoed.
const SECRET = join(writeProject({ 'secret.txt': 'TOP-SECRET-CONTENT\n' }), 'secret.txt');
roots.push(join(SECRET, '..'));

interface Case {
  name: string;
  mutate: (root: string) => void;
  /** Each must be the start of one problem line (file: field: message...). */
  expected: string[];
}

const cases: Case[] = [
  // Files from outside the repository
  { name: 'implementation source climbing out of the kernel folder', mutate: (r) => edit(r, 'harness/kernels/k/kernel.yaml', 'source: base.py', 'source: ../../../../../../etc/passwd'),
    expected: ['harness/kernels/k/kernel.yaml: implementations.0.source: expected a path inside harness/kernels/k (no "..", not absolute), got "../../../../../../etc/passwd"'] },
  { name: 'implementation source as an absolute path', mutate: (r) => edit(r, 'harness/kernels/k/kernel.yaml', 'source: subj.c', `source: ${SECRET}`),
    expected: ['harness/kernels/k/kernel.yaml: implementations.1.source: expected a path inside harness/kernels/k (no "..", not absolute)'] },
  { name: 'service program climbing out of the kernel folder', mutate: (r) => edit(r, 'harness/kernels/k/kernel.yaml', 'reference: base', 'reference: base\nservice: { source: a/../../../../secret.py, description: d, path: /ready }'),
    expected: ['harness/kernels/k/kernel.yaml: service.source: expected a path inside harness/kernels/k (no "..", not absolute), got "a/../../../../secret.py"'] },
  { name: 'probe source climbing out of the probe folder', mutate: (r) => edit(r, 'harness/probes/p1/probe.yaml', 'source: probe.py', 'source: ../../../secret.txt'),
    expected: ['harness/probes/p1/probe.yaml: source: expected a path inside harness/probes/p1 (no "..", not absolute)'] },
  { name: 'implementation program that is a link to a file outside', mutate: (r) => { unlinkSync(join(r, 'harness/kernels/k/base.py')); symlinkSync(SECRET, join(r, 'harness/kernels/k/base.py')); },
    expected: ['harness/kernels/k/base.py: expected a regular file or folder, got a symbolic link', 'harness/kernels/k/kernel.yaml: implementations.0.source: expected a path inside harness/kernels/k, got "base.py", which resolves outside it'] },
  { name: 'probe program that is a link to a file outside', mutate: (r) => { unlinkSync(join(r, 'harness/probes/p1/probe.py')); symlinkSync(SECRET, join(r, 'harness/probes/p1/probe.py')); },
    expected: ['harness/probes/p1/probe.py: expected a regular file or folder, got a symbolic link', 'harness/probes/p1/probe.yaml: source: expected a path inside harness/probes/p1, got "probe.py", which resolves outside it'] },
  { name: 'claim file that is a link (its target would be printed in errors)', mutate: (r) => { unlinkSync(join(r, 'claims/a1/c2.yaml')); symlinkSync(SECRET, join(r, 'claims/a1/c2.yaml')); },
    expected: ['claims/a1/c2.yaml: expected a regular file or folder, got a symbolic link'] },
  { name: 'kernel folder that is a link', mutate: (r) => symlinkSync(join(r, 'harness/kernels/k'), join(r, 'harness/kernels/k2')),
    expected: ['harness/kernels/k2: expected a regular file or folder, got a symbolic link'] },
  { name: 'rust binary name climbing out', mutate: (r) => edit(r, 'harness/kernels/k/kernel.yaml', '  - { id: subj, label: Subj, language: c, tier: optimized, source: subj.c }', '  - { id: subj, label: Subj, language: rust, tier: optimized, source: rust, bin: ../../../../secret }'),
    expected: ['harness/kernels/k/kernel.yaml: implementations.1.bin: expected a cargo binary name (letters, digits, "_" and "-"), got "../../../../secret"'] },
  // Addresses that run code when clicked
  ...['javascript:alert(document.cookie)', 'JaVaScRiPt:alert(1)', 'data:text/html,<script>alert(1)</script>', 'vbscript:msgbox(1)', 'file:///etc/passwd'].map((url): Case => ({
    name: `source address ${url.slice(0, 12)}`, mutate: (r) => edit(r, 'claims/a1/c3.yaml', '"https://example.org/notes"', JSON.stringify(url)),
    expected: [`claims/a1/c3.yaml: sources.0.url: expected a web address starting with https:// or http://, got ${JSON.stringify(url)}`] })),
  { name: 'article frontmatter address javascript:', mutate: (r) => edit(r, 'content/articles/a1.mdx', 'url: https://example.org/article', 'url: "javascript:alert(1)"'),
    expected: ['content/articles/a1.mdx: url: expected a web address starting with https:// or http://, got "javascript:alert(1)"'] },
  { name: 'kernel origin address data:', mutate: (r) => edit(r, 'harness/kernels/k/kernel.yaml', '"https://example.org"', '"data:text/html,x"'),
    expected: ['harness/kernels/k/kernel.yaml: origin.url: expected a web address starting with https:// or http://'] },
  // Article bodies are compiled as MDX: code would run at build time
  { name: 'MDX expression in an article body', mutate: (r) => appendFileSync(join(r, 'content/articles/a1.mdx'), '\nHello {process.exit(1)}\n'),
    expected: ['content/articles/a1.mdx: line 11: expected Markdown, got "{" or "}" (an MDX expression'] },
  { name: 'MDX import in an article body', mutate: (r) => appendFileSync(join(r, 'content/articles/a1.mdx'), '\nimport fs from "node:fs"\n'),
    expected: ['content/articles/a1.mdx: line 11: expected Markdown, got an MDX import/export'] },
  { name: 'script tag in an article body', mutate: (r) => appendFileSync(join(r, 'content/articles/a1.mdx'), '\n<script>alert(1)</script>\n'),
    expected: ['content/articles/a1.mdx: line 11: expected Markdown, got an HTML or JSX tag'] },
  { name: 'javascript: link in an article body', mutate: (r) => appendFileSync(join(r, 'content/articles/a1.mdx'), '\n[click](javascript:alert(1))\n'),
    expected: ['content/articles/a1.mdx: line 11: expected a link to an https: or http: address or a path on this site, got "javascript:alert(1"'] },
  { name: 'scheme hidden by character references in an article link', mutate: (r) => appendFileSync(join(r, 'content/articles/a1.mdx'), '\n[click](java&#115;cript&#58;alert(1))\n'),
    expected: ['content/articles/a1.mdx: line 11: expected a link to an https: or http: address or a path on this site'] },
  { name: 'javascript: link definition in an article body', mutate: (r) => appendFileSync(join(r, 'content/articles/a1.mdx'), '\n[x]: javascript:alert(1)\n'),
    expected: ['content/articles/a1.mdx: line 11: expected a link to an https: or http: address or a path on this site, got "javascript:alert(1)"'] },
  // Bad run files must not become verdicts
  { name: 'negative timings ("ran -109x as fast")', mutate: (r) => runJson(r, (x) => { x.implementations[1].samplesNs = x.implementations[1].samplesNs.map((v: number) => -v); x.implementations[1].summary.medianNs = -1e7; }),
    expected: ['content/runs/m1/k.json: implementations.1.samplesNs.0: Too small: expected number to be >0, got -'] },
  { name: 'zero timings', mutate: (r) => runJson(r, (x) => { x.implementations[0].summary.minNs = 0; }),
    expected: ['content/runs/m1/k.json: implementations.0.summary.minNs: Too small: expected number to be >0, got 0'] },
  { name: 'checksum that disagrees with the reference while the status says ok', mutate: (r) => runJson(r, (x) => { x.implementations[1].checksum = 43; }),
    expected: ['content/runs/m1/k.json: implementations.1.checksum: expected the reference "base"\'s checksum 42 for status "ok", got 43'] },
  { name: 'run for a kernel that does not exist', mutate: (r) => { runJson(r, (x) => { x.kernel = 'ghost'; }); renameSync(join(r, 'content/runs/m1/k.json'), join(r, 'content/runs/m1/ghost.json')); },
    expected: ['content/runs/m1/ghost.json: kernel: no kernel "ghost" under harness/kernels (expected one of [k])'] },
  { name: 'implementation id the kernel lacks', mutate: (r) => runJson(r, (x) => { x.implementations[1].id = 'turbo'; }),
    expected: ['content/runs/m1/k.json: implementations.1.id: expected an implementation of kernel "k" (one of [base, subj]), got "turbo"'] },
  { name: 'a summary not computed from the samples', mutate: (r) => runJson(r, (x) => { x.implementations[1].summary.medianNs = 1; }),
    expected: ['content/runs/m1/k.json: implementations.1.summary.medianNs: expected 10000000 (computed from samplesNs), got 1'] },
  { name: 'run file that is not JSON', mutate: (r) => writeFileSync(join(r, 'content/runs/m1/k.json'), '{"schemaVersion": 1,'),
    expected: ['content/runs/m1/k.json: not valid JSON ('] },
  // Formulas
  { name: 'formula with an unknown input', mutate: (r) => edit(r, 'claims/a1/c2.yaml', 'formula: servers * price', 'formula: servers * cost'),
    expected: ['claims/a1/c2.yaml: check.formula: expected a formula over the inputs with + - * / and parentheses: unknown input "cost" (inputs: servers, price)'] },
  { name: 'formula with a syntax error', mutate: (r) => edit(r, 'claims/a1/c2.yaml', 'formula: servers * price', 'formula: "servers * (price"'),
    expected: ['claims/a1/c2.yaml: check.formula: expected a formula over the inputs with + - * / and parentheses: missing ")"'] },
  { name: 'formula that calls code', mutate: (r) => edit(r, 'claims/a1/c2.yaml', 'formula: servers * price', 'formula: "constructor.constructor(1)"'),
    expected: ['claims/a1/c2.yaml: check.formula: expected a formula over the inputs with + - * / and parentheses: unexpected character "."'] },
  { name: 'formula dividing by zero', mutate: (r) => edit(r, 'claims/a1/c2.yaml', 'formula: servers * price', 'formula: servers / (price - 3)'),
    expected: ['claims/a1/c2.yaml: check.formula: expected a formula giving a finite number with these inputs, got Infinity'] },
  // Impossible figures
  { name: 'negative claimed speed-up', mutate: (r) => edit(r, 'claims/a1/c1.yaml', 'value: 100', 'value: -109'),
    expected: ['claims/a1/c1.yaml: claimed.value: expected a number greater than 0 (a speedup in x cannot be zero or negative), got -109'] },
  { name: 'zero claimed speed-up', mutate: (r) => edit(r, 'claims/a1/c1.yaml', 'value: 100', 'value: 0'),
    expected: ['claims/a1/c1.yaml: claimed.value: expected a number greater than 0'] },
  { name: 'negative price', mutate: (r) => edit(r, 'claims/a1/c2.yaml', 'value: 6', 'value: -6'),
    expected: ['claims/a1/c2.yaml: claimed.value: expected a number of at least 0 (a price in usd cannot be negative), got -6'] },
  { name: 'negative figure stated by a source', mutate: (r) => edit(r, 'claims/a1/c3.yaml', 'fact: { kind: number, value: 12', 'fact: { kind: number, value: -12'),
    expected: ['claims/a1/c3.yaml: check.findings.0.fact.value: expected a number of at least 0 (a count in count cannot be negative), got -12'] },
  { name: 'not-a-number figure', mutate: (r) => edit(r, 'claims/a1/c1.yaml', 'value: 100', 'value: .nan'),
    expected: ['claims/a1/c1.yaml: claimed.value: expected number, got NaN'] },
  // Encoding and hidden characters
  { name: 'invalid UTF-8', mutate: (r) => writeFileSync(join(r, 'claims/a1/c1.yaml'), Buffer.concat([Buffer.from('id: c1\nstatement: caf'), Buffer.from([0xc3, 0x28]), Buffer.from('\n')])),
    expected: ['claims/a1/c1.yaml: expected UTF-8 text, got an invalid byte 0xc3 at byte offset 21'] },
  { name: 'overlong UTF-8 encoding of "/"', mutate: (r) => writeFileSync(join(r, 'claims/a1/c1.yaml'), Buffer.concat([Buffer.from('id: c1'), Buffer.from([0xc0, 0xaf])])),
    expected: ['claims/a1/c1.yaml: expected UTF-8 text, got an invalid byte 0xc0 at byte offset 6'] },
  { name: 'bidirectional override (Trojan Source)', mutate: (r) => edit(r, 'claims/a1/c1.yaml', 'Subj is', 'Subj \u202eis'),
    expected: ['claims/a1/c1.yaml: expected text without control or bidirectional-override characters, got U+202E at byte offset'] },
  { name: 'terminal escape sequence', mutate: (r) => edit(r, 'claims/a1/c1.yaml', 'Subj is', 'Subj \u001b[2J is'),
    expected: ['claims/a1/c1.yaml: expected text without control or bidirectional-override characters, got U+001B at byte offset'] },
  // Sizes
  { name: 'a 10 MB statement', mutate: (r) => edit(r, 'claims/a1/c1.yaml', 'Subj is 100 times faster than Base.', 'x'.repeat(10_000_000)),
    expected: ['claims/a1/c1.yaml: expected a file of at most 64 KiB (a claim file), got 10000'] },
  { name: 'a 5,000-character statement', mutate: (r) => edit(r, 'claims/a1/c1.yaml', 'Subj is 100 times faster than Base.', 'x'.repeat(5000)),
    expected: ['claims/a1/c1.yaml: statement: expected at most 4000 characters, got 5000'] },
  { name: 'an implementation program of 1 MB (published on the site)', mutate: (r) => writeFileSync(join(r, 'harness/kernels/k/base.py'), '#'.repeat(1 << 20)),
    expected: ['harness/kernels/k/base.py: expected a file of at most 512 KiB (a program file), got 1048576 bytes'] },
  { name: 'YAML alias bomb', mutate: (r) => writeFileSync(join(r, 'claims/a1/c1.yaml'), `a: &a ["x","x","x","x","x","x","x","x","x"]\n${Array.from({ length: 9 }, (_, i) => `${String.fromCharCode(98 + i)}: &${String.fromCharCode(98 + i)} [${Array(9).fill(`*${String.fromCharCode(97 + i)}`).join(',')}]`).join('\n')}\n`),
    expected: ['claims/a1/c1.yaml: '] },
  // Wrong names: the record would silently disappear
  { name: 'claim with the extension .yml', mutate: (r) => renameSync(join(r, 'claims/a1/c2.yaml'), join(r, 'claims/a1/c2.yml')),
    expected: ['claims/a1/c2.yml: expected a claim file ending in ".yaml" (exactly, in lower case), got "c2.yml"; the file would be skipped'] },
  { name: 'claim with the extension .YAML', mutate: (r) => renameSync(join(r, 'claims/a1/c2.yaml'), join(r, 'claims/a1/c2.YAML')),
    expected: ['claims/a1/c2.YAML: expected a claim file ending in ".yaml" (exactly, in lower case), got "c2.YAML"'] },
  { name: 'claim file directly in claims/', mutate: (r) => writeFileSync(join(r, 'claims/c9.yaml'), 'id: c9\n'),
    expected: ['claims/c9.yaml: expected claims/<article>/<id>.yaml, a folder per article'] },
  { name: 'article with the extension .md', mutate: (r) => renameSync(join(r, 'content/articles/a1.mdx'), join(r, 'content/articles/a1.md')),
    expected: ['content/articles/a1.md: expected an article file ending in ".mdx" (exactly, in lower case), got "a1.md"'] },
  { name: 'run file with the extension .JSON', mutate: (r) => renameSync(join(r, 'content/runs/m1/k.json'), join(r, 'content/runs/m1/k.JSON')),
    expected: ['content/runs/m1/k.JSON: expected a run file ending in ".json" (exactly, in lower case), got "k.JSON"'] },
  { name: 'kernel definition named kernel.yml', mutate: (r) => renameSync(join(r, 'harness/kernels/k/kernel.yaml'), join(r, 'harness/kernels/k/kernel.yml')),
    expected: ['harness/kernels/k/kernel.yaml: expected the kernel definition kernel.yaml (exactly this name) in every kernel folder'] },
  { name: 'probe definition named Probe.yaml', mutate: (r) => renameSync(join(r, 'harness/probes/p1/probe.yaml'), join(r, 'harness/probes/p1/Probe.yaml')),
    expected: ['harness/probes/p1/probe.yaml: expected the probe definition probe.yaml (exactly this name) in every probe folder'] },
  // A kernel's own full-profile protocol: never below the floor, always with its reason
  { name: 'fullProtocol with too few rounds', mutate: (r) => edit(r, 'harness/kernels/k/kernel.yaml', 'reference: base', 'reference: base\nfullProtocol: { rounds: 2, why: slow }'),
    expected: ['harness/kernels/k/kernel.yaml: fullProtocol.rounds: expected at least 3 rounds'] },
  { name: 'fullProtocol with too few samples', mutate: (r) => edit(r, 'harness/kernels/k/kernel.yaml', 'reference: base', 'reference: base\nfullProtocol: { minSamples: 5, why: slow }'),
    expected: ['harness/kernels/k/kernel.yaml: fullProtocol.minSamples: expected at least 7 samples'] },
  { name: 'fullProtocol without its reason', mutate: (r) => edit(r, 'harness/kernels/k/kernel.yaml', 'reference: base', 'reference: base\nfullProtocol: { rounds: 4 }'),
    expected: ['harness/kernels/k/kernel.yaml: fullProtocol.why:'] },
  { name: 'fullProtocol that changes nothing', mutate: (r) => edit(r, 'harness/kernels/k/kernel.yaml', 'reference: base', 'reference: base\nfullProtocol: { why: slow }'),
    expected: ['harness/kernels/k/kernel.yaml: fullProtocol: expected "rounds" or "minSamples" (or both)'] },
  // YAML tricks a serious tester tries
  { name: 'duplicate keys (the later would silently win)', mutate: (r) => appendFileSync(join(r, 'claims/a1/c1.yaml'), 'order: 2\n'),
    expected: ['claims/a1/c1.yaml: YAML syntax error at line 10, column 1: Map keys must be unique'] },
  { name: '__proto__ key', mutate: (r) => appendFileSync(join(r, 'claims/a1/c1.yaml'), '__proto__: { polluted: true }\n'),
    expected: ['claims/a1/c1.yaml: unknown field "__proto__"'] },
  { name: 'a record that is a list, not a mapping', mutate: (r) => writeFileSync(join(r, 'claims/a1/c1.yaml'), '- id: c1\n'),
    expected: ['claims/a1/c1.yaml: expected object, got a list'] },
];

describe('hostile and careless inputs are refused with file, field and expectation', () => {
  it('the fixture project itself is valid', () => {
    expect(problemsAfter(() => {})).toEqual([]);
  });
  for (const c of cases) {
    it(c.name, () => {
      const lines = problemsAfter(c.mutate);
      for (const want of c.expected) expect(lines.some((l) => l.startsWith(want)), `expected a line starting with\n  ${want}\ngot\n  ${lines.join('\n  ')}`).toBe(true);
      for (const l of lines) {
        expect(l).not.toContain('TOP-SECRET');
        expect(l.length, l.slice(0, 300)).toBeLessThan(400); // never more than a short excerpt of a bad value
      }
    });
  }
  it('a value failing two checks that say the same is reported once', () => {
    expect(problemsAfter((r) => edit(r, 'claims/a1/c3.yaml', '"https://example.org/notes"', '"javascript:alert(1)"'))).toEqual([
      'claims/a1/c3.yaml: sources.0.url: expected a web address starting with https:// or http://, got "javascript:alert(1)"',
    ]);
  });
  it('a long bad value is quoted as a short escaped excerpt', () => {
    const lines = problemsAfter((r) => edit(r, 'claims/a1/c1.yaml', 'topic: mojo-speedups', `topic: "${'\\e[31m'.repeat(3)}${'y'.repeat(3000)}"`));
    expect(lines).toEqual([expect.stringMatching(/^claims\/a1\/c1\.yaml: topic: expected one of \[.*\], got "\\u001b\[31m\\u001b\[31m\\u001b\[31my+"… \(3015 characters\)$/)]);
  });
});

describe('kernel hashes are traced to git history', () => {
  it('refuses a run whose kernelHash matches no version of its kernel', () => {
    const lines = problemsAfter((r) => {
      const git = (...a: string[]) => spawnSync('git', ['-c', 'user.name=t', '-c', 'user.email=t@example.org', '-c', 'commit.gpgsign=false', ...a], { cwd: r });
      git('init', '-q');
      git('add', '.');
      git('commit', '-qm', 'fixture');
      mkdirSync(join(r, 'harness/protocol'), { recursive: true });
    });
    expect(lines).toEqual([expect.stringMatching(/^content\/runs\/m1\/k\.json: kernelHash: expected the hash of a version of harness\/kernels\/k in git history \(or of the working tree\), got aaaaaaaaaaaa…, which matches none\./)]);
  });
});

void FILES;
