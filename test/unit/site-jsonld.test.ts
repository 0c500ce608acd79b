import { describe, expect, it } from 'vitest';
import { claimReviewJsonLd, jsonLdText, ratingTable, VERDICT_RATINGS } from '../../src/lib/site/jsonld.ts';
import { ALL_VERDICTS } from '../../src/lib/verdict-vocabulary.ts';

const input = {
  url: 'https://claimbench.example.org/claims/x/',
  statement: 'Mojo is 68,000x faster',
  verdict: 'overstated' as const,
  explanation: 'Measured 900x.',
  sentence: 'Overstated: we measured about 900x, not 68,000x.',
  reviewedAt: '2026-11-22T00:27:10.881Z',
  article: { title: 'The Path', published: '2026', outlet: 'explainer', url: 'https://example.com/a' },
  siteUrl: 'https://claimbench.example.org/',
};

describe('verdict to rating mapping', () => {
  it('maps every verdict to a rating from 1 to 5', () => {
    for (const v of ALL_VERDICTS) expect([1, 2, 3, 4, 5]).toContain(VERDICT_RATINGS[v].ratingValue);
  });
  it('rates holding verdicts above failing ones', () => {
    expect(VERDICT_RATINGS.confirmed.ratingValue).toBe(5);
    expect(VERDICT_RATINGS.consistent.ratingValue).toBe(5);
    // A projection is not "mostly true": plausible is rated as undecided, like pending.
    expect(VERDICT_RATINGS.plausible.ratingValue).toBe(VERDICT_RATINGS.pending.ratingValue);
    expect(VERDICT_RATINGS['partly-true'].ratingValue).toBe(3);
    expect(VERDICT_RATINGS.misquoted.ratingValue).toBeLessThan(VERDICT_RATINGS.pending.ratingValue);
    expect(VERDICT_RATINGS.overstated.ratingValue).toBeLessThan(VERDICT_RATINGS.pending.ratingValue);
    expect(VERDICT_RATINGS.refuted.ratingValue).toBe(1);
    expect(VERDICT_RATINGS.inconsistent.ratingValue).toBe(1);
  });
  it('gives the methodology table every verdict once, best first', () => {
    const t = ratingTable();
    expect(t.map((r) => r.verdict).sort()).toEqual([...ALL_VERDICTS].sort());
    expect(t.map((r) => r.ratingValue)).toEqual([...t.map((r) => r.ratingValue)].sort((a, b) => b - a));
  });
});

describe('ClaimReview', () => {
  const ld = claimReviewJsonLd(input) as Record<string, any>;
  it('carries our verdict word as alternateName and the rating scale', () => {
    expect(ld['@type']).toBe('ClaimReview');
    expect(ld.reviewRating).toEqual({ '@type': 'Rating', ratingValue: 2, bestRating: 5, worstRating: 1, alternateName: 'overstated', ratingExplanation: 'Measured 900x.' });
  });
  it('gives the plain verdict sentence as reviewBody', () => {
    expect(ld.reviewBody).toBe('Overstated: we measured about 900x, not 68,000x.');
  });
  it('reviews the statement, as it appeared in the article', () => {
    expect(ld.claimReviewed).toBe('Mojo is 68,000x faster');
    expect(ld.datePublished).toBe('2026-11-22');
    expect(ld.itemReviewed.author).toEqual({ '@type': 'Organization', name: 'explainer' });
    expect(ld.itemReviewed.appearance).toEqual({ '@type': 'CreativeWork', headline: 'The Path', url: 'https://example.com/a' });
  });
  it('omits the date when no run backs the verdict', () => {
    expect(claimReviewJsonLd({ ...input, reviewedAt: null })).not.toHaveProperty('datePublished');
  });
  it('cannot close its script element', () => {
    const text = jsonLdText({ s: '</script><script>alert(1)</script>' });
    expect(text).not.toContain('</script');
    expect(JSON.parse(text)).toEqual({ s: '</script><script>alert(1)</script>' });
  });
});
