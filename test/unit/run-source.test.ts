import { describe, expect, it } from 'vitest';
import { runSourceView } from '../../src/lib/run-source.ts';

describe('runSourceView', () => {
  it('a CI run names its runner, links its workflow run and keeps the commit measured', () => {
    const source = { kind: 'ci' as const, runnerLabel: 'claimbench-arm64', runnerName: 'arm-01', workflowRunId: '9', workflowRunUrl: 'https://github.com/o/r/actions/runs/9', commit: 'f'.repeat(40) };
    expect(runSourceView({ source }, 'e'.repeat(40))).toEqual({ kind: 'ci', text: 'CI runner claimbench-arm64 (arm-01)', href: 'https://github.com/o/r/actions/runs/9', commit: 'f'.repeat(40) });
  });
  it('a run without a source is a hand contribution with the commit that added it (or none when uncommitted)', () => {
    expect(runSourceView({}, 'e'.repeat(40))).toEqual({ kind: 'hand', text: 'contributed by hand', href: null, commit: 'e'.repeat(40) });
    expect(runSourceView({}, null).commit).toBeNull();
  });
});
