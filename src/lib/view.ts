/**
 * View models: everything a page shows, computed once from the dataset. Pages only lay these out.
 */
import type { Article } from './schema/article.ts';
import { serverLoadViews, serverSetupText, sweepChartsOf, type ServerLoadView } from './site/server-load.ts';
import { serverMetrics } from './load-generator.ts';
import { clientLoadViews, type ClientLoadView } from './site/client-load.ts';
import type { Claim } from './schema/claim.ts';
import type { Implementation, Kernel } from './schema/kernel.ts';
import type { ImplResult, Machine, Run, Status, Toolchain, Warning } from './schema/run.ts';
import { STATUSES } from './schema/run.ts';
import type { NoiseResult } from './schema/noise.ts';
import type { ProbeDef, ProbeOutcome, ProbeRun } from './schema/probe.ts';
import { assess, assessAll, type Assessment } from './verdict.ts';
import { claimsMeasuredBy, relationPhrase } from './our-measurement.ts';
import { ALL_VERDICTS, VERDICT_INFO, type Verdict } from './verdict-vocabulary.ts';
import { chartRows, claimChartSpec, type ChartRow } from './chart.ts';
import { reproduceCommand, reproduceSetupCommand } from './reproduce.ts';
import { relativeIqr } from './stats.ts';
import { measuresClaimWorkload } from './runs.ts';
import { variantKernel } from './schema/kernel.ts';
import { blasComparison, type BlasComparison } from './blas-ratio.ts';
import { formatNumber, formatRatio } from './format.ts';
import { claimedFigureText } from './sourced.ts';
import { readerSentence } from './reader-sentence.ts';
import { sameComparisonGroups, sameComparisonSentence } from './site/same-comparison.ts';
import { agreementText } from './measured.ts';
import { checkPhrase, facetGroups, kindLabel, topicLabel, type FacetGroup, type FacetItem } from './site/facets.ts';
import { packFields, searchFields, searchText } from './site/search.ts';
import { answeredQuestions, type FeaturedQuestion } from './site/featured.ts';
import { figureGroups, whatItChecks, type FigureGroup } from './site/figures.ts';
import { threadScalingRows, threadScalingSpec, versionsWithoutRows } from './site/thread-scaling.ts';
import { claimedOverheads, overheadSpec, overheadTable, type OverheadTable } from './site/overhead.ts';
import { preferredRuns } from './runs.ts';
import { besideViews, type BesideView } from './site/beside.ts';
import { shortTitle, speedupSpec, verdictsByArticleSpec, type ArticleVerdictRow } from './site/charts.ts';
import { selectSpeedupRows, speedupTitle } from './site/speedup-rows.ts';
import { ownProtocolNote } from './site/own-protocol.ts';

export interface Dataset {
  articles: Article[];
  claims: Claim[];
  kernels: Kernel[];
  /** The run shown for every machine and kernel: the full-profile one, else the quick one (src/lib/runs.ts). */
  runs: Run[];
  /** Quick-profile runs kept on disk but not shown, because their machine has a full run of the kernel. */
  shadowedRuns?: Run[];
  /** Older runs of the same machines and kernels (content/runs/<machine>/history/), when loaded. */
  history?: Run[];
  /** Each machine's A/A noise test (content/runs/<machine>/noise.json), when loaded. */
  noise?: NoiseResult[];
  /** Each machine's probe outcomes (content/runs/<machine>/probes.json), when loaded. */
  probeRuns?: ProbeRun[];
  /** The probes themselves (harness/probes/<id>/probe.yaml), when loaded. */
  probes?: ProbeDef[];
  /** Runs of kernel variants (e.g. matmul in float64), stored apart; only claims naming the variant (`check.variant`) use them. */
  variantRuns?: Run[];
}

/** A probe claim's program and what it did on each machine. */
export interface ProbeView {
  def: ProbeDef;
  outcomes: Array<{ machine: string; finishedAt: string; outcome: ProbeOutcome }>;
}

/**
 * A machine's A/A noise test: one implementation measured against itself, so any difference is
 * noise. `floor` is the smallest relative difference this machine can tell from noise.
 */
export interface NoiseFloor {
  /** When the test finished (ISO date-time). */
  finishedAt: string;
  kernel: string;
  impl: string;
  profile: string;
  /** 95th percentile of |ratio - 1| over the trials: 0.03 means differences under 3% are noise here. */
  floor: number;
  /** Number of A/A trials. */
  trials: number;
  /** Share of trials whose 95% interval wrongly excluded 1 (about 0.05 for a well-calibrated interval). */
  falsePositiveRate: number;
  /** 95% Wilson interval of falsePositiveRate; null for tests written before the paired design. */
  falsePositiveInterval: { lo: number; hi: number } | null;
  /** Paired rounds per trial; null for the older unpaired design (3 processes per side). */
  pairsPerTrial: number | null;
}

/** One step of a claim's verdict history: the verdict as it stood once this run arrived. */
export interface VerdictHistoryEntry {
  finishedAt: string;
  machine: string;
  profile: string;
  verdict: Verdict;
  /** The verdict before this run arrived; null for the first entry. */
  previous: Verdict | null;
  /** True when this run changed the verdict (always false for the first entry). */
  changed: boolean;
}

export type ImplRole = 'baseline' | 'subject' | 'basis';

export interface ImplRow {
  impl: Implementation;
  result: ImplResult | null;
  /** baseline / subject of the claim; basis: the single-threaded implementation its per-core rule multiplies. */
  role: ImplRole | null;
  /** Interquartile range over the median, when measured. */
  relSpread: number | null;
  /** Baseline median over this implementation's median, for ratio claims when both ran. */
  speedup: number | null;
  /** Server kernels: its load measurement at the table's connection count (null when it has none there). */
  load: { requestsPerSecond: number; p50Ns: number; p99Ns: number } | null;
}

export interface RunTable {
  run: Run;
  machine: Machine;
  rows: ImplRow[];
  warnings: Warning[];
  noiseFloor: NoiseFloor | null;
  /** Which profile the table shows and why, in a sentence. */
  profileNote: string;
  /**
   * Server kernels: the connection count whose load measurement the table shows (the claim's, else
   * the kernel's highest); null for kernels timed by samples. Server results have no samples, so a
   * median, spread or sample count would print only dashes.
   */
  serverConnections: number | null;
}

/** The sentence saying which profile a run table shows (full preferred; quick kept beside it). */
export function profileNote(run: Pick<Run, 'profile'> & Partial<Pick<Run, 'protocol'>>, quickBeside: Pick<Run, 'finishedAt'> | null): string {
  if (run.profile === 'full') {
    const own = run.protocol ? ownProtocolNote({ profile: run.profile, protocol: run.protocol }) : null;
    return (quickBeside
      ? `Shows the full-profile run; this machine's quick run of ${quickBeside.finishedAt.slice(0, 10)} is kept beside it and not shown.`
      : 'Shows the full-profile run.') + (own ? ` ${own}` : '');
  }
  return 'Shows a quick-profile run (fewer samples, coarser intervals): this machine has no full-profile run of this kernel yet.';
}

/** A chart with its id: its spec and data are served at `href`. */
export interface ChartView {
  id: string;
  title: string;
  spec: Record<string, unknown>;
  href: string;
}

/** Single-thread overhead of free-threaded CPython per version and per benchmark, every machine. */
export interface OverheadView {
  chart: ChartView | null;
  tables: OverheadTable[];
}

/** What one machine measured for a claim, as text for the page. */
export interface MeasuredFigure {
  machine: string;
  href: string;
  verdict: Verdict;
  /** "923x", "12.5 ms"; null when this machine could not measure it. */
  value: string | null;
  /** The 95% interval, "880x–960x". */
  interval: string | null;
  threads: number | null;
  /** The per-core (or per-thread) bound at the claimed cores, when a scaling rule applied. */
  bound: string | null;
  /** The cores the bound is projected to. */
  boundCores: number | null;
  /** Per-thread rule: the fewest cores at which the claimed figure is reachable. */
  coresNeeded: number | null;
  /** This machine's own explanation. */
  explanation: string;
}

/** The kernel variant a claim names: which workload was measured, for the claim page. */
export interface ClaimVariantView {
  id: string;
  description: string;
  /** The variant's parameter values, "rows = 15000000, query = filter". */
  params: string;
  /** How its workload differs from the article's (the variant's `note`), else null. */
  note: string | null;
}

/** A link from a claim to the claim that checks the same figure the other way (measured, or sourced/arithmetic). */
export interface TwinLink {
  id: string;
  href: string;
  statement: string;
  claimedText: string;
  verdict: Verdict;
  kindLabel: string;
  /** On a measured page: how our measurement relates to that claim's sources, in a phrase ("our measurement corroborates its sources"). */
  relation: string | null;
}

export interface ClaimView {
  claim: Claim;
  article: Article;
  href: string;
  /** The claim as JSON: /data/claims/<id>.json. */
  dataHref: string;
  assessment: Assessment;
  verdict: Verdict;
  /** The kernel as the claim's workload measures it (a variant's parameters and implementations when the claim names one). */
  kernel: Kernel | null;
  /** The kernel variant the claim names (`check.variant`), or null for the kernel's main workload. */
  variant: ClaimVariantView | null;
  /** Other workloads of the kernel shown beside the verdict, never judged (`check.beside`). */
  beside: BesideView[];
  chartRows: ChartRow[];
  chartSpec: Record<string, unknown> | null;
  /** What the claimed-vs-measured chart's marks and bars are, in a sentence or two (its caption). */
  chartNote: string;
  /** Server kernels: how our setup (CPUs, network, payload, connections) differs from the claim's. */
  setupComparison: string | null;
  /** One claimed-vs-measured chart per machine, only when more than one machine measured it. */
  machineCharts: ChartView[];
  /** Speed-up over the baseline: every implementation on the deciding machine, the claim's own on the others (site/speedup-rows.ts). */
  speedupChart: ChartView | null;
  /** Per-thread claims: speed-up against threads, GIL and free-threaded builds side by side. */
  threadScalingChart: ChartView | null;
  /** Per-thread claims: the CPython versions of the kernel the chart has no bars for (not measured). */
  threadScalingMissing: string[];
  /** Server kernels: requests/s of every implementation at each connection count, one chart per machine. */
  sweepCharts: ChartView[];
  /** Suite kernels on CPython GIL/free-threaded pairs: overhead per version (chart) and per benchmark (tables, one per machine). */
  overhead: OverheadView | null;
  tables: RunTable[];
  reproduce: string | null;
  /**
   * The setup step before `reproduce` for a kernel on the builds of npm run setup:free-threaded,
   * optimised as the deciding run's builds were (CLAIMBENCH_PY_OPT); null for other kernels.
   */
  reproduceSetup: string | null;
  /** Claimed figure as text: "68,000x", "10–1,000x". */
  claimedText: string;
  /** Per machine: what it measured (measured claims). */
  figures: MeasuredFigure[];
  /** Machines whose run measured the claim (not pending). */
  machinesMeasured: number;
  /** Newest run the verdict rests on (ISO date-time), or null. */
  lastMeasuredAt: string | null;
  /** The verdict across runs, oldest first; empty for claims that do not rest on runs. */
  history: VerdictHistoryEntry[];
  /** The claim's value for each index facet (verdict, article, topic, kind). */
  facets: FacetItem;
  topicLabel: string;
  kindLabel: string;
  /** Normalized text the search page matches against. */
  searchText: string;
  /** The searchable fields, packed (see site/search.ts): the search page ranks with them. */
  searchFields: string;
  /** The answer to a question on the home page (ranks first among equal search scores). */
  featured: boolean;
  /**
   * The claim in one plain sentence from the numbers (src/lib/reader-sentence.ts), shown before the
   * statistics on every list and page and in ClaimReview's reviewBody.
   */
  sentence: string;
  /** How it was checked, beside its badge: "by measurement", "against its source". */
  checkPhrase: string;
  /** What this record checks, in one sentence (figure pages set records of one figure side by side). */
  whatItChecks: string;
  /** The figure page this claim's number belongs to, when several records share it. */
  figureHref: string | null;
  /**
   * Records claiming the same comparison on machines of other sizes (35,000x on 32 cores beside
   * 68,000x on 88), with one sentence on why the figures differ (src/lib/site/same-comparison.ts).
   */
  sameComparison: { sentence: string; others: Array<{ id: string; href: string; claimedText: string; verdict: string }> } | null;
  /** Sourced and arithmetic claims with `measuredBy`: the measured claim of the same figure (what it found is `assessment.ourMeasurement`). */
  measuredBy: TwinLink | null;
  /** Measured claims: the sourced and arithmetic claims that name this one in `measuredBy`, with their verdicts (computed at build). */
  sourcedBy: TwinLink[];
  /** For probe claims, and sourced claims with `check.probe`: the program and its outcomes. */
  probe: ProbeView | null;
  /** Measured claims: "1 of 2 machines agree; m2 says overstated"; null when no machine measured it. */
  agreement: string | null;
}

export interface ArticleView {
  article: Article;
  href: string;
  claims: ClaimView[];
  counts: Array<{ verdict: Verdict; n: number }>;
}

export interface MachineRunView {
  run: Run;
  kernel: string;
  /** The kernel variant this run measured (e.g. f64), or null for the main workload. */
  variant: string | null;
  kernelTitle: string;
  href: string;
  statuses: Array<{ status: Status; n: number }>;
}

export interface MachineView {
  machine: Machine;
  href: string;
  /** Toolchains over all its runs, the newest run's version of each. */
  toolchains: Array<{ name: string } & Toolchain>;
  noiseFloor: NoiseFloor | null;
  runs: MachineRunView[];
  lastRunAt: string | null;
  /** Probe outcomes on this machine (programs that answer a question about code), newest file. */
  probes: { finishedAt: string; outcomes: Array<{ id: string; compiled: boolean | null; exitCode: number | null; reason?: string }> } | null;
  /** Claims measured (or pending) on this machine, with the verdict this machine alone gives. */
  claims: Array<{ view: ClaimView; verdict: Verdict }>;
  /** Each language's best tier against OpenBLAS, per run of a kernel that has an OpenBLAS baseline. */
  blas: Array<BlasComparison & { kernelTitle: string; profile: string; params: Run['params']; variant: string | null }>;
  /** Server kernels measured here: requests/s and latency percentiles per implementation and connection count. */
  servers: ServerLoadView[];
  /** Client kernels (a fixed helper server): throughput per client, the server's load, the projection. */
  clients: ClientLoadView[];
}

/** A question readers arrive with, and the records that answer it. */
export interface FeaturedView {
  question: FeaturedQuestion;
  answer: ClaimView;
  related: ClaimView[];
}

/** A figure several records quote, with the records side by side. */
export interface FigureView extends FigureGroup<ClaimView> {
  href: string;
}

export interface SiteModel {
  claims: ClaimView[];
  articles: ArticleView[];
  counts: Array<{ verdict: Verdict; n: number }>;
  machines: Machine[];
  machineViews: MachineView[];
  kernels: Kernel[];
  /** The run shown for every machine and kernel: the full-profile one, else the quick one (src/lib/runs.ts). */
  runs: Run[];
  /** Quick-profile runs kept on disk but not shown, because their machine has a full run of the kernel. */
  shadowedRuns?: Run[];
  facets: FacetGroup[];
  /** Verdicts per article: the rows and the chart. */
  articleVerdicts: ArticleVerdictRow[];
  verdictsByArticle: ChartView;
  /** Every chart on the site, for /data/charts/<id>.json. */
  charts: ChartView[];
  /** The home page's questions with their answers. */
  featured: FeaturedView[];
  /** Figures quoted by several records: /figures/<slug>/. */
  figures: FigureView[];
}

export const claimHref = (id: string) => `/claims/${id}/`;
export const articleHref = (slug: string) => `/articles/${slug}/`;
export const machineHref = (id: string) => `/machines/${id}/`;
export const chartHref = (id: string) => `/data/charts/${id}.json`;
export const claimDataHref = (id: string) => `/data/claims/${id}.json`;
export const figureHref = (slug: string) => `/figures/${slug}/`;

/** Every run of every machine: the current ones and the older ones of the same machine and kernel. */
export function runsWithHistory(d: Dataset): Run[] {
  return [...d.runs, ...(d.variantRuns ?? []), ...(d.history ?? [])];
}

/** The kernel as a measured claim's workload measures it: the variant it names, else the kernel itself. */
function claimKernel(claim: Claim, kernels: ReadonlyMap<string, Kernel>): { kernel: Kernel | null; variant: ClaimVariantView | null } {
  if (claim.kind !== 'measured') return { kernel: null, variant: null };
  const k = kernels.get(claim.check.kernel) ?? null;
  const v = k && claim.check.variant !== undefined ? k.variants.find((x) => x.id === claim.check.variant) : undefined;
  if (!k || !v) return { kernel: k, variant: null };
  const measured = variantKernel(k, v.id);
  const params = measured.params.map((p) => `${p.name} = ${measured.workload[p.name]}`).join(', ');
  return { kernel: measured, variant: { id: v.id, description: v.description, params, note: v.note ?? null } };
}

/** The newest A/A noise test of a machine, or null when it has none. */
export function noiseFloorOf(d: Dataset, machineId: string): NoiseFloor | null {
  const n = (d.noise ?? []).filter((x) => x.machine.id === machineId).sort((a, b) => b.finishedAt.localeCompare(a.finishedAt))[0];
  if (!n) return null;
  return {
    finishedAt: n.finishedAt, kernel: n.kernel, impl: n.impl, profile: n.profile, floor: n.floor, trials: n.trials.length, falsePositiveRate: n.falsePositiveRate,
    falsePositiveInterval: n.falsePositiveInterval ?? null, pairsPerTrial: n.design?.pairs ?? null,
  };
}

function countVerdicts(claims: ClaimView[]): Array<{ verdict: Verdict; n: number }> {
  return ALL_VERDICTS.map((verdict) => ({ verdict, n: claims.filter((c) => c.verdict === verdict).length })).filter((c) => c.n > 0);
}

/** A figure in the claim's unit: 35000 -> "35,000x", 2.5 in s -> "2.5 s". */
export function figureText(claim: Claim, n: number): string {
  const u = claim.claimed.unit;
  return `${n.toLocaleString('en-US')}${u === 'x' ? 'x' : u === 'percent' ? '%' : u === 'none' || u === 'count' ? '' : ` ${u}`}`;
}

/** The claimed figure or fact as the article wrote it (every digit it gave): "0.0006 s", "over 25,000 stars". */
export function claimedText(claim: Claim): string {
  return claimedFigureText(claim);
}

/**
 * The verdict as it stood after each run of the claim's kernel arrived, oldest first: at each run,
 * the newest run of every machine so far is assessed together. Runs listed twice count once.
 */
export function verdictHistory(claim: Claim, runs: readonly Run[], noise: readonly NoiseResult[] = []): VerdictHistoryEntry[] {
  if (claim.kind !== 'measured' || claim.check.planned) return [];
  const seen = new Set<string>();
  const relevant = runs
    .filter((r) => measuresClaimWorkload(r, claim.check))
    .filter((r) => {
      const key = `${r.machine.id}\u0000${r.finishedAt}`;
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    })
    .sort((a, b) => a.finishedAt.localeCompare(b.finishedAt) || a.machine.id.localeCompare(b.machine.id));
  const latest = new Map<string, Run>();
  const out: VerdictHistoryEntry[] = [];
  for (const run of relevant) {
    latest.set(run.machine.id, run);
    const verdict = assess(claim, [...latest.values()], [], noise).verdict;
    const previous = out.at(-1)?.verdict ?? null;
    out.push({ finishedAt: run.finishedAt, machine: run.machine.id, profile: run.profile, verdict, previous, changed: previous !== null && previous !== verdict });
  }
  return out;
}

function figuresOf(claim: Claim, a: Assessment): MeasuredFigure[] {
  const fmt = (x: number) => (claim.claimed.unit === 'x' ? formatRatio(x) : `${formatNumber(x)} ${claim.claimed.unit}`);
  return a.runs.map((r) => ({
    machine: r.machine,
    href: machineHref(r.machine),
    verdict: r.verdict,
    value: r.measured ? fmt(r.measured.point) : null,
    interval: r.measured && r.measured.hi > r.measured.lo ? `${fmt(r.measured.lo)}–${fmt(r.measured.hi)}` : null,
    threads: r.threads,
    bound: r.projected ? `${fmt(r.projected.point)} (with its uncertainty ${fmt(r.projected.lo)}–${fmt(r.projected.hi)})` : null,
    boundCores: r.projected?.cores ?? null,
    coresNeeded: r.coresNeeded,
    explanation: r.explanation,
  }));
}

function rolesOf(claim: Claim): Record<string, ImplRole> {
  const roles: Record<string, ImplRole> = {};
  if (claim.kind === 'measured') {
    if (claim.check.scaling?.from) roles[claim.check.scaling.from] = 'basis';
    if (claim.check.baseline) roles[claim.check.baseline] = 'baseline';
    roles[claim.check.subject] = 'subject';
  }
  return roles;
}

const okMedian = (r: ImplResult | null | undefined): number | null =>
  r?.status === 'ok' && r.summary && r.summary.medianNs > 0 ? r.summary.medianNs : null;

function tablesFor(claim: Claim, kernel: Kernel | null, runs: Run[], noise: (machine: string) => NoiseFloor | null, shadowed: readonly Run[] = []): RunTable[] {
  if (!kernel) return [];
  const roles = rolesOf(claim);
  const baselineId = claim.kind === 'measured' && claim.check.comparison === 'ratio' ? claim.check.baseline : undefined;
  const serverConnections = kernel.server ? ((claim.kind === 'measured' ? claim.check.connections : undefined) ?? Math.max(...kernel.server.connections)) : null;
  return runs
    .filter((r) => claim.kind === 'measured' ? measuresClaimWorkload(r, claim.check) : r.kernel === kernel.id)
    .map((run) => {
      const base = baselineId ? okMedian(run.implementations.find((i) => i.id === baselineId)) : null;
      return {
        run,
        machine: run.machine,
        warnings: run.warnings,
        noiseFloor: noise(run.machine.id),
        profileNote: profileNote(run, run.variant ? null : shadowed.find((q) => q.machine.id === run.machine.id && q.kernel === run.kernel && !q.variant) ?? null),
        serverConnections,
        rows: kernel.implementations.map((impl) => {
          const result = run.implementations.find((i) => i.id === impl.id) ?? null;
          const own = okMedian(result);
          const m = serverConnections !== null && result?.status === 'ok' ? serverMetrics(result.load, serverConnections) : null;
          return {
            impl, result, role: roles[impl.id] ?? null,
            relSpread: result?.summary ? relativeIqr(result.summary) : null,
            speedup: base !== null && own !== null ? base / own : null,
            load: m ? { requestsPerSecond: m['requests-per-second']!, p50Ns: m['latency-p50']!, p99Ns: m['latency-p99']! } : null,
          };
        }),
      };
    });
}

/**
 * The caption of a claim's chart, from what it draws: the claimed diamond (a range's mark sits at
 * its geometric middle), measured circles (a median ratio with its bootstrap interval, or a
 * server's single load measurement at the claim's connection count, which has no interval), and
 * per-core squares when a bound is drawn.
 */
export function claimChartNote(claim: Claim, rows: readonly ChartRow[], kernel: Kernel | null): string {
  if (claim.kind !== 'measured' || rows.length === 0) return '';
  const unitWord = claim.claimed.unit === 'x' ? 'ratio' : claim.claimed.unit;
  const range = claim.claimed.range !== undefined;
  const diamond = claim.check.spread
    ? 'Diamond: the middle of the claimed range (on a ratio scale); its bar: the range.'
    : `Diamond: the claimed figure${range ? ' (drawn at the middle of the claimed range, on a ratio scale; the label gives the range)' : ''}; its bar: the tolerance band.`;
  const server = kernel?.server !== undefined && !claim.check.spread;
  const circles = server
    ? `Circles: the ${unitWord} each machine measured in one load measurement${claim.check.connections !== undefined ? ` at ${claim.check.connections} connections` : ''}, which has no sampling interval, so no bar.`
    : `Circles: each ${claim.check.spread ? 'problem\'s' : 'machine\'s'} median ${unitWord}; their bars: the 95% bootstrap interval.`;
  const squares = rows.some((r) => r.series === 'per-core bound') ? ' Squares: the bound projected to the claimed cores, with its allowances.' : '';
  return `${diamond} ${circles}${squares}`;
}

const ROLE_NAMES = { baseline: 'baseline', subject: 'subject', basis: 'per-core basis' } as const;

/** The speed-up chart: every implementation on the deciding machine, the claim's own on the others (speedup-rows.ts). */
function speedupChartOf(claim: Claim, tables: RunTable[], decidingMachine: string | null): ChartView | null {
  if (claim.kind !== 'measured' || claim.check.comparison !== 'ratio' || !claim.check.baseline) return null;
  const selection = selectSpeedupRows(
    tables.map((t) => ({
      machine: t.machine.id,
      rows: t.rows.map((r) => ({
        impl: r.impl.id,
        label: `${r.impl.label}${(r.result?.threads ?? 1) > 1 ? ` (${r.result!.threads} threads)` : ''}`,
        role: r.role ? ROLE_NAMES[r.role] : null,
        speedup: r.speedup,
      })),
    })),
    decidingMachine,
  );
  const title = speedupTitle(claim.check.baseline, selection);
  const spec = speedupSpec(claim.id, claim.check.baseline, selection.rows, selection.trimmed ? title : undefined);
  const id = `${claim.id}--speedup`;
  return spec ? { id, title, spec, href: chartHref(id) } : null;
}

function threadScalingChartOf(claim: Claim, kernel: Kernel | null, runs: readonly Run[]): ChartView | null {
  if (claim.kind !== 'measured' || claim.check.scaling?.rule !== 'per-thread' || !kernel) return null;
  const spec = threadScalingSpec(threadScalingRows(kernel, runs));
  const id = `${claim.id}--threads`;
  return spec ? { id, title: 'Speed-up against threads, with and without the GIL', spec, href: chartHref(id) } : null;
}

/** The overhead view of a suite kernel on CPython pairs (computed once per kernel: bootstrap intervals). */
function overheadViewOf(kernel: Kernel, runs: readonly Run[], claims: readonly Claim[]): OverheadView | null {
  const tables = preferredRuns(runs.filter((r) => r.kernel === kernel.id && !r.variant))
    .sort((a, b) => a.machine.id.localeCompare(b.machine.id))
    .flatMap((r) => overheadTable(kernel, r) ?? []);
  if (tables.length === 0) return null;
  const spec = overheadSpec(tables, claimedOverheads(kernel, claims));
  const id = `${kernel.id}--overhead-per-version`;
  return { chart: spec ? { id, title: 'Single-thread overhead per CPython version', spec, href: chartHref(id) } : null, tables };
}

function machineChartsOf(claim: Claim, assessment: Assessment): ChartView[] {
  const measured = assessment.runs.filter((r) => r.measured);
  if (measured.length < 2) return [];
  return measured.flatMap((r) => {
    const spec = claimChartSpec(claim, chartRows(claim, { ...assessment, runs: [r] }));
    const id = `${claim.id}--${r.machine}`;
    return spec ? [{ id, title: `Claimed vs measured on ${r.machine}`, spec, href: chartHref(id) }] : [];
  });
}

/** Kernels in name order, each main run before its variants. */
const byKernelThenVariant = (a: Run, b: Run) => a.kernel.localeCompare(b.kernel) || (a.variant ?? '').localeCompare(b.variant ?? '');

function machineViewsOf(d: Dataset, claims: ClaimView[]): MachineView[] {
  const kernelTitle = new Map(d.kernels.map((k) => [k.id, k.title]));
  const byMachine = new Map<string, Run[]>();
  const others = [...(d.noise ?? []), ...(d.probeRuns ?? [])];
  for (const n of others) byMachine.set(n.machine.id, byMachine.get(n.machine.id) ?? []);
  for (const r of [...d.runs, ...(d.variantRuns ?? [])]) byMachine.set(r.machine.id, [...(byMachine.get(r.machine.id) ?? []), r]);
  return [...byMachine.entries()]
    .map(([id, runs]) => {
      const sorted = [...runs].sort((a, b) => b.finishedAt.localeCompare(a.finishedAt));
      const machine = sorted[0]?.machine ?? others.find((n) => n.machine.id === id)!.machine;
      const probeRun = (d.probeRuns ?? []).filter((p) => p.machine.id === id).sort((a, b) => b.finishedAt.localeCompare(a.finishedAt))[0];
      const toolchains = new Map<string, Toolchain>();
      for (const r of [...sorted].reverse()) for (const [name, t] of Object.entries(r.toolchains)) toolchains.set(name, t);
      return {
        machine,
        href: machineHref(id),
        toolchains: [...toolchains.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([name, t]) => ({ name, ...t })),
        noiseFloor: noiseFloorOf(d, id),
        lastRunAt: sorted[0]?.finishedAt ?? null,
        probes: probeRun ? { finishedAt: probeRun.finishedAt, outcomes: probeRun.outcomes.map((o) => ({ id: o.id, compiled: o.compiled, exitCode: o.exitCode, ...(o.reason ? { reason: o.reason } : {}) })) } : null,
        runs: [...runs].sort(byKernelThenVariant).map((run) => ({
          run,
          kernel: run.kernel,
          variant: run.variant ?? null,
          kernelTitle: kernelTitle.get(run.kernel) ?? run.kernel,
          href: `${machineHref(id)}#run-${run.kernel}${run.variant ? `--${run.variant}` : ''}`,
          statuses: STATUSES.map((status) => ({ status, n: run.implementations.filter((i) => i.status === status).length })).filter((s) => s.n > 0),
        })),
        claims: claims.flatMap((view) => view.assessment.runs.filter((r) => r.machine === id).map((r) => ({ view, verdict: r.verdict }))),
        servers: serverLoadViews(runs, d.kernels),
        clients: clientLoadViews(runs, d.kernels),
        blas: [...runs].sort(byKernelThenVariant).flatMap((run) => {
          const kernel = d.kernels.find((k) => k.id === run.kernel);
          const c = kernel ? blasComparison(run, kernel) : null;
          return c ? [{ ...c, kernelTitle: kernel!.title, profile: run.profile, params: run.params, variant: run.variant ?? null }] : [];
        }),
      };
    })
    .sort((a, b) => a.machine.id.localeCompare(b.machine.id));
}

function probeViewOf(id: string, d: Dataset): ProbeView | null {
  const def = (d.probes ?? []).find((p) => p.id === id);
  if (!def) return null;
  const outcomes = (d.probeRuns ?? []).flatMap((r) => r.outcomes.filter((o) => o.id === id).map((outcome) => ({ machine: r.machine.id, finishedAt: r.finishedAt, outcome })));
  return { def, outcomes };
}

/** The run that decides a measured claim's verdict (else the first that measured it), or null. */
function decidingRunOf(check: { kernel: string; variant?: string | undefined }, a: Assessment, runs: readonly Run[]): Run | null {
  const decider = a.decidingRun ?? a.runs.find((r) => r.measured) ?? null;
  return decider ? (runs.find((r) => measuresClaimWorkload(r, check) && r.machine.id === decider.machine && r.finishedAt === decider.runFinishedAt) ?? runs.find((r) => measuresClaimWorkload(r, check) && r.machine.id === decider.machine) ?? null) : null;
}

export function buildSiteModel(d: Dataset): SiteModel {
  const kernels = new Map(d.kernels.map((k) => [k.id, k]));
  const articles = new Map(d.articles.map((a) => [a.slug, a]));
  const allRuns = runsWithHistory(d);
  const currentRuns = [...d.runs, ...(d.variantRuns ?? [])];
  const noise = (machine: string) => noiseFloorOf(d, machine);
  // The answer of each home-page question ranks first among equal search scores.
  const featuredIds = new Set(answeredQuestions(d.claims).map((q) => q.answer.id));
  const overheads = new Map<string, OverheadView | null>();
  const overheadOf = (kernel: Kernel | null): OverheadView | null => {
    if (!kernel?.suite) return null;
    if (!overheads.has(kernel.id)) overheads.set(kernel.id, overheadViewOf(kernel, d.runs, d.claims));
    return overheads.get(kernel.id)!;
  };
  // Main runs and variant runs: the engine and the tables take those of the workload the claim names.
  const assessments = assessAll(d.claims, currentRuns, d.probeRuns ?? [], d.noise ?? []);
  const claims: ClaimView[] = d.claims.map((claim) => {
    const assessment = assessments.get(claim.id)!;
    const { kernel, variant } = claimKernel(claim, kernels);
    const rows = chartRows(claim, assessment);
    const article = articles.get(claim.article)!;
    const tables = tablesFor(claim, kernel, currentRuns, noise, d.shadowedRuns);
    const measured = assessment.runs.filter((r) => r.measured);
    const verdict = assessment.verdict;
    const text = claimedText(claim);
    return {
      claim,
      article,
      href: claimHref(claim.id),
      dataHref: claimDataHref(claim.id),
      assessment,
      verdict,
      kernel,
      variant,
      beside: claim.kind === 'measured' ? besideViews(claim, kernels.get(claim.check.kernel) ?? null, currentRuns) : [],
      chartRows: rows,
      chartSpec: claimChartSpec(claim, rows),
      chartNote: claimChartNote(claim, rows, kernel),
      setupComparison: claim.kind === 'measured' ? serverSetupText(claim.claimed, claim.check, d.runs, kernel) : null,
      machineCharts: machineChartsOf(claim, assessment),
      speedupChart: speedupChartOf(claim, tables, assessment.decidingRun?.machine ?? null),
      threadScalingChart: threadScalingChartOf(claim, kernel, d.runs),
      threadScalingMissing: claim.kind === 'measured' && claim.check.scaling?.rule === 'per-thread' && kernel ? versionsWithoutRows(kernel, threadScalingRows(kernel, d.runs)) : [],
      sweepCharts: claim.kind === 'measured' ? sweepChartsOf(claim.id, claim.check, d.runs, kernel).map((c) => ({ ...c, href: chartHref(c.id) })) : [],
      overhead: overheadOf(kernel),
      tables,
      reproduce: claim.kind === 'measured' && !claim.check.planned ? reproduceCommand(claim.check.kernel, undefined, claim.check.variant) : null,
      reproduceSetup: claim.kind === 'measured' && !claim.check.planned && kernel ? reproduceSetupCommand(kernel, claim.check, decidingRunOf(claim.check, assessment, currentRuns)) : null,
      claimedText: text,
      figures: figuresOf(claim, assessment),
      machinesMeasured: measured.length,
      lastMeasuredAt: assessment.runs.map((r) => r.runFinishedAt).sort().at(-1) ?? null,
      history: verdictHistory(claim, allRuns, d.noise ?? []),
      sentence: readerSentence(claim, assessment, currentRuns, kernel),
      agreement: assessment.agreement && assessment.agreement.measured > 0 ? agreementText(assessment.agreement) : null,
      facets: { verdict, article: claim.article, topic: claim.topic, kind: claim.kind },
      topicLabel: topicLabel(claim.topic),
      kindLabel: kindLabel(claim.kind),
      probe: claim.kind === 'probe' ? probeViewOf(claim.check.probe, d) : claim.kind === 'sourced' && claim.check.probe ? probeViewOf(claim.check.probe.probe, d) : null,
      searchText: searchText([claim.id, claim.statement, text, claim.section, article?.title, claim.topic, topicLabel(claim.topic), claim.kind, verdict, claim.claimed.subject, claim.claimed.baseline, claim.claimed.workload]),
      searchFields: packFields(searchFields({
        statement: [claim.statement],
        figure: [text, claim.id],
        compared: [claim.claimed.subject, claim.claimed.baseline, claim.claimed.workload],
        facets: [verdict, claim.kind, kindLabel(claim.kind), claim.topic, topicLabel(claim.topic)],
        article: [article?.title],
        section: [claim.section],
      })),
      featured: featuredIds.has(claim.id),
      checkPhrase: checkPhrase(claim.kind),
      whatItChecks: whatItChecks(claim),
      figureHref: null,
      sameComparison: null,
      measuredBy: null,
      sourcedBy: [],
    };
  });
  const articleViews = d.articles
    .map((article) => {
      const own = claims.filter((c) => c.claim.article === article.slug).sort((a, b) => a.claim.order - b.claim.order || a.claim.id.localeCompare(b.claim.id));
      return { article, href: articleHref(article.slug), claims: own, counts: countVerdicts(own) };
    })
    .sort((a, b) => a.article.order - b.article.order || a.article.title.localeCompare(b.article.title));
  const machines = [...new Map(d.runs.map((r) => [r.machine.id, r.machine])).values()];
  const ordered = articleViews.flatMap((a) => a.claims);
  const articleVerdicts = articleViews.flatMap((a) => a.counts.map((c) => ({ article: shortTitle(a.article.title), verdict: c.verdict, n: c.n })));
  const verdictsByArticle: ChartView = {
    id: 'verdicts-by-article',
    title: 'Verdicts per article',
    spec: verdictsByArticleSpec(articleVerdicts, articleViews.map((a) => shortTitle(a.article.title))),
    href: chartHref('verdicts-by-article'),
  };
  const charts: ChartView[] = [
    verdictsByArticle,
    ...ordered.flatMap((c) => [
      ...(c.chartSpec ? [{ id: c.claim.id, title: 'Claimed vs measured', spec: c.chartSpec, href: chartHref(c.claim.id) }] : []),
      ...c.machineCharts,
      ...(c.speedupChart ? [c.speedupChart] : []),
      ...(c.threadScalingChart ? [c.threadScalingChart] : []),
      ...c.sweepCharts,
    ]),
    // One overhead chart per kernel, however many of its claims show it.
    ...[...new Set(ordered.flatMap((c) => (c.overhead?.chart ? [c.overhead.chart] : [])))],
  ];
  const figures: FigureView[] = figureGroups(ordered).map((g) => ({ ...g, href: figureHref(g.key.slug) }));
  for (const f of figures) for (const c of f.claims) c.figureHref = f.href;
  const byId = new Map(claims.map((c) => [c.claim.id, c]));
  const linkTo = (c: ClaimView): TwinLink => ({
    id: c.claim.id, href: c.href, statement: c.claim.statement, claimedText: c.claimedText, verdict: c.verdict, kindLabel: c.kindLabel,
    relation: c.assessment.ourMeasurement && (c.claim.kind === 'sourced' || c.claim.kind === 'arithmetic') ? relationPhrase(c.assessment.ourMeasurement.relation, c.claim.kind) : null,
  });
  for (const [measuredId, named] of claimsMeasuredBy(d.claims)) {
    const twin = byId.get(measuredId)!;
    twin.sourcedBy = named.map((n) => linkTo(byId.get(n.id)!));
    for (const n of named) byId.get(n.id)!.measuredBy = { ...linkTo(twin), relation: null };
  }
  for (const group of sameComparisonGroups(claims)) {
    const sentence = sameComparisonSentence(group);
    for (const c of group) {
      c.sameComparison = { sentence, others: group.filter((o) => o !== c).map((o) => ({ id: o.claim.id, href: o.href, claimedText: o.claimedText, verdict: o.verdict })) };
    }
  }
  const featured = answeredQuestions(ordered.map((c) => ({ id: c.claim.id, view: c }))).map((q) => ({ question: q.question, answer: q.answer.view, related: q.related.map((r) => r.view) }));
  return {
    claims: ordered,
    articles: articleViews,
    counts: countVerdicts(ordered),
    machines,
    machineViews: machineViewsOf(d, ordered),
    kernels: d.kernels,
    runs: d.runs,
    facets: facetGroups(ordered.map((c) => c.facets), articleViews.map((a) => ({ slug: a.article.slug, title: a.article.title }))),
    articleVerdicts,
    verdictsByArticle,
    charts,
    featured,
    figures,
  };
}

export { VERDICT_INFO };
