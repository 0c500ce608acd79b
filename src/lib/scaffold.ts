/**
 * Templates for `npm run new -- claim|article|kernel ...`: commented YAML whose blanks ("") the
 * contributor fills; `npm run check` names every blank left (file and field). Pure: text out.
 */
import { CLAIM_KINDS, TOPICS, UNITS, METRICS } from './schema/claim.ts';
import { RUNTIME_IDS } from './runtimes.ts';
import { TIERS } from './schema/kernel.ts';

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
  # variant: ""            # one of the kernel's variants (kernel.yaml variants), when the figure is not about its main workload
  comparison: ratio        # ratio | time | memory
  baseline: ""             # implementation id of the baseline (ratio only)
  subject: ""              # implementation id the claim is about
  toleranceFactor: 2       # a FACTOR above 1: the claim holds within [claimed / 2, claimed * 2]
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

/**
 * A new kernel: its kernel.yaml (blanks to fill) and a reference implementation in Python that
 * already speaks the protocol (harness/protocol/python), computing a placeholder workload the
 * contributor replaces. Returns file name -> text, relative to harness/kernels/<id>/.
 */
export function kernelTemplate(id: string): Record<string, string> {
  return {
    'kernel.yaml': `# A kernel (format: src/lib/schema/kernel.ts; CONTRIBUTING.md, "Add a kernel or an implementation").
# Fill every "" below, replace the placeholder work in python.py, then run: npm run check
schemaVersion: 2
id: ${id}                   # equals the folder name
title: ""                   # what is computed, in a line
summary: ""                 # what the workload is and why it answers the claims that name it
origin:                     # where the workload and its parameters come from
  title: ""                 # the benchmark, paper or article that defines it
  url: ""                   # https:// address
params:                     # positional arguments after WARMUP SAMPLES, in this order
  - name: n
    type: integer           # integer | number | string | enum | size
    min: 1
    description: ""         # what the parameter sets
workload: { n: 1000 }       # the values the claims name; every profile measures exactly these
metrics:                    # time | throughput (with work: bytes|items|tokens|records) | peak-memory
  - { id: time }
  - { id: peak-memory }
checksum:
  kind: number              # number | digest (lowercase hex); every implementation must print the reference's
  description: ""           # what the checksum is, so a reader can recompute it
reference: python           # the implementation whose checksum defines the correct result
implementations:
  - id: python
    label: ""               # how the page names it, e.g. "Pure Python, naive loop"
    runtime: python         # one of: ${RUNTIME_IDS.join(', ')}
    tier: naive             # one of: ${TIERS.join(', ')}
    source: python.py       # file (or folder, for a Rust crate) in this kernel's folder
`,
    'python.py': `"""Reference implementation of the ${id} kernel (replace the placeholder work below).

Usage: python.py WARMUP SAMPLES n   (the protocol: harness/protocol/python/claimbench_protocol.py)
"""

import os
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "protocol", "python"))
from claimbench_protocol import Int, emit, parse_args, time_samples  # noqa: E402

IMPL = "python"


def work(n):
    # Placeholder: the sum of squares below n. Replace it with the kernel's workload; the value it
    # returns becomes the checksum every other implementation must reproduce exactly.
    return sum(i * i for i in range(n))


def main():
    args = parse_args(IMPL, [Int("n", 1, 10**9)])
    result = [0]

    def run():
        result[0] = work(args.params["n"])

    samples = time_samples(args, run)
    emit(args, checksum=result[0], samples_ns=samples, threads=1)


if __name__ == "__main__":
    main()
`,
  };
}

/** The next command after writing a file. */
export function nextStep(kind: 'claim' | 'article' | 'kernel', path: string, article?: string): string {
  if (kind === 'kernel') {
    const id = path.split('/').filter(Boolean).at(-1)!;
    return `wrote ${path}/kernel.yaml and ${path}/python.py\nnext: fill the blanks, then "npm run check" (every blank left is named with file and field), then "npm run harness -- --kernel ${id} --fresh" to build, check and measure it`;
  }
  return kind === 'article'
    ? `wrote ${path}\nnext: fill its blanks, add a claim with "npm run new -- claim <article> <id>", then "npm run check"`
    : `wrote ${path}\nnext: fill its blanks, then "npm run check" (every blank left is named with file and field), then "npm run build:site" and open /claims/${path.split('/').at(-1)!.replace('.yaml', '')}/${article ? '' : ''}`;
}
