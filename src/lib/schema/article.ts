import { z } from 'zod';
import { Slug, WebUrl } from './common.ts';

/** Frontmatter of `content/articles/<slug>.mdx`: one source article that claims are taken from. */
export const ArticleFrontmatter = z.strictObject({
  /** Title as the article gives it. */
  title: z.string().min(1),
  /**
   * Position in the site's list of articles (smallest first; ties by title). Nothing outside this
   * repository is needed to check an article record.
   */
  order: z.number().int().min(0).default(0),
  /** Author, only as the article names one. */
  author: z.string().min(1).optional(),
  /** Outlet or kind of publication, as the article gives it. */
  outlet: z.string().min(1).optional(),
  /** Publication date as precise as the article gives: YYYY, YYYY-MM or YYYY-MM-DD. */
  published: z.string().regex(/^\d{4}(-\d{2}(-\d{2})?)?$/, 'expected YYYY, YYYY-MM or YYYY-MM-DD'),
  /** Address of the article, when it gives one or when we found it (then `located` says when). */
  url: WebUrl.optional(),
  /**
   * When the copy we work from did not carry its address: the day (YYYY-MM-DD) we found the article
   * at `url` by matching its title and opening text. The page says the address was located, not given.
   */
  located: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'expected YYYY-MM-DD').optional(),
  /** One or two sentences in our own words. */
  summary: z.string().min(1),
}).refine((a) => a.located === undefined || a.url !== undefined, {
  path: ['located'],
  message: 'expected url beside located (the address that was found)',
});
export type ArticleFrontmatter = z.infer<typeof ArticleFrontmatter>;

export interface Article extends ArticleFrontmatter {
  slug: z.infer<typeof Slug>;
}
