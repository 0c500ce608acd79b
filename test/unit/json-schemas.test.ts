import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { jsonSchemas } from '../../src/lib/schema/json-schema.ts';

describe('editor JSON Schemas', () => {
  it('are up to date with the zod schemas (regenerate: node scripts/json-schemas.ts)', () => {
    for (const [name, schema] of Object.entries(jsonSchemas())) {
      expect(JSON.parse(readFileSync(`schemas/${name}.schema.json`, 'utf8')), name).toEqual(schema);
    }
  });
});
