/**
 * How the CPython builds of `npm run setup:free-threaded` were optimised, read from what a run
 * recorded: the second line of each build's version probe (BUILD_INFO_PROBE in
 * harness/runner/runtimes/python.ts), "pgo-lto build (OPT ..., gcc ...); source: ...", whose first
 * word is the CLAIMBENCH_PY_OPT the setup script ran with. Per GIL/free-threaded pair: whether both
 * builds share it (a ratio is like for like only when they do); per machine: what its pairs used,
 * in words for the pages; per run: the setup command that makes the same builds, and whether the
 * builds a claim's ratio compares were optimised alike (a ratio that is not like for like does not
 * decide a verdict: `comparedBuildMismatch`, applied by src/lib/measured.ts). Pure.
 */
import type { Run } from './schema/run.ts';
import { PYTHON_VARIANTS } from './runtimes.ts';

/** The values of CLAIMBENCH_PY_OPT (scripts/setup-free-threaded.sh). */
export const BUILD_OPTIMISATIONS = ['plain', 'pgo', 'pgo-lto'] as const;
export type BuildOptimisation = (typeof BUILD_OPTIMISATIONS)[number];

/** The optimisation a recorded build line names; null when there is no line or it names none of ours. */
export function buildOptimisation(line: string | null | undefined): BuildOptimisation | null {
  const word = /^(\S+) build \(/.exec(line ?? '')?.[1];
  return (BUILD_OPTIMISATIONS as readonly string[]).includes(word ?? '') ? (word as BuildOptimisation) : null;
}

/**
 * Whether builds were optimised alike, from what each recorded (null: nothing recorded): the one
 * rule behind both the overhead page's pair check and the verdict engine's (comparedBuildMismatch).
 * `alike`: all recorded and equal; `differ`: all recorded, not all equal; `unknown`: some recorded
 * and some not (cannot be called alike); `not-recorded`: none recorded (a run from before BUILD-INFO).
 */
export function optimisationAgreement(recorded: ReadonlyArray<BuildOptimisation | null>): 'alike' | 'differ' | 'unknown' | 'not-recorded' {
  const known = recorded.filter((o): o is BuildOptimisation => o !== null);
  if (known.length === 0) return 'not-recorded';
  if (known.length < recorded.length) return 'unknown';
  return new Set(known).size === 1 ? 'alike' : 'differ';
}

/** The two builds of one version, each as recorded (null: not recorded). */
export interface PairOptimisation {
  version: string;
  gil: BuildOptimisation | null;
  freeThreaded: BuildOptimisation | null;
  /** Both recorded and equal: the ratio compares like with like. */
  same: boolean;
}

/** What one machine's pairs used. */
export interface TableOptimisation {
  /**
   * `shared`: every pair's two builds recorded with one optimisation, `optimisation`;
   * `per-version`: each pair's builds share one, but not every version the same;
   * `not-recorded`: no build recorded one (a run made before BUILD-INFO, or builds from elsewhere);
   * `mismatch`: at least one pair whose builds differ or of which only one build recorded it.
   */
  kind: 'shared' | 'per-version' | 'not-recorded' | 'mismatch';
  /** The optimisation of every build, when `kind` is `shared`. */
  optimisation: BuildOptimisation | null;
  pairs: PairOptimisation[];
  /** The pairs whose builds cannot be said to share an optimisation (`mismatch`). */
  mismatched: PairOptimisation[];
}

/** The pairs' optimisations summarised for one machine (the pairs its table shows). */
export function tableOptimisation(pairs: ReadonlyArray<{ version: string; gilBuild: string | null; freeThreadedBuild: string | null }>): TableOptimisation {
  const each = pairs.map((p): PairOptimisation => {
    const gil = buildOptimisation(p.gilBuild);
    const freeThreaded = buildOptimisation(p.freeThreadedBuild);
    return { version: p.version, gil, freeThreaded, same: optimisationAgreement([gil, freeThreaded]) === 'alike' };
  });
  // A pair with neither build recorded says nothing; one with only one recorded cannot be called like for like.
  const mismatched = each.filter((p) => ['differ', 'unknown'].includes(optimisationAgreement([p.gil, p.freeThreaded])));
  const recorded = [...new Set(each.filter((p) => p.same).map((p) => p.gil!))];
  if (mismatched.length > 0) return { kind: 'mismatch', optimisation: null, pairs: each, mismatched };
  if (recorded.length === 0) return { kind: 'not-recorded', optimisation: null, pairs: each, mismatched };
  if (recorded.length === 1 && each.every((p) => p.same)) return { kind: 'shared', optimisation: recorded[0]!, pairs: each, mismatched };
  return { kind: 'per-version', optimisation: null, pairs: each, mismatched };
}

/** "plain -O3", "PGO", "PGO + LTO". */
export function optimisationName(o: BuildOptimisation | null): string {
  return o === 'pgo-lto' ? 'PGO + LTO' : o === 'pgo' ? 'PGO without LTO' : o === 'plain' ? 'plain -O3' : 'optimisation not recorded';
}

/** How builds with this optimisation were made, against the official releases' PGO + LTO. */
function againstOfficial(o: BuildOptimisation): string {
  if (o === 'pgo-lto') return 'with profile-guided and link-time optimisation (PGO + LTO), as the official releases whose figures the articles quote are';
  if (o === 'pgo') return 'with profile-guided optimisation but without link-time optimisation (PGO, no LTO), where the official releases whose figures the articles quote have both';
  return 'at plain -O3, without the profile-guided and link-time optimisation (PGO + LTO) of the official releases whose figures the articles quote';
}

/**
 * One sentence per machine on how its builds were optimised and what that means for the ratio
 * (the mismatch warning is `mismatchText`'s job).
 */
export function optimisationText(machine: string, t: TableOptimisation): string {
  if (t.kind === 'shared') {
    const o = t.optimisation!;
    const tail = o === 'pgo-lto' ? 'so each ratio compares like with like, and the optimisation is no reason for it to differ from the same ratio between the official builds.' : 'so each ratio compares like with like, but it may differ by a few per cent from the same ratio between the official builds.';
    return `On ${machine} both builds of every version were built ${againstOfficial(o)}, ${tail}`;
  }
  if (t.kind === 'not-recorded') return `The run on ${machine} did not record how its builds were optimised (no BUILD-INFO), so whether its ratios are of builds like the official PGO + LTO releases cannot be told from it.`;
  const known = t.pairs.filter((p) => p.same).map((p) => `CPython ${p.version}: ${optimisationName(p.gil)}`);
  const unknown = t.pairs.filter((p) => p.gil === null && p.freeThreaded === null).map((p) => `CPython ${p.version}: not recorded`);
  const listed = [...known, ...unknown].join('; ');
  if (t.kind === 'mismatch') return `On ${machine} the builds do not all share one optimisation${listed ? ` (pairs that do: ${listed})` : ''}; the official releases are built with PGO + LTO.`;
  return `On ${machine} the versions were built with different optimisations (${listed}); both builds of each version share theirs, so each ratio compares like with like; the official releases are built with PGO + LTO.`;
}

/** The warning for pairs whose two builds do not share an optimisation; null when there is none. */
export function mismatchText(machine: string, t: TableOptimisation): string | null {
  if (t.mismatched.length === 0) return null;
  const pair = (p: PairOptimisation) => `CPython ${p.version}'s GIL build is ${optimisationName(p.gil)} and its free-threaded build ${optimisationName(p.freeThreaded)}`;
  return `Not like for like on ${machine}: ${t.mismatched.map(pair).join('; ')}. Such a ratio mixes the difference in optimisation into the free-threading overhead; rebuilding both with one CLAIMBENCH_PY_OPT and measuring again makes it like for like.`;
}

/**
 * The setup step that makes the builds a run measured: npm run setup:free-threaded for the versions
 * of `runtimes` (all three: no version arguments), with CLAIMBENCH_PY_OPT set when the builds of
 * `compared` (default: all of `runtimes`) that the run recorded an optimisation for all recorded one
 * other than the default (plain). Null when none of `runtimes` is a build of setup:free-threaded.
 * Without a run, or when those builds do not agree, the default command.
 */
export function freeThreadedSetupCommand(runtimes: readonly string[], run: Pick<Run, 'toolchains'> | null, compared: readonly string[] = runtimes): string | null {
  const variants = PYTHON_VARIANTS.filter((v) => runtimes.includes(v.id));
  if (variants.length === 0) return null;
  const versions = [...new Set(variants.map((v) => v.version))];
  const all = [...new Set(PYTHON_VARIANTS.map((v) => v.version))];
  const args = versions.length === all.length ? '' : ` -- ${versions.join(' ')}`;
  const recorded = new Set(PYTHON_VARIANTS.filter((v) => compared.includes(v.id)).flatMap((v) => buildOptimisation(run?.toolchains[v.id]?.build) ?? []));
  const opt = recorded.size === 1 ? [...recorded][0]! : null;
  return `${opt && opt !== 'plain' ? `CLAIMBENCH_PY_OPT=${opt} ` : ''}npm run setup:free-threaded${args}`;
}

/**
 * The toolchain an implementation's result ran on, as the run recorded it: the toolchain named like
 * the program its command starts (".toolchains/python3.14t/bin/python3.14t" -> "python3.14t"), as
 * the CPython runtimes record their interpreters. Null when the result has no command or the run
 * records no toolchain of that name (a compiled program, the project environment's "python").
 */
export function resultToolchain(run: Pick<Run, 'toolchains' | 'implementations'>, implId: string): string | null {
  const program = run.implementations.find((i) => i.id === implId)?.run?.[0];
  const name = program?.split('/').at(-1);
  return name && Object.hasOwn(run.toolchains, name) ? name : null;
}

/** One build a ratio compares, with the optimisation its run recorded (null: none recorded). */
export interface ComparedBuild {
  toolchain: string;
  optimisation: BuildOptimisation | null;
}

/**
 * Builds a ratio compares that cannot be called like for like on one run: `differ` when each
 * recorded an optimisation and they are not all the same, `unknown` when some recorded one and
 * others did not. `text` says which builds and how, and what makes them alike.
 */
export interface BuildMismatch {
  kind: 'differ' | 'unknown';
  builds: ComparedBuild[];
  text: string;
}

/** "plain (-O3)", "with PGO + LTO", ... as in "python3.14 was built ...". */
function builtHow(o: BuildOptimisation): string {
  return o === 'pgo-lto' ? 'with PGO + LTO' : o === 'pgo' ? 'with PGO, without LTO' : 'plain (-O3, no PGO or LTO)';
}

/**
 * The rule that keeps a ratio of two CPython builds optimised differently from deciding a verdict
 * (MIXED_BUILDS_RULE in verdict-rules.ts says it in words): the distinct builds the implementations
 * `implIds` ran on in `run` are compared when every one of them is a build of
 * npm run setup:free-threaded (PYTHON_VARIANTS) or records an optimisation. Null when they are
 * like for like as far as the run tells (fewer than two builds, all recorded and equal, none
 * recorded, or a build of another kind among them, such as a compiled program or the project's
 * own environment); otherwise the mismatch. Pure.
 */
export function comparedBuildMismatch(run: Pick<Run, 'toolchains' | 'implementations'>, implIds: readonly string[]): BuildMismatch | null {
  const names = [...new Set(implIds.map((id) => resultToolchain(run, id)))];
  if (names.length < 2 || names.includes(null)) return null;
  const builds = (names as string[]).map((toolchain): ComparedBuild => ({ toolchain, optimisation: buildOptimisation(run.toolchains[toolchain]?.build) }));
  const isCpythonBuild = (b: ComparedBuild) => b.optimisation !== null || PYTHON_VARIANTS.some((v) => v.id === b.toolchain);
  if (!builds.every(isCpythonBuild)) return null;
  const agreement = optimisationAgreement(builds.map((b) => b.optimisation));
  if (agreement === 'alike' || agreement === 'not-recorded') return null;
  const how = builds.map((b) => (b.optimisation ? `${b.toolchain} was built ${builtHow(b.optimisation)}` : `${b.toolchain} recorded no optimisation (no BUILD-INFO line)`)).join(', ');
  const both = builds.length === 2 ? 'both' : 'all of them';
  if (agreement === 'differ') {
    return { kind: 'differ', builds, text: `${how}: not like for like, so the ratio carries the difference in optimisation as well as what the claim is about; rebuild ${both} with the same CLAIMBENCH_PY_OPT and measure again.` };
  }
  return { kind: 'unknown', builds, text: `${how}: whether they were optimised alike is unknown, so the ratio may carry a difference in optimisation; rebuild ${both} with the same CLAIMBENCH_PY_OPT and measure again.` };
}
