import { expect, test } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { claimIdsIn, measuredWithRuns, parseCsv, records, runFiles, shot } from './helpers.ts';
import { ALL_VERDICTS } from '../../src/lib/verdict-vocabulary.ts';
import { loadKernelDefinitions } from '../../src/io/load.ts';
import { ownProtocolHeading, ownProtocolRows } from '../../src/lib/site/own-protocol.ts';
import { mismatchText, optimisationText, tableOptimisation } from '../../src/lib/build-optimisation.ts';

test('the index lists every claim with verdict, article, topic, kind and machines, and charts verdicts per article', async ({ page }) => {
  await page.goto('/');
  const recs = records();
  const rows = await page.locator('main > .with-facets li[data-claim]').evaluateAll((els) => els.map((e) => ({
    id: e.getAttribute('data-claim')!,
    article: e.getAttribute('data-article'),
    topic: e.getAttribute('data-topic'),
    kind: e.getAttribute('data-kind'),
    badges: e.querySelectorAll('.badge[data-verdict]').length,
    machines: e.querySelectorAll('[data-machines]').length,
  })));
  const byId = new Map(rows.map((r) => [r.id, r]));
  expect(rows).toHaveLength(recs.length);
  for (const r of recs) {
    expect(byId.get(r.id), r.id).toEqual({ id: r.id, article: r.article, topic: r.topic, kind: r.kind, badges: 1, machines: r.kind === 'measured' ? 1 : 0 });
  }
  const counts = page.getByRole('list', { name: 'Claims per verdict' }).locator('li');
  const total = (await counts.allInnerTexts()).map((t) => Number(t.match(/(\d+)\s*$/)?.[1])).reduce((a, b) => a + b, 0);
  expect(total).toBe(recs.length);
  await expect(page.getByTestId('verdicts-by-article').locator('svg')).toBeVisible();
  const tableTotal = (await page.getByTestId('article-verdicts').locator('tbody tr td:last-child').allTextContents()).reduce((a, t) => a + Number(t), 0);
  expect(tableTotal).toBe(recs.length);
  await expect(page.getByRole('search')).toHaveAttribute('action', '/search/');
  await shot(page, 'index-desktop');
  await page.setViewportSize({ width: 375, height: 800 });
  await shot(page, 'index-phone');
});

test('a measured claim page shows both sides, charts, implementations, history, reproduce and sources', async ({ page, request }) => {
  const m = measuredWithRuns();
  await page.goto(`/claims/${m.id}/`);
  await expect(page.locator('#verdict .badge[data-verdict]')).toBeVisible();
  await expect(page.getByTestId('explanation')).not.toBeEmpty();
  await expect(page.getByTestId('article-says')).toContainText('The article says');
  await expect(page.getByTestId('we-found').locator('.badge[data-verdict]').first()).toBeVisible();
  await expect(page.getByTestId('chart').locator('svg')).toBeVisible();
  await expect(page.getByTestId('chart').locator('svg')).toHaveAttribute('aria-label', /.+/);
  await expect(page.getByTestId('speedup-chart').locator('svg')).toBeVisible();
  const machines = new Set(runFiles().filter((r) => r.kernel === m.check.kernel).map((r) => r.machine));
  await expect(page.getByTestId('machine-chart')).toHaveCount(machines.size > 1 ? machines.size : 0);
  await expect(page.getByTestId('reproduce')).toHaveText(/^npm run harness -- --kernel \S+ --fresh$/);
  await expect(page.locator('tr[data-impl]').first()).toBeVisible();
  // Each machine's table says which profile it shows: the full run when the machine has one.
  for (const r of runFiles().filter((x) => x.kernel === m.check.kernel)) {
    const note = page.locator(`section.run[data-machine="${r.machine}"]`).getByTestId('run-profile');
    await expect(note).toHaveAttribute('data-profile', r.profile);
    await expect(note).toContainText(r.profile === 'full' ? 'Shows the full-profile run' : 'Shows a quick-profile run');
    if (r.quickBeside) await expect(note).toContainText('quick run');
  }
  await expect(page.locator('tr[data-role="subject"]').first()).toContainText('subject');
  if (JSON.stringify(m.check).includes('"from"')) await expect(page.locator('tr[data-role="basis"]').first()).toContainText('per-core basis');
  // One row per run of the kernel: at least the current run of each machine (older runs add rows).
  expect(await page.getByTestId('history').locator('tbody tr').count()).toBeGreaterThanOrEqual(machines.size);
  await expect(page.locator('details[data-source]').first()).toBeAttached();
  // The protocol helper its programs are built with is shown beside their source.
  await expect(page.locator('details[data-protocol-helper] code').first()).toContainText('harness/protocol/');
  // Every chart link on the page serves its spec with data.
  for (const href of await page.locator('figure.chart a').evaluateAll((as) => as.map((a) => a.getAttribute('href')!))) {
    const res = await request.get(href);
    expect(res.ok(), href).toBe(true);
    expect((await res.json()).data.values.length).toBeGreaterThan(0);
  }
  const json = await (await request.get(await page.getByTestId('claim-json').getAttribute('href') ?? '')).json();
  expect(json.id).toBe(m.id);
  expect(json.verdict).toBe(await page.locator('#verdict .badge').getAttribute('data-verdict'));
  await shot(page, 'claim-desktop');
  await page.setViewportSize({ width: 375, height: 800 });
  await shot(page, 'claim-phone');
});

test('every claim page carries ClaimReview JSON-LD mapped from its verdict, and Open Graph tags', async ({ request }) => {
  for (const r of records()) {
    const html = await (await request.get(`/claims/${r.id}/`)).text();
    const ld = JSON.parse(html.match(/<script type="application\/ld\+json">([\s\S]*?)<\/script>/)![1]!);
    const verdict = html.match(/id="verdict"[\s\S]*?data-verdict="([a-z-]+)"/)![1];
    expect(ld['@type']).toBe('ClaimReview');
    expect(ld.reviewRating.alternateName).toBe(verdict);
    expect(ld.reviewRating.ratingValue).toBeGreaterThanOrEqual(1);
    expect(ld.reviewRating.ratingValue).toBeLessThanOrEqual(5);
    expect(ld.claimReviewed).toBe(r.statement.trim());
    for (const p of ['og:title', 'og:description', 'og:type', 'og:url']) expect(html, `${r.id} ${p}`).toContain(`property="${p}"`);
    expect(html).toContain(`content="https://claimbench.example.org/claims/${r.id}/"`);
  }
});

test('every page type has Open Graph tags', async ({ request }) => {
  for (const path of ['/', '/claims/', '/search/', '/articles/', '/machines/', '/methodology/', '/data/']) {
    const html = await (await request.get(path)).text();
    for (const p of ['og:title', 'og:description', 'og:type', 'og:url']) expect(html, `${path} ${p}`).toMatch(new RegExp(`property="${p}" content="[^"]+"`));
  }
});

test('an article page lists its claims in reading order with a scorecard', async ({ page }) => {
  const recs = records();
  const article = measuredWithRuns().article;
  await page.goto(`/articles/${article}/`);
  const own = recs.filter((c) => c.article === article).sort((a, b) => a.order - b.order || a.id.localeCompare(b.id)).map((c) => c.id);
  expect(claimIdsIn(await page.content())).toEqual(own);
  const counts = (await page.getByRole('list', { name: 'Verdicts for this article' }).locator('li').allInnerTexts()).map((t) => Number(t.match(/(\d+)\s*$/)?.[1]));
  expect(counts.reduce((a, b) => a + b, 0)).toBe(own.length);
  await shot(page, 'article-desktop');
  await page.setViewportSize({ width: 375, height: 800 });
  await shot(page, 'article-phone');
  await page.locator('[data-claim] a').first().click();
  await expect(page).toHaveURL(/\/claims\/[a-z0-9-]+\/$/);
});

test('every article has a page reachable from the articles index', async ({ page }) => {
  await page.goto('/articles/');
  const hrefs = await page.locator('[data-article] h2 a').evaluateAll((as) => as.map((a) => a.getAttribute('href')!));
  expect(hrefs.length).toBeGreaterThanOrEqual(5);
  for (const href of hrefs) expect((await page.request.get(href)).status()).toBe(200);
  await shot(page, 'articles-desktop');
  await page.setViewportSize({ width: 375, height: 800 });
  await shot(page, 'articles-phone');
});

test('machine pages show fingerprint, toolchains, noise floor and every run', async ({ page }) => {
  const files = runFiles();
  const machines = [...new Set(files.map((f) => f.machine))];
  await page.goto('/machines/');
  await expect(page.getByTestId('machines').locator('tbody tr')).toHaveCount(machines.length);
  await shot(page, 'machines-desktop');
  for (const m of machines) {
    await page.goto(`/machines/${m}/`);
    await expect(page.getByTestId('fingerprint')).toContainText('CPU');
    await expect(page.getByTestId('noise-floor')).toBeVisible();
    const kernels = files.filter((f) => f.machine === m).map((f) => f.kernel).sort();
    expect((await page.getByTestId('runs').locator('tbody tr:not([data-variant])').evaluateAll((rs) => rs.map((r) => r.getAttribute('data-kernel')))).sort()).toEqual(kernels);
    // Where each run came from: the fleet's CI runner (its workflow run linked) or a hand contribution with its commit.
    for (const cell of await page.getByTestId('run-source').all()) {
      if ((await cell.getAttribute('data-source')) === 'ci') await expect(cell.locator('a')).toHaveAttribute('href', /^https:\/\/.+\/actions\/runs\/\d+$/);
      else await expect(cell).toHaveText(/^contributed by hand(, commit [0-9a-f]{12})?$/);
    }
    await expect(page.getByTestId('run-source')).not.toHaveCount(0);
    // A matmul run gets the comparison with OpenBLAS: one row per compared language, each with a share or the reason it has none.
    if (kernels.includes('matmul')) {
      const blas = page.locator('[data-testid="blas-ratio"][data-kernel="matmul"]:not([data-variant])');
      await expect(blas.locator('tbody tr')).toHaveCount(3);
      for (const lang of ['c', 'rust', 'mojo']) await expect(blas.locator(`tr[data-language="${lang}"] td`).last()).toHaveText(/met|missed|not judged|not measured/);
    }
    // A server kernel's run: requests/s, p50 and p99 for each implementation that served, at each connection count.
    if (kernels.includes('hello-server')) {
      const servers = page.locator('[data-testid="server-load"][data-kernel="hello-server"]');
      await expect(servers).toContainText('servers under load');
      const ok = servers.locator('tbody tr[data-status="ok"]');
      for (const row of await ok.all()) {
        await expect(row.locator('td').nth(2)).toHaveText(/^[\d,]+$/);
        await expect(row.locator('td').nth(3)).toHaveText(/\d (ns|µs|ms|s)$/);
        await expect(row.locator('td').nth(4)).toHaveText(/\d (ns|µs|ms|s)$/);
      }
      await expect(servers.locator('tbody tr')).not.toHaveCount(0);
    }
    // A client kernel's run: inputs/s, the server's busy share and the 2,097,152-input time labelled as extrapolated.
    if (kernels.includes('embedding-client')) {
      const clients = page.locator('[data-testid="client-load"][data-kernel="embedding-client"]');
      await expect(clients).toContainText('clients against a fixed server');
      await expect(clients).toContainText('extrapolated');
      await expect(clients.locator('thead')).toContainText('2,097,152 items (extrapolated)');
      for (const row of await clients.locator('tbody tr[data-status="ok"]').all()) {
        await expect(row.locator('td').nth(1)).toHaveText(/^[\d,]+$/);
        await expect(row.locator('td').nth(3)).toHaveText(/^\d\.\d\d$/);
        await expect(row.locator('td').nth(4)).toHaveText(/^[\d,.]+ s$/);
      }
      await expect(clients.locator('tbody tr')).not.toHaveCount(0);
    }
  }
  await shot(page, 'machine-desktop');
  await page.setViewportSize({ width: 375, height: 800 });
  await shot(page, 'machine-phone');
  // On a phone the OpenBLAS comparison stacks each language's row under its column names: nothing scrolls sideways.
  for (const m of machines.filter((m) => files.some((f) => f.machine === m && f.kernel === 'matmul'))) {
    await page.goto(`/machines/${m}/`);
    const regions = page.locator('[data-testid="blas-ratio"] .scroll');
    await expect(regions).not.toHaveCount(0);
    for (const region of await regions.all()) expect(await region.evaluate((e) => e.scrollWidth - e.clientWidth), m).toBeLessThanOrEqual(1);
    await expect(page.locator('[data-testid="blas-ratio"] td[data-label="Share of OpenBLAS"]').first()).toBeVisible();
  }
});

test('the methodology page states the vocabulary, protocol, scaling rules, limits and the rating mapping', async ({ page }) => {
  await page.goto('/methodology/');
  for (const v of ['confirmed', 'plausible', 'pending', 'misattributed', 'unverifiable', 'consistent']) {
    await expect(page.locator(`.badge[data-verdict="${v}"]`).first()).toBeVisible();
  }
  await expect(page.locator('table').first()).toContainText('quick');
  for (const id of ['scaling', 'cpu-limit', 'limits', 'ratings']) await expect(page.locator(`h2#${id}`)).toBeVisible();
  // The Mandelbrot limit: one section per modelled machine, one row per implementation that ran.
  if (runFiles().some((r) => r.kernel === 'mandelbrot')) {
    const limit = page.getByTestId('cpu-limit').first();
    await expect(limit).toContainText('pixel-iterations per cycle');
    expect(await limit.locator('tbody tr').count()).toBeGreaterThan(0);
  }
  await expect(page.getByTestId('ratings').locator('tbody tr')).toHaveCount(ALL_VERDICTS.length);
  // Every kernel or variant with its own full-profile protocol is listed with its rounds and samples.
  const own = ownProtocolRows(loadKernelDefinitions(process.cwd()));
  if (own.length > 0) {
    const rows = page.getByTestId('own-protocols').locator('li > strong');
    await expect(rows).toHaveCount(own.length);
    for (const [n, r] of own.entries()) await expect(rows.nth(n)).toHaveText(ownProtocolHeading(r));
  }
  await shot(page, 'methodology-desktop');
  await page.setViewportSize({ width: 375, height: 800 });
  await shot(page, 'methodology-phone');
});

test('the data page links every download', async ({ page }) => {
  await page.goto('/data/');
  for (const id of ['claims-json', 'runs-csv']) expect((await page.request.get((await page.getByTestId(id).getAttribute('href'))!)).ok()).toBe(true);
  await shot(page, 'data-desktop');
  await page.setViewportSize({ width: 375, height: 800 });
  await shot(page, 'data-phone');
});

test('the data downloads hold every claim and every run row', async ({ request }) => {
  const claims = await (await request.get('/data/claims.json')).json();
  expect(claims.claims.map((c: { id: string }) => c.id).sort()).toEqual(records().map((r) => r.id).sort());
  for (const c of claims.claims) expect(typeof c.explanation).toBe('string');
  const csv = await request.get('/data/runs.csv');
  expect(csv.headers()['content-type']).toContain('text/csv');
  const rows = parseCsv(await csv.text());
  expect(rows[0]!.join(',')).toBe('machine,kernel,implementation,status,reason,median_ns,q1_ns,q3_ns,n,threads,peak_rss_kib,extrapolated_factor,profile,params,finished_at');
  expect(rows.length - 1).toBe(runFiles().reduce((n, r) => n + r.impls, 0));
  for (const r of rows) expect(r.length).toBe(rows[0]!.length);
  expect((await request.get('/data/charts/verdicts-by-article.json')).ok()).toBe(true);
});

test('a probe claim page shows our program, what it printed and the verdict it leads to', async ({ page }) => {
  const probe = records().find((c) => c.kind === 'probe')!;
  await page.goto(`/claims/${probe.id}/`);
  await expect(page.locator('#probe')).toHaveText('Our program');
  await expect(page.locator('[data-source] pre code').first()).not.toBeEmpty();
  await expect(page.locator('.probe-outcome').first()).toBeVisible();
  await expect(page.locator('#verdict .badge[data-verdict]')).toBeVisible();
  await shot(page, 'claim-probe');
});

test('a claim only a CUDA GPU can decide names the fleet runner label that would decide it', async ({ page }) => {
  await page.goto('/claims/matmul-table-pytorch-cuda-56x/');
  await expect(page.getByTestId('gpu-runner')).toContainText('a fleet runner labelled claimbench-cuda');
});

test('a measured claim page says what the article\'s workload was and how the kernel\'s differs (the origin note, or the variant\'s it names)', async ({ page }) => {
  for (const width of [1280, 375]) {
    await page.setViewportSize({ width, height: 900 });
    await page.goto('/claims/polars-filter-1gb-4-6x/');
    const workload = page.getByTestId('kernel-workload');
    await expect(workload).toContainText('its workload is unknown');
    await expect(workload).toContainText('15 million generated rows');
    // The claim names the dataframe kernel's filter variant: the page says that workload was measured.
    const variant = page.getByTestId('kernel-variant');
    await expect(variant).toContainText('filter variant (rows = 15000000, query = filter), not its main workload');
    await expect(page.getByTestId('reproduce')).toHaveText('npm run harness -- --kernel dataframe --variant filter --profile full --fresh');
    await shot(page, `claim-dataframe-filter-${width}`);
  }
  // The methodology page lists each kernel's variants with their workload and implementations.
  await page.goto('/methodology/');
  await expect(page.locator('#kernel-dataframe--filter')).toContainText('Variant filter, measured by the full profile only (query=filter, rows=15000000; 6 of the 9 implementations)');
});

test('the 2.6x aggregation claim is judged on the group-by and shows TPC-H Q1 beside it, measured or with the command that measures it', async ({ page }) => {
  for (const width of [1280, 375]) {
    await page.setViewportSize({ width, height: 900 });
    await page.goto('/claims/polars-aggregation-2-6x/');
    const beside = page.getByTestId('beside');
    await expect(beside).toHaveCount(1);
    await expect(beside).toContainText("the kernel's tpch-q1 variant (rows = 6001215, query = tpch-q1): TPC-H Q1");
    await expect(beside).toContainText(/"polars-eager-threads" ran [0-9.,]+x as fast as "pandas" on |Not measured yet: npm run harness -- --kernel dataframe --variant tpch-q1 --profile full --fresh measures it\./);
    await expect(beside).toContainText('so the claim is counted once');
    // The page judges the main workload only: no variant line.
    await expect(page.getByTestId('kernel-variant')).toHaveCount(0);
    await shot(page, `claim-dataframe-beside-${width}`);
  }
});

test('a server claim\'s page shows each server\'s load at the claim\'s connection count and how our setup differs from the claim\'s', async ({ page }) => {
  const kernels = new Set(runFiles().map((r) => r.kernel));
  const serverKernels = [...kernels].filter((k) => /^server:/m.test(readFileSync(`harness/kernels/${k}/kernel.yaml`, 'utf8')));
  const claims = records().filter((c) => c.kind === 'measured' && !c.check.planned && serverKernels.includes(c.check.kernel!) && (c.check as { connections?: number }).connections !== undefined);
  test.skip(claims.length === 0, 'no measured claim on a server kernel with a committed run');
  for (const c of claims) {
    await page.goto(`/claims/${c.id}/`);
    const at = (c.check as { connections?: number }).connections!;
    await expect(page.getByTestId('setup-comparison')).toContainText('over loopback');
    await expect(page.getByTestId('setup-comparison')).toContainText(`the verdict taken at ${at}`);
    await expect(page.getByTestId('setup-comparison')).toContainText("The claim's:");
    const table = page.locator('section.run').first();
    await expect(table.locator('thead')).toContainText(`Requests/s at ${at} connections`);
    for (const row of await table.locator('tbody tr[data-status="ok"]').all()) {
      await expect(row.locator('td').nth(2)).toHaveText(/^[\d,]+$/);
      await expect(row.locator('td').nth(3)).toHaveText(/\d (ns|µs|ms|s)$/);
    }
  }
  await page.setViewportSize({ width: 375, height: 800 });
  // On a phone each row stacks under its column names: no column of the table hides off-screen.
  const region = page.locator('section.run .scroll').first();
  expect(await region.evaluate((e) => e.scrollWidth - e.clientWidth)).toBeLessThanOrEqual(1);
  await expect(region.locator('tbody tr[data-status="ok"] td[data-label="Peak memory"]').first()).toBeVisible();
  await shot(page, 'server-claim-phone');
});

test('the free-threading overhead pages show the overhead per version and per benchmark, and say which versions were not measured and why', async ({ page }) => {
  const kernel = parse(readFileSync('harness/kernels/free-threading-overhead/kernel.yaml', 'utf8')) as { suite: { parts: Array<{ id: string }> }; implementations: Array<{ id: string; runtime: string }> };
  const claim = records().find((c) => c.kind === 'measured' && c.check.kernel === 'free-threading-overhead')!;
  // Versions a committed run could not measure (a GIL or free-threaded build skipped), straight from the run files.
  const runs = runFiles().filter((r) => r.kernel === 'free-threading-overhead').map((r) => JSON.parse(readFileSync(`content/runs/${r.machine}/${r.profile === 'quick' ? 'quick/' : ''}free-threading-overhead.json`, 'utf8')) as { machine: { id: string }; implementations: Array<{ id: string; status: string; parts?: Record<string, number[]> }> });
  const versionOf = (runtime: string) => /^python(3\.\d+)t?$/.exec(runtime)?.[1];
  const statusOf = (run: { implementations: Array<{ id: string; status: string }> }, runtime: string) => run.implementations.find((r) => r.id === kernel.implementations.find((i) => i.runtime === runtime)?.id)?.status;
  const versions = [...new Set(kernel.implementations.map((i) => versionOf(i.runtime)).filter((v): v is string => v !== undefined))];
  const unmeasured = versions.filter((v) => runs.some((r) => statusOf(r, `python${v}`) !== 'ok' || statusOf(r, `python${v}t`) !== 'ok'));
  const measured = versions.filter((v) => runs.some((r) => statusOf(r, `python${v}`) === 'ok' && statusOf(r, `python${v}t`) === 'ok'));

  await page.goto(`/claims/${claim.id}/`);
  await expect(page.locator('#overhead')).toBeVisible();
  await expect(page.getByTestId('overhead-chart').locator('svg')).toBeVisible();
  const tables = page.getByTestId('overhead-table');
  await expect(tables).toHaveCount(measured.length * runs.length);
  // A row per benchmark the run measured: the kernel's, or the first ones of a run made before the suite grew.
  for (const run of runs) for (const v of measured.filter((v) => statusOf(run, `python${v}`) === 'ok' && statusOf(run, `python${v}t`) === 'ok')) {
    const t = page.locator(`[data-testid="overhead-table"][data-machine="${run.machine.id}"][data-version="${v}"]`);
    const reported = Object.keys(run.implementations.find((r) => r.status === 'ok' && r.parts)!.parts!);
    expect(reported).toEqual(kernel.suite.parts.map((p) => p.id).slice(0, reported.length));
    await expect(t.locator('tbody tr')).toHaveCount(reported.length);
    await expect(t.locator('tfoot')).toContainText('geometric mean');
    if (reported.length < kernel.suite.parts.length) await expect(page.locator(`[data-caption-version="${v}"]`, { hasText: run.machine.id })).toContainText(`the first ${reported.length} of the ${kernel.suite.parts.length} benchmarks it has now`);
  }
  for (const v of unmeasured) await expect(page.getByTestId('overhead-not-measured')).toContainText(`CPython ${v} on`);
  if (unmeasured.length > 0) await expect(page.getByTestId('overhead-chart')).toContainText('not built on this machine');
  // How each machine's builds were optimised, generated from its run's recorded build lines, and a warning for a pair built differently.
  const withToolchains = runFiles().filter((r) => r.kernel === 'free-threading-overhead').map((r) => ({ machine: r.machine, run: JSON.parse(readFileSync(`content/runs/${r.machine}/${r.profile === 'quick' ? 'quick/' : ''}free-threading-overhead.json`, 'utf8')) as { implementations: Array<{ id: string; status: string }>; toolchains: Record<string, { build?: string }> } }));
  for (const { machine, run } of withToolchains) {
    const pairs = versions.filter((v) => statusOf(run, `python${v}`) === 'ok' && statusOf(run, `python${v}t`) === 'ok').map((v) => ({ version: v, gilBuild: run.toolchains[`python${v}`]?.build ?? null, freeThreadedBuild: run.toolchains[`python${v}t`]?.build ?? null }));
    if (pairs.length === 0) continue;
    const t = tableOptimisation(pairs);
    const text = page.locator(`[data-testid="overhead-build-optimisation"][data-machine="${machine}"]`);
    await expect(text).toHaveText(optimisationText(machine, t));
    await expect(text).toHaveAttribute('data-optimisation', t.optimisation ?? t.kind);
    const warning = mismatchText(machine, t);
    if (warning) await expect(page.getByTestId('overhead-build-mismatch').filter({ hasText: `on ${machine}:` })).toHaveText(warning);
  }
  // The setup step reproduces the builds' optimisation: the default (plain) while every run's builds are plain.
  const lines = withToolchains.flatMap(({ run }) => Object.entries(run.toolchains).filter(([k]) => /^python3\.\d+t?$/.test(k)).map(([, v]) => v.build ?? ''));
  if (lines.length > 0 && lines.every((l) => l.startsWith('plain build ('))) await expect(page.getByTestId('reproduce-setup')).toHaveText('npm run setup:free-threaded');
  else await expect(page.getByTestId('reproduce-setup')).toHaveText(/^(CLAIMBENCH_PY_OPT=(pgo|pgo-lto) )?npm run setup:free-threaded$/);
  // Which builds were measured (from each run's toolchains) and, for a paired run, its A/A noise floor.
  for (const v of measured) await expect(page.locator(`[data-build-version="${v}"]`).first()).toContainText(`Python ${v}.`);
  const withNoise = runFiles().filter((r) => r.kernel === 'free-threading-overhead').filter((r) => (JSON.parse(readFileSync(`content/runs/${r.machine}/${r.profile === 'quick' ? 'quick/' : ''}free-threading-overhead.json`, 'utf8')) as { protocol: { noisePairs?: unknown[] } }).protocol.noisePairs?.length);
  await expect(page.getByTestId('overhead-noise-floor')).toHaveCount(withNoise.length > 0 ? withNoise.length : 0);
  await page.setViewportSize({ width: 1280, height: 900 });
  await page.locator('#overhead').scrollIntoViewIfNeeded();
  await shot(page, 'claim-overhead-1280');
  await page.setViewportSize({ width: 375, height: 800 });
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
  await shot(page, 'claim-overhead-375');
});

test('a sourced claim with our own program shows what it observed on each interpreter beside the sources\' verdict', async ({ page }) => {
  await page.goto('/claims/extension-silently-reenables-gil/');
  await expect(page.getByTestId('own-check')).toContainText('Our own check:');
  await expect(page.getByTestId('findings')).toBeVisible();
  await expect(page.locator('#probe')).toHaveText('Our program');
  await expect(page.locator('.probe-outcome[data-interpreter]').first()).toBeVisible();
  await shot(page, 'claim-sourced-own-check');
});

test('a sourced claim links to the measured claim of the same figure, with its verdict, and the measured page links back', async ({ page, request }) => {
  const sourcedId = 'free-threading-313-overhead-40pct';
  const measuredId = 'free-threading-313-overhead-40pct-measured';
  const data = async (id: string) => (await (await request.get(`/data/claims/${id}.json`)).json()) as { verdict: string; ourMeasurement: { claimId: string; verdict: string; relation: string } | null; sourcedBy: Array<{ id: string; verdict: string }> };
  const [sourced, measured] = [await data(sourcedId), await data(measuredId)];
  expect(sourced.ourMeasurement).toMatchObject({ claimId: measuredId, verdict: measured.verdict });
  expect(['corroborates', 'contradicts', 'undecided']).toContain(sourced.ourMeasurement!.relation);
  expect(measured.sourcedBy.map((t) => [t.id, t.verdict])).toEqual([[sourcedId, sourced.verdict]]);

  await page.goto(`/claims/${sourcedId}/`);
  const ours = page.getByTestId('our-measurement');
  await expect(ours.getByRole('heading', { name: 'Our measurement' })).toBeVisible();
  await expect(ours).toHaveAttribute('data-relation', sourced.ourMeasurement!.relation);
  await expect(ours.locator(`.badge[data-verdict="${measured.verdict}"]`)).toBeVisible();
  const link = ours.getByTestId('measured-twin-link');
  await expect(link).toHaveAttribute('href', `/claims/${measuredId}/`);
  await shot(page, 'claim-sourced-our-measurement-1280');
  await page.setViewportSize({ width: 375, height: 800 });
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
  await shot(page, 'claim-sourced-our-measurement-375');

  await page.setViewportSize({ width: 1280, height: 900 });
  await link.click();
  await expect(page).toHaveURL(new RegExp(`/claims/${measuredId}/$`));
  const back = page.getByTestId('sources-say');
  await expect(back.getByRole('heading', { name: 'What the sources say' })).toBeVisible();
  await expect(back.getByTestId('sourced-twin-link')).toHaveAttribute('href', `/claims/${sourcedId}/`);
  await expect(back.getByTestId('sourced-twin').locator(`.badge[data-verdict="${sourced.verdict}"]`)).toBeVisible();
  await shot(page, 'claim-measured-sources-say-1280');
  await page.setViewportSize({ width: 375, height: 800 });
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
  await shot(page, 'claim-measured-sources-say-375');
});

test('kernel sources on a claim page are highlighted at build time, except files too long for the page budget', async ({ page }) => {
  await page.goto(`/claims/${measuredWithRuns().id}/`);
  const sources = await page.locator('[data-source] > pre').evaluateAll((pres) => pres.map((p) => ({
    source: p.parentElement!.getAttribute('data-source'),
    file: p.parentElement!.querySelector('summary code')?.textContent ?? '',
    highlighted: p.classList.contains('astro-code') && p.querySelectorAll('span[style*="color"]').length > 0,
    chars: p.textContent!.length,
  })));
  expect(sources.length).toBeGreaterThan(1);
  expect(sources.filter((s) => s.highlighted).length).toBeGreaterThan(0);
  // SourceCode.astro shows a file over 4,000 characters plain (its highlighting would multiply the page weight), and TOML.
  expect(sources.filter((s) => !s.highlighted && s.chars <= 4000 && !s.file.endsWith('.toml'))).toEqual([]);
});

test('the threaded speed-up chart says which CPython versions it has no bars for', async ({ page }) => {
  const claim = records().find((c) => c.kind === 'measured' && c.check.kernel === 'free-threading' && (c.check as { scaling?: { rule?: string } }).scaling?.rule === 'per-thread');
  test.skip(!claim, 'no per-thread claim on the free-threading kernel');
  const runs = runFiles().filter((r) => r.kernel === 'free-threading').map((r) => JSON.parse(readFileSync(`content/runs/${r.machine}/${r.profile === 'quick' ? 'quick/' : ''}free-threading.json`, 'utf8')) as { implementations: Array<{ id: string; status: string }> });
  const kernel = parse(readFileSync('harness/kernels/free-threading/kernel.yaml', 'utf8')) as { implementations: Array<{ id: string; runtime: string }> };
  const versions = [...new Set(kernel.implementations.map((i) => /^python(3\.\d+)t?$/.exec(i.runtime)?.[1]).filter((v): v is string => v !== undefined))];
  const measured = (v: string) => runs.some((r) => kernel.implementations.some((i) => (i.runtime === `python${v}` || i.runtime === `python${v}t`) && r.implementations.find((x) => x.id === i.id)?.status === 'ok'));
  const missing = versions.filter((v) => !measured(v));
  await page.goto(`/claims/${claim!.id}/`);
  if (missing.length === 0) await expect(page.getByTestId('thread-scaling-missing')).toHaveCount(0);
  else await expect(page.getByTestId('thread-scaling-missing')).toContainText(`CPython ${missing.join(' and ')}`);
});
