/**
 * The reader who arrives asking "is Mojo really 68,000x faster than Python?": the answer is one
 * click from the home page, and first when searched for.
 */
import { expect, test, type Page } from '@playwright/test';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { records, shot } from './helpers.ts';

test('from the home page, the 68,000x answer is one click away, with its verdict and plain sentence', async ({ page }) => {
  await page.goto('/');
  const q = page.locator('[data-question="mojo-68000x"]');
  await expect(q).toContainText('68,000x');
  await expect(q.locator('[data-verdict]')).toHaveCount(1);
  await expect(q.locator('[data-check]')).toContainText(/by measurement|against its source|recomputing/);
  await expect(q.getByTestId('answer-sentence')).not.toBeEmpty();
  await q.getByRole('link', { name: /68,000x/ }).first().click();
  await expect(page).toHaveURL(/\/claims\/mandelbrot-68000x-h3\/$/);
  await expect(page.getByTestId('sentence')).not.toBeEmpty();
  await expect(page.getByTestId('figure-link')).toBeVisible();
  await shot(page, 'reader-answer-desktop');
  await page.setViewportSize({ width: 375, height: 800 });
  await shot(page, 'reader-answer-phone');
});

test('searching 68000 puts the measured headline claim first, with the kind of check beside its badge', async ({ page }) => {
  await page.goto('/');
  await page.getByRole('search').getByRole('searchbox').fill('68000');
  await page.getByRole('search').getByRole('button', { name: 'Search' }).click();
  await expect(page).toHaveURL(/\/search\/\?q=68000$/);
  const first = page.locator('#search-results > li:not([hidden])').first();
  await expect(first).toHaveAttribute('data-claim', 'mandelbrot-68000x-h3');
  await expect(first.locator('[data-check]')).toHaveText('by measurement');
  // Every visible result names its kind of check.
  const visible = page.locator('#search-results > li:not([hidden])');
  const n = await visible.count();
  expect(n).toBeGreaterThan(1);
  await expect(visible.locator('[data-check]')).toHaveCount(n);
});

test('the figure page sets the records of 68,000x side by side and says why their verdicts differ', async ({ page }) => {
  await page.goto('/figures/68000x/');
  await expect(page.getByTestId('figure-why')).toContainText('differ');
  const records = page.locator('.figure-records > li');
  expect(await records.count()).toBeGreaterThanOrEqual(3);
  const verdicts = new Set(await records.evaluateAll((els) => els.map((e) => e.getAttribute('data-verdict'))));
  expect(verdicts.size).toBeGreaterThan(1);
  await shot(page, 'figure-desktop');
  await page.setViewportSize({ width: 375, height: 800 });
  await shot(page, 'figure-phone');
});

test('at 375 px every chart of the 68,000x claim shows its claimed value without sideways scrolling', async ({ page }) => {
  await page.setViewportSize({ width: 375, height: 800 });
  await page.goto('/claims/mandelbrot-68000x-h3/');
  for (const chart of await page.locator('figure.chart').all()) {
    const svg = chart.locator('svg');
    const box = await svg.boundingBox();
    expect(box!.x).toBeGreaterThanOrEqual(0);
    expect(box!.x + box!.width).toBeLessThanOrEqual(375);
    const scroll = await chart.locator('.chart-scroll').evaluate((e) => e.scrollWidth - e.clientWidth);
    expect(scroll).toBe(0);
    // The smallest text as drawn on screen is at least 11 px.
    const min = await svg.evaluate((s) => Math.min(...[...s.querySelectorAll('text')].filter((t) => t.textContent?.trim()).map((t) => t.getBoundingClientRect().height)));
    expect(min).toBeGreaterThanOrEqual(11);
  }
  await expect(page.getByTestId('chart')).toContainText('Claimed (88 cores): 68,000x');
  await shot(page, 'claim-chart-phone');
});

/** Every chart on the page fits 375 px unscrolled, with text at least 11 px as drawn. */
async function chartsFitPhone(page: Page, path: string): Promise<string[]> {
  const bad: string[] = [];
  for (const chart of await page.locator('figure.chart').all()) {
    const id = `${path} ${await chart.getAttribute('data-testid') ?? await chart.getAttribute('data-chart')}`;
    const svg = chart.locator('svg');
    const box = await svg.boundingBox();
    if (!box || box.x < 0 || box.x + box.width > 375) bad.push(`${id}: drawn from ${box?.x} to ${box ? box.x + box.width : '?'} px`);
    const scroll = await chart.locator('.chart-scroll').evaluate((e) => e.scrollWidth - e.clientWidth);
    if (scroll !== 0) bad.push(`${id}: scrolls ${scroll} px sideways`);
    const min = await svg.evaluate((s) => Math.min(...[...s.querySelectorAll('text')].filter((t) => t.textContent?.trim()).map((t) => t.getBoundingClientRect().height)));
    if (min < 11) bad.push(`${id}: smallest text ${min.toFixed(1)} px`);
  }
  return [...bad, ...await chartTextClipped(page, path)];
}

/**
 * Each line of text a chart shows (axis titles, labels, legend), as the browser drew it: one that
 * is not wholly inside its SVG is clipped, and two lines whose boxes cross print over each other.
 * Tick labels that Vega hides to avoid overlap (opacity 0) are not shown, so they do not count.
 */
async function chartTextClipped(page: Page, path: string): Promise<string[]> {
  return page.locator('figure.chart').evaluateAll((figures, path) => figures.flatMap((fig) => {
    const svg = fig.querySelector('svg');
    if (!svg) return [`${path} ${fig.getAttribute('data-chart')}: no SVG`];
    const id = `${path} ${fig.getAttribute('data-testid') ?? fig.getAttribute('data-chart')}`;
    const shown = (t: Element) => {
      for (let e: Element | null = t; e && e !== svg; e = e.parentElement) {
        const style = getComputedStyle(e);
        if (style.opacity === '0' || style.display === 'none' || style.visibility === 'hidden') return false;
      }
      return true;
    };
    const lines = [...svg.querySelectorAll('text')].filter((t) => t.textContent?.trim() && shown(t)).flatMap((t) => {
      const spans = [...t.querySelectorAll('tspan')].filter((x) => x.textContent?.trim());
      return (spans.length > 0 ? spans : [t]).map((x) => ({ text: x.textContent!.trim(), box: x.getBoundingClientRect() }));
    });
    const s = svg.getBoundingClientRect();
    const out: string[] = [];
    for (const { text, box: b } of lines) {
      if (b.left < s.left - 0.5 || b.right > s.right + 0.5 || b.top < s.top - 0.5 || b.bottom > s.bottom + 0.5) {
        out.push(`${id}: "${text}" drawn over ${b.left.toFixed(1)}-${b.right.toFixed(1)} px, its SVG over ${s.left.toFixed(1)}-${s.right.toFixed(1)} px`);
      }
    }
    for (let i = 0; i < lines.length; i++) {
      for (let j = i + 1; j < lines.length; j++) {
        const a = lines[i]!.box;
        const b = lines[j]!.box;
        const across = Math.min(a.right, b.right) - Math.max(a.left, b.left);
        const down = Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top);
        if (across > 1 && down > 1) out.push(`${id}: "${lines[i]!.text}" and "${lines[j]!.text}" overlap`);
      }
    }
    return out;
  }), path);
}

test('at 375 px every kind of chart on every page type fits the screen, and each claim chart shows its claimed value', async ({ page }) => {
  test.setTimeout(120_000);
  await page.setViewportSize({ width: 375, height: 800 });
  // One built claim page per kind of chart (read from dist/, so a new kind is covered once a page has it), and the spread claim.
  const claimPages = existsSync('dist/claims') ? readdirSync('dist/claims').filter((d) => existsSync(join('dist/claims', d, 'index.html'))) : [];
  const html = new Map(claimPages.map((d) => [d, readFileSync(join('dist/claims', d, 'index.html'), 'utf8')]));
  const kinds = new Set(claimPages.flatMap((d) => [...html.get(d)!.matchAll(/<figure class="chart" data-testid="([a-z-]+)"/g)].map((m) => m[1]!)));
  expect(kinds.size).toBeGreaterThan(1);
  const ids = [...kinds].map((k) => claimPages.find((d) => html.get(d)!.includes(`<figure class="chart" data-testid="${k}"`))!);
  const spread = records().find((r) => r.kind === 'measured' && 'spread' in r.check);
  if (spread) ids.push(spread.id);
  const paths = ['/', '/articles/', '/figures/68000x/', ...new Set(ids.map((d) => `/claims/${d}/`))];
  const bad: string[] = [];
  let charts = 0;
  for (const path of paths) {
    await page.goto(path);
    charts += await page.locator('figure.chart').count();
    bad.push(...await chartsFitPhone(page, path));
    const main = page.getByTestId('chart');
    if (path.startsWith('/claims/') && await main.count() > 0) await expect(main, path).toContainText(/Claimed/);
    await shot(page, `charts-phone-${path.replace(/[^a-z0-9]+/gi, '-').replace(/^-|-$/g, '') || 'home'}`);
  }
  expect(charts).toBeGreaterThan(paths.length);
  expect(bad).toEqual([]);
});

test('no chart on any page clips or overprints its text, at 375 and 1280 px', async ({ page }) => {
  test.setTimeout(120_000);
  const claimPages = existsSync('dist/claims') ? readdirSync('dist/claims').filter((d) => existsSync(join('dist/claims', d, 'index.html'))) : [];
  const withCharts = claimPages.filter((d) => readFileSync(join('dist/claims', d, 'index.html'), 'utf8').includes('<figure class="chart"'));
  expect(withCharts.length).toBeGreaterThan(1);
  const paths = ['/', '/articles/', ...withCharts.map((d) => `/claims/${d}/`)];
  const bad: string[] = [];
  for (const width of [375, 1280]) {
    await page.setViewportSize({ width, height: 800 });
    for (const path of paths) {
      await page.goto(path);
      bad.push(...(await chartTextClipped(page, path)).map((b) => `${width} px: ${b}`));
    }
  }
  expect(bad).toEqual([]);
});
