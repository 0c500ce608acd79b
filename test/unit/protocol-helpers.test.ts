/**
 * The per-language protocol helpers (harness/protocol/): the Node helper in process, the Python
 * helper through python3 (parsing, messages, the JSON line), and the pure mapping from a language
 * to its helper files and include flags. The compiled helpers (C, Rust, Mojo) are checked in
 * test/integration/protocol-helpers.test.ts and by every kernel in test/integration/kernels.test.ts.
 */
import { loadKernelDefinitions } from '../../src/io/load.ts';
import { describe, expect, it } from 'vitest';
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { createHash } from 'node:crypto';
import { dirname, join, resolve } from 'node:path';
import { ImplOutput } from '../../src/lib/schema/kernel.ts';
import { PROTOCOL_DIR, protocolHelperFiles, protocolHelperFilesFor, protocolIncludes } from '../../src/lib/protocol-helpers.ts';
import * as node from '../../harness/protocol/node/claimbench.mjs';
import { fnv1a64Hex } from '../../src/lib/fnv.ts';
import { PYTHON3 } from '../fixtures/python.ts';

const SPECS = [node.int('n', 1, 100), node.string('mode', ['fast', 'slow'])];

describe('Node protocol helper', () => {
  it('parses WARMUP SAMPLES and the parameters in order', () => {
    expect(node.parse('node-x', SPECS, ['1', '3', '42', 'fast'])).toEqual({ impl: 'node-x', warmup: 1, samples: 3, params: { n: 42, mode: 'fast' } });
  });
  it('refuses bad arguments naming the argument and what was expected', () => {
    const err = (argv: string[]) => { try { node.parse('node-x', SPECS, argv); return ''; } catch (e) { return (e as Error).message; } };
    expect(err(['1', '3', '42'])).toBe('expected 4 arguments (WARMUP SAMPLES n mode), got 3');
    expect(err(['1', '3', '4.5', 'fast'])).toBe("n must be an integer, got '4.5'");
    expect(err(['1', '3', '101', 'fast'])).toBe('n must be in 1..100, got 101');
    expect(err(['1', '0', '1', 'fast'])).toBe('SAMPLES must be in 1..2147483648, got 0');
    expect(err(['1', '1', '1', 'quick'])).toBe("mode must be one of fast, slow, got 'quick'");
  });
  it('writes one JSON line that follows the protocol, with an optional work object', () => {
    const args = node.parse('node-x', [node.int('n', 1, 100)], ['0', '2', '7']);
    const line = node.resultLine(args, { checksum: 13474, samplesNs: [5, 6], threads: 2, peakKiB: 99 });
    expect(line).toBe('{"impl":"node-x","params":{"n":7},"checksum":13474,"samplesNs":[5,6],"threads":2,"peakRssKiB":99}');
    expect(ImplOutput.safeParse(JSON.parse(line)).success).toBe(true);
    expect(JSON.parse(node.resultLine(args, { checksum: 'ab01', samplesNs: [1, 2], threads: 1, peakKiB: 1, work: { bytes: 1024 } }))).toMatchObject({ checksum: 'ab01', work: { bytes: 1024 } });
    expect(() => node.resultLine(args, { checksum: Number.NaN, samplesNs: [1], threads: 1, peakKiB: 1 })).toThrow('checksum must be a finite number or a lowercase hex digest, got null');
    expect(() => node.resultLine(args, { checksum: 'AB', samplesNs: [1], threads: 1, peakKiB: 1 })).toThrow('got "AB"');
    expect(() => node.resultLine(args, { checksum: 1, samplesNs: [1], threads: 1, peakKiB: 1, work: { flops: 1 } })).toThrow('work keys must be among bytes, items, tokens, records, got flops');
  });
  it('times SAMPLES calls after WARMUP untimed ones and reads a peak memory', () => {
    let calls = 0;
    const samples = node.timeSamples({ warmup: 2, samples: 3 }, () => { calls++; });
    expect(calls).toBe(5);
    expect(samples).toHaveLength(3);
    expect(samples.every((s: number) => Number.isInteger(s) && s >= 0)).toBe(true);
    expect(node.peakRssKiB()).toBeGreaterThan(0);
    expect(node.threadCount('x', { CLAIMBENCH_THREADS: '3' })).toBe(3);
  });
});

/** Runs Python code with the helper importable; returns stdout, stderr and the exit code. */
function python(code: string, argv: string[] = []) {
  const r = spawnSync(PYTHON3, ['-c', `import sys; sys.path.insert(0, '${PROTOCOL_DIR}/python'); sys.dont_write_bytecode = True\n${code}`, ...argv], { encoding: 'utf8' });
  return { stdout: r.stdout, stderr: r.stderr, code: r.status };
}

describe('Python protocol helper', () => {
  const prelude = 'from claimbench_protocol import *\nSPECS = [Int("n", 1, 100), Str("mode", ["fast", "slow"]), Int("bits", 32, 64, choices=(32, 64))]\n';
  it('parses the parameters in order and writes the JSON line', () => {
    const r = python(`${prelude}a = parse("py-x", SPECS, ["1", "2", "7", "fast", "64"])\nprint(result_line(a, -4.359375, [5, 6], 1, 99))\nprint(result_line(a, "ab01", [5, 6], 1, 99, work={"tokens": 3}))\nprint(result_line(parse("py-x", SPECS[:1], ["0", "1", "3"]), 13474, [5], 1, 99))`);
    expect(r.stderr).toBe('');
    const [first, second, numeric] = r.stdout.trim().split('\n');
    expect(first).toBe('{"impl":"py-x","params":{"n":7,"mode":"fast","bits":64},"checksum":-4.359375,"samplesNs":[5,6],"threads":1,"peakRssKiB":99}');
    // Today's schema takes numeric parameters only (string parameters arrive with branch instrument).
    expect(ImplOutput.safeParse(JSON.parse(numeric!)).success).toBe(true);
    expect(JSON.parse(second!)).toMatchObject({ checksum: 'ab01', work: { tokens: 3 } });
  });
  it('times a suite pass by pass, each sample the sum of its parts, and writes the parts', () => {
    const code = `${prelude}a = parse("py-s", SPECS[:1], ["1", "3", "7"])
calls = []
parts = [("x", lambda: calls.append("x") or 5), ("y", lambda: calls.append("y") or 7)]
samples, per = time_suite(a, parts)
print(calls.count("x"), calls.count("y"))
print(result_line(a, "ab", samples, 1, 9, parts=per))
try:
    result_line(a, "ab", samples, 1, 9, parts={"x": [1]})
except ValueError as e:
    print(e)`;
    const r = python(code);
    expect(r.stderr).toBe('');
    const [counts, line, err] = r.stdout.trim().split('\n');
    expect(counts).toBe('4 4');
    expect(JSON.parse(line!)).toMatchObject({ samplesNs: [12, 12, 12], parts: { x: [5, 5, 5], y: [7, 7, 7] } });
    expect(ImplOutput.safeParse(JSON.parse(line!)).success).toBe(true);
    expect(err).toBe("part 'x' has 1 times for 3 samples");
  }, 30_000);
  it('exits 2 with the reason and the usage on bad arguments', () => {
    const r = python(`${prelude}parse_args("py-x", SPECS)`, ['1', '2', '7', 'fast', '48']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('py-x: bits must be one of 32, 64, got 48\nusage:');
    expect(r.stderr).toContain('WARMUP SAMPLES n mode bits');
    expect(python(`${prelude}parse_args("py-x", SPECS)`, ['1', '2', 'x', 'fast', '32']).stderr).toContain("py-x: n must be an integer, got 'x'");
  });
  it('digests a program\'s output text with FNV-1a 64 as src/lib/fnv.ts does', () => {
    const texts = ['', 'a', 'foobar', '-0.169075164\n-0.169087605\n', 'caf\u00e9 \u6771\u4eac\n'];
    const r = python(`${prelude}import json\nfor t in json.loads(sys.argv[1]):\n    print(fnv1a64(t))`, [JSON.stringify(texts)]);
    expect(r.stdout.trim().split('\n')).toEqual(texts.map((t) => fnv1a64Hex(t)));
    expect(fnv1a64Hex('a')).toBe('af63dc4c8601ec8c'); // the published test vector
  });
  it('refuses a checksum that is neither a finite number nor a lowercase hex digest', () => {
    const r = python(`${prelude}a = parse("py-x", SPECS, ["0", "1", "1", "slow", "32"])\nfor c in [float("nan"), "AB", True]:\n    try:\n        result_line(a, c, [1], 1, 1)\n    except (TypeError, ValueError) as e:\n        print(e)`);
    expect(r.stdout.trim().split('\n')).toEqual(['checksum is NaN', "checksum string must be a lowercase hex digest, got 'AB'", 'checksum must be a number or a hex digest string, got bool']);
  });
});

describe('Python protocol helper: checks before timing (pinned lock, stamped data set)', () => {
  /**
   * Runs each call (a Python expression) in one python3 process, catching the exit of a refusal;
   * returns per call its exit code (0 when it returned), what it wrote to stderr and its value.
   */
  function calls(calls: string[], sitePath = ''): { code: number; stderr: string; value?: unknown }[] {
    const code = `import contextlib, io, json
${sitePath ? `sys.path.insert(0, ${JSON.stringify(sitePath)})` : ''}
from claimbench_protocol import *
out = []
for call in json.loads(sys.argv[1]):
    err = io.StringIO()
    try:
        with contextlib.redirect_stderr(err):
            value = eval(call)
        out.append({"code": 0, "stderr": err.getvalue(), "value": value.decode() if isinstance(value, bytes) else value})
    except SystemExit as e:
        out.append({"code": e.code, "stderr": err.getvalue()})
print(json.dumps(out))`;
    const r = python(code, [JSON.stringify(calls)]);
    expect(r.code, r.stderr).toBe(0);
    return JSON.parse(r.stdout);
  }
  const q = JSON.stringify;

  it('check_lock passes the pinned versions and refuses others, naming the lock, the version found and the one pinned', () => {
    // A folder with an installed distribution fakepkg 1.2.3 (its dist-info only), found by importlib.metadata.
    const dir = mkdtempSync(join(tmpdir(), 'claimbench-helper-'));
    try {
      mkdirSync(join(dir, 'fakepkg-1.2.3.dist-info'));
      writeFileSync(join(dir, 'fakepkg-1.2.3.dist-info', 'METADATA'), 'Metadata-Version: 2.1\nName: fakepkg\nVersion: 1.2.3\n');
      const lock = (name: string, text: string) => (writeFileSync(join(dir, name), text), join(dir, name));
      const hashes = ' \\\n    --hash=sha256:00\n';
      const good = lock('good.lock', `# comment\nfakepkg==1.2.3${hashes}`);
      const bad = lock('bad.lock', `fakepkg==1.2.4${hashes}absentpkg==9.9${hashes}`);
      const mixed = lock('mixed.lock', `fakepkg==1.2.3${hashes}absentpkg==9.9${hashes}`);
      const absent = join(dir, 'absent.lock');
      const [ok, wrong, named, unpinned, missing] = calls([
        `check_lock("py-x", ${q(good)})`,
        `check_lock("py-x", ${q(bad)})`,
        `check_lock("py-x", ${q(mixed)}, ["fakepkg"])`,
        `check_lock("py-x", ${q(mixed)}, ["fakepkg", "other"])`,
        `check_lock("py-x", ${q(absent)})`,
      ], dir);
      expect(ok).toEqual({ code: 0, stderr: '', value: null });
      expect(wrong).toEqual({ code: 2, stderr: `py-x: installed packages differ from ${bad}: fakepkg 1.2.3 (the lock pins 1.2.4); absentpkg not installed (the lock pins 9.9); run npm run setup to install the pinned versions\n` });
      // Only the named packages: another pin's absence does not matter, a name the lock lacks is refused.
      expect(named).toEqual({ code: 0, stderr: '', value: null });
      expect(unpinned).toEqual({ code: 2, stderr: `py-x: other not pinned in ${mixed} (expected a line name==version for each package the program imports)\n` });
      expect(missing).toEqual({ code: 2, stderr: `py-x: cannot read the lock ${absent} (No such file or directory); it pins the kernel's packages\n` });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('names files inside the repository by their path from its root', () => {
    expect(calls(['shown_path(os.path.join(ROOT, "harness", "kernels", "k", "requirements.lock"))', 'shown_path("/elsewhere/x.lock")', 'ROOT']).map((c) => c.value))
      .toEqual(['harness/kernels/k/requirements.lock', '/elsewhere/x.lock', resolve('.')]);
  });

  it('read_stamped_dataset returns the bytes its stamp describes and refuses a missing, truncated, changed or badly stamped file', () => {
    const dir = mkdtempSync(join(tmpdir(), 'claimbench-stamp-'));
    try {
      const data = Buffer.from('line one\nline two\n');
      const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');
      const put = (name: string, bytes: Buffer, stamp: Buffer | null | string) => {
        writeFileSync(join(dir, name), bytes);
        if (stamp !== null) writeFileSync(join(dir, `${name}.json`), typeof stamp === 'string' ? stamp : JSON.stringify({ name, bytes: stamp.length, sha256: sha(stamp) }));
        return join(dir, name);
      };
      const other = Buffer.from(data);
      other[0] = 0x4c;
      const [good, unstamped, cut, changed, garbled, list] = [put('good.txt', data, data), put('unstamped.txt', data, null), put('cut.txt', data.subarray(0, 5), data),
        put('changed.txt', other, data), put('garbled.txt', data, '{"bytes": '), put('list.txt', data, '[1, 2]')];
      const absent = join(dir, 'absent.txt');
      const R = 'make it again';
      const read = (path: string) => `read_stamped_dataset("py-x", ${q(path)}, ${q(R)})`;
      const size = (path: string) => `check_stamp("py-x", ${q(path)}, ${q(R)})`;
      const r = calls([read(good), read(unstamped), read(absent), size(absent), read(cut), size(cut), read(changed), size(changed), read(garbled), read(list)]);
      expect(r[0]).toEqual({ code: 0, stderr: '', value: data.toString() });
      expect(r[1]).toEqual({ code: 0, stderr: '', value: data.toString() });
      expect(r[2]).toEqual({ code: 2, stderr: `py-x: the data set ${absent} does not exist (regenerate it: ${R})\n` });
      expect(r[3]).toEqual(r[2]);
      const short = `py-x: the data set ${cut} has 5 bytes, its stamp ${cut}.json records ${data.length} (truncated or changed; regenerate it: ${R})\n`;
      expect(r[4]).toEqual({ code: 2, stderr: short });
      expect(r[5]).toEqual({ code: 2, stderr: short });
      expect(r[6]).toEqual({ code: 2, stderr: `py-x: the data set ${changed} has SHA-256 ${sha(other)}, its stamp ${changed}.json records ${sha(data)} (changed; regenerate it: ${R})\n` });
      // Without the bytes, check_stamp compares the size only (for a file a library reads itself).
      expect(r[7]).toEqual({ code: 0, stderr: '', value: null });
      expect(r[8]!.code).toBe(2);
      expect(r[8]!.stderr).toMatch(new RegExp(`^py-x: the data set ${garbled} has an unreadable stamp ${garbled}\\.json \\(.+; regenerate it: ${R}\\)\n$`));
      expect(r[9]).toEqual({ code: 2, stderr: `py-x: its stamp ${list}.json is not an object with bytes and sha256 (regenerate it: ${R})\n` });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('dataset_from_env refuses a missing CLAIMBENCH_DATASET', () => {
    const [r] = calls(['os.environ.pop("CLAIMBENCH_DATASET", None) and None or dataset_from_env("py-x")']);
    expect(r).toEqual({ code: 2, stderr: "py-x: CLAIMBENCH_DATASET is not set (the harness passes the data set's path)\n" });
  });
});

describe('which helper files and flags a language needs', () => {
  it('lists existing helper files per language, once each, for the kernel hash', () => {
    for (const lang of ['python', 'c', 'rust', 'mojo', 'node']) {
      expect(protocolHelperFiles(lang).length, lang).toBeGreaterThan(0);
      for (const f of protocolHelperFiles(lang)) expect(existsSync(f), f).toBe(true);
    }
    expect(protocolHelperFiles('fortran')).toEqual([]);
    expect(protocolHelperFilesFor(['python', 'c', 'python'])).toEqual(['harness/protocol/c/claimbench.h', 'harness/protocol/python/claimbench_protocol.py']);
  });
  it('passes include paths to the C and Mojo compilers only', () => {
    expect(protocolIncludes('c')).toEqual(['-I', 'harness/protocol/c']);
    expect(protocolIncludes('mojo')).toEqual(['-I', 'harness/protocol/mojo']);
    expect(protocolIncludes('python')).toEqual([]);
    expect(protocolIncludes('rust')).toEqual([]);
  });
  it('every kernel program uses its helper instead of a copy', () => {
    // Data-set generators are not measured programs: they write a file and print nothing; a server
    // kernel's programs, and a client kernel's service, serve HTTP and print no JSON line either (no helper to use).
    const kernels = loadKernelDefinitions(process.cwd());
    // (A variant may have a data set, hence a generator, of its own.)
    const generators = new Set(kernels.flatMap((k) => [k.dataset, ...k.variants.map((v) => v.dataset)].flatMap((d) => (d?.generator ? [`harness/kernels/${k.id}/${d.generator.source}`] : []))));
    // A client kernel's helper service serves HTTP too (kernel.yaml `service:`).
    for (const k of kernels) if (k.service) generators.add(`harness/kernels/${k.id}/${k.service.source}`);
    const servers = kernels.filter((k) => k.server).map((k) => `harness/kernels/${k.id}/`);
    const programs = execFileSync('git', ['ls-files', 'harness/kernels'], { encoding: 'utf8' }).trim().split('\n').filter((f) => /\.(py|c|mojo)$|src\/lib\.rs$/.test(f) && !generators.has(f) && !servers.some((d) => f.startsWith(d)));
    const usesHelper = (text: string) => /claimbench_protocol|claimbench\.h|import claimbench/.test(text);
    for (const f of programs) {
      const text = readFileSync(f, 'utf8');
      // A thin Python entry point may run a sibling module of its kernel that uses the helper.
      const siblings = [...text.matchAll(/^from (\w+) import /gm)].map((m) => join(dirname(f), `${m[1]}.py`)).filter((p) => existsSync(p));
      // A Rust crate's lib.rs may hold only shared definitions when its programs are binaries (src/bin/) that use the helper.
      if (f.endsWith('src/lib.rs') && existsSync(join(dirname(f), 'bin'))) siblings.push(...readdirSync(join(dirname(f), 'bin')).map((b) => join(dirname(f), 'bin', b)));
      expect(usesHelper(text) || siblings.some((p) => usesHelper(readFileSync(p, 'utf8'))), f).toBe(true);
      expect(text.includes('VmHWM'), `${f} still reads VmHWM itself`).toBe(false);
      expect(/importlib\.metadata|PackageNotFoundError/.test(text), `${f} checks installed versions itself (use claimbench_protocol.check_lock)`).toBe(false);
      expect(/cbf29ce484222325/i.test(text), `${f} hashes its output with its own FNV-1a (use the helper's: fnv1a64, cb_output_checksum, Checksum::of_output, checksum_output)`).toBe(false);
    }
  });
});
