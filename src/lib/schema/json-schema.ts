/** JSON Schema versions of the record schemas, for editors (see scripts/json-schemas.ts). */
import { z } from 'zod';
import { Claim } from './claim.ts';
import { Kernel } from './kernel.ts';
import { Run } from './run.ts';
import { ArticleFrontmatter } from './article.ts';

export function jsonSchemas(): Record<string, unknown> {
  const opts = { io: 'input', unrepresentable: 'any' } as const;
  return {
    claim: z.toJSONSchema(Claim, opts),
    kernel: z.toJSONSchema(Kernel, opts),
    run: z.toJSONSchema(Run, opts),
    article: z.toJSONSchema(ArticleFrontmatter, opts),
  };
}
