import { z } from 'zod';
import { SCHEMA_VERSION, Slug } from './common.ts';

export const LANGUAGES = ['python', 'c', 'rust', 'mojo'] as const;
export type Language = (typeof LANGUAGES)[number];
export const TIERS = ['naive', 'idiomatic', 'optimized'] as const;
export const PROFILES = ['quick', 'full'] as const;
export type Profile = (typeof PROFILES)[number];

const ImplBase = {
  /** Unique within the kernel; claims name it in check.baseline / check.subject. */
  id: Slug,
  /** Human label shown on the site. */
  label: z.string().min(1),
  /** naive: a direct transcription; idiomatic: what a fluent user writes; optimized: SIMD, threads, tiling. */
  tier: z.enum(TIERS),
  /** True when it uses more than one thread (the harness then passes CLAIMBENCH_THREADS). */
  parallel: z.boolean().default(false),
  /** File (or, for rust, cargo package folder) relative to the kernel folder. */
  source: z.string().min(1),
  /** One sentence on what is special about it. */
  notes: z.string().min(1).optional(),
  /** True when it needs a CUDA GPU: skipped, with that reason, on machines without one. Default false. */
  gpu: z.boolean().default(false),
  /**
   * CPU features it needs, named as in /proc/cpuinfo and the machine fingerprint's `simd` list
   * (e.g. avx512f): skipped, with the missing ones named, on a machine that lacks one. Default none.
   */
  requiresCpu: z.array(z.string().regex(/^[a-z0-9_.]+$/, 'a CPU flag as /proc/cpuinfo names it (lower case, e.g. avx512f)')).default([]),
  /**
   * For an implementation too slow at the profile's size (pure-Python matmul at n=1024): it runs with
   * `param` set to the value given for the profile, and its times are multiplied by
   * (profile value / that value)^exponent. Results are labelled extrapolated; its checksum is checked
   * against the reference run at the same smaller size.
   */
  extrapolate: z
    .strictObject({
      param: z.string().min(1),
      exponent: z.number().positive(),
      quick: z.number().int().positive(),
      full: z.number().int().positive(),
    })
    .optional(),
};

/** One implementation of a kernel; the `language` selects how the harness builds and runs it. */
export const Implementation = z.discriminatedUnion('language', [
  z.strictObject({
    ...ImplBase,
    language: z.literal('python'),
    /** Modules it imports beyond the standard library; the harness skips it when one is missing. */
    requires: z.array(z.string().min(1)).default([]),
  }),
  z.strictObject({
    ...ImplBase,
    language: z.literal('c'),
    cflags: z.array(z.string()).default(['-O3']),
    libs: z.array(z.string()).default([]),
  }),
  z.strictObject({
    ...ImplBase,
    language: z.literal('rust'),
    /** Binary name inside the cargo package. */
    bin: z.string().min(1),
  }),
  z.strictObject({
    ...ImplBase,
    language: z.literal('mojo'),
    mojoFlags: z.array(z.string()).default(['-D', 'ASSERT=none']),
  }),
]);
export type Implementation = z.infer<typeof Implementation>;

const Params = z.record(z.string(), z.number().int().positive());

/** `harness/kernels/<id>/kernel.yaml`: one workload and its implementations. */
export const Kernel = z
  .strictObject({
    schemaVersion: z.literal(SCHEMA_VERSION),
    id: Slug,
    title: z.string().min(1),
    summary: z.string().min(1),
    /** Where the workload and its parameters come from. */
    origin: z.strictObject({ title: z.string().min(1), url: z.url(), note: z.string().min(1).optional() }),
    /** Ordered: passed to every implementation as positional arguments after WARMUP and SAMPLES. */
    params: z.array(z.strictObject({ name: z.string().regex(/^[A-Za-z][A-Za-z0-9]*$/), description: z.string().min(1).optional() })).min(1),
    /** How the work grows with the parameters (for the methodology page and extrapolation). */
    complexity: z.string().min(1).optional(),
    profiles: z.strictObject({ quick: Params, full: Params }),
    checksum: z.strictObject({
      description: z.string().min(1),
      /** Relative tolerance against the reference checksum; 0 = exact equality. */
      tolerance: z.number().min(0).default(0),
      /** Why a non-zero tolerance is needed (required when tolerance > 0). */
      reason: z.string().min(1).optional(),
    }).refine((c) => c.tolerance === 0 || c.reason !== undefined, {
      message: 'a non-zero tolerance needs a "reason"',
      path: ['reason'],
    }),
    /** Implementation whose checksum defines the correct result. */
    reference: Slug,
    implementations: z.array(Implementation).min(1),
  })
  .superRefine((k, ctx) => {
    const names = k.params.map((p) => p.name);
    for (const profile of ['quick', 'full'] as const) {
      const given = Object.keys(k.profiles[profile]).sort();
      if (given.join() !== [...names].sort().join()) {
        ctx.addIssue({
          code: 'custom',
          path: ['profiles', profile],
          message: `expected exactly the params [${names.join(', ')}], got [${given.join(', ')}]`,
        });
      }
    }
    const ids = k.implementations.map((i) => i.id);
    const dup = ids.find((id, n) => ids.indexOf(id) !== n);
    if (dup) ctx.addIssue({ code: 'custom', path: ['implementations'], message: `duplicate implementation id "${dup}"` });
    if (!ids.includes(k.reference)) {
      ctx.addIssue({ code: 'custom', path: ['reference'], message: `expected one of [${ids.join(', ')}], got "${k.reference}"` });
    }
    k.implementations.forEach((impl, n) => {
      const x = impl.extrapolate;
      if (!x) return;
      if (!names.includes(x.param)) ctx.addIssue({ code: 'custom', path: ['implementations', n, 'extrapolate', 'param'], message: `expected one of [${names.join(', ')}], got "${x.param}"` });
      if (impl.id === k.reference) ctx.addIssue({ code: 'custom', path: ['implementations', n, 'extrapolate'], message: 'the reference implementation cannot be extrapolated: the others are checked against it at full size' });
    });
  });
export type Kernel = z.infer<typeof Kernel>;

/** The one JSON line every implementation prints on stdout. */
export const ImplOutput = z.strictObject({
  impl: z.string(),
  params: z.record(z.string(), z.number()),
  checksum: z.number(),
  samplesNs: z.array(z.number().positive()).min(1),
  threads: z.number().int().positive(),
  peakRssKiB: z.number().nonnegative(),
});
export type ImplOutput = z.infer<typeof ImplOutput>;
