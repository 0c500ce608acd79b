import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { documentedJsonSchemas } from '../../src/io/json-schemas.ts';
import { objectDocsOf } from '../../src/io/schema-docs.ts';
import { collectExamples, documentSchema, undocumentedProperties, unitOf } from '../../src/lib/schema/json-schema-docs.ts';

describe('editor JSON Schemas', () => {
  const schemas = documentedJsonSchemas();

  it('are up to date with the zod schemas, their comments and the committed records (regenerate: node scripts/json-schemas.ts)', () => {
    for (const [name, schema] of Object.entries(schemas)) {
      expect(JSON.parse(readFileSync(`schemas/${name}.schema.json`, 'utf8')), name).toEqual(schema);
    }
  }, 60_000);

  it('describe every field of every record a contributor sends: article, claim, kernel and run files', () => {
    // A new field without a doc comment above it in src/lib/schema/*.ts fails here by its path.
    for (const name of ['article', 'claim', 'kernel', 'run']) expect(undocumentedProperties(schemas[name]), name).toEqual([]);
  });

  it('carry the comment above a zod property as its description, a unit from a tag or the name, and an example from the records', () => {
    const objects = objectDocsOf('x.ts', `
      const A = z.strictObject({
        /** How long to wait. @unit seconds */
        wait: z.number(),
        /** Peak memory of the process. */
        peakRssKiB: z.number(),
        plain: z.string(),
      });
      const B = z.strictObject({ /** Other. */ wait: z.number(), extra: z.string() });`);
    expect(objects.map((o) => o.keys)).toEqual([['wait', 'peakRssKiB', 'plain'], ['wait', 'extra']]);
    expect(objects[0]!.docs.wait).toEqual({ description: 'How long to wait.', unit: 'seconds' });
    const schema = { type: 'object', properties: { wait: { type: 'number' }, peakRssKiB: { type: 'number' }, plain: { type: 'string' } } };
    const out = documentSchema(schema, objects, collectExamples({ wait: 3, plain: 'p', peakRssKiB: 1024 })) as { properties: Record<string, { description?: string; examples?: unknown[] }> };
    // The exact key set picks A, not B, whose "wait" means something else.
    expect(out.properties.wait).toMatchObject({ description: 'How long to wait. Unit: seconds.', examples: [3] });
    expect(out.properties.peakRssKiB!.description).toBe('Peak memory of the process. Unit: KiB (1024 bytes).');
    expect(out.properties.plain!.description).toBeUndefined();
    expect(undocumentedProperties(out)).toEqual(['plain']);
    expect(unitOf('samplesNs', undefined)).toBe('nanoseconds');
  });

  it('document the claim and kernel fields a contributor writes by hand', () => {
    for (const f of ['check.kernel', 'check.toleranceFactor', 'check.scaling.claimedCores', 'claimed.value', 'claimed.metric']) expect(undocumentedProperties(schemas.claim), f).not.toContain(f);
    for (const f of ['budgetSeconds', 'skipQuick', 'implementations.runtime', 'params.type']) expect(undocumentedProperties(schemas.kernel), f).not.toContain(f);
    const kernel = JSON.stringify(schemas.kernel);
    expect(kernel).toContain('Seconds of timed samples per implementation');
    expect(kernel).toMatch(/"examples": ?\[/);
  });
});
