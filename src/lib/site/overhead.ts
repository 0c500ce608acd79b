/**
 * Single-thread overhead of free-threaded CPython per version and per benchmark: for a suite kernel
 * (kernel.yaml `suite`) whose implementations run on the GIL and free-threaded builds of CPython
 * versions (src/lib/runtimes.ts PYTHON_VARIANTS), each version's free-threaded time over its GIL
 * time, for the suite (geometric mean over the benchmarks, as pyperformance summarises it) and for
 * every benchmark, each with its 95% bootstrap interval (src/lib/suite.ts). A version that was not
 * measured says why (the skipped result's reason). Pure: kernel, run and claims in; rows and a
 * Vega-Lite spec out (the claim pages of the kernel's claims show them).
 */
import type { Claim } from '../schema/claim.ts';
import type { Kernel } from '../schema/kernel.ts';
import type { Run } from '../schema/run.ts';
import { PYTHON_VARIANTS } from '../runtimes.ts';
import { geometricMeanRatio, partsOfRun } from '../suite.ts';
import { canPair, pairedGeometricMeanRatio, runNoiseFloor } from '../paired.ts';
import { CHART_WIDTH, LINE_HEIGHT, axisTitle, labelOffset } from '../chart.ts';
import { padLines, wrapText } from '../chart-text.ts';
import { tableOptimisation, type TableOptimisation } from '../build-optimisation.ts';

/** One benchmark of one version: medians of both builds and free-threaded time over GIL time. */
export interface OverheadPart {
  part: string;
  description: string;
  gilMedianNs: number;
  freeThreadedMedianNs: number;
  /** Free-threaded median time over the GIL build's: above 1 when the free-threaded build is slower. */
  ratio: number;
  lo: number;
  hi: number;
}

export interface OverheadVersion {
  /** "3.13". */
  version: string;
  gilImpl: string;
  freeThreadedImpl: string;
  /** The suite's geometric mean with its interval and every benchmark; null when not measured. */
  measured: { ratio: number; lo: number; hi: number; samples: { gil: number; freeThreaded: number }; parts: OverheadPart[] } | null;
  /** Why it was not measured (the skipped or failed result's reason), when `measured` is null. */
  notMeasured: string | null;
  /** Rounds the two builds were paired in (ran back to back, ratio taken round by round); null when not paired. */
  pairedRounds: number | null;
  /**
   * What the run recorded about the two interpreters: the version each reported and, for builds
   * of npm run setup:free-threaded, how each was built (its BUILD-INFO: optimisation, flags, source).
   */
  builds: { gil: { version: string | null; build: string | null }; freeThreaded: { version: string | null; build: string | null } };
}

export interface OverheadTable {
  machine: string;
  profile: Run['profile'];
  versions: OverheadVersion[];
  /**
   * The run's A/A pair (one GIL build measured as two implementations in the same rounds): its
   * paired ratio and the noise floor it gives (how far from 1 its interval reaches); null without one.
   */
  noise: { pair: [string, string]; ratio: number; lo: number; hi: number; floor: number; rounds: number } | null;
  /** The CPU the paired processes were pinned to, or null. */
  pinnedCpu: number | null;
  /** How the measured versions' builds were optimised (their recorded build lines), and whether each pair shares it. */
  optimisation: TableOptimisation;
  /** The kernel's benchmarks now; a run of an earlier version of the suite measured only the first ones (its versions' `parts`). */
  kernelParts: number;
}

/** The kernel's version pairs: per CPython version, its first GIL implementation and its free-threaded one. */
export function versionPairs(kernel: Pick<Kernel, 'implementations'>): Array<{ version: string; gil: string; freeThreaded: string; gilRuntime: string; freeThreadedRuntime: string }> {
  const out: Array<{ version: string; gil: string; freeThreaded: string; gilRuntime: string; freeThreadedRuntime: string }> = [];
  for (const version of [...new Set(PYTHON_VARIANTS.map((v) => v.version))]) {
    const on = (freeThreaded: boolean) => kernel.implementations.find((i) => PYTHON_VARIANTS.some((v) => v.id === i.runtime && v.version === version && v.freeThreaded === freeThreaded));
    const gil = on(false);
    const ft = on(true);
    if (gil && ft) out.push({ version, gil: gil.id, freeThreaded: ft.id, gilRuntime: gil.runtime, freeThreadedRuntime: ft.runtime });
  }
  return out;
}

/**
 * The overhead table of one run of a suite kernel; null when the kernel is not a suite or has no
 * GIL/free-threaded pair. `resamples` is for tests (the site uses the bootstrap's default).
 */
export function overheadTable(kernel: Pick<Kernel, 'id' | 'implementations' | 'suite'>, run: Run, opts: { resamples?: number } = {}): OverheadTable | null {
  if (!kernel.suite || run.kernel !== kernel.id) return null;
  const pairs = versionPairs(kernel);
  if (pairs.length === 0) return null;
  const kernelParts = kernel.suite.parts.map((p) => p.id);
  const tool = (runtime: string) => ({ version: run.toolchains[runtime]?.version ?? null, build: run.toolchains[runtime]?.build ?? null });
  const versions = pairs.map(({ version, gil, freeThreaded, gilRuntime, freeThreadedRuntime }): OverheadVersion => {
    const g = run.implementations.find((r) => r.id === gil);
    const f = run.implementations.find((r) => r.id === freeThreaded);
    const base = { version, gilImpl: gil, freeThreadedImpl: freeThreaded, builds: { gil: tool(gilRuntime), freeThreaded: tool(freeThreadedRuntime) } };
    if (g?.status !== 'ok' || f?.status !== 'ok' || !g.parts || !f.parts) {
      const why = [g, f].find((r) => r && r.status !== 'ok');
      const reason = why ? `${why.id}: ${why.status}${why.reason ? ` (${why.reason})` : ''}` : !g || !f ? 'not in this run' : 'no per-benchmark times';
      return { ...base, measured: null, notMeasured: reason, pairedRounds: null };
    }
    const partIds = partsOfRun(kernelParts, Object.keys(g.parts));
    const sides = { ft: { parts: f.parts, samplesPerProcess: f.samplesPerProcess ?? [] }, gil: { parts: g.parts, samplesPerProcess: g.samplesPerProcess ?? [] } };
    // Paired when the run grouped the two (ABBA rounds) and both ran in every round; else the unpaired ratio of medians.
    const paired = (run.protocol.groups ?? []).some((x) => x.includes(gil) && x.includes(freeThreaded)) && g.session === f.session && canPair(partIds, sides.ft, sides.gil);
    const ratio = (ids: readonly string[]) => (paired ? pairedGeometricMeanRatio(ids, sides.ft, sides.gil, opts) : geometricMeanRatio(ids, sides.ft, sides.gil, opts));
    const all = ratio(partIds);
    const parts = kernel.suite!.parts.filter((p) => partIds.includes(p.id)).map((p): OverheadPart => {
      const one = ratio([p.id]);
      return { part: p.id, description: p.description, gilMedianNs: one.parts[0]!.subjectMedianNs, freeThreadedMedianNs: one.parts[0]!.baselineMedianNs, ratio: one.point, lo: one.lo, hi: one.hi };
    });
    return { ...base, measured: { ratio: all.point, lo: all.lo, hi: all.hi, samples: { gil: all.nSubject, freeThreaded: all.nBaseline }, parts }, notMeasured: null, pairedRounds: paired ? (sides.gil.samplesPerProcess.length) : null };
  });
  const aa = runNoiseFloor(run, opts);
  const noise = aa ? { pair: aa.pair, ratio: aa.ratio.point, lo: aa.ratio.lo, hi: aa.ratio.hi, floor: aa.floor, rounds: aa.ratio.rounds } : null;
  const optimisation = tableOptimisation(versions.filter((v) => v.measured).map((v) => ({ version: v.version, gilBuild: v.builds.gil.build, freeThreadedBuild: v.builds.freeThreaded.build })));
  return { machine: run.machine.id, profile: run.profile, versions, noise, pinnedCpu: run.protocol.pinnedCpu ?? null, optimisation, kernelParts: kernelParts.length };
}

/** What a claim of this kernel says one version's overhead is (free-threaded time over GIL time). */
export interface ClaimedOverhead {
  version: string;
  claim: string;
  lo: number;
  hi: number;
  /** Where the article places it ("macOS ARM64"), when it names hardware. */
  hardware: string | null;
}

/**
 * The figures the kernel's measured ratio claims give, per version: claims whose subject is a
 * version's GIL build and whose baseline is its free-threaded build (the ratio is then free-threaded
 * time over GIL time), or the other way round (inverted).
 */
export function claimedOverheads(kernel: Pick<Kernel, 'id' | 'implementations'>, claims: readonly Claim[]): ClaimedOverhead[] {
  const pairs = versionPairs(kernel);
  const out: ClaimedOverhead[] = [];
  for (const c of claims) {
    if (c.kind !== 'measured' || c.check.kernel !== kernel.id || c.check.comparison !== 'ratio' || !c.check.baseline) continue;
    const lo = c.claimed.range ? c.claimed.range.min : c.claimed.value;
    const hi = c.claimed.range ? c.claimed.range.max : c.claimed.value;
    if (lo === undefined || hi === undefined) continue;
    for (const p of pairs) {
      const gilIsSubject = c.check.subject === p.gil && c.check.baseline === p.freeThreaded;
      const ftIsSubject = c.check.subject === p.freeThreaded && c.check.baseline === p.gil;
      if (!gilIsSubject && !ftIsSubject) continue;
      const hardware = c.claimed.hardware?.description ?? null;
      out.push(gilIsSubject ? { version: p.version, claim: c.id, lo, hi, hardware } : { version: p.version, claim: c.id, lo: 1 / hi, hi: 1 / lo, hardware });
    }
  }
  return out.sort((a, b) => a.version.localeCompare(b.version) || a.claim.localeCompare(b.claim));
}

/** Why a version was not measured, short: the command that builds a missing interpreter, else the reason. */
export function notMeasuredText(reason: string): string {
  const build = /"(npm run setup:free-threaded -- [0-9.]+)"/.exec(reason)?.[1];
  return build ? `its interpreters are not built on this machine (${build} builds them)` : reason;
}

const percent = (ratio: number) => `${ratio >= 1 ? '+' : '−'}${Math.abs((ratio - 1) * 100).toLocaleString('en-US', { maximumFractionDigits: 0 })}%`;

/** "1.90x (+90%)". */
export function overheadText(ratio: number): string {
  return `${ratio.toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 })}x (${percent(ratio)})`;
}

const SERIES = { claimed: '#b45309', measured: '#1d4ed8' } as const;

/**
 * Overhead per version: for every version of the kernel, the claimed figures (band) and what each
 * machine measured (point and 95% interval), or a row saying it was not measured. Null when no
 * version was measured anywhere.
 */
export function overheadSpec(tables: readonly OverheadTable[], claimed: readonly ClaimedOverhead[]): Record<string, unknown> | null {
  if (!tables.some((t) => t.versions.some((v) => v.measured))) return null;
  const versions = [...new Set([...tables.flatMap((t) => t.versions.map((v) => v.version)), ...claimed.map((c) => c.version)])].sort();
  const many = tables.length > 1;
  type Row = { series: 'claimed' | 'measured' | 'not measured'; label: string; value: number | null; lo: number | null; hi: number | null };
  const rows: Row[] = [];
  for (const version of versions) {
    for (const c of claimed.filter((x) => x.version === version)) {
      const value = Math.sqrt(c.lo * c.hi);
      rows.push({ series: 'claimed', label: `${version} claimed${c.hardware ? ` (${c.hardware})` : ''}: ${c.lo === c.hi ? overheadText(c.lo) : `${overheadText(c.lo)} to ${overheadText(c.hi)}`}`, value, lo: c.lo, hi: c.hi });
    }
    for (const t of tables) {
      const v = t.versions.find((x) => x.version === version);
      const where = many ? ` on ${t.machine}` : '';
      if (v?.measured) rows.push({ series: 'measured', label: `${version} measured${where}: ${overheadText(v.measured.ratio)}`, value: v.measured.ratio, lo: v.measured.lo, hi: v.measured.hi });
      else rows.push({ series: 'not measured', label: `${version} measured${where}: ${v?.notMeasured?.includes(' missing') ? 'not built on this machine' : 'not measured'}`, value: null, lo: null, hi: null });
    }
  }
  const wrapped = rows.map((r, n) => ({ ...r, row: String(n).padStart(4, '0'), text: wrapText(r.label, CHART_WIDTH, 12) }));
  const lines = Math.max(...wrapped.map((d) => d.text.length));
  const data = wrapped.map((d) => ({ ...d, text: padLines(d.text, lines) }));
  const floor = tables.length === 1 ? (tables[0]!.noise?.floor ?? null) : null;
  const max = Math.max(1, 1 + (floor ?? 0), ...rows.flatMap((r) => [r.hi ?? 0, r.value ?? 0]));
  const present = (Object.keys(SERIES) as Array<keyof typeof SERIES>).filter((s) => rows.some((r) => r.series === s));
  // The row order is the data's: layers that draw only measured rows must not move the others to the end.
  const y = { field: 'row', type: 'nominal', title: null, sort: null, axis: null, scale: { domain: data.map((d) => d.row) } };
  const x = { field: 'value', type: 'quantitative', title: axisTitle('free-threaded time over GIL time (1 = no overhead)'), scale: { domain: [0, Math.ceil(max * 1.1 * 4) / 4] }, axis: { grid: true, tickCount: 4 } };
  const color = { field: 'series', type: 'nominal', title: null, scale: { domain: present, range: present.map((s) => SERIES[s]) }, legend: { orient: 'bottom', direction: 'horizontal' } };
  const drawn = { filter: 'datum.value != null' };
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    description: 'Single-thread overhead of the free-threaded build per CPython version: its time over the GIL build of the same version (geometric mean over the benchmarks), claimed and measured; bars show the claimed band or the 95% interval.',
    width: CHART_WIDTH,
    height: { step: 40 + (lines - 1) * LINE_HEIGHT },
    background: null,
    padding: { left: 4, right: 12, top: 4 + (lines - 1) * LINE_HEIGHT, bottom: 4 },
    config: { font: 'system-ui, sans-serif', axis: { labelFontSize: 12, titleFontSize: 12 }, legend: { labelFontSize: 12 }, view: { stroke: null } },
    data: { values: data },
    layer: [
      // First, so it lies beneath the marks: the run's noise floor (one machine): the band around 1 within which its A/A pair says nothing can be told apart.
      ...(floor !== null ? [{ mark: { type: 'rect', color: '#9ca3af', opacity: 0.18, aria: false }, encoding: { x: { datum: 1 / (1 + floor), type: 'quantitative' }, x2: { datum: 1 + floor } } }] : []),
      { transform: [drawn], mark: { type: 'rule', strokeWidth: 8, opacity: 0.35, yOffset: 6 }, encoding: { y, x: { ...x, field: 'lo' }, x2: { field: 'hi' }, color } },
      { transform: [drawn], mark: { type: 'point', filled: true, size: 90, opacity: 1, yOffset: 6 }, encoding: { y, x, color } },
      // Decorative (the axis title says 1 means no overhead): no ARIA, or the mark container would be an unnamed image.
      { mark: { type: 'rule', strokeDash: [4, 3], color: '#6b7280', aria: false }, encoding: { x: { datum: 1, type: 'quantitative' } } },
      { mark: { type: 'text', align: 'left', baseline: 'top', x: 0, yOffset: labelOffset(lines) + 4, fontSize: 12, lineHeight: LINE_HEIGHT }, encoding: { y, text: { field: 'text' } } },
    ],
  };
}
