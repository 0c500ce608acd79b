/**
 * Probes: our own minimal programs that answer questions about code ("does this construct still
 * compile with current Mojo?", "can safe Rust leak memory?"). Each is built, and run if asked, and
 * what the compiler and the program said is recorded per machine. Outcomes are reused while the
 * program and the toolchain versions are unchanged.
 */
import { join, relative } from 'node:path';
import type { Machine, Toolchain } from '../../src/lib/schema/run.ts';
import type { ProbeDef, ProbeOutcome, ProbeRun } from '../../src/lib/schema/probe.ts';
import { ProbeRun as ProbeRunSchema } from '../../src/lib/schema/probe.ts';
import { SCHEMA_VERSION } from '../../src/lib/schema/common.ts';
import { parseVersioned } from '../../src/io/load.ts';
import type { HarnessDeps } from './harness.ts';
import { sha256 } from './results.ts';

const TOOLCHAIN: Record<ProbeDef['language'], string> = { python: 'python', c: 'cc', rust: 'rustc', mojo: 'mojo' };

/** The toolchain entries (as detected by toolchains.ts) a probe needs. */
export function probeToolchains(p: ProbeDef): string[] {
  return p.pythonPairs ? p.pythonPairs.flatMap((v) => [`python${v}t`, `python${v}`]) : [TOOLCHAIN[p.language]];
}

/** One run of a probe: on the project's toolchain, or on one version's free-threaded interpreter. */
interface ProbeTarget {
  /** The free-threaded interpreter (pythonPairs), else undefined. */
  interpreter?: string;
  /** Toolchain entries it needs, the first one's version recorded. */
  needs: string[];
}

function targetsOf(p: ProbeDef): ProbeTarget[] {
  return p.pythonPairs ? p.pythonPairs.map((v) => ({ interpreter: `python${v}t`, needs: [`python${v}t`, `python${v}`] })) : [{ needs: [TOOLCHAIN[p.language]] }];
}
const TAIL = 2000;
const tail = (s: string) => (s.length > TAIL ? `…${s.slice(-TAIL)}` : s);

/** How a probe is built and run: argv with repository-relative paths (pure). */
export function probeCommands(p: ProbeDef, tools: HarnessDeps['tools'], interpreter?: string): { build: string[]; run: string[] } {
  const src = `harness/probes/${p.id}/${p.source}`;
  const out = `.cache/build/probes/${p.id}`;
  const venv = (path: string) => path.replace(/^.*\/\.venv\//, '.venv/');
  if (interpreter) {
    // The pair lives in .toolchains/ (a link to the machine's cache): recorded relative to the repository.
    const rel = (path: string) => path.replace(/^.*\/\.toolchains\//, '.toolchains/');
    const paths: Readonly<Record<string, string | undefined>> = tools.pythonVariants ?? {};
    const ft = rel(paths[interpreter] ?? interpreter);
    const gil = interpreter.replace(/t$/, '');
    return { build: [ft, '-m', 'py_compile', src], run: [ft, src, rel(paths[gil] ?? gil)] };
  }
  switch (p.language) {
    case 'python':
      return { build: [venv(tools.python), '-m', 'py_compile', src], run: [venv(tools.python), src] };
    case 'c':
      return { build: [tools.cc, '-O2', '-o', out, src], run: [out] };
    case 'rust':
      return { build: [tools.rustc, '--edition', '2021', '-O', '-o', out, src], run: [out] };
    case 'mojo':
      return { build: [venv(tools.mojo), 'build', src, '-o', out], run: [out] };
  }
}

export function probesPath(root: string, machineId: string): string {
  return join(root, 'content/runs', machineId, 'probes.json');
}

export async function runProbes(probes: ProbeDef[], machine: Machine, toolchains: Record<string, Toolchain>, deps: HarnessDeps): Promise<{ run: ProbeRun; reran: string[] }> {
  const path = probesPath(deps.root, machine.id);
  const previous = deps.fs.exists(path) ? parseVersioned(ProbeRunSchema, await deps.fs.readText(path), relative(deps.root, path), 'npm run harness -- --probes') : null;
  const sameTools = previous !== null && JSON.stringify(Object.entries(previous.toolchains).sort()) === JSON.stringify(Object.entries(toolchains).sort());
  await deps.fs.mkdirp(join(deps.root, '.cache/build/probes'));
  const outcomes: ProbeOutcome[] = [];
  const reran: string[] = [];
  for (const p of probes) {
    const sourceHash = sha256([await deps.fs.readText(join(deps.root, 'harness/probes', p.id, p.source)), p.action, p.language]);
    for (const target of targetsOf(p)) {
      const key = target.interpreter ? { interpreter: target.interpreter } : {};
      const old = sameTools ? previous!.outcomes.find((o) => o.id === p.id && o.sourceHash === sourceHash && o.interpreter === target.interpreter) : undefined;
      if (old) {
        outcomes.push(old);
        continue;
      }
      if (!reran.includes(p.id)) reran.push(p.id);
      const { build, run } = probeCommands(p, deps.tools, target.interpreter);
      const missing = target.needs.find((name) => !toolchains[name]?.version);
      if (missing !== undefined) {
        const t = toolchains[missing];
        outcomes.push({ id: p.id, sourceHash, compiled: null, exitCode: null, stdout: '', stderr: '', reason: `${missing} missing: ${t?.missing ?? 'not detected'}`, command: build, toolchain: null, ...key });
        continue;
      }
      const version = toolchains[target.needs[0]!]!.version!;
      const env = { MODULAR_TELEMETRY_ENABLED: '0' };
      const b = await deps.proc.run(build[0]!, build.slice(1), { cwd: deps.root, env, timeoutMs: 300_000 });
      const compiled = b.exitCode === 0 && !b.timedOut && !b.spawnError;
      if (!compiled || p.action === 'compile') {
        outcomes.push({ id: p.id, sourceHash, compiled, exitCode: null, stdout: tail(b.stdout), stderr: tail(b.stderr || b.spawnError || ''), command: build, toolchain: version, ...key });
        continue;
      }
      const r = await deps.proc.run(run[0]!, run.slice(1), { cwd: deps.root, env, timeoutMs: 120_000 });
      outcomes.push({ id: p.id, sourceHash, compiled, exitCode: r.exitCode, stdout: tail(r.stdout), stderr: tail(r.stderr), ...(r.timedOut ? { reason: 'the program ran past its time limit' } : {}), command: run, toolchain: version, ...key });
    }
  }
  const result: ProbeRun = { schemaVersion: SCHEMA_VERSION, machine, toolchains, finishedAt: deps.clock.now().toISOString(), outcomes };
  if (reran.length > 0 || !previous || previous.outcomes.length !== outcomes.length) {
    await deps.fs.writeAtomic(path, `${JSON.stringify(result, null, 1)}\n`);
    return { run: result, reran };
  }
  return { run: previous, reran };
}
