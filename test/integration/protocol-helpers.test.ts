/**
 * The compiled protocol helpers (harness/protocol/{c,rust,mojo}) built and run for real: a small
 * program per language parses arguments and prints result lines of each checksum kind; the Rust
 * crate runs its own unit tests. Every kernel program uses them too (kernels.test.ts).
 */
import { describe, expect, it } from 'vitest';
import { mkdirSync, writeFileSync } from 'node:fs';
import { realProcessRunner } from '../../harness/runner/effects.ts';
import { toolPaths, detectToolchains } from '../../harness/runner/toolchains.ts';
import { protocolIncludes } from '../../src/lib/protocol-helpers.ts';
import { fnv1a64Hex } from '../../src/lib/fnv.ts';

const root = process.cwd();
const proc = realProcessRunner();
const tools = toolPaths(root);
const dir = `${root}/.cache/build/protocol-test`;
mkdirSync(dir, { recursive: true });
const toolchains = await detectToolchains(proc, tools, ['cc', 'c++', 'cargo', 'mojo']);
const missing = (k: string) => !toolchains[k] || toolchains[k]!.version === null;

const run = (cmd: string, args: string[], env: Record<string, string> = {}) => proc.run(cmd, args, { cwd: root, env, timeoutMs: 600_000 });
const lines = (s: string) => s.trim().split('\n').map((l) => JSON.parse(l));

describe('C helper (claimbench.h)', () => {
  it.skipIf(missing('cc') && !process.env.CI)('parses, refuses bad arguments with status 2, and prints each checksum kind', async () => {
    writeFileSync(`${dir}/t.c`, `#include "claimbench.h"
static const cb_param P[] = {CB_INT("n", 1, 100), CB_STRING("mode")};
int main(int argc, char **argv) {
    cb_args a = cb_parse_args("c-t", argc, argv, P, 2);
    int64_t s[64];
    for (long i = 0; i < a.samples; i++) s[i] = i;
    cb_work w = CB_NO_WORK;
    w.bytes = 4096;
    cb_print_result(&a, cb_checksum_i64(cb_int(&a, 0)), s, cb_thread_count("c-t"), NULL);
    cb_print_result(&a, cb_checksum_f64(-4.359375), s, 1, &w);
    cb_print_result(&a, cb_checksum_hex("ab01"), s, 1, NULL);
    cb_print_result(&a, cb_checksum_hex("AB"), s, 1, NULL);
    return 0;
}
`);
    const b = await run(tools.cc, ['-O1', '-Wall', '-Wextra', '-Werror', ...protocolIncludes('c'), '-o', `${dir}/t-c`, `${dir}/t.c`]);
    expect(b.exitCode, b.stderr).toBe(0);
    const r = await run(`${dir}/t-c`, ['0', '2', '7', 'x"y'], { CLAIMBENCH_THREADS: '3' });
    expect(r.exitCode).toBe(1); // the upper-case digest is refused
    expect(r.stderr).toBe('c-t: checksum is not a finite number or a lowercase hex digest\n');
    const [i, f, h] = lines(r.stdout);
    expect(i).toMatchObject({ impl: 'c-t', params: { n: 7, mode: 'x"y' }, checksum: 7, samplesNs: [0, 1], threads: 3 });
    expect(i.peakRssKiB).toBeGreaterThan(0);
    expect(f).toMatchObject({ checksum: -4.359375, work: { bytes: 4096 } });
    expect(h.checksum).toBe('ab01');
    const bad = await run(`${dir}/t-c`, ['0', '2', '700', 'x']);
    expect(bad.exitCode).toBe(2);
    expect(bad.stderr).toMatch(/^c-t: n must be in 1\.\.100, got 700\nusage: \S+ WARMUP SAMPLES n mode\n$/);
    expect((await run(`${dir}/t-c`, ['0', '2', '7'])).stderr).toMatch(/^c-t: expected 4 arguments, got 3\n/);
  }, 120_000);
  it.skipIf(missing('cc') && !process.env.CI)('keeps a program\'s output text and reports its FNV-1a digest; refuses text longer than the buffer', async () => {
    writeFileSync(`${dir}/out.c`, `#define CB_OUTPUT_MAX 64
#include "claimbench.h"
static const cb_param P[] = {CB_INT("lines", 0, 100)};
int main(int argc, char **argv) {
    cb_args a = cb_parse_args("c-out", argc, argv, P, 1);
    cb_output o;
    int64_t s[1] = {1};
    for (int round = 0; round < 2; round++) { /* a second sample starts from empty text */
        cb_output_clear(&o);
        for (long i = 0; i < cb_int(&a, 0); i++) cb_output_printf(&o, "%ld\\t%.3f\\n", i, i / 8.0);
    }
    cb_print_result(&a, cb_output_checksum(&o), s, 1, NULL);
    return 0;
}
`);
    const b = await run(tools.cc, ['-O1', '-Wall', '-Wextra', '-Werror', ...protocolIncludes('c'), '-o', `${dir}/out-c`, `${dir}/out.c`]);
    expect(b.exitCode, b.stderr).toBe(0);
    const text = (n: number) => Array.from({ length: n }, (_, i) => `${i}\t${(i / 8).toFixed(3)}\n`).join('');
    for (const n of [0, 1, 7]) {
      const r = await run(`${dir}/out-c`, ['0', '1', String(n)]);
      expect(r.exitCode, r.stderr).toBe(0);
      expect(lines(r.stdout)[0].checksum).toBe(fnv1a64Hex(text(n)));
    }
    expect(text(7).length).toBeLessThan(64); // the text and its terminating NUL fit
    expect(text(8).length).toBe(64);
    const over = await run(`${dir}/out-c`, ['0', '1', '8']);
    expect(over.exitCode).toBe(1);
    expect(over.stdout).toBe('');
    expect(over.stderr).toBe('claimbench.h: the program\'s output is longer than CB_OUTPUT_MAX (64 bytes); define CB_OUTPUT_MAX larger before including claimbench.h\n');
  }, 120_000);
  it.skipIf(missing('c++') && !process.env.CI)('is valid C++ too (the cpp runtime includes it), with the same line', async () => {
    writeFileSync(`${dir}/t.cpp`, `#include "claimbench.h"
#include <vector>
static const cb_param P[] = {CB_INT("n", 1, 100), CB_STRING("mode")};
int main(int argc, char **argv) {
    cb_args a = cb_parse_args("cpp-t", argc, argv, P, 2);
    std::vector<int64_t> s(a.samples, 5);
    cb_work w = CB_NO_WORK;
    w.items = 3;
    cb_print_result(&a, cb_checksum_hex("00ff"), s.data(), 1, &w);
    return 0;
}
`);
    const b = await run(tools.cxx ?? 'c++', ['-O1', '-std=c++17', '-Wall', '-Wextra', '-Werror', ...protocolIncludes('cpp'), '-o', `${dir}/t-cpp`, `${dir}/t.cpp`]);
    expect(b.exitCode, b.stderr).toBe(0);
    const r = await run(`${dir}/t-cpp`, ['0', '2', '7', 'z']);
    expect(r.exitCode, r.stderr).toBe(0);
    expect(lines(r.stdout)[0]).toMatchObject({ impl: 'cpp-t', params: { n: 7, mode: 'z' }, checksum: '00ff', samplesNs: [5, 5], threads: 1, work: { items: 3 } });
  }, 120_000);
});

describe('Rust helper (claimbench-protocol crate)', () => {
  it.skipIf(missing('cargo') && !process.env.CI)('passes its unit tests', async () => {
    const r = await run(tools.cargo, ['test', '--quiet', '--offline', '--manifest-path', 'harness/protocol/rust/Cargo.toml', '--target-dir', `${dir}/rust`]);
    expect(r.exitCode, r.stderr + r.stdout).toBe(0);
    expect(r.stdout).toMatch(/test result: ok\. 4 passed/);
  }, 600_000);
});

describe('Mojo helper (claimbench.mojo)', () => {
  it.skipIf(missing('mojo') && !process.env.CI)('parses, refuses bad arguments with status 2, and prints each checksum kind', async () => {
    writeFileSync(`${dir}/t.mojo`, `from claimbench import Param, parse_args, print_result, checksum_int, checksum_float, checksum_digest, checksum_output

def main():
    var a = parse_args("mojo-t", [Param.int("n", 1, 100), Param.string("mode")])
    var s = List[Int]()
    for i in range(a.samples):
        s.append(i)
    print_result(a, checksum_int(a.int("n")), s, 1)
    print_result(a, checksum_float(-4.359375), s, 1, '{"bytes":4096}')
    print_result(a, checksum_digest("ab01"), s, 1)
    print_result(a, checksum_output("-0.169075164\\n"), s, 1)
    print_result(a, checksum_digest("AB"), s, 1)
`);
    const b = await run(tools.mojo, ['build', ...protocolIncludes('mojo'), `${dir}/t.mojo`, '-o', `${dir}/t-mojo`], { MODULAR_TELEMETRY_ENABLED: '0' });
    expect(b.exitCode, b.stderr).toBe(0);
    const r = await run(`${dir}/t-mojo`, ['0', '2', '7', 'x"y']);
    expect(r.exitCode).toBe(1);
    expect(r.stderr).toBe('mojo-t: checksum is not a finite number or a lowercase hex digest: "AB"\n');
    const [i, f, h, o] = lines(r.stdout);
    expect(o.checksum).toBe(fnv1a64Hex('-0.169075164\n'));
    expect(i).toMatchObject({ impl: 'mojo-t', params: { n: 7, mode: 'x"y' }, checksum: 7, samplesNs: [0, 1], threads: 1 });
    expect(f).toMatchObject({ checksum: -4.359375, work: { bytes: 4096 } });
    expect(h.checksum).toBe('ab01');
    const bad = await run(`${dir}/t-mojo`, ['0', '2', '700', 'x']);
    expect(bad.exitCode).toBe(2);
    expect(bad.stderr).toBe('mojo-t: n must be in 1..100, got 700\nusage: mojo-t WARMUP SAMPLES n mode\n');
  }, 600_000);
});
