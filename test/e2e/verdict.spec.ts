import { expect, test } from '@playwright/test';
import { measuredWithRuns, records, runFiles, shot } from './helpers.ts';
import { DEFAULT_NOISE_FLOOR, HARDWARE_SPREAD_PRIOR, MIXED_BUILDS_RULE } from '../../src/lib/verdict-rules.ts';

test('a claim page puts the plain sentence from the numbers before the statistics, and ClaimReview carries it', async ({ page }) => {
  // The example: the table's 0.0006 s for Mojo SIMD against our one-thread run.
  await page.goto('/claims/matmul-table-mojo-simd-time/');
  const sentence = page.getByTestId('sentence');
  await expect(sentence).toContainText("The article's 0.6 ms is");
  await expect(sentence).toContainText(/times less than our .+ run, [\d.]+ ms on one thread/);
  const order = await page.locator('#verdict').evaluate((el) => {
    const s = el.querySelector('[data-testid="sentence"]')!;
    const e = el.querySelector('[data-testid="explanation"]')!;
    return s.compareDocumentPosition(e) & Node.DOCUMENT_POSITION_FOLLOWING;
  });
  expect(order).toBeTruthy();
  // The statistics keep the article's precision (0.0006 s, not 0.001 s).
  await expect(page.getByTestId('explanation')).toContainText('The article claims 0.0006 s');
  await expect(page.getByTestId('figure-used')).toContainText('the article wrote 0.0006 s; the engine used exactly that');
  const ld = JSON.parse((await page.locator('script[type="application/ld+json"]').textContent())!);
  expect(ld.reviewBody).toBe((await sentence.textContent())!.trim());
  await shot(page, 'claim-sentence-desktop');
  await page.setViewportSize({ width: 375, height: 800 });
  await shot(page, 'claim-sentence-phone');
});

test('measured claims show how many machines agree, on the page and in lists', async ({ page }) => {
  const m = measuredWithRuns();
  const machines = new Set(runFiles().filter((r) => r.kernel === m.check.kernel).map((r) => r.machine));
  await page.goto(`/claims/${m.id}/`);
  await expect(page.getByTestId('machine-agreement')).toContainText(new RegExp(`\\d+ of ${machines.size} machines? agrees?`));
  await page.goto('/');
  await expect(page.locator(`li[data-claim="${m.id}"] [data-machines]`).first()).toContainText(/\d+ of \d+ machines? agrees?/);
});

test('the methodology page states the noise floor, hardware spread and machine rules from the engine constants', async ({ page }) => {
  await page.goto('/methodology/');
  const judged = page.locator('h2#judged + ol');
  await expect(judged).toContainText(`${DEFAULT_NOISE_FLOOR * 100}% on a machine without one`);
  await expect(judged).toContainText(`×${HARDWARE_SPREAD_PRIOR.factor}`);
  await expect(page.locator('#machines')).toContainText('k of m'.replace('k of m', 'how many of the machines agree'));
  await expect(page.locator('#mixed-builds')).toContainText(MIXED_BUILDS_RULE);
});

test('a claim page states the tolerance factor of its record, and a spread claim says it has none', async ({ page }) => {
  const recs = records() as Array<ReturnType<typeof records>[number] & { check: { toleranceFactor?: number; spread?: unknown } }>;
  const factor = recs.find((r) => r.kind === 'measured' && !r.check.spread && r.check.toleranceFactor !== undefined && r.check.toleranceFactor !== 2)!;
  await page.goto(`/claims/${factor.id}/`);
  await expect(page.getByTestId('tolerance-factor')).toHaveText(`within a factor ${factor.check.toleranceFactor} of the claimed figure`);
  const spread = recs.find((r) => r.kind === 'measured' && r.check.spread);
  if (!spread) return;
  await page.goto(`/claims/${spread.id}/`);
  await expect(page.getByTestId('tolerance-factor')).toContainText('none');
  await expect(page.getByTestId('figure-used')).not.toContainText('band');
});
