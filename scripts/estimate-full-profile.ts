/**
 * `node scripts/estimate-full-profile.ts [--machine ID] [KERNEL[/VARIANT] ...]`: how long the full
 * profile of these kernels (each with all its variants unless one is named) would take on a
 * machine, estimated from that machine's committed full-profile run files with the protocol the
 * kernel.yaml declares today (src/lib/budget-estimate.ts). Prints one line per workload, with the
 * run file's measured duration beside the estimate, and the total. Default: the data-path kernels
 * of issue 11 on the quiet Xeon.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { loadKernelDefinitions, parseRunFile } from '../src/io/load.ts';
import { variantKernel } from '../src/lib/schema/kernel.ts';
import { protocolFor } from '../src/lib/protocol.ts';
import { estimateSeconds, runCosts, scaleCosts } from '../src/lib/budget-estimate.ts';
import { workloadParams } from '../src/lib/schema/kernel.ts';

const DATA_PATH_KERNELS = ['tokenizer', 'dataframe', 'serialization', 'data-loading', 'nbody', 'spectral-norm', 'fannkuch-redux', 'binary-trees'];
const { values, positionals } = parseArgs({ allowPositionals: true, options: { machine: { type: 'string', default: 'x64-intel-xeon-f6m167s8-2c-24g' }, root: { type: 'string' } } });
const root = values.root ?? join(import.meta.dirname, '..');
const kernels = new Map(loadKernelDefinitions(root).map((k) => [k.id, k]));
const wanted = (positionals.length ? positionals : DATA_PATH_KERNELS).flatMap((arg) => {
  const [id, variant] = arg.split('/');
  const k = kernels.get(id!);
  if (!k) throw new Error(`no kernel "${id}" (has: ${[...kernels.keys()].join(', ')})`);
  return variant ? [{ k, variant }] : [{ k, variant: undefined }, ...k.variants.map((v) => ({ k, variant: v.id }))];
});

let measured = 0;
let estimated = 0;
const missing: string[] = [];
for (const { k, variant } of wanted) {
  const name = variant ? `${k.id}/${variant}` : k.id;
  const file = join(root, 'content/runs', values.machine!, ...(variant ? ['variants', variant] : []), `${k.id}.json`);
  if (!existsSync(file)) { missing.push(name); continue; }
  const run = parseRunFile(readFileSync(file, 'utf8'), file);
  const now = variant ? variantKernel(k, variant) : k;
  const settings = protocolFor(now, 'full');
  const costs = runCosts(run);
  // A workload changed since the run (kernel.yaml complexity names the one parameter the work
  // grows with, linearly): its sample times are scaled to today's value.
  const grows = now.complexity && /^[A-Za-z][A-Za-z0-9]*$/.test(now.complexity) ? now.complexity : null;
  const was = grows ? run.params[grows] : undefined;
  const is = grows ? workloadParams(now)[grows] : undefined;
  const factor = typeof was === 'number' && typeof is === 'number' && was !== is ? is / was : 1;
  const est = estimateSeconds(factor === 1 ? costs : scaleCosts(costs, factor), settings);
  measured += costs.durationS;
  estimated += est;
  console.log(`${name.padEnd(24)} measured ${costs.durationS.toFixed(0).padStart(4)} s (${run.protocol.rounds} rounds)   estimated ${est.toFixed(0).padStart(4)} s (${settings.rounds} rounds, min ${settings.minSamples} samples; ${costs.overheadPerProcessS.toFixed(2)} s per process besides samples${factor === 1 ? '' : `; samples scaled by ${factor.toFixed(2)}: ${grows} ${was} -> ${is}`})`);
}
console.log(`${'total'.padEnd(24)} measured ${(measured / 60).toFixed(1)} min   estimated ${(estimated / 60).toFixed(1)} min`);
if (missing.length) console.log(`no full-profile run on ${values.machine} for: ${missing.join(', ')} (not counted)`);
