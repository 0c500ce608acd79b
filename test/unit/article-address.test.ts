import { describe, expect, it } from 'vitest';
import { readdirSync, readFileSync } from 'node:fs';
import { ArticleFrontmatter } from '../../src/lib/schema/article.ts';
import { parseWith } from '../../src/lib/schema-errors.ts';

const base = { title: 'T', published: '2026', summary: 'S' };

describe('article address', () => {
  it('accepts an address the article gives, and one we located with the day we found it', () => {
    expect(parseWith(ArticleFrontmatter, { ...base, url: 'https://example.org/a' }, 'a.mdx').url).toBe('https://example.org/a');
    expect(parseWith(ArticleFrontmatter, { ...base, url: 'https://example.org/a', located: '2026-12-03' }, 'a.mdx').located).toBe('2026-12-03');
  });

  it('refuses "located" without the address, naming file and field', () => {
    expect(() => parseWith(ArticleFrontmatter, { ...base, located: '2026-12-03' }, 'content/articles/a.mdx')).toThrow(/content\/articles\/a\.mdx: located: expected url beside located/);
  });

  it('refuses a located day that is not a date', () => {
    expect(() => parseWith(ArticleFrontmatter, { ...base, url: 'https://example.org/a', located: 'yesterday' }, 'a.mdx')).toThrow(/located: expected YYYY-MM-DD/);
  });

  it('every committed article that names an address it does not give says when it was located', () => {
    // The copies in the repository carry no address of their own, so any url in a record was found by us.
    for (const name of readdirSync('content/articles')) {
      const text = readFileSync(`content/articles/${name}`, 'utf8');
      if (/^url:/m.test(text)) expect(text, name).toMatch(/^located: "\d{4}-\d{2}-\d{2}"$/m);
    }
  });

  it('every committed article links its original (issue 15: each article page links the article it checks)', () => {
    const missing = readdirSync('content/articles').filter((name) => !/^url: "https:\/\//m.test(readFileSync(`content/articles/${name}`, 'utf8')));
    expect(missing).toEqual([]);
  });
});
