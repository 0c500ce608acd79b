import { z } from 'zod';
import { PLATFORM_ARCH, PLATFORM_OS } from '../platform.ts';
import { Slug, SourceRef } from './common.ts';
import { METRIC_IDS, WORK_KEYS } from '../metrics.ts';

export const CLAIM_KINDS = ['measured', 'probe', 'arithmetic', 'sourced', 'unverifiable'] as const;
export const TOPICS = [
  'mojo-speedups', 'matmul', 'free-threading', 'rust-ai-infra', 'ecosystem', 'economics', 'safety', 'releases',
] as const;
export const METRICS = [
  'speedup', 'time', 'throughput', 'memory', 'overhead', 'count', 'share', 'growth', 'price', 'date', 'fact',
] as const;
/** Units are a closed set so that figures can be compared and formatted; add one here when a claim needs it. */
export const UNITS = [
  'x', 's', 'ms', 'us', 'ns', 'MB', 'GB', 'bytes', 'percent', 'tokens/s', 'requests/s',
  'usd', 'usd/hour', 'usd/1M tokens', 'stars', 'stars/day', 'TFLOPS', 'count', 'date', 'years', 'none',
] as const;

/** A calendar date at the precision the text gives: "2025", "2025-10" or "2025-10-07". */
export const FactDate = z.string().regex(/^\d{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?)?$/, 'expected a date "YYYY", "YYYY-MM" or "YYYY-MM-DD"');
/** A release number: "3.13", "1.0.0", "3.14.0rc1". */
export const FactVersion = z.string().regex(/^\d+(\.\d+)*([a-z]+\d*)?$/, 'expected a version such as "3.13" or "1.0.0"');

/**
 * A fact the article states that is not a number: a date, a version, or a yes/no statement with
 * its scope. (Numbers are `value`/`range` with `unit`, their scope is `subject`, `baseline` and
 * `workload`.) Each kind is compared as data with what a source states (`check.findings`).
 */
export const ClaimedFact = z.discriminatedUnion('kind', [
  z.strictObject({
    kind: z.literal('date'),
    /** The date the article gives, at its precision ("2025-10" when it names only the month). */
    date: FactDate,
    /** What happened on that date, in our words ("Python 3.14.0 final released"). */
    event: z.string().min(1),
  }),
  z.strictObject({
    kind: z.literal('version'),
    /** The version the article names. */
    version: FactVersion,
    /** What the version is of, and what the article says about it ("CPython: free-threading supported"). */
    of: z.string().min(1),
  }),
  z.strictObject({
    kind: z.literal('yes-no'),
    /** The statement in our own words, phrased so that `holds` answers it. */
    proposition: z.string().min(1),
    /** What the article asserts: true when it says the proposition holds. */
    holds: z.boolean(),
    /** Where the article says it holds ("safe Rust", "every valid Python program"). */
    scope: z.string().min(1),
  }),
]);
export type ClaimedFact = z.infer<typeof ClaimedFact>;

/** How the article bounds a figure: "over 25,000" is at-least, "up to 5x" at-most; default exact. */
export const BOUNDS = ['exact', 'at-least', 'at-most'] as const;

/** What the article claims, machine-readable. Exactly one of `value`, `range` or `fact`. */
export const Claimed = z
  .strictObject({
    /** What is measured. */
    metric: z.enum(METRICS),
    /** The single figure the article gives, exactly as written (0.0006, 43.95: its precision is kept). */
    value: z.number().optional(),
    /** A range the article gives ("10x to 1,000x"). */
    range: z.strictObject({
      /** The lower end, as written (10 in "10x to 1,000x"). */
      min: z.number(),
      /** The upper end, as written (1,000 in "10x to 1,000x"). */
      max: z.number(),
    }).optional(),
    /** For metric fact or date: the claimed fact as data (a date, a version, a yes/no with its scope). */
    fact: ClaimedFact.optional(),
    /** True when the article hedges ("roughly", "about", "over"). Default false. */
    approximate: z.boolean().default(false),
    /** A figure given as a lower ("over", "more than") or upper ("up to") bound. Default exact. */
    bound: z.enum(BOUNDS).default('exact'),
    /** Unit of `value`/`range`. */
    unit: z.enum(UNITS),
    /** What is claimed faster/bigger, paraphrased. */
    subject: z.string().min(1).optional(),
    /** What it is compared with, paraphrased. */
    baseline: z.string().min(1).optional(),
    /** The workload the article ties the figure to (e.g. "mandelbrot", "matmul-1024"). */
    workload: z.string().min(1).optional(),
    /** The hardware the article (or its primary source) names. */
    hardware: z
      .strictObject({
        /** The machine as the source names it ("AWS r7iz.metal-16xl (Intel Xeon Gold 6455B)"), with who named it. */
        description: z.string().min(1),
        /** Cores the claim was measured with, when known. */
        cores: z.number().int().positive().optional(),
        /** The GPU the figure was measured on, when it was ("NVIDIA H100 80GB"). */
        gpu: z.string().min(1).optional(),
      })
      .optional(),
  })
  .refine((c) => [c.value, c.range, c.fact].filter((x) => x !== undefined).length === 1, {
    message: 'expected exactly one of "value", "range" or "fact"',
  })
  .refine((c) => c.fact === undefined || c.metric === 'fact' || c.metric === 'date', {
    message: '"fact" is for metric fact or date; give a number in "value" or "range"',
    path: ['fact'],
  })
  .refine((c) => c.range === undefined || c.range.min <= c.range.max, {
    message: 'expected range.min <= range.max',
    path: ['range'],
  });
export type Claimed = z.infer<typeof Claimed>;

/** Scaling rules turn a measurement on this machine into what it predicts for the claimed machine. */
export const SCALING_RULES = ['per-core', 'per-thread'] as const;
export const ScalingRule = z.strictObject({
  /**
   * per-core: a parallel subject's speed-up over a serial baseline grows at most linearly with cores,
   * so the measured ratio times claimedCores / threads used is an optimistic upper bound.
   * per-thread: the baseline is threaded code whose threads take turns (CPython's GIL), so more
   * threads do not shorten its time, while the subject's threads run at once: the subject's
   * speed-up over it grows at most linearly with threads, from the one-thread speed-up of `from`
   * (required) over the baseline. The verdict says how many cores the claimed figure needs.
   */
  rule: z.enum(SCALING_RULES),
  /**
   * Cores of the machine the claim was measured on (required by per-core). per-thread: optional;
   * without it the article names no core count, and the projection is to the cores the claim needs.
   */
  claimedCores: z.number().int().positive().optional(),
  /**
   * A single-threaded implementation of the same code as the subject (e.g. the SIMD kernel
   * without threads). Its speed-up times claimedCores is the bound, so that a machine whose logical
   * CPUs share a physical core does not understate the per-core rate. Optional for per-core,
   * required for per-thread. For a time claim the one-thread time of `from`, divided by the cores,
   * is the projection (required).
   */
  from: Slug.optional(),
}).superRefine((r, ctx) => {
  if (r.rule === 'per-thread' && r.from === undefined) ctx.addIssue({ code: 'custom', path: ['from'], message: 'the per-thread rule needs "from": the subject\'s code run with one thread' });
});
export type ScalingRule = z.infer<typeof ScalingRule>;

export const COMPARISONS = ['ratio', 'time', 'memory'] as const;

/** One problem of a spread claim: a kernel and the pair of its implementations whose ratio is taken. */
export const SpreadPair = z.strictObject({
  /** Kernel id under harness/kernels. */
  kernel: Slug,
  /** Implementation id of the claimed-faster side (e.g. the Rust program). */
  subject: Slug,
  /** Implementation id of the baseline (e.g. the CPython program). */
  baseline: Slug,
});
export type SpreadPair = z.infer<typeof SpreadPair>;

/**
 * A claim about a distribution of ratios over many programs ("Rust programs are 10x-80x faster than
 * Python"): each pair's ratio of median times is placed inside, below or above the claimed range,
 * and the share inside decides (src/lib/spread.ts; the rule is printed on the methodology page).
 */
export const SpreadCheck = z.strictObject({
  /** The problems, at least two; the check's own kernel, subject and baseline must be one of them. */
  pairs: z.array(SpreadPair).min(2),
});
export type SpreadCheck = z.infer<typeof SpreadCheck>;

export const MeasuredCheck = z
  .strictObject({
    /** Kernel id under harness/kernels (or a kernel still to be written, with `planned: true`). */
    kernel: Slug,
    /**
     * One of the kernel's `variants` (its id, e.g. filter) when the claim is about that workload
     * rather than the kernel's main one: only the variant's runs
     * (content/runs/<machine>/variants/<variant>/<kernel>.json, full profile) judge it.
     */
    variant: Slug.optional(),
    /**
     * Other workloads of the same kernel (its `variants`, or `main` for its main workload) whose
     * ratio of the same two implementations the claim page shows beside the verdict's, each with
     * why: measured, never judged, so that one claim is not counted twice (e.g. the dataframe
     * group-by claim judged on its main workload, with TPC-H Q1 shown beside it). Ratio claims only.
     */
    beside: z.array(z.strictObject({
      /** A variant id of the check's kernel, or "main" for its main workload. */
      variant: Slug,
      /** Why this workload is shown and not judged, in a sentence for the page. */
      why: z.string().min(1),
    })).min(1).optional(),
    /**
     * ratio: baseline median time / subject median time (claimed unit x);
     * time: the subject's median time (claimed unit s, ms or us);
     * memory: the subject's peak resident memory (claimed unit MB or GB).
     */
    comparison: z.enum(COMPARISONS),
    /**
     * The kernel metric the comparison is made on (one the kernel declares in `metrics`); its
     * direction (lower or higher is better, src/lib/metrics.ts) decides which way "overstated"
     * points. Default: time for ratio and time, peak-memory for memory.
     */
    metric: z.enum(METRIC_IDS).optional(),
    /** Implementation id taken as the baseline; required for ratio, unused otherwise. */
    baseline: Slug.optional(),
    /** Implementation id of the kernel the claim is about. */
    subject: Slug,
    /**
     * A factor, not a fraction: the claim holds when the measurement lies within
     * [claimed / toleranceFactor, claimed * toleranceFactor] (2: from half to twice the claimed
     * figure). Must be above 1. Default 2. (Sourced and arithmetic checks have `tolerance`, a
     * relative difference such as 0.05.)
     * @unit factor (no unit; above 1)
     */
    toleranceFactor: z.number().gt(1, 'expected a factor above 1 (2 = from half to twice the claimed figure)').default(2),
    /**
     * Optional rule to carry a measurement made here to the claimed hardware: a ratio (per-core,
     * per-thread), or a time (per-core only, with `from`: the one-thread time over the cores; without
     * claimedCores the verdict says how many cores the claimed time needs).
     */
    scaling: ScalingRule.optional(),
    /**
     * time only: the amount of the kernel's reported work (one of its `work` keys) the claimed time
     * is for, e.g. { unit: bytes, amount: 1e9 } for "a GB in 20 s". The run's median time per sample
     * is scaled by this amount over the work one sample did (its throughput held constant), so a run
     * on a smaller input judges it; the explanation says so.
     */
    forWork: z.strictObject({
      /** Which reported work the amount counts (a kernel's `work` key: bytes, items, tokens, records). */
      unit: z.enum(WORK_KEYS),
      /** How much of it the claimed time is for (1e9 bytes for a GB). */
      amount: z.number().positive(),
    }).optional(),
    /**
     * Kernel parameters the claimed figure was measured at (e.g. { n: 1024 } for a 1024x1024 matmul
     * table): only runs with these values can judge it; runs at other sizes leave it pending.
     */
    params: z.record(z.string(), z.union([z.number(), z.string()])).optional(),
    /**
     * Server kernels: the connection count (one of the kernel's `server.connections`) the
     * comparison is made at. A ratio of requests per second is subject over baseline; of a latency
     * or of peak memory, baseline over subject (how many times better the subject is).
     */
    connections: z.number().int().positive().optional(),
    /**
     * True while the kernel does not exist yet: the verdict is pending and names it. `npm run check`
     * refuses a planned kernel that exists, and an unplanned one that does not.
     */
    planned: z.boolean().default(false),
    /**
     * For a claim about the spread of a ratio over many programs: the pairs whose ratios are judged
     * together against the claimed range (no tolerance factor: the range is the claim). The check's
     * kernel, subject and baseline name the pair the claim page's tables show.
     */
    spread: SpreadCheck.optional(),
    /**
     * Only runs on this platform decide (a figure stated for one OS and architecture); a run
     * elsewhere leaves the claim pending and names `runnerLabel`, the fleet runner that would
     * decide it (src/lib/platform.ts).
     */
    platform: z.strictObject({
      /** The operating system the figure was stated for (linux, macos), read from the run's machine.os. */
      os: z.enum(PLATFORM_OS),
      /** The architecture (x64, arm64), as the run's machine.arch. */
      arch: z.enum(PLATFORM_ARCH),
      /** The fleet runner label of such a machine (CONTRIBUTING.md, "The fleet"), named while none has run it. */
      runnerLabel: z.string().regex(/^[A-Za-z0-9._-]+$/, 'a runner label (letters, digits, ".", "_", "-")'),
    }).optional(),
    /** Why this pair and tolerance factor reproduce the claim. */
    rationale: z.string().min(1),
  })
  .superRefine((c, ctx) => {
    if (c.spread) {
      if (c.comparison !== 'ratio') ctx.addIssue({ code: 'custom', path: ['spread'], message: `a spread is a distribution of ratios: expected comparison "ratio", got "${c.comparison}"` });
      if (!c.spread.pairs.some((p) => p.kernel === c.kernel && p.subject === c.subject && p.baseline === c.baseline)) {
        ctx.addIssue({ code: 'custom', path: ['spread', 'pairs'], message: `expected the check's own pair (kernel "${c.kernel}", subject "${c.subject}", baseline "${c.baseline}") among the pairs` });
      }
      const keys = c.spread.pairs.map((p) => p.kernel);
      const dup = keys.find((k, i) => keys.indexOf(k) !== i);
      if (dup) ctx.addIssue({ code: 'custom', path: ['spread', 'pairs'], message: `one pair per kernel: "${dup}" is listed twice` });
      if (c.scaling || c.params) ctx.addIssue({ code: 'custom', path: ['spread'], message: 'a spread takes no "scaling" or "params": each problem is measured at its kernel\'s workload' });
      if (c.variant) ctx.addIssue({ code: 'custom', path: ['variant'], message: 'a spread takes no "variant": each problem is measured at its kernel\'s main workload' });
    }
    if (c.beside) {
      if (c.comparison !== 'ratio' || c.spread) ctx.addIssue({ code: 'custom', path: ['beside'], message: 'workloads shown beside are compared by the same ratio: expected comparison "ratio" without "spread"' });
      const ids = c.beside.map((b) => b.variant);
      ids.forEach((id, n) => {
        if (id === (c.variant ?? 'main')) ctx.addIssue({ code: 'custom', path: ['beside', n, 'variant'], message: `"${id}" is the workload the verdict uses: expected another one` });
        else if (ids.indexOf(id) !== n) ctx.addIssue({ code: 'custom', path: ['beside', n, 'variant'], message: `"${id}" is listed twice` });
      });
    }
    if (c.comparison === 'ratio' && c.baseline === undefined) {
      ctx.addIssue({ code: 'custom', path: ['baseline'], message: 'a ratio needs a "baseline" implementation' });
    }
    if (c.comparison === 'memory' && c.scaling !== undefined) {
      ctx.addIssue({ code: 'custom', path: ['scaling'], message: 'a scaling rule applies to ratios and times, not to "memory"' });
    }
    if (c.comparison === 'time' && c.scaling !== undefined && (c.scaling.rule !== 'per-core' || c.scaling.from === undefined)) {
      ctx.addIssue({ code: 'custom', path: ['scaling'], message: 'a time is projected by the per-core rule from a one-thread implementation: expected rule "per-core" with "from"' });
    }
    if (c.comparison === 'ratio' && c.scaling?.rule === 'per-core' && c.scaling.claimedCores === undefined) {
      ctx.addIssue({ code: 'custom', path: ['scaling', 'claimedCores'], message: 'the per-core rule needs "claimedCores" (the cores of the machine the claim was measured on)' });
    }
    if (c.comparison !== 'time' && c.forWork !== undefined) {
      ctx.addIssue({ code: 'custom', path: ['forWork'], message: `an amount of work scales a time only, not a "${c.comparison}"` });
    }
  });
export type MeasuredCheck = z.infer<typeof MeasuredCheck>;

/**
 * Internal consistency: the formula gives a figure the article implies without stating it (900x over
 * Python and 9x over NumPy imply NumPy 100x faster than Python; a release date in the text against
 * the date of the reference that reports it). That figure is compared with `against`: another
 * statement of the same article, or what a source gives.
 */
export const ArithmeticAgainst = z.strictObject({
  /** The figure the implied one is compared with. */
  value: z.number(),
  /** Where it comes from, in our words ("the date of the article's reference 9, which reports the release"). */
  what: z.string().min(1),
  /** Index into `sources` when the figure comes from a source rather than from the article. */
  source: z.number().int().min(0).optional(),
});
export type ArithmeticAgainst = z.infer<typeof ArithmeticAgainst>;

export const ArithmeticCheck = z
  .strictObject({
    /** Expression over the input names with + - * / and parentheses. */
    formula: z.string().min(1),
    /** The article's own figures. */
    inputs: z.record(z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/), z.number()),
    /** What the article says the formula gives. Omit it when the article states no result: give `against`. */
    expected: z.number().optional(),
    /** For a figure the article only implies: what it is compared with instead of `expected`. */
    against: ArithmeticAgainst.optional(),
    /** Relative tolerance; default 0.05. When the compared figure is 0, the absolute difference allowed. */
    tolerance: z.number().min(0).default(0.05),
    /** Why this formula over these figures tests the article's statement. */
    rationale: z.string().min(1),
  })
  .refine((c) => (c.expected === undefined) !== (c.against === undefined), {
    message: 'expected exactly one of "expected" (what the article states the formula gives) or "against" (what an implied figure is compared with)',
  });
export type ArithmeticCheck = z.infer<typeof ArithmeticCheck>;

/** What a source states, as data of the same kinds the article's claim uses. */
export const SourceFact = z.discriminatedUnion('kind', [
  z.strictObject({
    kind: z.literal('number'),
    /** The source's figure (exactly one of value or range). */
    value: z.number().optional(),
    /** The source's range, when it gives one instead of a single figure. */
    range: z.strictObject({
      /** The lower end, as the source writes it. */
      min: z.number(),
      /** The upper end, as the source writes it. */
      max: z.number(),
    }).optional(),
    /** Unit of the source's figure (one of the claim units; compared after conversion). */
    unit: z.enum(UNITS),
    /** What the source's figure measures; another metric than the claim's makes the claim misquoted. */
    metric: z.enum(METRICS),
    /** The workload the source ties the figure to; another than the claim's makes it misattributed. */
    workload: z.string().min(1).optional(),
    /**
     * When the article's figure is the source's figures combined (two speed-ups multiplied, two
     * costs added): what was combined, in our words. The claim is then misquoted.
     */
    combines: z.string().min(1).optional(),
  }).refine((f) => (f.value === undefined) !== (f.range === undefined), { message: 'expected exactly one of "value" or "range"' }),
  z.strictObject({ kind: z.literal('date'), date: FactDate }),
  z.strictObject({ kind: z.literal('version'), version: FactVersion }),
  z.strictObject({
    kind: z.literal('yes-no'),
    /** Whether the source says the claim's proposition holds. */
    holds: z.boolean(),
  }),
]);
export type SourceFact = z.infer<typeof SourceFact>;

/**
 * How the source's scope relates to the claim's: the same; narrower (it holds for part of what the
 * article says: partly true); wider (it covers the claim's scope and more); other (it is about
 * something else: misattributed).
 */
export const SCOPE_RELATIONS = ['same', 'narrower', 'wider', 'other'] as const;

/** One thing one source states about the claim, with where it says it. */
export const Finding = z.strictObject({
  /** Index into the claim's `sources`. Whether it is primary is `sources[i].primary`. */
  source: z.number().int().min(0),
  /** Where in the source: section, table row, line or timestamp, so a reader can find it. */
  where: z.string().min(1),
  /** What it states there. Its kind matches the claim: number for value/range, else the fact's kind. */
  fact: SourceFact,
  /** What it states there, in our own words, when the fact alone does not carry it. */
  says: z.string().min(1).optional(),
  /** How its scope relates to the claim's. Default same. */
  scope: z.enum(SCOPE_RELATIONS).default('same'),
  /** What the source's scope is, when it is not the same ("only for the free-threaded build"). */
  scopeNote: z.string().min(1).optional(),
  /** When the source's figure was true (a count read on a date is stale later). */
  asOf: FactDate.optional(),
});
export type Finding = z.infer<typeof Finding>;

/**
 * For claims about what code does or whether it compiles: one of our own minimal programs under
 * harness/probes is built (and run) on each machine; the claim holds if what we observe is what
 * `holdsIf` says.
 */
export const ProbeCheck = z.strictObject({
  /** Probe id under harness/probes. */
  probe: Slug,
  /**
   * The observation under which the claim holds: `compiles` (true or false), and/or a line the
   * program must print (`prints`).
   */
  holdsIf: z
    .strictObject({
      /** Whether the program must compile (true) or must fail to compile (false) for the claim to hold. */
      compiles: z.boolean().optional(),
      /** A line the program must print for the claim to hold. */
      prints: z.string().min(1).optional(),
    })
    .refine((h) => h.compiles !== undefined || h.prints !== undefined, { message: 'expected "compiles" or "prints"' }),
  /** Why this program answers the claim. */
  rationale: z.string().min(1),
});
export type ProbeCheck = z.infer<typeof ProbeCheck>;


export const SourcedCheck = z.strictObject({
  /**
   * What the sources state, one entry per statement found. Empty when none was found (verdict:
   * unsupported; `rationale` says where we looked). Only entries of a source marked `primary`
   * can confirm; a secondary one alone leaves the claim unsupported.
   */
  findings: z.array(Finding).default([]),
  /** Relative tolerance when comparing claimed and source figures; default 0.01. */
  tolerance: z.number().min(0).default(0.01),
  /** How the source was found, or where we looked when it was not. */
  rationale: z.string().min(1),
  /**
   * Optional: one of our programs under harness/probes that observes what the sources describe.
   * The verdict stays the sources'; the claim page shows what the program observed on each machine
   * and whether it agrees (the claim holds if the program prints `holdsIf.prints`).
   */
  probe: ProbeCheck.optional(),
});
export type SourcedCheck = z.infer<typeof SourcedCheck>;

export const UnverifiableCheck = z.strictObject({
  /** Why no public artifact can check it. */
  reason: z.string().min(1),
});

const ClaimBase = {
  /** Equals the file name without `.yaml`. */
  id: Slug,
  /** Slug of content/articles/<slug>.mdx; equals the folder name. */
  article: Slug,
  /** Heading or place in the article. */
  section: z.string().min(1),
  /** Reading order within the article. */
  order: z.number().int().min(0),
  /** The family of claims it belongs to; the site lists claims by topic. */
  topic: z.enum(TOPICS),
  /** The claim in our own words with the article's exact figures. */
  statement: z.string().min(1),
  claimed: Claimed,
  /** The documents behind the figure (the article's own citations and what we found), each with its address. */
  sources: z.array(SourceRef).default([]),
};

/** A claim record's shape: `claims/<article>/<id>.yaml`. The `kind` selects the shape of `check`. */
export const ClaimRecord = z.discriminatedUnion('kind', [
  z.strictObject({ ...ClaimBase, kind: z.literal('measured'), check: MeasuredCheck }),
  z.strictObject({ ...ClaimBase, kind: z.literal('probe'), check: ProbeCheck }),
  z.strictObject({
    ...ClaimBase,
    /** "arithmetic" or "sourced" in this form of the record; it selects the shape of `check`. */
    kind: z.literal('arithmetic'),
    /** arithmetic: the formula over the article's own figures; sourced: what each source states (findings). */
    check: ArithmeticCheck,
    /**
     * The id of a measured claim (kind measured) that checks the same figure on our hardware, e.g.
     * the HOWTO's 40% overhead and our run of the same suite. The page and the claim's data then
     * say what our measurement found and whether it corroborates the sources; the verdict stays
     * this check's. The measured claim's page links back.
     */
    measuredBy: Slug.optional(),
  }),
  z.strictObject({
    ...ClaimBase,
    /** "arithmetic" or "sourced" in this form of the record; it selects the shape of `check`. */
    kind: z.literal('sourced'),
    /** arithmetic: the formula over the article's own figures; sourced: what each source states (findings). */
    check: SourcedCheck,
    /**
     * The id of a measured claim (kind measured) that checks the same figure on our hardware, e.g.
     * the HOWTO's 40% overhead and our run of the same suite. The page and the claim's data then
     * say what our measurement found and whether it corroborates the sources; the verdict stays
     * this check's. The measured claim's page links back.
     */
    measuredBy: Slug.optional(),
  }),
  z.strictObject({ ...ClaimBase, kind: z.literal('unverifiable'), check: UnverifiableCheck }),
]);
export type Claim = z.infer<typeof ClaimRecord>;

/**
 * Fields of a measured check that were renamed: old name -> new name and what it holds. A record
 * still using an old name is refused with the new one (it is not silently converted: `tolerance`
 * is a fraction on the other kinds, so an old file must be read again by whoever edits it).
 */
export const RENAMED_MEASURED_CHECK_FIELDS: Readonly<Record<string, { to: string; holds: string }>> = {
  tolerance: { to: 'toleranceFactor', holds: 'a factor > 1' },
};

/**
 * Refuses renamed fields with their new name, then reports every other problem of the record as if
 * the field had been renamed (so one run of `npm run check` lists them all). Returns `raw` unchanged.
 */
function refuseRenamedFields(raw: unknown, ctx: z.core.$RefinementCtx): unknown {
  if (typeof raw !== 'object' || raw === null || (raw as { kind?: unknown }).kind !== 'measured') return raw;
  const check = (raw as { check?: unknown }).check;
  if (typeof check !== 'object' || check === null) return raw;
  const old = Object.keys(RENAMED_MEASURED_CHECK_FIELDS).filter((k) => k in check);
  if (old.length === 0) return raw;
  const renamed: Record<string, unknown> = { ...check };
  for (const k of old) {
    const { to, holds } = RENAMED_MEASURED_CHECK_FIELDS[k]!;
    ctx.addIssue({ code: 'custom', path: ['check', k], message: `renamed to check.${to} (${holds})`, input: renamed[k] });
    if (!(to in renamed)) renamed[to] = renamed[k];
    delete renamed[k];
  }
  const rest = ClaimRecord.safeParse({ ...raw, check: renamed }, { reportInput: true });
  const newPaths = new Set(old.map((k) => `check.${RENAMED_MEASURED_CHECK_FIELDS[k]!.to}`));
  for (const issue of rest.error?.issues ?? []) if (!newPaths.has(issue.path.join('.'))) ctx.addIssue(issue as never);
  return raw;
}

/** A claim record as read from a file: its shape, with renamed fields refused by their new name. */
export const Claim = z.preprocess(refuseRenamedFields, ClaimRecord);
export type MeasuredClaim = Extract<Claim, { kind: 'measured' }>;
