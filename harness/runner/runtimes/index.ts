/**
 * The runtime registry: one adapter per runtime id of src/lib/runtimes.ts. To add a runtime, add
 * its id and facts there and its adapter module here.
 */
import type { RuntimeId } from '../../../src/lib/runtimes.ts';
import type { RuntimeAdapter } from './types.ts';
import { python, pythonVariants } from './python.ts';
import { c } from './c.ts';
import { cpp } from './cpp.ts';
import { rust } from './rust.ts';
import { mojo } from './mojo.ts';
import { node } from './node.ts';

export const ADAPTERS: Readonly<Record<RuntimeId, RuntimeAdapter>> = {
  python,
  ...pythonVariants,
  c,
  cpp,
  rust,
  mojo,
  node,
};

export function adapterFor(runtime: RuntimeId): RuntimeAdapter {
  return ADAPTERS[runtime];
}

export type { RuntimeAdapter, Invocation, ToolPaths, KernelContext, BuildPurpose } from './types.ts';
