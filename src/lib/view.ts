/**
 * View models: everything a page shows, computed once from the dataset. Pages only lay these out.
 */
import type { Article } from './schema/article.ts';
import type { Claim } from './schema/claim.ts';
import type { Implementation, Kernel } from './schema/kernel.ts';
import type { ImplResult, Machine, Run, Warning } from './schema/run.ts';
import { assess, type Assessment } from './verdict.ts';
import { ALL_VERDICTS, VERDICT_INFO, type Verdict } from './verdict-vocabulary.ts';
import { chartRows, claimChartSpec, type ChartRow } from './chart.ts';
import { reproduceCommand } from './reproduce.ts';
import { relativeIqr } from './stats.ts';

export interface Dataset {
  articles: Article[];
  claims: Claim[];
  kernels: Kernel[];
  runs: Run[];
}

export interface ImplRow {
  impl: Implementation;
  result: ImplResult | null;
  role: 'baseline' | 'subject' | null;
  /** Interquartile range over the median, when measured. */
  relSpread: number | null;
}

export interface RunTable {
  run: Run;
  machine: Machine;
  rows: ImplRow[];
  warnings: Warning[];
}

export interface ClaimView {
  claim: Claim;
  article: Article;
  href: string;
  assessment: Assessment;
  verdict: Verdict;
  kernel: Kernel | null;
  chartRows: ChartRow[];
  chartSpec: Record<string, unknown> | null;
  tables: RunTable[];
  reproduce: string | null;
  /** Claimed figure as text: "68,000x", "10–1,000x". */
  claimedText: string;
}

export interface ArticleView {
  article: Article;
  href: string;
  claims: ClaimView[];
  counts: Array<{ verdict: Verdict; n: number }>;
}

export interface SiteModel {
  claims: ClaimView[];
  articles: ArticleView[];
  counts: Array<{ verdict: Verdict; n: number }>;
  machines: Machine[];
  kernels: Kernel[];
}

export const claimHref = (id: string) => `/claims/${id}/`;
export const articleHref = (slug: string) => `/articles/${slug}/`;

function countVerdicts(claims: ClaimView[]): Array<{ verdict: Verdict; n: number }> {
  return ALL_VERDICTS.map((verdict) => ({ verdict, n: claims.filter((c) => c.verdict === verdict).length })).filter((c) => c.n > 0);
}

export function claimedText(claim: Claim): string {
  const c = claim.claimed;
  const u = c.unit === 'x' ? 'x' : c.unit === 'percent' ? '%' : ` ${c.unit}`;
  const f = (n: number) => n.toLocaleString('en-US');
  if (c.text !== undefined) return c.text;
  const v = c.range ? `${f(c.range.min)}–${f(c.range.max)}` : f(c.value!);
  return `${c.approximate ? '~' : ''}${v}${u}`;
}

function tablesFor(claim: Claim, kernel: Kernel | null, runs: Run[]): RunTable[] {
  if (!kernel) return [];
  const roles = claim.kind === 'measured' ? { [claim.check.baseline]: 'baseline', [claim.check.subject]: 'subject' } as Record<string, 'baseline' | 'subject'> : {};
  return runs
    .filter((r) => r.kernel === kernel.id)
    .map((run) => ({
      run,
      machine: run.machine,
      warnings: run.warnings,
      rows: kernel.implementations.map((impl) => {
        const result = run.implementations.find((i) => i.id === impl.id) ?? null;
        return { impl, result, role: roles[impl.id] ?? null, relSpread: result?.summary ? relativeIqr(result.summary) : null };
      }),
    }));
}

export function buildSiteModel(d: Dataset): SiteModel {
  const kernels = new Map(d.kernels.map((k) => [k.id, k]));
  const articles = new Map(d.articles.map((a) => [a.slug, a]));
  const claims: ClaimView[] = d.claims.map((claim) => {
    const assessment = assess(claim, d.runs);
    const kernel = claim.kind === 'measured' ? kernels.get(claim.check.kernel) ?? null : null;
    const rows = chartRows(claim, assessment);
    return {
      claim,
      article: articles.get(claim.article)!,
      href: claimHref(claim.id),
      assessment,
      verdict: assessment.verdict,
      kernel,
      chartRows: rows,
      chartSpec: claimChartSpec(claim, rows),
      tables: tablesFor(claim, kernel, d.runs),
      reproduce: claim.kind === 'measured' ? reproduceCommand(claim.check.kernel) : null,
      claimedText: claimedText(claim),
    };
  });
  const articleViews = d.articles
    .map((article) => {
      const own = claims.filter((c) => c.claim.article === article.slug).sort((a, b) => a.claim.order - b.claim.order || a.claim.id.localeCompare(b.claim.id));
      return { article, href: articleHref(article.slug), claims: own, counts: countVerdicts(own) };
    })
    .sort((a, b) => a.article.seed.localeCompare(b.article.seed));
  const machines = [...new Map(d.runs.map((r) => [r.machine.id, r.machine])).values()];
  const ordered = articleViews.flatMap((a) => a.claims);
  return { claims: ordered, articles: articleViews, counts: countVerdicts(ordered), machines, kernels: d.kernels };
}

export { VERDICT_INFO };
