/**
 * The free-threading kernel's shared Python module (harness/kernels/free-threading/threaded_matmul.py)
 * through python3: the row split, the id that names the interpreter, and the refusal to report a
 * free-threaded measurement that ran with the GIL. The real free-threaded builds are opt-in; the
 * kernel's integration test runs every implementation where they exist.
 */
import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { PYTHON3 } from '../fixtures/python.ts';

const KERNEL = 'harness/kernels/free-threading';

/** Runs Python code with the kernel's module importable (PYTHON3: the interpreter, not a shim). */
function py(code: string, env: Record<string, string> = {}) {
  const r = spawnSync(PYTHON3, ['-c', `import sys; sys.path.insert(0, ${JSON.stringify(KERNEL)}); ${code}`], { encoding: 'utf8', env: { ...process.env, ...env } });
  return { status: r.status, stdout: r.stdout.trim(), stderr: r.stderr.trim() };
}

describe('threaded matmul kernel (Python side)', () => {
  it('splits n rows into contiguous blocks differing by at most one, dropping empty ones', () => {
    const r = py('from threaded_matmul import row_blocks; print(row_blocks(13, 2), row_blocks(3, 8), row_blocks(8, 3))');
    expect(r.stdout).toBe('[(0, 7), (7, 13)] [(0, 1), (1, 2), (2, 3)] [(0, 3), (3, 6), (6, 8)]');
  });
  it('gives the same exact checksum with 1, 2 and 5 worker threads', () => {
    const r = py('from threaded_matmul import *\nn = 11\na, b = make_inputs(n)\nout = []\nfor t in (1, 2, 5):\n    c = [[0.0] * n for _ in range(n)]\n    threaded_matmul(a, b, c, n, t)\n    out.append(checksum(c, n))\nprint(out)');
    const sums = JSON.parse(r.stdout) as number[];
    expect(new Set(sums).size).toBe(1);
    // A transposed C gives another checksum (the weights catch misplaced rows).
    const t = py('from threaded_matmul import *\nn = 11\na, b = make_inputs(n)\nc = [[0.0] * n for _ in range(n)]\nthreaded_matmul(a, b, c, n, 2)\nct = [list(r) for r in zip(*c)]\nprint(checksum(c, n) != checksum(ct, n))');
    expect(t.stdout).toBe('True');
  });
  it('names its implementation after the interpreter: version, "t" for a free-threaded build, then the mode', () => {
    const r = py('import sys, threaded_matmul as m; print(m.interpreter_tag() == f"py{sys.version_info[0]}{sys.version_info[1]}"); m.free_threaded_build = lambda: True; print(m.interpreter_tag().endswith("t"))');
    expect(r.stdout).toBe('True\nTrue');
  });
  it('refuses to report a free-threaded measurement that ran with the GIL enabled', () => {
    const r = py('import sys, threaded_matmul as m; m.free_threaded_build = lambda: True; m.gil_enabled = lambda: True; sys.argv = ["x", "0", "1", "4"]; m.run("py313t-threads", 2)');
    expect(r.status).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain('py313t-threads: this free-threaded build ran with the GIL enabled');
  });
  it('reports CLAIMBENCH_THREADS workers for "threads" and one for "1thread"', () => {
    const threads = py('import sys, threaded_matmul as m; sys.argv = ["x", "0", "1", "6"]; m.main("threads")', { CLAIMBENCH_THREADS: '3' });
    expect(JSON.parse(threads.stdout)).toMatchObject({ threads: 3, params: { n: 6 } });
    expect(JSON.parse(threads.stdout).impl).toMatch(/^py3\d+-threads$/);
    const one = py('import sys, threaded_matmul as m; sys.argv = ["x", "0", "1", "6"]; m.main("1thread")', { CLAIMBENCH_THREADS: '3' });
    expect(JSON.parse(one.stdout)).toMatchObject({ threads: 1 });
  });

  it('gives the plain checksum when each worker works on its own copies, with 1, 2 and 5 workers', () => {
    const r = py('from threaded_matmul import *\nn = 11\na, b = make_inputs(n)\nout = []\nfor t, own in ((1, False), (1, True), (2, True), (5, True)):\n    c = [[0.0] * n for _ in range(n)]\n    threaded_matmul(a, b, c, n, t, own)\n    out.append(checksum(c, n))\nprint(out)');
    const sums = JSON.parse(r.stdout) as number[];
    expect(sums).toHaveLength(4);
    expect(new Set(sums).size).toBe(1);
  });
  it('copies into new float objects (x + 0.0), so a worker reads only objects it created', () => {
    const r = py('from threaded_matmul import own_copy\nrows = [[0.5, -1.25], [3.0, 0.0]]\nc = own_copy(rows)\nprint(c == rows, any(x is y for r, s in zip(rows, c) for x, y in zip(r, s)), any(r is s for r, s in zip(rows, c)))');
    expect(r.stdout).toBe('True False False');
  });
  it('names the own-copies programs "-1thread-own" and "-threads-own" and refuses an unknown mode', () => {
    // One process for the three cases (each program is one main() call; their outputs are lines).
    const r = py('import sys, threaded_matmul as m\nsys.argv = ["x", "0", "1", "6"]\nm.main("threads-own")\nm.main("1thread-own")\ntry:\n    m.main("threads-shared")\nexcept ValueError as e:\n    print(e)', { CLAIMBENCH_THREADS: '2' });
    expect(r.stderr).toBe('');
    const [own, one, bad, ...rest] = r.stdout.split('\n');
    expect(rest).toEqual([]);
    expect(JSON.parse(own!).impl).toMatch(/^py3\d+-threads-own$/);
    expect(JSON.parse(own!)).toMatchObject({ threads: 2 });
    expect(JSON.parse(one!).impl).toMatch(/^py3\d+-1thread-own$/);
    expect(JSON.parse(one!)).toMatchObject({ threads: 1 });
    expect(bad).toBe("unknown mode 'threads-shared'");
  });
});
