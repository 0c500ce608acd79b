/**
 * What a run file must satisfy beyond its schema before any verdict may rest on it: it names a
 * kernel that exists and only that kernel's implementations; every `ok` result has positive
 * samples whose summary is theirs, and the reference's checksum (within the kernel's tolerance).
 * Pure: the caller reads the files (and checks the kernel hash against git history, src/io/).
 * Shared by `npm run check`, the site build and the fleet's merge of runs from many machines.
 */
import type { FileProblem } from './schema-errors.ts';
import type { Kernel } from './schema/kernel.ts';
import type { Run } from './schema/run.ts';
import { summarize } from './stats.ts';
import { checksumMatches } from './checksum.ts';
import { checkParts, partsOfRun } from './suite.ts';

/** Relative difference allowed between a stored summary and the one recomputed from its samples (JSON rounding). */
const SUMMARY_TOLERANCE = 1e-9;

const close = (a: number, b: number) => Math.abs(a - b) <= SUMMARY_TOLERANCE * Math.max(Math.abs(a), Math.abs(b), 1);

/**
 * Problems of one run file (`file`, relative to the repository root) against the kernels defined
 * now; empty when it may feed verdicts. `history`: a replaced run (content/runs/<m>/history/), which
 * may name implementations the kernel has since dropped.
 */
export function validateRun(run: Run, kernels: ReadonlyMap<string, Kernel>, file: string, opts: { history?: boolean } = {}): FileProblem[] {
  const problems: FileProblem[] = [];
  const add = (field: string, message: string) => problems.push({ file, field, message });

  if (run.finishedAt < run.startedAt) add('finishedAt', `expected a time after startedAt (${run.startedAt}), got ${run.finishedAt}`);

  const kernel = kernels.get(run.kernel);
  if (!kernel) {
    add('kernel', `no kernel "${run.kernel}" under harness/kernels (expected one of [${[...kernels.keys()].join(', ')}])`);
  }
  const ids = kernel?.implementations.map((i) => i.id) ?? [];
  const seen = new Set<string>();
  run.implementations.forEach((r, n) => {
    if (seen.has(r.id)) add(`implementations.${n}.id`, `duplicate implementation "${r.id}"`);
    seen.add(r.id);
    // A replaced run may name an implementation the kernel has since dropped; no claim can use it.
    if (kernel && !opts.history && !ids.includes(r.id)) add(`implementations.${n}.id`, `expected an implementation of kernel "${kernel.id}" (one of [${ids.join(', ')}]), got "${r.id}"`);
  });

  const reference = kernel ? run.implementations.find((r) => r.id === kernel.reference && r.status === 'ok') : undefined;
  // A suite's parts: every result of the run reports the same ones (the first result's decide for
  // a run of an earlier, shorter version of the suite).
  const firstParts = run.implementations.find((r) => r.status === 'ok' && r.parts)?.parts;
  const suiteParts = kernel?.suite ? partsOfRun(kernel.suite.parts.map((p) => p.id), Object.keys(firstParts ?? {})) : null;
  run.implementations.forEach((r, n) => {
    if (r.status !== 'ok') return;
    const at = `implementations.${n}`;
    if (kernel?.server || r.load) {
      problems.push(...validateLoad(r, n, kernel, reference, file));
      return;
    }
    if (r.samplesNs.length === 0) {
      add(`${at}.samplesNs`, 'expected the timed samples of an "ok" result, got none');
    } else if (!r.summary) {
      add(`${at}.summary`, 'expected the summary of the samples of an "ok" result, got null');
    } else {
      const s = summarize(r.samplesNs);
      for (const key of ['n', 'medianNs', 'q1Ns', 'q3Ns', 'minNs', 'maxNs'] as const) {
        if (!close(r.summary[key], s[key])) add(`${at}.summary.${key}`, `expected ${s[key]} (computed from samplesNs), got ${r.summary[key]}`);
      }
    }
    if (kernel?.suite || r.parts) {
      const partsError = suiteParts ? checkParts(r, suiteParts) : 'it has "parts", but its kernel is not a suite';
      if (partsError) add(`${at}.parts`, `expected a suite's per-part times: ${partsError.replace(/^it /, '')}`);
    }
    if (r.samplesPerProcess.length > 0) {
      const total = r.samplesPerProcess.reduce((a, b) => a + b, 0);
      if (total !== r.samplesNs.length) add(`${at}.samplesPerProcess`, `expected counts summing to the ${r.samplesNs.length} samples, got ${total}`);
    }
    if (r.checksum === null) {
      add(`${at}.checksum`, 'expected the checksum of an "ok" result, got null');
      return;
    }
    if (!kernel || !reference || r.id === reference.id || r.extrapolated) return; // nothing to compare with at this size
    const ref = reference.checksum;
    if (ref !== null && !checksumMatches(r.checksum, ref, kernel.checksum.tolerance)) {
      const tol = kernel.checksum.tolerance > 0 ? ` within the relative tolerance ${kernel.checksum.tolerance}` : '';
      add(`${at}.checksum`, `expected the reference "${reference.id}"'s checksum ${ref}${tol} for status "ok", got ${r.checksum} (a wrong result has status "wrong-result")`);
    }
  });
  return problems;
}

/**
 * An `ok` result of a server kernel: a load block with a measurement at every connection count the
 * kernel names, requests/s that are requests over seconds, and the reference's answer (SHA-256).
 */
function validateLoad(r: Run['implementations'][number], n: number, kernel: Kernel | undefined, reference: Run['implementations'][number] | undefined, file: string): FileProblem[] {
  const problems: FileProblem[] = [];
  const at = `implementations.${n}`;
  const add = (field: string, message: string) => problems.push({ file, field, message });
  if (!kernel?.server) {
    add(`${at}.load`, `expected no load block: kernel "${kernel?.id ?? '?'}" is not a server kernel`);
    return problems;
  }
  if (!r.load) {
    add(`${at}.load`, 'expected the load block of an "ok" result of a server kernel, got none');
    return problems;
  }
  const got = r.load.levels.map((l) => l.connections);
  if (got.join() !== kernel.server.connections.join()) add(`${at}.load.levels`, `expected a measurement at each of [${kernel.server.connections.join(', ')}] connections, got [${got.join(', ')}]`);
  r.load.levels.forEach((l, k) => {
    if (!close(l.requestsPerSecond, l.requests / l.seconds)) add(`${at}.load.levels.${k}.requestsPerSecond`, `expected ${l.requests / l.seconds} (requests over seconds), got ${l.requestsPerSecond}`);
    const errors = Object.entries(l.errors).filter(([, c]) => c > 0);
    if (errors.length > 0) add(`${at}.load.levels.${k}.errors`, `expected no errors in an "ok" result, got ${errors.map(([e, c]) => `${c} ${e}`).join(', ')}`);
  });
  if (!r.load.response) add(`${at}.load.response`, 'expected the checked answer of an "ok" result, got null');
  else if (reference?.load?.response && r.id !== reference.id && r.load.response.sha256 !== reference.load.response.sha256) {
    add(`${at}.load.response.sha256`, `expected the reference "${reference.id}"'s ${reference.load.response.sha256} for status "ok", got ${r.load.response.sha256} (a wrong answer has status "wrong-result")`);
  }
  return problems;
}

/** Kernel-hash outcome for one run, decided by the I/O layer from git history. */
export type KernelHashCheck =
  | { available: true; hashes: ReadonlySet<string>; shallow: boolean }
  | { available: false; why: string };

/** The problem with a run whose kernelHash matches no version of its kernel's sources; null when it matches or cannot be checked. */
export function kernelHashProblem(run: Run, known: KernelHashCheck | undefined, file: string): FileProblem | null {
  if (!known || !known.available || known.hashes.has(run.kernelHash)) return null;
  const hint = known.shallow
    ? ' This clone\'s history is shallow, so older versions are missing: run "git fetch --unshallow" and check again.'
    : ' Re-measure it with "npm run harness -- --kernel ' + run.kernel + ' --fresh" from committed sources.';
  return {
    file,
    field: 'kernelHash',
    message: `expected the hash of a version of harness/kernels/${run.kernel} in git history (or of the working tree), got ${run.kernelHash.slice(0, 12)}…, which matches none.${hint}`,
  };
}
