/**
 * The questions readers arrive with, answered first on the home page. Each names the claim records
 * that answer it, best answer first; the home page shows the first one that exists with its verdict
 * and plain sentence, and links the others. Editorial, so it lives in code review, not in a record;
 * test/unit/site-featured.test.ts checks that every id names a claim file.
 */
export interface FeaturedQuestion {
  /** Short id, used for anchors and tests. */
  id: string;
  /** The question as a reader would ask it. */
  question: string;
  /** Claim ids that answer it, best answer first (a measurement before a source check). */
  claims: readonly string[];
}

export const FEATURED_QUESTIONS: readonly FeaturedQuestion[] = [
  {
    id: 'mojo-68000x',
    question: 'Is Mojo really 68,000x faster than Python?',
    claims: ['mandelbrot-68000x-h3', 'mandelbrot-35000x', 'matmul-table-mojo-simd-68000x-measured', 'mojo-simd-68000x-matmul-footnote'],
  },
  {
    id: 'rust-10-80x',
    question: 'Is Rust 10 to 80 times faster than Python?',
    claims: ['rust-10x-80x-faster-than-python'],
  },
  {
    id: 'tokenizers-43x',
    question: "Are Hugging Face's Rust tokenizers 43x faster?",
    claims: ['hf-tokenizers-43x-measured', 'hf-tokenizers-43x-squad2'],
  },
  {
    id: 'free-threaded-overhead',
    question: 'How much slower is free-threaded Python on one thread?',
    claims: ['free-threading-314-overhead-measured', 'free-threading-313-overhead-40pct-measured', 'free-threading-314-overhead-5-10pct', 'free-threading-313-overhead-40pct'],
  },
];

/** Every claim id some featured question names. */
export function featuredClaimIds(questions: readonly FeaturedQuestion[] = FEATURED_QUESTIONS): Set<string> {
  return new Set(questions.flatMap((q) => q.claims));
}

/** The questions whose claims exist, each with its claims in the listed order (missing ids dropped). */
export function answeredQuestions<C extends { id: string }>(claims: readonly C[], questions: readonly FeaturedQuestion[] = FEATURED_QUESTIONS): Array<{ question: FeaturedQuestion; answer: C; related: C[] }> {
  const byId = new Map(claims.map((c) => [c.id, c]));
  return questions.flatMap((question) => {
    const found = question.claims.map((id) => byId.get(id)).filter((c): c is C => c !== undefined);
    return found.length === 0 ? [] : [{ question, answer: found[0]!, related: found.slice(1) }];
  });
}
