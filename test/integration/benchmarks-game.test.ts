/**
 * The Benchmarks Game kernels' reference programs against the Benchmarks Game's published output:
 * run at the problem's checking size, the reference must report the FNV-1a hash of exactly the
 * expected text (test/fixtures/benchmarks-game-output.ts). The other implementations are held to
 * the reference's digest by test/integration/kernels.test.ts and by the harness before timing.
 */
import { describe, expect, it } from 'vitest';
import { loadKernelDefinitions } from '../../src/io/load.ts';
import { realProcessRunner } from '../../harness/runner/effects.ts';
import { invocationFor, threadEnv } from '../../harness/runner/commands.ts';
import { detectToolchains, kernelToolchains, missingReason, toolPaths } from '../../harness/runner/toolchains.ts';
import { interpretOutput } from '../../harness/runner/measure.ts';
import { fnv1a64Hex } from '../../src/lib/fnv.ts';
import { BENCHMARKS_GAME_OUTPUT } from '../fixtures/benchmarks-game-output.ts';

const root = process.cwd();
const proc = realProcessRunner();
const tools = toolPaths(root);
const kernels = loadKernelDefinitions(root);

describe('Benchmarks Game kernels print the published output', () => {
  for (const [id, { params, text }] of Object.entries(BENCHMARKS_GAME_OUTPUT)) {
    const kernel = kernels.find((k) => k.id === id);
    it(`${id}: the kernel exists and its reference is checked at ${JSON.stringify(params)}`, async () => {
      expect(kernel, `kernel ${id}`).toBeDefined();
      const impl = kernel!.implementations.find((i) => i.id === kernel!.reference)!;
      const toolchains = await detectToolchains(proc, tools, kernelToolchains(kernel!));
      expect(missingReason(impl, toolchains, kernel!)).toBeNull();
      const inv = invocationFor(kernel!, impl, tools);
      if (inv.build) {
        const [bcmd, ...bargs] = inv.build;
        const b = await proc.run(bcmd!, bargs, { cwd: root, env: inv.buildEnv, timeoutMs: 600_000 });
        expect(b.exitCode, `build failed: ${b.stderr || b.spawnError}`).toBe(0);
      }
      const [cmd, ...lead] = inv.run;
      const args = kernel!.params.map((p) => String(params[p.name]));
      const r = await proc.run(cmd!, [...lead, '0', '1', ...args], { cwd: root, env: threadEnv(impl, 1), timeoutMs: 120_000 });
      const got = interpretOutput(r, impl.id, params, 1);
      expect(got.ok ? 'ok' : `${got.status}: ${got.reason}\n${r.stderr}`).toBe('ok');
      if (got.ok) expect(got.out.checksum).toBe(fnv1a64Hex(text));
    }, 180_000);
  }
});
