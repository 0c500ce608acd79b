import { expect, test, type Request } from '@playwright/test';
import { gzipSync } from 'node:zlib';
import AxeBuilder from '@axe-core/playwright';
import { measuredWithRuns, pageTypes, records } from './helpers.ts';

for (const scheme of ['light', 'dark'] as const) {
  test.describe(`axe, ${scheme} colour scheme`, () => {
    // The dark scheme changes only colours: there, contrast is the rule that can differ.
    for (const { name, path } of pageTypes().filter((p) => !p.sameAs)) {
      test(`no serious or critical violations: ${name}`, async ({ page }) => {
        // The full rule set on the longest pages takes a while on a busy machine.
        test.setTimeout(90_000);
        await page.emulateMedia({ colorScheme: scheme });
        await page.goto(path);
        // Long claim lists repeat one component: checking the first 20 items covers it.
        const axe = new AxeBuilder({ page }).exclude('.claim-list > li:nth-child(n+21)');
        const { violations } = await (scheme === 'dark' ? axe.withRules(['color-contrast']) : axe.withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'])).analyze();
        const bad = violations
          .filter((x) => x.impact === 'serious' || x.impact === 'critical')
          .map((v) => `${v.id} (${v.impact}) ${v.help}: ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(' | ')}`);
        expect(bad, path).toEqual([]);
      });
    }
  });
}

test('at 375 px wide no page overflows horizontally (tables scroll inside their container)', async ({ page }) => {
  await page.setViewportSize({ width: 375, height: 800 });
  const over: string[] = [];
  for (const { name, path } of pageTypes()) {
    await page.goto(path);
    const w = await page.evaluate(() => document.documentElement.scrollWidth);
    if (w > 375) over.push(`${name} ${path}: ${w}px`);
  }
  expect(over).toEqual([]);
});

test('every claim page is under 50 KB transferred compressed and 300 KB uncompressed', async ({ page, request }) => {
  // What a reader downloads: static hosts send HTML gzip-compressed, so the budget that matters is
  // the compressed size (50 KB). The uncompressed ceiling (300 KB) bounds what the browser parses.
  // Both grow with every machine that measures a claim (a chart row and a table per machine): the
  // heaviest pages with three machines were about 30 KB compressed, 229 KB uncompressed.
  const compressedBudget = 50 * 1024;
  const rawBudget = 300 * 1024;
  // The HTML of every claim page, then a full load (every response summed) of the three largest.
  const sizes = await Promise.all(records().map(async (r) => {
    const body = await (await request.get(`/claims/${r.id}/`)).body();
    return { id: r.id, html: body.length, gzip: gzipSync(body).length };
  }));
  const heaviest = sizes.sort((a, b) => b.html - a.html).slice(0, 3);
  const over = [
    ...sizes.filter((s) => s.gzip > compressedBudget).map((s) => `${s.id}: HTML ${(s.gzip / 1024).toFixed(0)} KB compressed`),
    ...sizes.filter((s) => s.html > rawBudget).map((s) => `${s.id}: HTML ${(s.html / 1024).toFixed(0)} KB uncompressed`),
  ];
  for (const { id } of heaviest) {
    let bytes = 0;
    const pending: Array<Promise<void>> = [];
    const onFinished = (req: Request) => { pending.push(req.sizes().then((s) => { bytes += s.responseBodySize + s.responseHeadersSize; })); };
    page.on('requestfinished', onFinished);
    await page.goto(`/claims/${id}/`, { waitUntil: 'load' });
    await Promise.all(pending);
    page.off('requestfinished', onFinished);
    test.info().annotations.push({ type: 'claim page weight', description: `${id}: ${(bytes / 1024).toFixed(1)} KB uncompressed, every response` });
    if (bytes > rawBudget) over.push(`${id}: ${(bytes / 1024).toFixed(0)} KB loaded uncompressed`);
  }
  expect(over).toEqual([]);
});

test.describe('with JavaScript disabled', () => {
  test.use({ javaScriptEnabled: false });
  test('content is visible on every page type', async ({ page }) => {
    for (const { path } of pageTypes()) {
      await page.goto(path);
      await expect(page.locator('main h1')).toBeVisible();
    }
    const m = measuredWithRuns();
    await page.goto(`/claims/${m.id}/`);
    await expect(page.getByTestId('chart').locator('svg')).toBeVisible();
    await expect(page.locator('#verdict .badge')).toBeVisible();
    expect((await page.getByTestId('chart').locator('svg').boundingBox())!.height).toBeGreaterThan(50);
    await page.goto('/');
    await expect(page.locator('main li[data-claim]').first()).toBeVisible();
    await expect(page.getByTestId('verdicts-by-article').locator('svg')).toBeVisible();
  });
});

test('the search page does not shift its layout while it loads and filters, at 375 and 1280 px (cumulative layout shift under 0.1)', async ({ page }) => {
  const shifts: string[] = [];
  for (const width of [375, 1280]) {
    await page.setViewportSize({ width, height: width === 375 ? 667 : 800 });
    for (const path of ['/search/', '/search/?q=68000']) {
      await page.goto(path, { waitUntil: 'load' });
      await page.waitForTimeout(500);
      const cls = await page.evaluate(() => new Promise<number>((resolve) => {
        let sum = 0;
        new PerformanceObserver((list) => {
          for (const e of list.getEntries() as Array<PerformanceEntry & { value: number; hadRecentInput: boolean }>) if (!e.hadRecentInput) sum += e.value;
        }).observe({ type: 'layout-shift', buffered: true });
        setTimeout(() => resolve(sum), 100);
      }));
      if (cls >= 0.1) shifts.push(`${path} at ${width} px: ${cls.toFixed(3)}`);
    }
  }
  expect(shifts).toEqual([]);
});
