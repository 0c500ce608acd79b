/** Mojo: one source file built by the mojo compiler installed in .venv (npm run setup), with the protocol module on its include path. */
import type { RuntimeAdapter } from './types.ts';
import { buildOutput, projectRelative } from './types.ts';
import { protocolIncludes } from '../../../src/lib/protocol-helpers.ts';

export const mojo: RuntimeAdapter = {
  id: 'mojo',
  toolchains: () => ['mojo'],
  probe: (name, tools) =>
    name === 'mojo'
      ? { cmd: tools.mojo, args: ['--version'], env: { MODULAR_TELEMETRY_ENABLED: '0' }, howToGet: 'run "npm run setup": it installs the pinned mojo package from PyPI into .venv (Linux x86-64/arm64 and macOS only)' }
      : null,
  invocation(impl, kernel, tools) {
    const out = buildOutput(kernel.id, impl.id);
    return {
      build: [projectRelative(tools.mojo), 'build', ...(impl.mojoFlags ?? ['-D', 'ASSERT=none']), ...protocolIncludes('mojo'), `harness/kernels/${kernel.id}/${impl.source}`, '-o', out],
      buildEnv: { MODULAR_TELEMETRY_ENABLED: '0' },
      run: [out],
    };
  },
};
