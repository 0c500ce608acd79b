/**
 * Interrupting the harness (SIGINT, SIGTERM) leaves no partial file, keeps every earlier result and
 * releases the lock; a second harness started while one runs is refused with a clear message.
 * Drives the real command line in a scratch repository with a one-implementation kernel.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, mkdirSync, writeFileSync, readFileSync, readdirSync, existsSync, symlinkSync, rmSync, cpSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const CLI = join(process.cwd(), 'harness/runner/cli.ts');
const root = mkdtempSync(join(tmpdir(), 'claimbench-interrupt-'));
const python = spawnSync('python3', ['-c', 'import sys; print(sys.executable)'], { encoding: 'utf8' }).stdout.trim();
afterAll(() => rmSync(root, { recursive: true, force: true }));

const kernelYaml = `schemaVersion: 1
id: nap
title: Nap
summary: Sleeps, then reports.
origin: { title: test, url: "https://example.org" }
params: [{ name: ms }]
workload: { ms: 1 }
checksum: { description: constant }
reference: sleepy
implementations:
  - { id: sleepy, label: Sleepy, language: python, tier: naive, source: sleepy.py }
`;
const program = (extraSleepS: number) => `import json, sys, time
w, s, ms = map(int, sys.argv[1:])
time.sleep(${extraSleepS})
samples = []
for _ in range(s):
    t = time.perf_counter_ns(); time.sleep(ms / 1000); samples.append(time.perf_counter_ns() - t)
print(json.dumps({"impl": "sleepy", "params": {"ms": ms}, "checksum": 7, "samplesNs": samples, "threads": 1, "peakRssKiB": 1}))
`;

function harness(...args: string[]) {
  return spawn(process.execPath, [CLI, '--machine', 'test-box', ...args], { cwd: root, env: { ...process.env, CI: '1' }, stdio: ['ignore', 'pipe', 'pipe'] });
}
function finished(child: ReturnType<typeof harness>): Promise<{ code: number | null; out: string }> {
  let out = '';
  child.stdout.on('data', (d) => (out += d));
  child.stderr.on('data', (d) => (out += d));
  return new Promise((resolve) => child.on('close', (code) => resolve({ code, out })));
}

describe('interrupting the harness', () => {
  mkdirSync(join(root, 'harness/kernels/nap'), { recursive: true });
  mkdirSync(join(root, '.venv/bin'), { recursive: true });
  symlinkSync(python, join(root, '.venv/bin/python'));
  writeFileSync(join(root, 'harness/kernels/nap/kernel.yaml'), kernelYaml);
  // The Python protocol helper is part of every Python kernel's hash, as in the repository.
  cpSync(join(process.cwd(), 'harness/protocol/python'), join(root, 'harness/protocol/python'), { recursive: true });
  // The default profile is quick: its runs go to quick/ (a quick run never replaces a full one).
  const result = join(root, 'content/runs/test-box/quick/nap.json');

  it('writes a first result', async () => {
    writeFileSync(join(root, 'harness/kernels/nap/sleepy.py'), program(0));
    const { code, out } = await finished(harness());
    expect(code, out).toBe(0);
    expect(JSON.parse(readFileSync(result, 'utf8')).implementations[0].status).toBe('ok');
  }, 60_000);

  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    it(`on ${signal}: exits 130, keeps the earlier result, leaves no temporary file and no lock`, async () => {
      const before = readFileSync(result, 'utf8');
      writeFileSync(join(root, 'harness/kernels/nap/sleepy.py'), program(20)); // new kernel hash: it must re-measure
      const child = harness();
      const done = finished(child);
      await new Promise((r) => setTimeout(r, 2500));
      // A second harness is refused while the first holds the lock.
      const second = await finished(harness());
      expect(second.code).toBe(1);
      expect(second.out).toMatch(/another harness process \(pid \d+\) is running/);
      child.kill(signal);
      const { code, out } = await done;
      expect(code, out).toBe(130);
      expect(readFileSync(result, 'utf8')).toBe(before);
      expect(readdirSync(join(root, 'content/runs/test-box')).filter((f) => f.includes('.tmp'))).toEqual([]);
      expect(existsSync(join(root, '.cache/harness.lock'))).toBe(false);
    }, 60_000);
  }
});
