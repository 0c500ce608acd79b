/**
 * A client kernel's fixed helper server (kernel.yaml `service:`, src/lib/schema/service.ts): started
 * once on a free loopback port before the kernel's implementations are measured, checked until it
 * answers 2xx, stopped (its whole process group) after the last round on every path out, and its
 * port verified free afterwards. The implementations get its address in CLAIMBENCH_SERVICE_URL.
 * Failures are returned as text, never thrown.
 */
import type { Implementation, Kernel } from '../../src/lib/schema/kernel.ts';
import { paramArgument, type ParamValue } from '../../src/lib/params.ts';
import { SERVICE_ENV } from '../../src/lib/schema/service.ts';
import type { Logger } from './effects.ts';
import { adapterFor, type ToolPaths } from './runtimes/index.ts';
import { kernelContext } from './commands.ts';
import type { BackgroundProcess, ServerEffects } from './server-effects.ts';
import { STOP_GRACE_MS, waitUntilReady } from './server.ts';

export { SERVICE_ENV };

export interface ServiceDeps {
  server: ServerEffects;
  log: Logger;
  /** Repository root: the working directory of the service. */
  cwd: string;
  tools: ToolPaths;
}

/** The toolchain the service runs with: the kernel's Python (its own environment when it pins one). */
export function serviceToolchains(kernel: Pick<Kernel, 'id' | 'pythonLock' | 'service'>): string[] {
  if (!kernel.service) return [];
  return [kernel.pythonLock ? `python@${kernel.id}` : 'python'];
}

/** The service's command line without PORT and the parameters: the kernel's python and the program. */
export function serviceCommand(kernel: Pick<Kernel, 'id' | 'pythonLock'> & { service: NonNullable<Kernel['service']> }, tools: ToolPaths): string[] {
  const pseudo: Implementation = { id: 'service', label: 'service', runtime: 'python', tier: 'naive', parallel: false, source: kernel.service.source, gpu: false, requiresCpu: [] };
  return adapterFor('python').invocation(pseudo, kernelContext(kernel), tools).run;
}

export type RunningService = { ok: true; url: string; env: Record<string, string>; stop(): Promise<string | null> };
export type ServiceStart = RunningService | { ok: false; reason: string; stderrTail: string };

/**
 * Starts the service and waits until it is ready. On success, `stop()` ends it and returns null, or
 * the problem (its port still bound) as text. On failure it has already been stopped.
 */
export async function startService(kernel: Kernel, params: Record<string, ParamValue>, deps: ServiceDeps): Promise<ServiceStart> {
  const spec = kernel.service;
  if (!spec) throw new Error(`kernel ${kernel.id} has no service`);
  const fx = deps.server;
  let port: number;
  try {
    port = await fx.freePort();
  } catch (e) {
    return { ok: false, reason: `service: no free loopback port: ${(e as Error).message}`, stderrTail: '' };
  }
  const [cmd, ...lead] = serviceCommand({ ...kernel, service: spec }, deps.tools);
  const args = [...lead, String(port), ...kernel.params.map((p) => paramArgument(params[p.name]!))];
  const proc: BackgroundProcess = fx.start(cmd!, args, { cwd: deps.cwd, env: {} });
  const url = `http://127.0.0.1:${port}`;
  const stop = async (): Promise<string | null> => {
    await proc.stop(STOP_GRACE_MS);
    if (await fx.portInUse(port)) {
      const holder = await fx.portHolder(port);
      return `service: port ${port} is still bound after the service was stopped${holder ? ` (by ${holder})` : ''}`;
    }
    return null;
  };
  try {
    const answer = await waitUntilReady(proc, `${url}${spec.path}`, port, spec.readySeconds, fx);
    if (answer.status < 200 || answer.status > 299) throw new Error(`GET ${spec.path} answered status ${answer.status}, expected 2xx`);
  } catch (e) {
    const stderrTail = proc.outputTail();
    const left = await stop();
    return { ok: false, reason: `service ${spec.source} ${(e as Error).message}${left ? `; ${left}` : ''}`, stderrTail };
  }
  deps.log.info(`${kernel.id}: service ${spec.source} ready on ${url}`);
  return { ok: true, url, env: { [SERVICE_ENV]: url }, stop };
}
