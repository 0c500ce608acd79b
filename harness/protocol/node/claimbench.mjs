// The claimbench protocol for Node implementations (see CONTRIBUTING.md, "Add a kernel").
//
// A program is invoked as `<program> WARMUP SAMPLES <params in kernel.yaml order>`, times only its
// work with a monotonic nanosecond clock and prints exactly one JSON line on stdout. This module
// does the parts every program shares: argument parsing, the clock, the sampling loop, the thread
// count, peak memory and the JSON line. Standard library only.
//
//   import { int, parseArgs, timeSamples, emit } from '../../protocol/node/claimbench.mjs';
//   const args = parseArgs('node-x', [int('n', 1, 16384)]);   // exits 2 with a message on bad input
//   const samples = timeSamples(args, () => work(args.params.n));
//   emit(args, { checksum, samplesNs: samples, threads: 1 });
import { readFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { basename } from 'node:path';

export const WORK_KEYS = ['bytes', 'items', 'tokens', 'records'];

export class UsageError extends Error {}

/** An integer parameter in [min, max], optionally one of `choices`. */
export const int = (name, min, max, choices) => ({
  name,
  parse(text) {
    if (!/^[+-]?\d+$/.test(text)) throw new UsageError(`${name} must be an integer, got '${text}'`);
    const v = Number(text);
    if (choices && !choices.includes(v)) throw new UsageError(`${name} must be one of ${choices.join(', ')}, got ${v}`);
    if (!Number.isSafeInteger(v) || v < min || v > max) throw new UsageError(`${name} must be in ${min}..${max}, got ${text}`);
    return v;
  },
});

/** A finite number parameter in [min, max]. */
export const number = (name, min, max) => ({
  name,
  parse(text) {
    const v = Number(text);
    if (text.trim() === '' || !Number.isFinite(v)) throw new UsageError(`${name} must be a number, got '${text}'`);
    if (v < min || v > max) throw new UsageError(`${name} must be in ${min}..${max}, got ${text}`);
    return v;
  },
});

/** A string parameter, optionally one of `choices`. */
export const string = (name, choices) => ({
  name,
  parse(text) {
    if (choices && !choices.includes(text)) throw new UsageError(`${name} must be one of ${choices.join(', ')}, got '${text}'`);
    return text;
  },
});

/** Parses WARMUP SAMPLES and the parameters (argv without node and the script); throws UsageError. */
export function parse(impl, specs, argv) {
  const names = ['WARMUP', 'SAMPLES', ...specs.map((s) => s.name)];
  if (argv.length !== names.length) throw new UsageError(`expected ${names.length} arguments (${names.join(' ')}), got ${argv.length}`);
  const warmup = int('WARMUP', 0, 2 ** 31).parse(argv[0]);
  const samples = int('SAMPLES', 1, 2 ** 31).parse(argv[1]);
  const params = Object.fromEntries(specs.map((s, i) => [s.name, s.parse(argv[i + 2])]));
  return { impl, warmup, samples, params };
}

/** parse() on process.argv; on bad input prints the reason and the usage to stderr and exits 2. */
export function parseArgs(impl, specs, argv = process.argv.slice(2)) {
  try {
    return parse(impl, specs, argv);
  } catch (e) {
    if (!(e instanceof UsageError)) throw e;
    process.stderr.write(`${impl}: ${e.message}\nusage: ${basename(process.argv[1] ?? impl)} WARMUP SAMPLES ${specs.map((s) => s.name).join(' ')}\n`);
    process.exit(2);
  }
}

/** Monotonic clock in nanoseconds (a bigint). */
export const nowNs = () => process.hrtime.bigint();

/** Calls work() WARMUP times untimed, then SAMPLES times timed around the call alone (ns). */
export function timeSamples(args, work) {
  for (let i = 0; i < args.warmup; i++) work();
  const out = [];
  for (let i = 0; i < args.samples; i++) {
    const t0 = process.hrtime.bigint();
    work();
    out.push(Number(process.hrtime.bigint() - t0));
  }
  return out;
}

/** CLAIMBENCH_THREADS (1..4096), else the CPUs available to the process; exits 2 on a bad value. */
export function threadCount(impl, env = process.env) {
  const text = env.CLAIMBENCH_THREADS ?? '';
  if (text === '') return availableParallelism();
  const t = /^\d+$/.test(text) ? Number(text) : 0;
  if (t < 1 || t > 4096) {
    process.stderr.write(`${impl}: CLAIMBENCH_THREADS must be an integer in 1..4096, got '${text}'\n`);
    process.exit(2);
  }
  return t;
}

/** Peak resident memory: VmHWM from /proc/self/status, else the resource usage's maxRSS (KiB). */
export function peakRssKiB() {
  try {
    const m = /^VmHWM:\s+(\d+)/m.exec(readFileSync('/proc/self/status', 'utf8'));
    if (m) return Number(m[1]);
  } catch {
    // not Linux: fall through
  }
  return process.resourceUsage().maxRSS;
}

/**
 * The protocol's JSON line (without the newline). checksum: a finite number or a lowercase hex
 * digest; work: the amount of work of ONE sample, keys among WORK_KEYS.
 * @param {{ impl: string, params: Record<string, unknown> }} args
 * @param {{ checksum: number | string, samplesNs: number[], threads: number, peakKiB: number, work?: Record<string, number> }} line
 */
export function resultLine(args, { checksum, samplesNs, threads, peakKiB, work }) {
  if (typeof checksum === 'number' ? !Number.isFinite(checksum) : typeof checksum !== 'string' || !/^[0-9a-f]+$/.test(checksum)) {
    throw new Error(`checksum must be a finite number or a lowercase hex digest, got ${JSON.stringify(checksum) ?? String(checksum)}`);
  }
  const line = { impl: args.impl, params: args.params, checksum, samplesNs: [...samplesNs], threads, peakRssKiB: peakKiB };
  if (work !== undefined) {
    const bad = Object.keys(work).filter((k) => !WORK_KEYS.includes(k));
    if (bad.length > 0) throw new Error(`work keys must be among ${WORK_KEYS.join(', ')}, got ${bad.join(', ')}`);
    line.work = { ...work };
  }
  return JSON.stringify(line);
}

/**
 * Prints the result line with this process's peak memory.
 * @param {{ impl: string, params: Record<string, unknown> }} args
 * @param {{ checksum: number | string, samplesNs: number[], threads: number, work?: Record<string, number> }} line
 */
export function emit(args, { checksum, samplesNs, threads, work }) {
  process.stdout.write(`${resultLine(args, { checksum, samplesNs, threads, peakKiB: peakRssKiB(), work })}\n`);
}
