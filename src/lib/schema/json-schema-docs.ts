/**
 * Adds field documentation to exported JSON Schemas: for every object node, the description (and
 * unit) of each property from the doc comment above it in the zod source (src/io/schema-docs.ts
 * reads them), and an example value taken from the committed records. Pure.
 */
import type { FieldDoc, ObjectDocs } from '../../io/schema-docs.ts';

type Json = Record<string, unknown>;
/** Example leaf values by dotted path of property names (array positions left out). */
export type Examples = Map<string, unknown>;

/** Units that a field's name carries: samplesNs, peakRssKiB, durationSeconds, memoryMiB, cpuMHz. */
const NAME_UNITS: Array<[RegExp, string]> = [
  [/Ns$/, 'nanoseconds'], [/Us$/, 'microseconds'], [/Ms$/, 'milliseconds'], [/Seconds$/, 'seconds'],
  [/KiB$/, 'KiB (1024 bytes)'], [/MiB$/, 'MiB (1024² bytes)'], [/Bytes$|^bytes$/, 'bytes'], [/MHz$/, 'MHz'],
];

export function unitOf(name: string, doc: FieldDoc | undefined): string | undefined {
  return doc?.unit ?? NAME_UNITS.find(([re]) => re.test(name))?.[1];
}

/** The source object whose properties are exactly these keys (or, failing that, the smallest one containing them). */
function docsFor(keys: string[], objects: readonly ObjectDocs[]): Record<string, FieldDoc> {
  const set = new Set(keys);
  const exact = objects.filter((o) => o.keys.length === set.size && o.keys.every((k) => set.has(k)));
  const candidates = exact.length > 0 ? exact : objects.filter((o) => keys.every((k) => o.keys.includes(k))).sort((a, b) => a.keys.length - b.keys.length).slice(0, 1);
  // Several literals with the same keys ({ min, max }): a property takes the first doc any of them gives.
  const out: Record<string, FieldDoc> = {};
  for (const o of candidates) for (const [k, d] of Object.entries(o.docs)) out[k] ??= d;
  return out;
}

/** Every dotted path of leaf values in `value` (strings, numbers, booleans), first value kept. */
export function collectExamples(value: unknown, into: Examples = new Map(), path: string[] = []): Examples {
  if (Array.isArray(value)) {
    for (const v of value) collectExamples(v, into, path);
  } else if (value !== null && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) collectExamples(v, into, [...path, k]);
  } else if (['string', 'number', 'boolean'].includes(typeof value) && path.length > 0) {
    const key = path.join('.');
    // Long texts make poor examples in an editor's tooltip.
    if (!into.has(key) && !(typeof value === 'string' && value.length > 120)) into.set(key, value);
  }
  return into;
}

/** A copy of `schema` with descriptions, units and examples on every property that has them. */
export function documentSchema(schema: unknown, objects: readonly ObjectDocs[], examples: Examples): unknown {
  const root = structuredClone(schema) as Json;
  const defs = (root.$defs ?? root.definitions ?? {}) as Record<string, Json>;
  const seen = new Set<Json>();
  const walk = (node: unknown, path: string[]) => {
    if (node === null || typeof node !== 'object') return;
    const n = node as Json;
    if (typeof n.$ref === 'string') {
      const def = defs[n.$ref.replace(/^#\/(\$defs|definitions)\//, '')];
      if (def && !seen.has(def)) { seen.add(def); walk(def, path); }
    }
    const props = n.properties as Record<string, Json> | undefined;
    if (props) {
      const docs = docsFor(Object.keys(props), objects);
      for (const [k, p] of Object.entries(props)) {
        const d = docs[k];
        const unit = unitOf(k, d);
        if (d && p.description === undefined) p.description = unit ? `${d.description} Unit: ${unit}.` : d.description;
        else if (!d && unit && p.description === undefined) p.description = `Unit: ${unit}.`;
        const ex = examples.get([...path, k].join('.'));
        if (ex !== undefined && p.examples === undefined && p.$ref === undefined) p.examples = [ex];
        walk(p, [...path, k]);
      }
    }
    for (const key of ['items', 'additionalProperties', 'not']) if (n[key] && typeof n[key] === 'object') walk(n[key], path);
    for (const key of ['anyOf', 'oneOf', 'allOf', 'prefixItems']) if (Array.isArray(n[key])) for (const s of n[key] as unknown[]) walk(s, path);
  };
  walk(root, []);
  return root;
}

/** Dotted paths of the properties in `schema` that still have no description. */
export function undocumentedProperties(schema: unknown): string[] {
  const out: string[] = [];
  const walk = (node: unknown, path: string[]) => {
    if (node === null || typeof node !== 'object') return;
    const n = node as Json;
    for (const [k, p] of Object.entries((n.properties ?? {}) as Record<string, Json>)) {
      if (p.description === undefined && p.$ref === undefined) out.push([...path, k].join('.'));
      walk(p, [...path, k]);
    }
    for (const key of ['items', 'additionalProperties']) if (n[key] && typeof n[key] === 'object') walk(n[key], path);
    for (const key of ['anyOf', 'oneOf', 'allOf']) if (Array.isArray(n[key])) for (const s of n[key] as unknown[]) walk(s, path);
    for (const [name, d] of Object.entries((n.$defs ?? {}) as Record<string, unknown>)) walk(d, [`$defs.${name}`]);
  };
  walk(schema, []);
  return [...new Set(out)].sort();
}
