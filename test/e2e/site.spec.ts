import { expect, test, type Page } from '@playwright/test';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';

/** Claim ids straight from the records, so the test notices a claim the site forgets. */
function claimIds(): Array<{ id: string; article: string; kind: string }> {
  return readdirSync('claims').flatMap((article) =>
    readdirSync(join('claims', article)).map((f) => {
      const c = parse(readFileSync(join('claims', article, f), 'utf8')) as { id: string; kind: string };
      return { id: c.id, article, kind: c.kind };
    }),
  );
}

async function shot(page: Page, name: string) {
  await page.screenshot({ path: `test-results/screens/${name}.png`, fullPage: true });
}

test('the index lists every claim with a verdict badge and counts per verdict', async ({ page }) => {
  await page.goto('/');
  const ids = claimIds();
  await expect(page.locator('[data-claim]')).toHaveCount(ids.length);
  for (const { id } of ids) {
    await expect(page.locator(`[data-claim="${id}"] .badge[data-verdict]`)).toHaveCount(1);
  }
  const counts = page.getByRole('list', { name: 'Claims per verdict' }).locator('li');
  const total = (await counts.allInnerTexts()).map((t) => Number(t.match(/(\d+)\s*$/)?.[1])).reduce((a, b) => a + b, 0);
  expect(total).toBe(ids.length);
  await shot(page, 'index-desktop');
  await page.setViewportSize({ width: 375, height: 800 });
  await shot(page, 'index-phone');
});

test('a measured claim page shows verdict, explanation, chart, implementations and the reproduce command', async ({ page }) => {
  const measured = claimIds().find((c) => c.kind === 'measured')!;
  await page.goto(`/claims/${measured.id}/`);
  await expect(page.locator('#verdict .badge[data-verdict]')).toBeVisible();
  await expect(page.getByTestId('explanation')).not.toBeEmpty();
  await expect(page.getByTestId('chart').locator('svg')).toBeVisible();
  await expect(page.getByTestId('reproduce')).toHaveText(/^npm run harness -- --kernel \S+ --fresh$/);
  await expect(page.locator('tr[data-impl]').first()).toBeVisible();
  const data = await page.request.get(`/data/charts/${measured.id}.json`);
  expect(data.ok()).toBe(true);
  expect((await data.json()).data.values.length).toBeGreaterThan(0);
  await shot(page, 'claim-desktop');
  await page.setViewportSize({ width: 375, height: 800 });
  await shot(page, 'claim-phone');
});

test('an article page links to each of its claims, in reading order', async ({ page }) => {
  const ids = claimIds();
  const article = ids[0]!.article;
  await page.goto(`/articles/${article}/`);
  const own = ids.filter((c) => c.article === article).map((c) => c.id);
  const listed = await page.locator('[data-claim]').evaluateAll((els) => els.map((e) => e.getAttribute('data-claim')));
  expect([...listed].sort()).toEqual([...own].sort());
  await page.locator('[data-claim] a').first().click();
  await expect(page).toHaveURL(/\/claims\/[a-z0-9-]+\/$/);
  await shot(page, 'article-claim-click');
});

test('all five articles have a page reachable from the articles index', async ({ page }) => {
  await page.goto('/articles/');
  await expect(page.locator('[data-article]')).toHaveCount(5);
  for (const href of await page.locator('[data-article] a').evaluateAll((as) => as.map((a) => a.getAttribute('href')))) {
    const res = await page.request.get(href!);
    expect(res.status()).toBe(200);
  }
  await shot(page, 'articles');
});

test('the methodology page states the verdict vocabulary and the protocol', async ({ page }) => {
  await page.goto('/methodology/');
  for (const v of ['confirmed', 'plausible', 'pending', 'misattributed', 'unverifiable', 'consistent']) {
    await expect(page.locator(`.badge[data-verdict="${v}"]`).first()).toBeVisible();
  }
  await expect(page.locator('table').first()).toContainText('quick');
  await shot(page, 'methodology');
});

test.describe('with JavaScript disabled', () => {
  test.use({ javaScriptEnabled: false });
  test('a claim page still shows its chart and verdict', async ({ page }) => {
    const measured = claimIds().find((c) => c.kind === 'measured')!;
    await page.goto(`/claims/${measured.id}/`);
    await expect(page.getByTestId('chart').locator('svg')).toBeVisible();
    await expect(page.locator('#verdict .badge')).toBeVisible();
    const box = await page.getByTestId('chart').locator('svg').boundingBox();
    expect(box!.height).toBeGreaterThan(50);
    await shot(page, 'claim-nojs');
  });
});
