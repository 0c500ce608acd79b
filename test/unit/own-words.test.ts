/**
 * Our own words: no claim record's statement or claimed figures, and no article summary, may share
 * SHINGLE_WORDS or more consecutive words (case and punctuation ignored) with the source articles.
 * The articles are not in this repository; test/fixtures/seed-shingles.json holds the hashes of
 * their word runs (scripts/seed-fingerprint.ts), so this test runs the same everywhere. Where the
 * articles are present (../shared/seeds) the fingerprint is also checked to be up to date.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import {
  buildFingerprint, normaliseWords, serialiseFingerprint, sharedRuns, shingleHashes, SHINGLE_HASH_HEX, SHINGLE_WORDS,
  type SeedFingerprint,
} from '../../src/lib/own-words.ts';

const root = join(import.meta.dirname, '..', '..');
const FINGERPRINT = join(root, 'test', 'fixtures', 'seed-shingles.json');
const SEEDS_DIR = join(root, '..', 'shared', 'seeds');

const fingerprint = JSON.parse(readFileSync(FINGERPRINT, 'utf8')) as SeedFingerprint;
const perSeed = fingerprint.seeds.map((s) => ({ seed: s.seed, set: new Set(s.shingles) }));
const all = new Set(fingerprint.seeds.flatMap((s) => s.shingles));

interface Checked { file: string; field: string; text: string }

/** Every string under `value`, with its field path. */
function strings(value: unknown, path: string, out: { field: string; text: string }[]): void {
  if (typeof value === 'string') out.push({ field: path, text: value });
  else if (Array.isArray(value)) value.forEach((v, i) => strings(v, `${path}[${i}]`, out));
  else if (value !== null && typeof value === 'object') for (const [k, v] of Object.entries(value)) strings(v, `${path}.${k}`, out);
}

/** The statement and every text under `claimed` of each claim record. */
function claimTexts(): Checked[] {
  const out: Checked[] = [];
  const dir = join(root, 'claims');
  for (const article of readdirSync(dir).sort()) {
    for (const f of readdirSync(join(dir, article)).filter((x) => x.endsWith('.yaml')).sort()) {
      const file = `claims/${article}/${f}`;
      const doc = parse(readFileSync(join(root, file), 'utf8')) as Record<string, unknown>;
      const found: { field: string; text: string }[] = [];
      strings(doc.statement, 'statement', found);
      strings(doc.claimed, 'claimed', found);
      out.push(...found.map((x) => ({ file, ...x })));
    }
  }
  return out;
}

/** Our summary of each article: its frontmatter summary and its body. */
function articleTexts(): Checked[] {
  const dir = join(root, 'content', 'articles');
  return readdirSync(dir).filter((f) => f.endsWith('.mdx')).sort().flatMap((f) => {
    const text = readFileSync(join(dir, f), 'utf8');
    const m = /^---\n([\s\S]*?)\n---\n([\s\S]*)$/.exec(text);
    const file = `content/articles/${f}`;
    if (!m) return [{ file, field: 'body', text }];
    const front = parse(m[1]!) as Record<string, unknown>;
    return [
      ...(typeof front.summary === 'string' ? [{ file, field: 'summary', text: front.summary }] : []),
      { file, field: 'body', text: m[2]! },
    ];
  });
}

function copied(items: Checked[]): string[] {
  return items.flatMap(({ file, field, text }) => sharedRuns(text, all).map((run) => {
    const seeds = perSeed.filter((s) => sharedRuns(run.words, s.set).length > 0).map((s) => s.seed);
    return `${file}: ${field}: ${run.length} consecutive words also in ${seeds.join(', ')}: "${run.words}"`;
  }));
}

describe('own-words matching', () => {
  it('normalises case, punctuation, accents and apostrophes', () => {
    expect(normaliseWords('Python’s GIL — “finally” DEAD, 68,000x!')).toEqual(['pythons', 'gil', 'finally', 'dead', '68', '000x']);
    expect(normaliseWords("Python's")).toEqual(normaliseWords('python’s'));
    expect(normaliseWords('Café')).toEqual(['cafe']);
  });
  it('finds a run of eight shared words and merges overlapping runs, and nothing shorter', () => {
    const source = 'one two three four five six seven eight nine ten eleven';
    const fp = shingleHashes(source);
    expect(sharedRuns('zero One, two three four five six seven eight nine. end', fp)).toEqual([
      { words: 'one two three four five six seven eight nine', length: 9 },
    ]);
    expect(sharedRuns('one two three four five six seven nine', fp)).toEqual([]);
    expect(sharedRuns('two three four five six seven eight x two three four five six seven eight nine', fp).map((r) => r.length)).toEqual([8]);
  });
  it('stores hashes, not words', () => {
    for (const s of fingerprint.seeds) for (const h of s.shingles) expect(h).toMatch(new RegExp(`^[0-9a-f]{${SHINGLE_HASH_HEX}}$`));
  });
});

describe('the committed fingerprint of the source articles', () => {
  it('covers every article the site lists, with its parameters', () => {
    expect(fingerprint.shingleWords).toBe(SHINGLE_WORDS);
    expect(fingerprint.hashHexDigits).toBe(SHINGLE_HASH_HEX);
    const dir = join(root, 'content', 'articles');
    // Article records no longer name the maintainers' copy (nothing outside the repository is
    // needed to check them): the fingerprint holds one entry per source article.
    const articles = readdirSync(dir).filter((f) => /\.mdx?$/.test(f));
    expect(articles.length).toBeGreaterThan(0);
    expect(fingerprint.seeds.length, 'one fingerprint per source article; run node scripts/seed-fingerprint.ts').toBeGreaterThanOrEqual(articles.length);
    for (const entry of fingerprint.seeds) expect(entry.shingles.length).toBeGreaterThan(500);
  });
  it('recognises the article headings that the records cite as their section', () => {
    // Headings are the articles' own words, quoted as locations; long ones must be found, which
    // shows that the fingerprint and the normalisation still agree with the articles.
    const sections = [...new Set(readdirSync(join(root, 'claims')).flatMap((a) => readdirSync(join(root, 'claims', a)).map((f) =>
      (parse(readFileSync(join(root, 'claims', a, f), 'utf8')) as { section: string }).section)))];
    const long = sections.filter((s) => normaliseWords(s).length >= SHINGLE_WORDS + 1);
    const recognised = long.filter((s) => sharedRuns(s, all).length > 0);
    expect(recognised.length).toBeGreaterThanOrEqual(5);
  });
  it.skipIf(!existsSync(SEEDS_DIR))(`is up to date with the articles in ../shared/seeds (skipped where they are absent)`, () => {
    const files = readdirSync(SEEDS_DIR).filter((f) => f.endsWith('.txt'));
    const rebuilt = buildFingerprint(new Map(files.map((f) => [f, readFileSync(join(SEEDS_DIR, f), 'utf8')])));
    expect(serialiseFingerprint(rebuilt), 'the articles changed: run node scripts/seed-fingerprint.ts and commit the result')
      .toBe(readFileSync(FINGERPRINT, 'utf8'));
  });
});

describe('records are in our own words', () => {
  it(`no statement or claimed text shares ${SHINGLE_WORDS} consecutive words with an article`, () => {
    const items = claimTexts();
    expect(items.length).toBeGreaterThan(100);
    expect(copied(items)).toEqual([]);
  });
  it(`no article summary shares ${SHINGLE_WORDS} consecutive words with an article`, () => {
    expect(copied(articleTexts())).toEqual([]);
  });
});
