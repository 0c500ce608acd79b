/** C: one source file compiled by the system C compiler with the kernel's cflags and the protocol header. */
import type { RuntimeAdapter } from './types.ts';
import { buildOutput } from './types.ts';
import { protocolIncludes } from '../../../src/lib/protocol-helpers.ts';

export const c: RuntimeAdapter = {
  id: 'c',
  toolchains: () => ['cc'],
  probe: (name, tools) => (name === 'cc' ? { cmd: tools.cc, args: ['--version'], howToGet: 'install a C compiler (Debian: apt-get install gcc)' } : null),
  invocation(impl, kernel, tools) {
    const out = buildOutput(kernel.id, impl.id);
    return {
      build: [tools.cc, ...(impl.cflags ?? ['-O3']), ...protocolIncludes('c'), '-o', out, `harness/kernels/${kernel.id}/${impl.source}`, ...(impl.libs ?? [])],
      buildEnv: {},
      run: [out],
    };
  },
};
