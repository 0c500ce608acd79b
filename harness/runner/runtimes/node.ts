/** Node.js: an ES module run by the node found on PATH (the project's Node 24 when node_modules/.bin comes first). */
import type { RuntimeAdapter } from './types.ts';

export const node: RuntimeAdapter = {
  id: 'node',
  toolchains: () => ['node'],
  probe: (name, tools) => (name === 'node' ? { cmd: tools.node ?? 'node', args: ['--version'], howToGet: 'install Node.js 22 or later (npm install puts Node 24 in node_modules/.bin)' } : null),
  invocation: (impl, kernel, tools) => ({ build: null, buildEnv: {}, run: [tools.node ?? 'node', `harness/kernels/${kernel.id}/${impl.source}`] }),
};
