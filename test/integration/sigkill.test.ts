/**
 * SIGKILL of the harness (nothing of it runs afterwards) must not leave the implementation it was
 * measuring alive, nor that program's own children: the watchdog (harness/runner/watchdog.ts) kills
 * their process group when the harness's end of its pipe closes. Real processes, real signal.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { spawn, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { running } from '../fixtures/leaks.ts';

const CLI = join(process.cwd(), 'harness/runner/cli.ts');
const root = mkdtempSync(join(tmpdir(), 'claimbench-sigkill-'));
const python = spawnSync('python3', ['-c', 'import sys; print(sys.executable)'], { encoding: 'utf8' }).stdout.trim();
afterAll(() => rmSync(root, { recursive: true, force: true }));

const kernelYaml = `schemaVersion: 1
id: hang
title: Hang
summary: Never finishes.
origin: { title: test, url: "https://example.org" }
params: [{ name: ms }]
workload: { ms: 1 }
checksum: { description: constant }
reference: stuck
implementations:
  - { id: stuck, label: Stuck, language: python, tier: naive, source: stuck.py }
`;
// Starts a child of its own, records both pids, then sleeps far longer than the test.
const program = (pidFile: string) => `import os, subprocess, time
child = subprocess.Popen(["sleep", "300"])
with open(${JSON.stringify(pidFile)}, "w") as f:
    f.write(f"{os.getpid()} {child.pid}")
time.sleep(300)
`;

describe('SIGKILL of the harness', () => {
  it('leaves neither the implementation nor its children running', async () => {
    const pidFile = join(root, 'pids');
    mkdirSync(join(root, 'harness/kernels/hang'), { recursive: true });
    mkdirSync(join(root, '.venv/bin'), { recursive: true });
    symlinkSync(python, join(root, '.venv/bin/python'));
    cpSync(join(process.cwd(), 'harness/protocol/python'), join(root, 'harness/protocol/python'), { recursive: true });
    writeFileSync(join(root, 'harness/kernels/hang/kernel.yaml'), kernelYaml);
    writeFileSync(join(root, 'harness/kernels/hang/stuck.py'), program(pidFile));
    const harness = spawn(process.execPath, [CLI, '--machine', 'test-box'], { cwd: root, env: { ...process.env, CI: '1' }, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    harness.stdout.on('data', (d) => (out += d));
    harness.stderr.on('data', (d) => (out += d));
    const deadline = Date.now() + 30_000;
    while (!existsSync(pidFile) || readFileSync(pidFile, 'utf8').split(' ').length < 2) {
      if (Date.now() > deadline) throw new Error(`the implementation never started:\n${out}`);
      await new Promise((r) => setTimeout(r, 100));
    }
    const pids = readFileSync(pidFile, 'utf8').split(' ').map(Number);
    expect(pids.every(running)).toBe(true);
    harness.kill('SIGKILL');
    await new Promise((r) => harness.on('close', r));
    const gone = Date.now() + 5000;
    while (pids.some(running) && Date.now() < gone) await new Promise((r) => setTimeout(r, 100));
    const survivors = pids.filter(running);
    for (const pid of survivors) process.kill(pid, 'SIGKILL'); // clean up before failing
    expect(survivors, 'processes still running after the harness was killed').toEqual([]);
  }, 60_000);
});
