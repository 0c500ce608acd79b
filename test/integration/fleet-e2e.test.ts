/**
 * The fleet end to end, locally: two simulated runners, each in its own temporary clone, write a
 * run of the mandelbrot kernel for a different machine id (the committed run's samples, re-identified
 * and measured "at" the clone's commit) and pack it with scripts/fleet-pack.ts as the workflow does;
 * a third runner uploads a run whose checksum disagrees with the reference. scripts/merge-runs.ts
 * validates the three artifacts in a third clone, merges the two good runs with their CI source and
 * refuses the bad one in the summary; the site built from that clone shows both machines, their CI
 * source, and how many machines agree on a mandelbrot claim.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { machineId } from '../../src/lib/machine.ts';
import { hashAtCommit } from '../../src/io/kernel-history.ts';

const repo = process.cwd();
const tmp = mkdtempSync(join(tmpdir(), 'claimbench-fleet-'));
// Three clones with built sites: removing them can take longer than the default 10 s on a loaded 2-CPU machine.
afterAll(() => rmSync(tmp, { recursive: true, force: true }), 120_000);
const env = { ...process.env, PATH: `${join(repo, 'node_modules/.bin')}:${process.env.PATH}`, ASTRO_TELEMETRY_DISABLED: '1' };
const run = (cmd: string, args: string[], cwd: string, extra: Record<string, string> = {}) => spawnSync(cmd, args, { cwd, env: { ...env, ...extra }, encoding: 'utf8' });

function clone(name: string): string {
  const dir = join(tmp, name);
  expect(run('git', ['clone', '-q', '--shared', repo, dir], tmp).status).toBe(0);
  symlinkSync(join(repo, 'node_modules'), join(dir, 'node_modules'));
  return dir;
}

const CPU = { vendor: 'AuthenticAMD', family: 25, model: 17, stepping: 1 };

/** One simulated runner: writes its run into its clone, then packs it as the workflow's step does. */
function simulatedRunner(n: number, cores: number, tamper: boolean): { out: string; id: string } {
  const dir = clone(`runner-${n}`);
  const commit = run('git', ['rev-parse', 'HEAD'], dir).stdout.trim();
  const r = JSON.parse(readFileSync(join(dir, 'content/runs/x64-amd-epyc-2c/mandelbrot.json'), 'utf8'));
  r.machine = { ...r.machine, cpu: CPU, cores };
  r.machine.id = machineId(r.machine);
  r.kernelHash = hashAtCommit(dir, commit, 'mandelbrot');
  if (tamper) r.implementations.find((i: { id: string }) => i.id === 'c-scalar').checksum = 1;
  mkdirSync(join(dir, 'content/runs', r.machine.id), { recursive: true });
  writeFileSync(join(dir, 'content/runs', r.machine.id, 'mandelbrot.json'), JSON.stringify(r, null, 1));
  const out = join(tmp, 'incoming', `runs-${n}`);
  const p = run(process.execPath, ['scripts/fleet-pack.ts', '--out', out, '--label', `claimbench-sim-${n}`, '--machine', r.machine.id], dir, {
    GITHUB_SHA: commit, RUNNER_NAME: `sim-${n}`, GITHUB_RUN_ID: '4242', GITHUB_SERVER_URL: 'https://github.com', GITHUB_REPOSITORY: 'example/claimbench',
  });
  expect(p.stderr).toBe('');
  expect(p.status).toBe(0);
  return { out, id: r.machine.id };
}

describe('the fleet, two runners and a merge', () => {
  it('merges the runs that check out, refuses the other, and the site shows both machines and their agreement', () => {
    const a = simulatedRunner(0, 2, false);
    const b = simulatedRunner(1, 4, false);
    const bad = simulatedRunner(2, 8, true);
    expect(new Set([a.id, b.id, bad.id]).size).toBe(3);
    const manifest = JSON.parse(readFileSync(join(a.out, 'manifest.json'), 'utf8'));
    expect(manifest).toMatchObject({ schemaVersion: 1, runnerLabel: 'claimbench-sim-0', runnerName: 'sim-0', workflowRunId: '4242', machine: a.id });
    expect(Object.keys(manifest.kernels)).toContain('mandelbrot');

    const site = clone('merge');
    const summary = join(tmp, 'summary.md');
    const m = run(process.execPath, ['scripts/merge-runs.ts', join(tmp, 'incoming'), '--summary', summary], site);
    expect(m.status).toBe(1); // one run refused
    const md = readFileSync(summary, 'utf8');
    expect(md).toContain('2 run(s) passed validation and are proposed; 1 refused.');
    expect(md).toMatch(new RegExp(`runs-2/runs/${bad.id}/mandelbrot\\.json[\\s\\S]*checksum: expected the reference`));
    expect(existsSync(join(site, 'content/runs', bad.id))).toBe(false);
    for (const x of [a, b]) {
      const merged = JSON.parse(readFileSync(join(site, 'content/runs', x.id, 'mandelbrot.json'), 'utf8'));
      expect(merged.source).toMatchObject({ kind: 'ci', workflowRunUrl: 'https://github.com/example/claimbench/actions/runs/4242' });
    }

    const check = run(process.execPath, ['scripts/check.ts'], site);
    expect(check.status, check.stderr).toBe(0);
    const build = run(process.execPath, [join(repo, 'node_modules/astro/bin/astro.mjs'), 'build'], site);
    expect(build.status, build.stderr.slice(-2000)).toBe(0);
    for (const x of [a, b]) {
      const page = readFileSync(join(site, 'dist/machines', x.id, 'index.html'), 'utf8');
      expect(page).toMatch(/data-source="ci"[^>]*><a href="https:\/\/github\.com\/example\/claimbench\/actions\/runs\/4242">CI runner claimbench-sim-\d \(sim-\d\)<\/a>/);
    }
    // A mandelbrot claim is now measured on the committed machines and the two fleet machines.
    const committed = readdirSync(join(repo, 'content/runs')).filter((m) => existsSync(join(repo, 'content/runs', m, 'mandelbrot.json'))).length;
    const claimsHtml = readFileSync(join(site, 'dist/claims/index.html'), 'utf8');
    expect(claimsHtml).toMatch(new RegExp(`data-machines="${committed + 2}">\\d of ${committed + 2} machines agree`));
  }, 600_000);
});
