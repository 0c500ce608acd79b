/**
 * Templates for `npm run new -- claim|article ...`: commented YAML whose blanks ("") the
 * contributor fills; `npm run check` names every blank left (file and field). Pure: text out.
 */
import { CLAIM_KINDS, TOPICS, UNITS, METRICS } from './schema/claim.ts';

export const SCAFFOLD_KINDS = ['sourced', 'measured', 'arithmetic', 'unverifiable'] as const;
export type ScaffoldKind = (typeof SCAFFOLD_KINDS)[number];

const CHECKS: Record<ScaffoldKind, string> = {
  sourced: `check:
  # What each source states, one entry per statement (leave [] when none was found: unsupported).
  findings:
    - source: 0            # index into sources below
      where: ""            # section, table row or line of the source where it says it
      fact: { kind: number, value: 0, unit: x, metric: speedup }
  rationale: ""            # how the source was found, or where we looked`,
  measured: `check:
  kernel: ""               # a kernel id under harness/kernels (npm run harness -- --list)
  comparison: ratio        # ratio | time | memory
  baseline: ""             # implementation id of the baseline (ratio only)
  subject: ""              # implementation id the claim is about
  tolerance: 2             # a FACTOR: the claim holds within [claimed / 2, claimed * 2]
  rationale: ""            # why this pair of implementations reproduces the claim`,
  arithmetic: `check:
  formula: ""              # e.g. "a / b" over the input names
  inputs: {}               # the article's own figures, e.g. { a: 2.37, b: 0.89 }
  expected: 0              # what the article says the formula gives
  tolerance: 0.05          # a FRACTION: relative difference allowed (0.05 = 5%)
  rationale: ""`,
  unverifiable: `check:
  reason: ""               # why no public artifact can check it (private data, anecdote)`,
};

export function claimTemplate(article: string, id: string, kind: ScaffoldKind): string {
  return `# A claim record (format: src/lib/schema/claim.ts; editors validate it with schemas/claim.schema.json).
# Fill every "" and 0 below, then run: npm run check
id: ${id}                  # equals the file name
article: ${article}        # the folder name: content/articles/${article}.mdx
section: ""                # heading or place in the article
order: 0                   # reading order within the article
topic: ${TOPICS[0]}         # one of: ${TOPICS.join(', ')}
statement: ""              # the claim in OUR OWN words, with the article's exact figures
kind: ${kind}              # one of: ${CLAIM_KINDS.join(', ')}
claimed:
  metric: speedup          # one of: ${METRICS.join(', ')}
  value: 0                 # the figure exactly as written (or range: { min, max })
  unit: x                  # one of: ${UNITS.join(', ')}
sources:
  - title: ""              # the document's own title
    url: ""                # https:// address
    primary: false         # true for the party that made or measured it
${CHECKS[kind]}
`;
}

export function articleTemplate(slug: string): string {
  return `---
# A source article (format: src/lib/schema/article.ts). Fill every "", then run: npm run check
title: ""                  # the title as the article gives it
order: 0                   # position in the site's article list
outlet: ""                 # where it was published (delete the line if unknown)
published: ""              # as precise as known: YYYY, YYYY-MM or YYYY-MM-DD
url: ""                    # https:// address of the original (delete the line if unknown)
summary: ""                # one or two sentences in our own words
---

Our summary of ${slug}, in our own words (plain Markdown).
`;
}

/** The next command after writing a file. */
export function nextStep(kind: 'claim' | 'article', path: string, article?: string): string {
  return kind === 'article'
    ? `wrote ${path}\nnext: fill its blanks, add a claim with "npm run new -- claim <article> <id>", then "npm run check"`
    : `wrote ${path}\nnext: fill its blanks, then "npm run check" (every blank left is named with file and field), then "npm run build:site" and open /claims/${path.split('/').at(-1)!.replace('.yaml', '')}/${article ? '' : ''}`;
}
