/**
 * The free-threading-overhead kernel's suite.py through python3, without pyperformance: its pass
 * runs the benchmarks kernel.yaml lists, in that order, and it refuses a GIL state its role does not
 * expect. The benchmarks themselves run in the kernel's integration test.
 */
import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { PYTHON3 } from '../fixtures/python.ts';

const KERNEL = 'harness/kernels/free-threading-overhead';

function py(code: string) {
  const r = spawnSync(PYTHON3, ['-c', `import sys; sys.path.insert(0, ${JSON.stringify(KERNEL)}); ${code}`], { encoding: 'utf8' });
  return { status: r.status, stdout: r.stdout.trim(), stderr: r.stderr.trim() };
}

describe('free-threading-overhead kernel (Python side)', () => {
  it('times the benchmarks of kernel.yaml in its order, the first eight being the first version\'s', () => {
    const yaml = parse(readFileSync(`${KERNEL}/kernel.yaml`, 'utf8')) as { suite: { parts: Array<{ id: string }> } };
    const r = py('import json, suite; print(json.dumps(list(suite.CALLS)))');
    expect(r.stderr).toBe('');
    expect(JSON.parse(r.stdout)).toEqual(yaml.suite.parts.map((p) => p.id));
    // Runs made before the suite grew hold these; a suite only grows at its end.
    expect(yaml.suite.parts.slice(0, 8).map((p) => p.id)).toEqual(['nbody', 'richards', 'float', 'chaos', 'deltablue', 'json_dumps', 'regex_v8', 'generators']);
  });
  it('refuses a GIL state its role does not expect, naming when it was found', () => {
    // python3 here runs with the GIL: right for "gil" and "reference", wrong for "nogil".
    expect(py('import suite; suite.check_gil("python311-gil", "gil", "at start"); suite.check_gil("reference", "reference", "at start"); print("ok")').stdout).toBe('ok');
    const r = py('import suite; suite.check_gil("python311-nogil", "nogil", "after the benchmarks ran")');
    expect(r.status).toBe(3);
    expect(r.stderr).toBe('python311-nogil: this interpreter runs with the GIL after the benchmarks ran, expected without (PYTHON_GIL set, or an extension re-enabled it?)');
  });
});
