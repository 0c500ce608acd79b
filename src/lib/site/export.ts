/**
 * The downloadable data: /data/claims.json, /data/claims/<id>.json and /data/runs.csv. Pure: view
 * models in, plain records out; the pages under src/pages/data serialize them.
 */
import { claimDataHref, type ClaimView, type SiteModel } from '../view.ts';
import type { Run } from '../schema/run.ts';
import { VERDICT_INFO } from '../verdict-vocabulary.ts';
import { toCsv, type CsvValue } from './csv.ts';

/** One claim as the reader downloads it: the record, our verdict and the figures it rests on. */
export function claimRecord(c: ClaimView, siteUrl: string) {
  const abs = (p: string) => new URL(p, siteUrl).href;
  return {
    id: c.claim.id,
    url: abs(c.href),
    statement: c.claim.statement,
    article: { slug: c.article.slug, title: c.article.title, url: c.article.url ?? null, page: abs(`/articles/${c.article.slug}/`) },
    section: c.claim.section,
    order: c.claim.order,
    topic: c.claim.topic,
    kind: c.claim.kind,
    claimed: { ...c.claim.claimed, text: c.claimedText },
    check: c.claim.check,
    verdict: c.verdict,
    verdictMeaning: VERDICT_INFO[c.verdict].meaning,
    explanation: c.assessment.explanation,
    // Sourced/arithmetic claims with measuredBy: what the measured claim of the same figure found (the verdict stays the sources').
    ourMeasurement: c.assessment.ourMeasurement && c.measuredBy
      ? { ...c.assessment.ourMeasurement, statement: c.measuredBy.statement, url: abs(c.measuredBy.href), data: abs(claimDataHref(c.measuredBy.id)) }
      : null,
    // Measured claims: the sourced and arithmetic claims of the same figure, and how this measurement relates to their sources.
    sourcedBy: c.sourcedBy.map((t) => ({ id: t.id, statement: t.statement, kind: t.kindLabel, verdict: t.verdict, relation: t.relation, url: abs(t.href) })),
    figures: c.assessment.runs.map((r) => ({
      machine: r.machine,
      runFinishedAt: r.runFinishedAt,
      verdict: r.verdict,
      threads: r.threads,
      measured: r.measured,
      projected: r.projected,
    })),
    machinesMeasured: c.machinesMeasured,
    history: c.history,
    basis: c.assessment.basis,
    sources: c.claim.sources,
    links: {
      page: abs(c.href),
      data: abs(c.dataHref),
      charts: [
        ...(c.chartSpec ? [abs(`/data/charts/${c.claim.id}.json`)] : []),
        ...c.machineCharts.map((m) => abs(m.href)),
        ...(c.speedupChart ? [abs(c.speedupChart.href)] : []),
      ],
      runs: c.tables.map((t) => abs(`/machines/${t.machine.id}/#run-${t.run.kernel}${t.run.variant ? `--${t.run.variant}` : ''}`)),
      runsCsv: abs('/data/runs.csv'),
    },
  };
}

export type ClaimRecord = ReturnType<typeof claimRecord>;

export function claimsDocument(site: SiteModel, siteUrl: string) {
  return {
    description: 'Every claim claimbench records, with the verdict computed from the measurements and sources at build time.',
    count: site.claims.length,
    claims: site.claims.map((c) => claimRecord(c, siteUrl)),
  };
}

export const RUN_COLUMNS = [
  'machine', 'kernel', 'implementation', 'status', 'reason', 'median_ns', 'q1_ns', 'q3_ns', 'n', 'threads', 'peak_rss_kib',
  'extrapolated_factor', 'profile', 'params', 'finished_at',
] as const;

/** One row per machine × kernel × implementation of the current runs. */
export function runRows(runs: readonly Run[]): Array<Record<(typeof RUN_COLUMNS)[number], CsvValue>> {
  return [...runs]
    .sort((a, b) => a.machine.id.localeCompare(b.machine.id) || a.kernel.localeCompare(b.kernel))
    .flatMap((run) =>
      run.implementations.map((i) => ({
        machine: run.machine.id,
        kernel: run.kernel,
        implementation: i.id,
        status: i.status,
        reason: i.reason ?? null,
        median_ns: i.summary?.medianNs ?? null,
        q1_ns: i.summary?.q1Ns ?? null,
        q3_ns: i.summary?.q3Ns ?? null,
        n: i.summary?.n ?? null,
        threads: i.threads,
        peak_rss_kib: i.peakRssKiB,
        extrapolated_factor: i.extrapolated?.factor ?? null,
        profile: run.profile,
        params: Object.entries(run.params).map(([k, v]) => `${k}=${v}`).join(' '),
        finished_at: run.finishedAt,
      })),
    );
}

export function runsCsv(runs: readonly Run[]): string {
  return toCsv(RUN_COLUMNS, runRows(runs));
}
