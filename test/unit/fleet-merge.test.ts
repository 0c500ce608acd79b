/**
 * The fleet's merge validation (src/lib/fleet.ts): a fixture for each reason a runner's run is
 * refused, built from a committed run re-identified as a fleet machine, and the job summary.
 */
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadKernelDefinitions, parseRunFile } from '../../src/io/load.ts';
import { decideMerge, mergeSummary, manifestFor, sourceOf, FleetManifest, type IncomingRun } from '../../src/lib/fleet.ts';
import { machineId } from '../../src/lib/machine.ts';
import { ValidationError } from '../../src/lib/schema-errors.ts';
import { Run } from '../../src/lib/schema/run.ts';
import type { Machine } from '../../src/lib/schema/run.ts';

const root = join(import.meta.dirname, '../..');
const kernels = new Map(loadKernelDefinitions(root).map((k) => [k.id, k]));
const committed = readFileSync(join(root, 'content/runs/x64-amd-epyc-2c/mandelbrot.json'), 'utf8');
const COMMIT = 'a'.repeat(40);

/** The committed run as a fleet runner with a full CPU identity would have written it. */
function goodRun(): Run {
  const run = structuredClone(parseRunFile(committed, 'fixture.json'));
  run.machine.cpu = { vendor: 'AuthenticAMD', family: 25, model: 17, stepping: 1 };
  run.machine.id = machineId(run.machine);
  return run;
}
function incoming(mutate: (r: Run) => void = () => {}, opts: Partial<Pick<IncomingRun, 'folder' | 'hashAtCommit'>> = {}): IncomingRun {
  const run = goodRun();
  const hash = run.kernelHash;
  mutate(run);
  const manifest = manifestFor([run], { commit: COMMIT, runnerLabel: 'claimbench-epyc', runnerName: 'epyc-01', workflowRunId: '42', workflowRunUrl: 'https://github.com/o/claimbench/actions/runs/42', machine: goodRun().machine.id });
  return { run, file: `runs-0/runs/${run.machine.id}/mandelbrot.json`, folder: opts.folder ?? goodRun().machine.id, manifest, hashAtCommit: 'hashAtCommit' in opts ? opts.hashAtCommit! : hash };
}
const refusal = (x: IncomingRun, existing = new Map<string, Machine>()) => {
  const d = decideMerge([x], kernels, existing);
  expect(d.accepted).toHaveLength(0);
  return d.refused[0]!.problems.map((p) => `${p.field}: ${p.message}`).join('\n');
};

describe('fleet merge validation', () => {
  it('accepts a consistent run and records its CI source', () => {
    const x = incoming();
    const d = decideMerge([x], kernels, new Map());
    expect(d.refused).toEqual([]);
    expect(d.accepted).toHaveLength(1);
    const source = sourceOf(x.manifest);
    expect(Run.parse({ ...x.run, source }).source).toEqual({ kind: 'ci', runnerLabel: 'claimbench-epyc', runnerName: 'epyc-01', workflowRunId: '42', workflowRunUrl: 'https://github.com/o/claimbench/actions/runs/42', commit: COMMIT });
    expect(FleetManifest.parse(x.manifest).kernels).toEqual({ mandelbrot: x.run.kernelHash });
  });

  it('schema: a run file with a garbage kernel hash does not parse', () => {
    const bad = JSON.parse(committed) as Record<string, unknown>;
    bad.kernelHash = 'garbage';
    expect(() => parseRunFile(JSON.stringify(bad), 'runs-0/runs/m/mandelbrot.json')).toThrow(ValidationError);
  });

  it('kernel hash: not the kernel sources at the manifest commit', () => {
    expect(refusal(incoming(() => {}, { hashAtCommit: 'b'.repeat(64) }))).toMatch(/^kernelHash: expected bbbbbbbbbbbb… \(the kernel's sources at commit aaaaaaaaaaaa\)/);
  });

  it('kernel hash: the commit or kernel is unknown here', () => {
    expect(refusal(incoming(() => {}, { hashAtCommit: null }))).toMatch(/kernelHash: expected harness\/kernels\/mandelbrot to exist at the manifest's commit/);
  });

  it('checksum: an implementation disagrees with the reference', () => {
    expect(refusal(incoming((r) => { r.implementations.find((i) => i.id === 'c-scalar')!.checksum = 12345; }))).toMatch(/implementations\.\d+\.checksum: expected the reference "python"'s checksum 40139097/);
  });

  it('raw samples: an ok result without them', () => {
    expect(refusal(incoming((r) => { const i = r.implementations.find((x) => x.id === 'numpy')!; i.samplesNs = []; }))).toMatch(/samplesNs: expected the timed samples/);
  });

  it('machine id: not the one its fingerprint gives', () => {
    expect(refusal(incoming((r) => { r.machine.cores = 64; }))).toMatch(/machine\.id: expected "x64-amd-epyc-f25m17s1-64c-24g" \(derived from the run's own CPU/);
  });

  it('machine id: not the folder or the manifest it came with', () => {
    const text = refusal(incoming(() => {}, { folder: 'x64-other-2c-24g' }));
    expect(text).toMatch(/machine\.id: expected "x64-other-2c-24g" \(the folder/);
  });

  it('machine id: collides with another CPU already known under that id', () => {
    const other = { ...goodRun().machine, cpuModel: goodRun().machine.cpuModel, cpu: { vendor: 'AuthenticAMD', family: 25, model: 17, stepping: 2 } };
    expect(refusal(incoming(), new Map([[other.id, other]]))).toMatch(/machine: expected the machine already known as .*two CPUs must never share an id/);
  });

  it('two artifacts with one id for two CPUs: the second is refused', () => {
    const a = incoming();
    const b = incoming((r) => { r.machine.cpu = { vendor: 'AuthenticAMD', family: 25, model: 17, stepping: 2 }; });
    const d = decideMerge([a, b], kernels, new Map());
    expect(d.accepted).toEqual([a]);
    expect(d.refused[0]!.problems.map((p) => p.message).join()).toMatch(/two CPUs must never share an id|a second/);
  });

  it('the summary names each refused file with its reasons, escaped', () => {
    const d = decideMerge([incoming(), incoming(() => {}, { hashAtCommit: 'c'.repeat(64) })], kernels, new Map(), [{ file: 'runs-1/manifest.json', problems: [{ file: 'runs-1/manifest.json', field: 'commit', message: 'expected 40 hex | <b>' }] }]);
    const md = mergeSummary(d);
    expect(md).toContain('1 run(s) passed validation and are proposed; 2 refused.');
    expect(md).toContain('`runs-1/manifest.json`');
    expect(md).toContain('expected 40 hex \\| \\<b\\>');
    expect(md).toMatch(/kernelHash: expected cccccccccccc/);
  });
});
