import { describe, expect, it } from 'vitest';
import { existsSync, readFileSync } from 'node:fs';
import { cpuBusyBetween, parseProcStat } from '../../src/lib/cpu-busy.ts';
import { procStatCpuSampler } from '../../harness/runner/effects.ts';

/** A 2-CPU /proc/stat with the given aggregate counters (user nice system idle iowait irq softirq steal guest guest_nice). */
const stat = (cpu: string) => `cpu  ${cpu}\ncpu0 1 0 0 1 0 0 0 0 0 0\ncpu1 1 0 0 1 0 0 0 0 0 0\nintr 898006 0 0\nctxt 1\nbtime 1\nprocs_running 1\n`;
// One second at 100 ticks per second on 2 CPUs: 200 ticks in all.
const before = stat('71518 657 12673 97370 584 0 180 54 0 0');
const idleAfter = stat('71520 657 12674 97566 585 0 180 54 0 0'); // 3 busy ticks, 197 idle
const oneCpuAfter = stat('71618 657 12674 97469 584 0 180 54 0 0'); // 101 busy (another program's loop), 98 idle

describe('parseProcStat', () => {
  it('reads the aggregate counters and counts the CPUs', () => {
    expect(parseProcStat(before)).toEqual({ user: 71518, nice: 657, system: 12673, idle: 97370, iowait: 584, irq: 0, softirq: 180, steal: 54, cpus: 2 });
  });
  it('reads an old kernel without steal and guest fields as 0 steal', () => {
    expect(parseProcStat('cpu 10 0 5 100\ncpu0 10 0 5 100\n')).toMatchObject({ user: 10, system: 5, idle: 100, iowait: 0, steal: 0, cpus: 1 });
  });
  it('refuses text that is not /proc/stat, saying what was expected', () => {
    expect(() => parseProcStat('hello\n', '/x/stat')).toThrow('/x/stat: no "cpu" line (expected "cpu  user nice system idle ..." counters)');
    expect(() => parseProcStat('cpu 1 2 x 4\ncpu0 1 2 3 4\n')).toThrow('is not at least four whole-number counters');
    expect(() => parseProcStat('cpu 1 2 3\ncpu0 1 2 3\n')).toThrow('is not at least four whole-number counters');
    expect(() => parseProcStat('cpu 1 2 3 4\n')).toThrow('no "cpuN" lines');
  });
});

describe('cpuBusyBetween', () => {
  it('finds an idle machine idle', () => {
    expect(cpuBusyBetween(parseProcStat(before), parseProcStat(idleAfter), 1000)).toEqual({ busyCpus: 0.03, stealCpus: 0, sampledMs: 1000 });
  });
  it('finds another program using one of the two CPUs', () => {
    expect(cpuBusyBetween(parseProcStat(before), parseProcStat(oneCpuAfter), 1000).busyCpus).toBeCloseTo(1.01, 3);
  });
  it("takes the harness's own CPU time off the busy share", () => {
    expect(cpuBusyBetween(parseProcStat(before), parseProcStat(oneCpuAfter), 1000, 500).busyCpus).toBeCloseTo(0.51, 3);
    expect(cpuBusyBetween(parseProcStat(before), parseProcStat(idleAfter), 1000, 500).busyCpus).toBe(0); // never below 0
  });
  it('reports steal (another virtual machine) on its own', () => {
    const stolen = stat('71568 657 12673 97370 584 0 180 154 0 0'); // 50 busy, 100 stolen, no idle: 150 ticks
    expect(cpuBusyBetween(parseProcStat(before), parseProcStat(stolen), 750)).toEqual({ busyCpus: 0.667, stealCpus: 1.333, sampledMs: 750 });
  });
  it('refuses readings whose counters did not advance', () => {
    expect(() => cpuBusyBetween(parseProcStat(before), parseProcStat(before), 1000)).toThrow('did not advance');
  });
});

describe('procStatCpuSampler (the real reading)', () => {
  it('samples this machine where /proc/stat exists', async () => {
    if (!existsSync('/proc/stat')) return;
    const s = await procStatCpuSampler(50)();
    expect(s.ok).toBe(true);
    if (!s.ok) return;
    expect(s.busy.sampledMs).toBeGreaterThanOrEqual(45);
    expect(s.busy.busyCpus).toBeGreaterThanOrEqual(0);
    expect(s.busy.busyCpus).toBeLessThanOrEqual(parseProcStat(readFileSync('/proc/stat', 'utf8')).cpus);
  });
  it('says why where there is no /proc/stat', async () => {
    expect(await procStatCpuSampler(1, '/nonexistent/stat')()).toEqual({ ok: false, reason: '/nonexistent/stat is not readable here (ENOENT)' });
  });
});
