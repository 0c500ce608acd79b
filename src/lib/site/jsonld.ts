/**
 * schema.org ClaimReview for claim pages. Our verdict maps to a 1-5 reviewRating through the one
 * table below (the methodology page prints it); alternateName always carries our own verdict word.
 */
import { ALL_VERDICTS, type Verdict } from '../verdict-vocabulary.ts';

export const RATING_SCALE = {
  5: 'true',
  4: 'mostly true',
  3: 'half true, or not decided',
  2: 'mostly false',
  1: 'false',
} as const;
export type RatingValue = keyof typeof RATING_SCALE;

/**
 * The mapping from our verdicts to a ClaimReview ratingValue (worst 1, best 5): what the verdict
 * says about the claim's truth, with why. A verdict that rests on a projection or cannot decide is
 * never "mostly true".
 */
export const VERDICT_RATINGS: Record<Verdict, { ratingValue: RatingValue; why: string }> = {
  confirmed: { ratingValue: 5, why: 'the figure agrees with the measurement or a primary source' },
  consistent: { ratingValue: 5, why: "the article's own figures add up" },
  understated: { ratingValue: 4, why: 'the real figure is better than claimed: the claim errs on the modest side' },
  'partly-true': { ratingValue: 3, why: 'true for only part of what the claim says: misleading as written' },
  plausible: { ratingValue: 3, why: 'rests on a projection to hardware we do not have, with stated assumptions: not shown true' },
  inconclusive: { ratingValue: 3, why: 'the measurement cannot decide yet' },
  pending: { ratingValue: 3, why: 'not measured yet' },
  unverifiable: { ratingValue: 3, why: 'no public artifact can check it' },
  overstated: { ratingValue: 2, why: 'the claim makes its subject look better than measured or sourced' },
  misquoted: { ratingValue: 2, why: 'the source says something else: another figure, another metric, or figures combined' },
  misattributed: { ratingValue: 2, why: 'the figure exists, but for another workload or setting' },
  unsupported: { ratingValue: 2, why: 'no primary source for the figure could be found' },
  inconsistent: { ratingValue: 1, why: "the article's own figures do not give its result" },
  refuted: { ratingValue: 1, why: 'contradicted by the measurement or a primary source' },
};

/** The mapping as rows, best first, for the methodology page. */
export function ratingTable(): Array<{ verdict: Verdict; ratingValue: RatingValue; scale: string; why: string }> {
  return [...ALL_VERDICTS]
    .sort((a, b) => VERDICT_RATINGS[b].ratingValue - VERDICT_RATINGS[a].ratingValue || ALL_VERDICTS.indexOf(a) - ALL_VERDICTS.indexOf(b))
    .map((verdict) => ({ verdict, ...VERDICT_RATINGS[verdict], scale: RATING_SCALE[VERDICT_RATINGS[verdict].ratingValue] }));
}

export interface ClaimReviewInput {
  /** Absolute address of the claim page. */
  url: string;
  statement: string;
  verdict: Verdict;
  explanation: string;
  /** The verdict in one plain sentence (ClaimReview reviewBody). */
  sentence: string;
  /** When the verdict was last reached (the newest run it rests on), ISO date; omitted when none. */
  reviewedAt: string | null;
  article: { title: string; url?: string; author?: string; outlet?: string; published: string };
  /** Absolute address of the site (publisher). */
  siteUrl: string;
}

export function claimReviewJsonLd(i: ClaimReviewInput): Record<string, unknown> {
  const r = VERDICT_RATINGS[i.verdict];
  const author = i.article.author
    ? { '@type': 'Person', name: i.article.author }
    : i.article.outlet ? { '@type': 'Organization', name: i.article.outlet } : undefined;
  return {
    '@context': 'https://schema.org',
    '@type': 'ClaimReview',
    url: i.url,
    claimReviewed: i.statement,
    reviewBody: i.sentence,
    ...(i.reviewedAt ? { datePublished: i.reviewedAt.slice(0, 10) } : {}),
    author: { '@type': 'Organization', name: 'claimbench', url: i.siteUrl },
    itemReviewed: {
      '@type': 'Claim',
      ...(author ? { author } : {}),
      datePublished: i.article.published,
      appearance: { '@type': 'CreativeWork', headline: i.article.title, ...(i.article.url ? { url: i.article.url } : {}) },
    },
    reviewRating: {
      '@type': 'Rating',
      ratingValue: r.ratingValue,
      bestRating: 5,
      worstRating: 1,
      alternateName: i.verdict,
      ratingExplanation: i.explanation,
    },
  };
}

/** JSON for a <script type="application/ld+json">: "<" escaped so no text can close the element. */
export function jsonLdText(data: unknown): string {
  return JSON.stringify(data).replace(/</g, '\\u003c').replace(/\u2028/g, '\\u2028').replace(/\u2029/g, '\\u2029');
}
