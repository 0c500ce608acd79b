/** C++: one source file compiled by the system C++ compiler with the kernel's cflags; includes the C protocol header. */
import type { RuntimeAdapter } from './types.ts';
import { buildOutput } from './types.ts';
import { protocolIncludes } from '../../../src/lib/protocol-helpers.ts';

export const cpp: RuntimeAdapter = {
  id: 'cpp',
  toolchains: () => ['c++'],
  probe: (name, tools) => (name === 'c++' ? { cmd: tools.cxx ?? 'c++', args: ['--version'], howToGet: 'install a C++ compiler (Debian: apt-get install g++)' } : null),
  invocation(impl, kernel, tools) {
    const out = buildOutput(kernel.id, impl.id);
    return {
      build: [tools.cxx ?? 'c++', ...(impl.cflags ?? ['-O3']), ...protocolIncludes('cpp'), '-o', out, `harness/kernels/${kernel.id}/${impl.source}`, ...(impl.libs ?? [])],
      buildEnv: {},
      run: [out],
    };
  },
};
