import { z } from 'zod';
import { SCHEMA_VERSION, Slug } from './common.ts';
import { Machine, Toolchain } from './run.ts';

export const PROBE_LANGUAGES = ['python', 'c', 'rust', 'mojo'] as const;

/** `harness/probes/<id>/probe.yaml`: one minimal program that answers a question about code. */
export const ProbeDef = z.strictObject({
  schemaVersion: z.literal(SCHEMA_VERSION),
  /** Equals the folder name. */
  id: Slug,
  /** The question, in one sentence. */
  question: z.string().min(1),
  language: z.enum(PROBE_LANGUAGES),
  /** The program, relative to the probe folder (one file). */
  source: z.string().min(1),
  /** compile: only whether it builds; run: build, then run it and keep what it prints. */
  action: z.enum(['compile', 'run']),
  /**
   * Python probes about free-threaded CPython: the CPython versions (3.13, 3.14, 3.15) whose
   * GIL/free-threaded pair (`npm run setup:free-threaded`) the program runs on, once per version:
   * started by the free-threaded interpreter (`python3.Nt`) with the path of its GIL twin
   * (`python3.N`) as its one argument. A version whose pair is not built is recorded as not run,
   * with the command that builds it. Absent: the program runs once on the project's `.venv` Python.
   */
  pythonPairs: z.array(z.enum(['3.13', '3.14', '3.15'])).min(1).optional(),
}).superRefine((p, ctx) => {
  if (p.pythonPairs !== undefined && p.language !== 'python') {
    ctx.addIssue({ code: 'custom', path: ['pythonPairs'], message: `expected only with language: python (the program runs on CPython builds), got language "${p.language}"` });
  }
});
export type ProbeDef = z.infer<typeof ProbeDef>;

export const ProbeOutcome = z.strictObject({
  id: Slug,
  /** sha256 of the probe's program, so a changed program is re-run. */
  sourceHash: z.string().regex(/^[0-9a-f]{64}$/),
  /** null when the toolchain is missing (then `reason` says so). */
  compiled: z.boolean().nullable(),
  /** Exit code of the run (action run), else null. */
  exitCode: z.number().int().nullable(),
  /** Tail of what it printed, and of the compiler's or program's errors. */
  stdout: z.string(),
  stderr: z.string(),
  reason: z.string().optional(),
  command: z.array(z.string()),
  /** The compiler's or interpreter's version, as it reports it. */
  toolchain: z.string().nullable().default(null),
  /** Probes with `pythonPairs`: the free-threaded interpreter that ran it (e.g. `python3.13t`). */
  interpreter: z.string().optional(),
});
export type ProbeOutcome = z.infer<typeof ProbeOutcome>;

/** `content/runs/<machine>/probes.json`: every probe's outcome on one machine. */
export const ProbeRun = z.strictObject({
  schemaVersion: z.literal(SCHEMA_VERSION),
  machine: Machine,
  toolchains: z.record(z.string(), Toolchain),
  finishedAt: z.iso.datetime(),
  outcomes: z.array(ProbeOutcome),
});
export type ProbeRun = z.infer<typeof ProbeRun>;
