/**
 * The safety rules of the GitHub Actions workflows (.github/workflows/): what actionlint (npm test,
 * scripts/lint-workflows.sh) does not know about this project.
 * - no job that may run on a self-hosted runner is started by a pull request (a fork's code);
 * - the fleet workflow (self-hosted runners) starts only by hand or on a schedule;
 * - permissions are least-privilege: read-only at the top, write only on the job that needs it;
 * - every action is pinned to a full commit SHA, with the version it is in a comment.
 */
import { describe, expect, it } from 'vitest';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { workflowProblems, type Workflow } from '../../src/lib/workflow-rules.ts';

const dir = join(import.meta.dirname, '../../.github/workflows');
const files = readdirSync(dir).filter((f) => /\.ya?ml$/.test(f));
const load = (f: string) => ({ text: readFileSync(join(dir, f), 'utf8'), workflow: parse(readFileSync(join(dir, f), 'utf8')) as Workflow });

describe('workflow safety rules', () => {
  it('finds the CI and fleet workflows', () => {
    expect(files).toEqual(expect.arrayContaining(['ci.yml', 'fleet.yml']));
  });

  it.each(files)('%s follows them', (f) => {
    const { text, workflow } = load(f);
    expect(workflowProblems(workflow, text)).toEqual([]);
  });

  it('fleet: started only by hand or on a schedule, and its merge job alone may write', () => {
    const { workflow } = load('fleet.yml');
    expect(Object.keys(workflow.on as object).sort()).toEqual(['schedule', 'workflow_dispatch']);
    const writers = Object.entries(workflow.jobs).filter(([, j]) => Object.values(j.permissions ?? {}).includes('write')).map(([n]) => n);
    expect(writers).toEqual(['merge']);
  });

  it('ci: runs on push and pull_request on a hosted runner', () => {
    const { workflow } = load('ci.yml');
    expect(Object.keys(workflow.on as object).sort()).toEqual(['pull_request', 'push']);
    expect(workflow.jobs.test?.['runs-on']).toBe('ubuntu-24.04');
  });
});

describe('workflowProblems catches each breach', () => {
  const pinned = 'actions/checkout@3d3c42e5aac5ba805825da76410c181273ba90b1 # v7.0.1';
  const base = (extra: string) => `on:\n  pull_request:\npermissions:\n  contents: read\njobs:\n  a:\n    runs-on: ubuntu-24.04\n    steps:\n      - uses: ${pinned}\n${extra}`;
  const problems = (text: string) => workflowProblems(parse(text) as Workflow, text);

  it('accepts the base workflow', () => expect(problems(base(''))).toEqual([]));
  it('a self-hosted job on pull_request', () => {
    expect(problems(base('  b:\n    runs-on: [self-hosted, linux]\n    steps: []\n')).join()).toMatch(/jobs\.b.*self-hosted.*pull_request/);
  });
  it('a runner label from an expression on pull_request (it could name a self-hosted runner)', () => {
    expect(problems(base('  b:\n    runs-on: ${{ matrix.r }}\n    steps: []\n')).join()).toMatch(/jobs\.b/);
  });
  it('pull_request_target, which runs a fork with the base repository\'s secrets', () => {
    expect(problems(base('').replace('pull_request:', 'pull_request_target:')).join()).toMatch(/pull_request_target/);
  });
  it('missing or writable top-level permissions', () => {
    expect(problems(base('').replace('permissions:\n  contents: read\n', '')).join()).toMatch(/permissions/);
    expect(problems(base('').replace('contents: read', 'contents: write')).join()).toMatch(/permissions\.contents/);
    expect(problems(base('').replace('permissions:\n  contents: read', 'permissions: write-all')).join()).toMatch(/permissions/);
  });
  it('write-all on a job', () => {
    expect(problems(base('    permissions: write-all\n')).join()).toMatch(/jobs\.a\.permissions/);
  });
  it('an action pinned to a tag or a short SHA, or without its version comment', () => {
    expect(problems(base('').replace(pinned, 'actions/checkout@v7')).join()).toMatch(/40-hex/);
    expect(problems(base('').replace(pinned, 'actions/checkout@3d3c42e5')).join()).toMatch(/40-hex/);
    expect(problems(base('').replace(pinned, pinned.replace(' # v7.0.1', ''))).join()).toMatch(/version comment/);
  });
  it('a self-hosted job in a workflow a pull request starts, or a fleet of self-hosted runners on push', () => {
    const text = `on:\n  push:\npermissions: {}\njobs:\n  a:\n    runs-on: [self-hosted]\n    steps: []\n`;
    expect(problems(text).join()).toMatch(/push/);
  });
});
