/**
 * A measured claim can name a variant of its kernel (`check.variant`): only that variant's runs
 * judge it, a variant may measure only some implementations, and the claim page says which
 * workload was measured.
 */
import { describe, expect, it } from 'vitest';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Kernel, variantKernel } from '../../src/lib/schema/kernel.ts';
import { Claim } from '../../src/lib/schema/claim.ts';
import type { Machine, Toolchain } from '../../src/lib/schema/run.ts';
import { runKernel } from '../../harness/runner/harness.ts';
import { loadDataset } from '../../src/io/load.ts';
import { assess } from '../../src/lib/verdict.ts';
import { buildSiteModel, type Dataset } from '../../src/lib/view.ts';
import { reproduceCommand } from '../../src/lib/reproduce.ts';
import { around, impl, measuredClaim, run, testMachine } from '../fixtures/builders.ts';
import { FILES, writeProject } from '../fixtures/project.ts';
import { fakeRunner, fixedClock, memoryFs, quietLogger, type FakeProgram } from '../fixtures/fakes.ts';

const base = {
  schemaVersion: 2, id: 'k', title: 'K', summary: 'S', origin: { title: 'O', url: 'https://example.org', note: 'how the main workload differs' },
  params: [{ name: 'n', type: 'integer' }, { name: 'query', type: 'enum', values: ['sum', 'filter'] }], workload: { n: 10, query: 'sum' },
  checksum: { description: 'sum' }, reference: 'ref',
  implementations: [
    { id: 'ref', label: 'Ref', runtime: 'python', tier: 'naive', source: 'ref.py' },
    { id: 'fast', label: 'Fast', runtime: 'python', tier: 'optimized', source: 'fast.py' },
    { id: 'slow', label: 'Slow read', runtime: 'python', tier: 'naive', source: 'slow.py' },
  ],
};
const filter = { id: 'filter', description: 'the filter', workload: { query: 'filter', n: 20 }, implementations: ['ref', 'fast'], note: 'how the filter differs' };
const issues = (raw: unknown) => {
  const r = Kernel.safeParse(raw);
  return r.success ? [] : r.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
};

describe('a variant that measures only some implementations', () => {
  it('keeps only those, in the kernel\'s order; unknown, repeated and reference-less lists are refused', () => {
    const k = Kernel.parse({ ...base, variants: [filter] });
    expect(variantKernel(k, 'filter').implementations.map((i) => i.id)).toEqual(['ref', 'fast']);
    expect(variantKernel(k, 'filter').workload).toEqual({ n: 20, query: 'filter' });
    expect(variantKernel(Kernel.parse({ ...base, variants: [{ ...filter, implementations: undefined }] }), 'filter').implementations).toHaveLength(3);
    expect(issues({ ...base, variants: [{ ...filter, implementations: ['ref', 'quick'] }] })).toEqual(['variants.0.implementations.1: expected one of the kernel\'s implementations [ref, fast, slow], got "quick"']);
    expect(issues({ ...base, variants: [{ ...filter, implementations: ['ref', 'fast', 'ref'] }] })).toEqual(['variants.0.implementations.2: "ref" is listed twice']);
    expect(issues({ ...base, variants: [{ ...filter, implementations: ['fast'] }] })).toEqual(['variants.0.implementations: expected the reference "ref" among them: the others\' checksums are checked against it']);
    expect(issues({ ...base, variants: [{ ...filter, implementations: [] }] })[0]).toMatch(/^variants\.0\.implementations: /);
  });

  it('the harness runs only the variant\'s implementations, at its parameters, under the whole kernel\'s hash', async () => {
    const kernel = Kernel.parse({ ...base, variants: [filter] });
    const machine: Machine = { id: 'test-2c', cpuModel: 'Test', cpu: null, arch: 'x64', cores: 2, simd: [], memoryBytes: 1, os: 'T', kernelRelease: '1', gpu: null };
    const toolchains: Record<string, Toolchain> = { python: { version: 'Python 3.11.7' } };
    // One interpreter runs every program: each answers with the id its source file names.
    const program: FakeProgram = (args) => {
      const id = args.find((a) => a.endsWith('.py'))!.replace(/^.*\//, '').replace('.py', '');
      const [samples, n, query] = args.slice(-3);
      return { stdout: `${JSON.stringify({ impl: id, params: { n: Number(n), query }, checksum: 7, samplesNs: Array(Number(samples)).fill(1e6), threads: 1, peakRssKiB: 2048 })}\n` };
    };
    const deps = () => ({
      proc: fakeRunner({ '.venv/bin/python': program }),
      fs: memoryFs({ '/repo/harness/kernels/k/ref.py': '#', '/repo/harness/kernels/k/fast.py': '#', '/repo/harness/kernels/k/slow.py': '#', '/repo/harness/protocol/python/claimbench_protocol.py': '#' }),
      clock: fixedClock(), log: quietLogger(), root: '/repo', seed: 1, loadAverage: () => 0,
      tools: { python: '/repo/.venv/bin/python', mojo: 'mojo', cc: 'cc', cargo: 'cargo', rustc: 'rustc' },
    });
    const d = deps();
    const v = await runKernel({ kernel, machine, toolchains, profile: 'full', fresh: true, variant: 'filter' }, d);
    expect(v.path).toBe('/repo/content/runs/test-2c/variants/filter/k.json');
    expect(v.run.implementations.map((i) => [i.id, i.status])).toEqual([['ref', 'ok'], ['fast', 'ok']]);
    expect(v.run.params).toEqual({ n: 20, query: 'filter' });
    expect(d.proc.calls.some((c) => c.args.some((a) => a.endsWith('slow.py')))).toBe(false);
    const main = await runKernel({ kernel, machine, toolchains, profile: 'full', fresh: true }, deps());
    expect(main.run.implementations.map((i) => i.id)).toEqual(['ref', 'fast', 'slow']);
    expect(v.run.kernelHash).toBe(main.run.kernelHash);
  });
});

/**
 * One kernel on disk for the claims that name its workloads: "big" measures only the baseline,
 * "all" every implementation.
 */
const KERNEL_YAML = `schemaVersion: 2
id: k
title: K
summary: A kernel.
origin: { title: test, url: "https://example.org" }
params: [{ name: n }]
workload: { n: 1 }
variants: [{ id: big, description: a bigger n, workload: { n: 5 }, implementations: [base] }, { id: all, description: every one, workload: { n: 7 } }]
checksum: { description: a sum }
reference: base
implementations:
  - { id: base, label: Base, runtime: python, tier: naive, source: base.py }
  - { id: subj, label: Subj, runtime: c, tier: optimized, source: subj.c }
`;
/** The fixture project's claim c1 with a ratio check on kernel k, plus `check` (more fields of the check). */
const claimYaml = (check: string) => FILES['claims/a1/c1.yaml']!.replace(/^check: .*$/m, `check: { kernel: k, comparison: ratio, baseline: base, rationale: same workload, ${check} }`);
/** The fixture project with kernel k and `files` over it, loaded as npm run check loads it. */
const loadWithKernel = (files: Record<string, string>) => loadDataset(writeProject({ ...FILES, 'harness/kernels/k/kernel.yaml': KERNEL_YAML, ...files }), { verifyKernelHashes: false });

describe('claims naming a variant', () => {
  it('npm run check refuses a variant the kernel does not declare, and implementations the variant does not measure', () => {
    expect(() => loadWithKernel({ 'claims/a1/c1.yaml': claimYaml('subject: subj, variant: huge') }))
      .toThrow('claims/a1/c1.yaml: check.variant: expected one of the variants harness/kernels/k/kernel.yaml declares [big, all], got "huge"');
    expect(() => loadWithKernel({ 'claims/a1/c1.yaml': claimYaml('subject: subj, variant: big') }))
      .toThrow('claims/a1/c1.yaml: check.subject: expected one of [base] (the implementations variant "big" measures), got "subj"');
    expect(loadWithKernel({ 'claims/a1/c1.yaml': claimYaml('subject: base, variant: big') }).claims.find((c) => c.id === 'c1')).toMatchObject({ check: { variant: 'big' } });
  });

  it('a variant run holding an implementation the variant does not measure is refused', () => {
    const r = run([impl('base', around(1e9)), impl('subj', around(1e7))], { profile: 'full', variant: 'big', params: { n: 5 } });
    const root = writeProject({ ...FILES, 'harness/kernels/k/kernel.yaml': KERNEL_YAML });
    mkdirSync(join(root, 'content/runs/m1/variants/big'), { recursive: true });
    writeFileSync(join(root, 'content/runs/m1/variants/big/k.json'), JSON.stringify(r));
    expect(() => loadDataset(root, { verifyKernelHashes: false })).toThrow('content/runs/m1/variants/big/k.json: implementations.1.id: expected one of the implementations variant "big" measures [base], got "subj"');
  });

  it('a variant\'s replaced runs (variants/<variant>/history/) are the verdict history of claims naming it, never of the main workload\'s', () => {
    const yaml = KERNEL_YAML.replace(', implementations: [base]', '');
    // A run of the variant that finished at `finishedAt`, ten minutes after its one session started.
    const at = (finishedAt: string, subjNs: number) => {
      const startedAt = finishedAt.replace(/T.*/, 'T00:00:00.000Z');
      const session = { id: startedAt, startedAt, finishedAt, machine: testMachine, toolchains: {} };
      return run([impl('base', around(1e9), { session: startedAt }), impl('subj', around(subjNs), { session: startedAt })], { profile: 'full', variant: 'big', params: { n: 5 }, startedAt, finishedAt, sessions: [session] });
    };
    const files = {
      ...FILES, 'harness/kernels/k/kernel.yaml': yaml, 'claims/a1/c1.yaml': claimYaml('subject: subj, variant: big'),
      'content/runs/m1/variants/big/k.json': JSON.stringify(at('2026-11-02T00:10:00.000Z', 1e7)), // 100x, as claimed
      'content/runs/m1/variants/big/history/k/2026-10-01T00-00-00-000Z.json': JSON.stringify(at('2026-10-01T00:10:00.000Z', 1e8)), // 10x
    };
    const d = loadDataset(writeProject(files), { verifyKernelHashes: false });
    const view = buildSiteModel(d).claims.find((c) => c.claim.id === 'c1')!;
    expect(view.history.map((h) => [h.finishedAt.slice(0, 10), h.verdict])).toEqual([['2026-10-01', 'overstated'], ['2026-11-02', 'confirmed']]);
    expect(() => loadDataset(writeProject({ ...files, 'content/runs/m1/history/k/2026-10-01T00-00-00-000Z.json': files['content/runs/m1/variants/big/history/k/2026-10-01T00-00-00-000Z.json'] }), { verifyKernelHashes: false }))
      .toThrow('content/runs/m1/history/k/2026-10-01T00-00-00-000Z.json: variant: expected none (a run of the main workload), got "big"');
  });

  const main = run([impl('base', around(1e9)), impl('fast', around(1e8))], { profile: 'full' }); // 10x
  const variant = run([impl('base', around(1e9)), impl('fast', around(1e7))], { profile: 'full', variant: 'filter', params: { n: 20 } }); // 100x
  const claim = measuredClaim({ claimed: { value: 100 }, check: { kernel: 'k', variant: 'filter', baseline: 'base', subject: 'fast' } });

  it('the engine judges a claim by the runs of the workload it names, and a main-workload claim never by a variant\'s', () => {
    const a = assess(claim, [main, variant]);
    expect(a.verdict).toBe('confirmed');
    expect(a.basis).toEqual(['content/runs/m1/variants/filter/k.json']);
    expect(assess(measuredClaim({ claimed: { value: 10 }, check: { kernel: 'k', baseline: 'base', subject: 'fast' } }), [variant, main]).verdict).toBe('confirmed');
    expect(assess(measuredClaim({ claimed: { value: 100 }, check: { kernel: 'k', baseline: 'base', subject: 'fast' } }), [variant, main]).verdict).toBe('overstated');
    const pending = assess(claim, [main]);
    expect(pending.verdict).toBe('pending');
    expect(pending.explanation).toBe('No machine has run the "filter" variant of the "k" kernel (measured by the full profile) yet.');
  });

  it('the claim page shows the variant\'s workload, its implementations and runs, and the command that measures it', () => {
    const kernel = Kernel.parse({ ...base, implementations: base.implementations.map((i) => (i.id === 'ref' ? { ...i, id: 'base' } : i)), reference: 'base', variants: [{ ...filter, implementations: ['base', 'fast'] }] });
    const d: Dataset = { articles: [{ slug: 'a1', title: 'A', order: 1, published: '2026', summary: 's' } as Dataset['articles'][number]], claims: [{ ...claim, article: 'a1' }], kernels: [kernel], runs: [main], variantRuns: [variant] };
    const view = buildSiteModel(d).claims[0]!;
    expect(view.verdict).toBe('confirmed');
    expect(view.variant).toEqual({ id: 'filter', description: 'the filter', params: 'n = 20, query = filter', note: 'how the filter differs' });
    expect(view.kernel!.implementations.map((i) => i.id)).toEqual(['base', 'fast']);
    expect(view.tables.map((t) => t.run)).toEqual([variant]);
    expect(view.tables[0]!.rows.map((r) => [r.impl.id, r.speedup !== null ? Math.round(r.speedup) : null])).toEqual([['base', 1], ['fast', 100]]);
    expect(view.reproduce).toBe('npm run harness -- --kernel k --variant filter --profile full --fresh');
    expect(view.sentence).toContain('100x');
    expect(reproduceCommand('k')).toBe('npm run harness -- --kernel k --fresh');
  });
});

describe('workloads shown beside a claim\'s verdict (check.beside)', () => {
  const check = { kernel: 'k', comparison: 'ratio', baseline: 'base', subject: 'fast', rationale: 'r' };
  const record = { id: 'c1', article: 'a1', section: 's', order: 1, topic: 'mojo-speedups', statement: 'S', kind: 'measured', claimed: { metric: 'speedup', value: 10, unit: 'x' }, sources: [] };
  const claimIssues = (c: Record<string, unknown>) => {
    const r = Claim.safeParse({ ...record, check: { ...check, ...c } });
    return r.success ? [] : r.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
  };

  it('the schema refuses the verdict\'s own workload, a workload listed twice and a comparison that is not a ratio', () => {
    expect(claimIssues({ beside: [{ variant: 'filter', why: 'w' }] })).toEqual([]);
    expect(claimIssues({ beside: [{ variant: 'main', why: 'w' }] })).toEqual(['check.beside.0.variant: "main" is the workload the verdict uses: expected another one']);
    expect(claimIssues({ variant: 'filter', beside: [{ variant: 'filter', why: 'w' }] })).toEqual(['check.beside.0.variant: "filter" is the workload the verdict uses: expected another one']);
    expect(claimIssues({ beside: [{ variant: 'filter', why: 'w' }, { variant: 'filter', why: 'v' }] })).toEqual(['check.beside.1.variant: "filter" is listed twice']);
    expect(claimIssues({ comparison: 'time', baseline: undefined, beside: [{ variant: 'filter', why: 'w' }] })).toContain('check.beside: workloads shown beside are compared by the same ratio: expected comparison "ratio" without "spread"');
  });

  const load = (extra: string) => loadWithKernel({ 'claims/a1/c1.yaml': claimYaml(`subject: subj, ${extra}`) });

  it('npm run check refuses a workload the kernel does not declare, and one that does not measure both implementations', () => {
    expect(() => load('beside: [{ variant: huge, why: w }]')).toThrow('claims/a1/c1.yaml: check.beside.0.variant: expected "main" or one of the variants harness/kernels/k/kernel.yaml declares [big, all], got "huge"');
    expect(() => load('beside: [{ variant: big, why: w }]')).toThrow('claims/a1/c1.yaml: check.beside.0.variant: expected a workload that measures the check\'s subject "subj"; "big" measures [base]');
    expect(load('beside: [{ variant: all, why: w }]').claims.find((c) => c.id === 'c1')).toMatchObject({ check: { beside: [{ variant: 'all', why: 'w' }] } });
  });

  it('the claim page shows each machine\'s ratio on the workload beside, or the command that measures it; the verdict ignores it', () => {
    const kernel = Kernel.parse({ ...base, implementations: base.implementations.map((i) => (i.id === 'ref' ? { ...i, id: 'base' } : i)), reference: 'base', variants: [{ ...filter, implementations: ['base', 'fast'] }, { id: 'other', description: 'another query', workload: { n: 30 } }] });
    const main = run([impl('base', around(1e9)), impl('fast', around(1e8))], { profile: 'full' }); // 10x
    const variant = run([impl('base', around(1e9)), impl('fast', around(5e8))], { profile: 'full', variant: 'filter', params: { n: 20 } }); // 2x
    const claim = measuredClaim({ article: 'a1', claimed: { value: 10 }, check: { kernel: 'k', baseline: 'base', subject: 'fast', beside: [{ variant: 'filter', why: 'shown, not judged' }, { variant: 'other', why: 'not run yet' }] } });
    const d: Dataset = { articles: [{ slug: 'a1', title: 'A', order: 1, published: '2026', summary: 's' } as Dataset['articles'][number]], claims: [claim], kernels: [kernel], runs: [main], variantRuns: [variant] };
    const view = buildSiteModel(d).claims[0]!;
    expect(view.verdict).toBe('confirmed');
    expect(view.assessment.basis).toEqual(['content/runs/m1/k.json']);
    expect(view.beside.map((b) => [b.variant, b.params, b.why])).toEqual([['filter', 'n = 20, query = filter', 'shown, not judged'], ['other', 'n = 30, query = sum', 'not run yet']]);
    expect(view.beside[0]!.measured).toHaveLength(1);
    expect(view.beside[0]!.measured[0]!.ratio).toBe('2x');
    expect(view.beside[0]!.measured[0]!.text).toMatch(/^"fast" ran 2x as fast as "base" on m1 \(95% interval [0-9.]+x–[0-9.]+x\)$/);
    expect(view.beside[1]!.measured).toEqual([]);
    expect(view.beside[1]!.command).toBe('npm run harness -- --kernel k --variant other --profile full --fresh');
    // A claim without `beside` shows none.
    expect(buildSiteModel({ ...d, claims: [measuredClaim({ article: 'a1', claimed: { value: 10 }, check: { kernel: 'k', baseline: 'base', subject: 'fast' } })] }).claims[0]!.beside).toEqual([]);
  });
});
