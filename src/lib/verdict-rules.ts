/**
 * The constants the verdict engine decides with. The methodology page prints its rules from these,
 * so the page and the engine cannot disagree.
 */
import { BUILD_OPTIMISATIONS } from './build-optimisation.ts';

/** Confidence of every interval the engine reads. */
export { CONFIDENCE } from './stats.ts';

/**
 * The noise floor assumed for a machine without an A/A noise test (content/runs/<machine>/noise.json):
 * 5%, above the floors the paired A/A test measured on our shared 2-core machine (about 3-4%).
 */
export const DEFAULT_NOISE_FLOOR = 0.05;

/**
 * How much a single-thread ratio or time can differ between two CPUs, used until this site has the
 * same pair of implementations measured on at least two CPU models (then the measured spread is
 * used). Cited prior: the same Mandelbrot pair, C scalar over CPython, measured 30x on a 2-core AMD
 * EPYC VM and about 108x on an AVX-512 Intel Xeon VM of the same size (issue 9): a factor 3.6.
 */
export const HARDWARE_SPREAD_PRIOR = {
  factor: 3.6,
  citation: 'C scalar over CPython on the same Mandelbrot: 30x on a 2-core AMD EPYC VM, about 108x on an AVX-512 Intel Xeon VM of the same size (issue 9)',
} as const;

/**
 * How much the ratio between two builds of one interpreter running the same programs (a paired
 * group of a kernel's `pairing`, e.g. CPython with and without the GIL) can differ between
 * machines, until two CPU models have measured it: the interpreter's own code runs on both sides,
 * so the CPU moves the ratio far less than it moves a ratio between languages. Cited prior:
 * CPython's free-threading HOWTO (3.14 and 3.15) gives the free-threaded build's average overhead
 * on pyperformance as about 1% on macOS aarch64 to 8% on x86-64 Linux, ratios 1.01 to 1.08: a
 * factor 1.07, rounded up to 1.1.
 */
export const BUILD_PAIR_SPREAD_PRIOR = {
  factor: 1.1,
  citation: 'CPython\'s free-threading HOWTO (3.14, 3.15) puts the free-threaded build\'s average pyperformance overhead at about 1% on macOS aarch64 and 8% on x86-64 Linux, ratios 1.01 to 1.08 between two kinds of hardware (a factor 1.07, rounded up)',
} as const;

/**
 * Peak resident memory depends on the allocator, page size and library builds more than on the CPU;
 * until two CPU models have measured it, a factor 1.5 is assumed (an assumption, not a measurement).
 */
export const MEMORY_SPREAD_PRIOR = {
  factor: 1.5,
  citation: 'assumed: allocator, page size and library builds differ between machines; not measured yet',
} as const;

/** Run warnings under which a run does not decide a verdict alone (another machine must agree). */
export const UNDECIDING_WARNINGS = ['machine-load', 'drift'] as const;

/**
 * When a ratio between CPython builds does not decide (comparedBuildMismatch in
 * build-optimisation.ts applies it, measured.ts enforces it), in words: the methodology page prints it.
 */
export const MIXED_BUILDS_RULE =
  `A ratio between two CPython builds (the GIL and free-threaded builds of npm run setup:free-threaded, or any builds whose run recorded how they were optimised) decides only when the run recorded the same optimisation for each (CLAIMBENCH_PY_OPT: ${BUILD_OPTIMISATIONS.join(', ')}): profile-guided and link-time optimisation change CPython's speed by themselves, so a ratio of builds optimised differently mixes that change into what is measured. A run whose compared builds recorded different optimisations, or of which one recorded an optimisation and the other none, is inconclusive on that machine: it names the builds and how each was built, says what it would give, and does not count towards another machine's agreement. Builds of which none recorded an optimisation (runs made before the builds recorded it) are judged as before.`;

/**
 * What the per-core projection assumes, stated on every plausible verdict: it carries the one-thread
 * rate measured here to the claimed core count.
 */
export const PROJECTION_ASSUMPTIONS =
  'each claimed core runs the one-thread code as fast as one of ours (same clock and vector width), no two threads share a core (no SMT), and the work divides perfectly across cores';

/** The overall rule across machines, in words (the methodology page prints it). */
export const MACHINE_RULE =
  'Each machine is judged on its own. Machines in the claimed hardware class (the subject ran on at least the claimed cores, the claimed GPU is present, or the claimed CPU model is named) decide first; otherwise every machine that decided counts. When they agree, that is the verdict; when they disagree, the claim is inconclusive and the page lists each machine\'s verdict. Pages show how many of the machines agree.';

/**
 * Spread claims (a range of ratios over many programs, "Rust is 10x-80x faster than Python"): a
 * machine judges one only when it has measured at least this many of the claim's problems.
 */
export const SPREAD_MIN_PROBLEMS = 4;

/** Share of the measured problems whose ratio must lie inside the claimed range to confirm a spread claim. */
export const SPREAD_CONFIRM_SHARE = 2 / 3;

/** The spread rule in words (the methodology page prints it). */
export const SPREAD_RULE =
  'Each problem\'s ratio of median times (subject over baseline) is placed against the claimed range itself, with no tolerance factor (the range is already the claim): inside when its 95% interval, widened by the machine\'s noise floor, lies within the range; below or above when it lies wholly beyond one end; on the edge when it crosses an end. On each machine that measured at least ' +
  `${SPREAD_MIN_PROBLEMS} of the problems, the claim is confirmed when at least two thirds of them are inside; overstated when more than half are below (the subject looks faster in the claim than measured); understated when more than half are above; otherwise inconclusive (the ratios spread across and beyond the range). Runs with load or drift warnings do not decide alone, and machines are combined by the rule above.`;
