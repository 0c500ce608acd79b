import { describe, expect, it } from 'vitest';
import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Claim } from '../../src/lib/schema/claim.ts';
import { Kernel, profileParams } from '../../src/lib/schema/kernel.ts';
import { parseWith, ValidationError } from '../../src/lib/schema-errors.ts';
import { loadDataset, parseRunFile } from '../../src/io/load.ts';

const file = 'claims/a1/c1.yaml';
const valid = {
  id: 'c1', article: 'a1', section: 's', order: 1, topic: 'mojo-speedups', statement: 'S', kind: 'measured',
  claimed: { metric: 'speedup', value: 3, unit: 'x' },
  check: { kernel: 'k', comparison: 'ratio', baseline: 'b', subject: 's', rationale: 'r' },
};
const messages = (data: unknown, schema = Claim) => {
  try {
    parseWith(schema, data, file);
    return [];
  } catch (e) {
    return (e as ValidationError).message.split('\n');
  }
};

describe('claim schema messages name the file, the field, what was expected and what was got', () => {
  it('accepts a valid record and fills defaults', () => {
    const c = parseWith(Claim, valid, file);
    expect(c.kind === 'measured' && c.check.toleranceFactor).toBe(2);
    expect(c.sources).toEqual([]);
  });
  it('unknown kind', () => {
    expect(messages({ ...valid, kind: 'guess' })).toEqual([`${file}: kind: expected one of [measured, probe, arithmetic, sourced, unverifiable], got "guess"`]);
  });
  it('enum field', () => {
    expect(messages({ ...valid, topic: 'gpus' })).toEqual([`${file}: topic: expected one of [mojo-speedups, matmul, free-threading, rust-ai-infra, ecosystem, economics, safety, releases], got "gpus"`]);
  });
  it('wrong type and missing field', () => {
    expect(messages({ ...valid, order: 'first', statement: undefined })).toEqual([
      `${file}: order: expected number, got "first"`,
      `${file}: statement: required field missing (expected string)`,
    ]);
  });
  it('unknown field, such as a typed verdict', () => {
    expect(messages({ ...valid, verdict: 'confirmed' })).toEqual([`${file}: unknown field "verdict"`]);
  });
  it('value and range together', () => {
    expect(messages({ ...valid, claimed: { ...valid.claimed, range: { min: 1, max: 2 } } })).toEqual([`${file}: claimed: expected exactly one of "value", "range" or "fact"`]);
  });
  it('toleranceFactor must be a factor above 1', () => {
    expect(messages({ ...valid, check: { ...valid.check, toleranceFactor: 0.5 } })).toEqual([`${file}: check.toleranceFactor: expected a factor above 1 (2 = from half to twice the claimed figure), got 0.5`]);
  });
  it('a measured check that still says tolerance is refused with the new name, with every other problem of the record', () => {
    expect(messages({ ...valid, check: { ...valid.check, tolerance: 2 } })).toEqual([`${file}: check.tolerance: renamed to check.toleranceFactor (a factor > 1)`]);
    expect(messages({ ...valid, order: 'first', check: { ...valid.check, tolerance: 0.5, kernel: undefined } })).toEqual([
      `${file}: check.tolerance: renamed to check.toleranceFactor (a factor > 1)`,
      `${file}: order: expected number, got "first"`,
      `${file}: check.kernel: required field missing (expected string)`,
    ]);
    // Other kinds keep `tolerance`, a relative fraction.
    const sourced = { ...valid, kind: 'sourced', check: { findings: [], tolerance: 0.05, rationale: 'r' } };
    expect(messages(sourced)).toEqual([]);
    const parsed = parseWith(Claim, sourced, file);
    expect(parsed.kind === 'sourced' && parsed.check.tolerance).toBe(0.05);
  });
  it('each scaling rule names what it cannot do without', () => {
    expect(messages({ ...valid, check: { ...valid.check, scaling: { rule: 'per-core' } } })).toEqual([`${file}: check.scaling.claimedCores: the per-core rule needs "claimedCores" (the cores of the machine the claim was measured on)`]);
    expect(messages({ ...valid, check: { ...valid.check, scaling: { rule: 'per-thread' } } })).toEqual([`${file}: check.scaling.from: the per-thread rule needs "from": the subject's code run with one thread`]);
    expect(messages({ ...valid, check: { ...valid.check, scaling: { rule: 'per-thread', from: 'one' } } })).toEqual([]);
  });
  it('a time is scaled by an amount of work and projected per core from a one-thread implementation only', () => {
    const time = { ...valid.check, comparison: 'time', baseline: undefined };
    expect(messages({ ...valid, check: { ...time, forWork: { unit: 'bytes', amount: 1e9 }, scaling: { rule: 'per-core', from: 'one' } } })).toEqual([]);
    expect(messages({ ...valid, check: { ...time, scaling: { rule: 'per-core', claimedCores: 8 } } })).toEqual([`${file}: check.scaling: a time is projected by the per-core rule from a one-thread implementation: expected rule "per-core" with "from"`]);
    expect(messages({ ...valid, check: { ...valid.check, forWork: { unit: 'bytes', amount: 1e9 } } })).toEqual([`${file}: check.forWork: an amount of work scales a time only, not a "ratio"`]);
    expect(messages({ ...valid, check: { ...time, forWork: { unit: 'lines', amount: 1 } } })[0]).toMatch(/^claims\/a1\/c1\.yaml: check\.forWork\.unit: /);
  });
});

describe('kernel schema', () => {
  const kernel = {
    schemaVersion: 2, id: 'k', title: 'K', summary: 'S', origin: { title: 'O', url: 'https://example.org' },
    params: [{ name: 'n' }], workload: { n: 2 },
    checksum: { description: 'sum' }, reference: 'py',
    implementations: [{ id: 'py', label: 'Py', runtime: 'python', tier: 'naive', source: 'python.py' }],
  };
  it('reports a workload missing a parameter and an unknown reference', () => {
    expect(messages({ ...kernel, workload: {}, reference: 'c' }, Kernel as never)).toEqual([
      `${file}: workload: expected exactly the params [n], got []`,
      `${file}: reference: expected one of [py], got "c"`,
    ]);
  });
  it('needs a reason for a non-zero checksum tolerance', () => {
    expect(messages({ ...kernel, checksum: { description: 'sum', tolerance: 1e-6 } }, Kernel as never)).toEqual([`${file}: checksum.reason: a non-zero tolerance needs a "reason"`]);
  });
  it('reports an unknown runtime, naming the field and the runtimes there are', () => {
    const bad = { ...kernel, implementations: [{ ...kernel.implementations[0], runtime: 'zig' }] };
    expect(messages(bad, Kernel as never)).toEqual([`${file}: implementations.0.runtime: expected one of [python, python3.13, python3.13t, python3.14, python3.14t, python3.15, python3.15t, c, cpp, rust, mojo, node], got "zig"`]);
  });
  it('refuses an option the runtime does not take, and a missing one it needs', () => {
    const bad = { ...kernel, implementations: [{ ...kernel.implementations[0], cflags: ['-O2'] }, { id: 'rs', label: 'Rs', runtime: 'rust', tier: 'naive', source: 'rust' }] };
    expect(messages(bad, Kernel as never)).toEqual([
      `${file}: implementations.0.cflags: the python runtime takes no "cflags" (it takes requires)`,
      `${file}: implementations.1.bin: the rust runtime needs "bin"`,
    ]);
  });
  it('reads a version 1 kernel (language instead of runtime) as version 2', () => {
    const v1 = { ...kernel, schemaVersion: 1, implementations: [{ id: 'py', label: 'Py', language: 'python', tier: 'naive', source: 'python.py' }] };
    const k = Kernel.parse(v1);
    expect(k.schemaVersion).toBe(2);
    expect(k.implementations[0]!.runtime).toBe('python');
    expect(k.params[0]!.type).toBe('integer');
  });
  it('checks every workload value against its parameter type', () => {
    const typed = {
      ...kernel,
      params: [{ name: 'n' }, { name: 'alg', type: 'enum', values: ['sha256', 'crc32c'] }, { name: 'buf', type: 'size', max: 1 << 20 }, { name: 'label', type: 'string' }, { name: 'x', type: 'number' }],
      workload: { n: 'ten', alg: 'md5', buf: '2 MiB', label: 7, x: 'big' },
    };
    expect(messages(typed, Kernel as never)).toEqual([
      `${file}: workload.n: expected an integer, got "ten" (parameter "n" is integer)`,
      `${file}: workload.alg: expected one of [sha256, crc32c], got "md5" (parameter "alg" is enum)`,
      `${file}: workload.buf: expected a size in bytes <= 1048576, got "2 MiB" (parameter "buf" is size)`,
      `${file}: workload.label: expected a non-empty string, got 7 (parameter "label" is string)`,
      `${file}: workload.x: expected a finite number, got "big" (parameter "x" is number)`,
    ]);
    expect(messages({ ...typed, workload: { n: 2.5, alg: 'sha256', buf: '12 parsecs', label: 'a', x: 1 } }, Kernel as never)).toEqual([
      `${file}: workload.n: expected an integer, got 2.5 (parameter "n" is integer)`,
      `${file}: workload.buf: expected a size such as "64 KiB" (units B, KiB, MiB, GiB, kB, MB, GB) or a number of bytes, got "12 parsecs" (parameter "buf" is size)`,
    ]);
  });
  it('resolves sizes to bytes for the programs and the run, the same in every profile', () => {
    const k = Kernel.parse({ ...kernel, params: [{ name: 'n' }, { name: 'buf', type: 'size' }], workload: { n: 1, buf: '64 KiB' } });
    expect(profileParams(k, 'quick')).toEqual({ n: 1, buf: 65536 });
    expect(profileParams(k, 'full')).toEqual({ n: 1, buf: 65536 });
  });
  it('reads a version 1 kernel\'s full profile as its workload', () => {
    const v1 = { ...kernel, schemaVersion: 1, workload: undefined, profiles: { quick: { n: 1 }, full: { n: 2 } }, implementations: [{ id: 'py', label: 'Py', language: 'python', tier: 'naive', source: 'python.py' }] };
    delete (v1 as Record<string, unknown>).workload;
    expect(Kernel.parse(v1).workload).toEqual({ n: 2 });
  });
  it('compares a digest checksum exactly and says so', () => {
    expect(messages({ ...kernel, checksum: { kind: 'digest', description: 'crc', tolerance: 0.1, reason: 'r' } }, Kernel as never)).toEqual([`${file}: checksum.tolerance: a digest is compared exactly: expected 0`]);
  });
  it('needs the work a throughput counts', () => {
    expect(messages({ ...kernel, metrics: [{ id: 'throughput' }] }, Kernel as never)).toEqual([`${file}: metrics.0.work: throughput needs "work": which reported amount it counts (one of bytes, items, tokens, records)`]);
  });
});

describe('run files', () => {
  it('refuses a newer schema version with the next step', () => {
    expect(() => parseRunFile('{"schemaVersion": 9}', 'content/runs/m/k.json')).toThrow('content/runs/m/k.json: schemaVersion: version 9 is newer than this claimbench understands (2); update claimbench (git pull) before reading it');
  });
  it('names a corrupt file instead of treating it as empty', () => {
    expect(() => parseRunFile('{"schemaVersion": 1,', 'content/runs/m/k.json')).toThrow(/^content\/runs\/m\/k\.json: not valid JSON .*restore it from git/);
  });
});

describe('loading a repository', () => {
  function repo(): string {
    const root = mkdtempSync(join(tmpdir(), 'claimbench-'));
    mkdirSync(join(root, 'content/articles'), { recursive: true });
    writeFileSync(join(root, 'content/articles/a1.mdx'), '---\ntitle: "A"\norder: 0\npublished: "2026"\nsummary: "S"\n---\nBody\n');
    mkdirSync(join(root, 'claims/a1'), { recursive: true });
    return root;
  }
  it('cross-checks the kernel a claim names, in the documented message form', () => {
    const root = repo();
    writeFileSync(join(root, 'claims/a1/c1.yaml'), 'id: c1\narticle: a1\nsection: s\norder: 1\ntopic: matmul\nstatement: S\nkind: measured\nclaimed: { metric: speedup, value: 3, unit: x }\ncheck: { kernel: foo, comparison: ratio, baseline: b, subject: s, rationale: r }\n');
    expect(() => loadDataset(root)).toThrow('claims/a1/c1.yaml: check.kernel: expected one of [], got "foo"');
  });
  it('refuses a claim metric its kernel does not measure, and a kernel naming an unknown runtime', () => {
    const root = repo();
    mkdirSync(join(root, 'harness/kernels/k'), { recursive: true });
    writeFileSync(join(root, 'harness/kernels/k/kernel.yaml'), 'schemaVersion: 2\nid: k\ntitle: K\nsummary: S\norigin: { title: O, url: "https://example.org" }\nparams: [{ name: n }]\nworkload: { n: 2 }\nchecksum: { description: sum }\nreference: py\nimplementations: [{ id: py, label: Py, runtime: python, tier: naive, source: py.py }]\n');
    mkdirSync(join(root, 'harness/kernels/z'), { recursive: true });
    writeFileSync(join(root, 'harness/kernels/z/kernel.yaml'), 'schemaVersion: 2\nid: z\ntitle: Z\nsummary: S\norigin: { title: O, url: "https://example.org" }\nparams: [{ name: n }]\nworkload: { n: 2 }\nchecksum: { description: sum }\nreference: zz\nimplementations: [{ id: zz, label: Zig, runtime: zig, tier: naive, source: z.zig }]\n');
    writeFileSync(join(root, 'claims/a1/c1.yaml'), 'id: c1\narticle: a1\nsection: s\norder: 1\ntopic: matmul\nstatement: S\nkind: measured\nclaimed: { metric: speedup, value: 3, unit: x }\ncheck: { kernel: k, comparison: ratio, metric: throughput, baseline: py, subject: py, rationale: r }\n');
    let msg = '';
    try {
      loadDataset(root);
    } catch (e) {
      msg = (e as Error).message;
    }
    expect(msg).toContain('harness/kernels/z/kernel.yaml: implementations.0.runtime: expected one of [python, python3.13, python3.13t, python3.14, python3.14t, python3.15, python3.15t, c, cpp, rust, mojo, node], got "zig"');
    expect(msg).toContain('claims/a1/c1.yaml: check.metric: expected a metric the kernel "k" declares [time, peak-memory], got "throughput"');
  });
  it('checks the id against the file name and reports YAML syntax errors with their line', () => {
    const root = repo();
    writeFileSync(join(root, 'claims/a1/c2.yaml'), 'id: other\narticle: a1\nsection: s\norder: 1\ntopic: matmul\nstatement: S\nkind: unverifiable\nclaimed: { metric: fact, value: 1, unit: none }\ncheck: { reason: r }\n');
    writeFileSync(join(root, 'claims/a1/c3.yaml'), 'id: c3\n  bad: [\n');
    let msg = '';
    try {
      loadDataset(root);
    } catch (e) {
      msg = (e as Error).message;
    }
    expect(msg).toContain('claims/a1/c2.yaml: id: expected the file name "c2", got "other"');
    expect(msg).toMatch(/claims\/a1\/c3\.yaml: YAML syntax error at line \d+, column \d+/);
  });
  it('refuses a planned kernel that exists and a claimed unit that does not fit the comparison', () => {
    const root = repo();
    mkdirSync(join(root, 'harness/kernels/k'), { recursive: true });
    writeFileSync(join(root, 'harness/kernels/k/kernel.yaml'), 'schemaVersion: 1\nid: k\ntitle: K\nsummary: S\norigin: { title: O, url: "https://example.org" }\nparams: [{ name: n }]\nworkload: { n: 2 }\nchecksum: { description: sum }\nreference: py\nimplementations: [{ id: py, label: Py, language: python, tier: naive, source: py.py }]\n');
    writeFileSync(join(root, 'harness/kernels/k/py.py'), '');
    writeFileSync(join(root, 'claims/a1/c1.yaml'), 'id: c1\narticle: a1\nsection: s\norder: 1\ntopic: matmul\nstatement: S\nkind: measured\nclaimed: { metric: time, value: 3, unit: x }\ncheck: { kernel: k, comparison: time, subject: py, planned: true, rationale: r }\n');
    let msg = '';
    try {
      loadDataset(root);
    } catch (e) {
      msg = (e as Error).message;
    }
    expect(msg.split('\n')).toEqual([
      'claims/a1/c1.yaml: claimed.unit: a time comparison expects one of [s, ms, us, ns], got "x"',
      'claims/a1/c1.yaml: check.planned: the kernel "k" exists now: remove "planned: true"',
    ]);
  });
  // Reads every file and traces every run's kernel hash through git history (slower on a fresh
  // clone, before .cache/kernel-hashes/ exists, and on a loaded machine).
  it('loads the real repository without problems', () => {
    const d = loadDataset(process.cwd());
    expect(d.articles.length).toBe(5);
  }, 30_000);
});

