import { describe, expect, it } from 'vitest';
import { mergeRun, mixedSessionsWarning, preferredRuns } from '../../src/lib/runs.ts';
import { impl, run, testMachine } from '../fixtures/builders.ts';

describe('which run the site shows', () => {
  it('prefers the full-profile run of a machine and kernel, whatever the order', () => {
    const quick = run([], { profile: 'quick' });
    const full = run([], { profile: 'full' });
    expect(preferredRuns([quick, full])).toEqual([full]);
    expect(preferredRuns([full, quick])).toEqual([full]);
  });
  it('shows a quick run where the machine has no full one', () => {
    const quick = run([], { profile: 'quick' });
    const other = run([], { profile: 'full', machine: { ...testMachine, id: 'm2' } });
    expect(preferredRuns([quick, other])).toEqual([quick, other]);
  });
  it('keeps one run per kernel', () => {
    const a = run([], { profile: 'quick', kernel: 'a' });
    const b = run([], { profile: 'full', kernel: 'b' });
    expect(preferredRuns([a, b])).toEqual([a, b]);
  });
});

describe('merging a session into a run file', () => {
  const s = (id: string, machine = testMachine) => ({ id, startedAt: id, finishedAt: id, machine, toolchains: {} });
  const T1 = '2026-11-01T00:00:00.000Z';
  const T2 = '2026-11-02T00:00:00.000Z';
  it('replaces what the new session measured and keeps the rest with their session', () => {
    const old = run([impl('a', [1, 2, 3], { session: T1 }), impl('b', [4, 5, 6], { session: T1 })], { sessions: [s(T1)] });
    const next = run([impl('a', [7, 8, 9], { session: T2 }), impl('b', [], { status: 'skipped', session: T2 })], { sessions: [s(T2)], startedAt: T2 });
    const merged = mergeRun(old, next, ['a']);
    expect(merged.implementations.map((i) => [i.id, i.session, i.samplesNs])).toEqual([['a', T2, [7, 8, 9]], ['b', T1, [4, 5, 6]]]);
    expect(merged.sessions.map((x) => x.id)).toEqual([T1, T2]);
    expect(merged.startedAt).toBe(T1);
  });
  it('drops sessions nothing refers to any more', () => {
    const old = run([impl('a', [1], { session: T1 })], { sessions: [s(T1)] });
    const next = run([impl('a', [2], { session: T2 })], { sessions: [s(T2)] });
    expect(mergeRun(old, next, ['a']).sessions.map((x) => x.id)).toEqual([T2]);
  });
  it('does not merge runs of different workloads', () => {
    const old = run([impl('a', [1], { session: T1 })], { sessions: [s(T1)], params: { n: 1 } });
    const next = run([impl('a', [2], { session: T2 })], { sessions: [s(T2)], params: { n: 2 } });
    expect(mergeRun(old, next, ['a'])).toBe(next);
  });
  it('warns when the sessions\' machines differ', () => {
    expect(mixedSessionsWarning([s(T1), s(T2)])).toBeNull();
    const w = mixedSessionsWarning([s(T1), s(T2, { ...testMachine, kernelRelease: '6.2', cpuMHz: 3000 })]);
    expect(w?.code).toBe('mixed-sessions');
    expect(w?.message).toContain('kernelRelease: "6.1" -> "6.2"');
    expect(w?.message).not.toContain('cpuMHz');
  });
});
