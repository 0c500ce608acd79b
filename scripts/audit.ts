/**
 * npm run audit: Lighthouse on the built site. Builds it (unless --skip-build), serves dist/ with
 * `astro preview` on a free port, audits five page types in Chromium (CHROME_PATH, default
 * /usr/bin/chromium) twice, as a phone (375 x 667, Lighthouse's mobile throttling) and as a desktop
 * (1280 x 800, its desktop settings), prints the four category scores per page and form factor, and
 * exits non-zero when any of them is under 95. Not part of `npm test`.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import lighthouse from 'lighthouse';
import desktopConfig from 'lighthouse/core/config/desktop-config.js';
import * as chromeLauncher from 'chrome-launcher';

const MIN_SCORE = 95;
const CATEGORIES = ['performance', 'accessibility', 'best-practices', 'seo'] as const;
const GATED = CATEGORIES;
/** The two widths the site is checked at (test/e2e screenshots use the same). */
const FORM_FACTORS = {
  phone: { extends: 'lighthouse:default', settings: { formFactor: 'mobile', screenEmulation: { mobile: true, width: 375, height: 667, deviceScaleFactor: 2, disabled: false } } },
  // Lighthouse's desktop preset (fast connection, no CPU slow-down) at our desktop width.
  desktop: { ...desktopConfig, settings: { ...desktopConfig.settings, screenEmulation: { mobile: false, width: 1280, height: 800, deviceScaleFactor: 1, disabled: false } } },
};
const CHROME_FLAGS = ['--headless=new', '--no-sandbox', '--disable-background-networking', '--disable-component-update', '--disable-sync'];
const root = process.cwd();
const bin = (name: string) => join(root, 'node_modules/.bin', name);

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });
}

async function waitFor(url: string, ms: number): Promise<void> {
  const until = Date.now() + ms;
  for (;;) {
    try {
      if ((await fetch(url)).ok) return;
    } catch { /* not up yet */ }
    if (Date.now() > until) throw new Error(`the preview server did not answer at ${url} within ${ms / 1000} s`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

/** The pages to audit: one of each type, chosen from what the build wrote. */
function pages(): Array<{ name: string; path: string }> {
  const dist = join(root, 'dist');
  const dirs = (p: string) => (existsSync(join(dist, p)) ? readdirSync(join(dist, p)).filter((d) => statSync(join(dist, p, d)).isDirectory()) : []);
  // The heaviest claim page: the one most likely to miss a budget.
  const claims = dirs('claims')
    .filter((d) => existsSync(join(dist, 'claims', d, 'index.html')))
    .map((d) => ({ d, size: statSync(join(dist, 'claims', d, 'index.html')).size }))
    .sort((a, b) => b.size - a.size);
  const article = dirs('articles')[0];
  const machine = dirs('machines')[0];
  return [
    { name: 'index', path: '/' },
    { name: 'search', path: '/search/' },
    ...(existsSync(join(dist, 'figures/68000x/index.html')) ? [{ name: 'figure', path: '/figures/68000x/' }] : []),
    ...(claims[0] ? [{ name: 'claim', path: `/claims/${claims[0].d}/` }] : []),
    ...(article ? [{ name: 'article', path: `/articles/${article}/` }] : []),
    { name: 'methodology', path: '/methodology/' },
    ...(machine ? [{ name: 'machine', path: `/machines/${machine}/` }] : []),
  ];
}

async function main(): Promise<number> {
  const env = { ...process.env, ASTRO_TELEMETRY_DISABLED: '1' };
  if (!process.argv.includes('--skip-build')) {
    const b = spawnSync(bin('astro'), ['build'], { stdio: 'inherit', env });
    if (b.status !== 0) return b.status ?? 1;
  } else if (!existsSync(join(root, 'dist/index.html'))) {
    console.error('audit: dist/ is missing; run "npm run build:site" first, or drop --skip-build');
    return 1;
  }
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  let server: ChildProcess | null = null;
  let chrome: chromeLauncher.LaunchedChrome | null = null;
  try {
    server = spawn(bin('astro'), ['preview', '--ignore-lock', '--host', '127.0.0.1', '--port', String(port)], { env, stdio: ['ignore', 'ignore', 'inherit'] });
    await waitFor(`${base}/`, 30_000);
    chrome = await chromeLauncher.launch({ chromePath: process.env.CHROME_PATH ?? '/usr/bin/chromium', chromeFlags: CHROME_FLAGS });
    const rows: Array<{ name: string; path: string; scores: Record<string, number> }> = [];
    for (const [factor, config] of Object.entries(FORM_FACTORS)) for (const page of pages()) {
      const p = { ...page, name: `${page.name} (${factor})` };
      const result = await lighthouse(`${base}${p.path}`, { port: chrome.port, output: 'json', logLevel: 'error', onlyCategories: [...CATEGORIES] }, config as never);
      if (!result) throw new Error(`lighthouse returned nothing for ${p.path}`);
      const scores = Object.fromEntries(CATEGORIES.map((c) => [c, Math.round((result.lhr.categories[c]?.score ?? 0) * 100)]));
      rows.push({ ...p, scores });
      const failed = result.lhr.runtimeError ? ` (runtime error: ${result.lhr.runtimeError.message})` : '';
      console.log(`${p.name.padEnd(22)} ${CATEGORIES.map((c) => `${c} ${String(scores[c]).padStart(3)}`).join('  ')}  ${p.path}${failed}`);
      for (const c of CATEGORIES) {
        if (scores[c]! < 100) {
          const audits = result.lhr.categories[c]!.auditRefs
            .map((r) => result.lhr.audits[r.id]!)
            .filter((a) => a.score !== null && a.score < 1 && a.scoreDisplayMode !== 'informative' && a.scoreDisplayMode !== 'notApplicable')
            .map((a) => `    - ${a.id}: ${a.title}${a.displayValue ? ` (${a.displayValue})` : ''}`);
          console.log(`  ${c}${(GATED as readonly string[]).includes(c) && scores[c]! < MIN_SCORE ? ` below ${MIN_SCORE}` : ''}; audits not passed:\n${audits.join('\n')}`);
        }
      }
    }
    const low = rows.filter((r) => GATED.some((c) => r.scores[c]! < MIN_SCORE));
    console.log(low.length === 0 ? `audit: every page scores at least ${MIN_SCORE} in every category, as a phone and on a desktop` : `audit: ${low.length} page audit(s) below ${MIN_SCORE}: ${low.map((r) => `${r.path} ${r.name.replace(/^.*\(/, '(')}`).join(', ')}`);
    return low.length === 0 ? 0 : 1;
  } finally {
    await chrome?.kill();
    server?.kill('SIGTERM');
  }
}

main().then((code) => process.exit(code), (e: unknown) => {
  console.error(`audit: ${e instanceof Error ? e.message : String(e)}`);
  process.exit(1);
});
