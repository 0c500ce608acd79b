/**
 * Field documentation for the JSON Schemas editors use, read from the zod schemas' own source: the
 * doc comment above each property of every `z.object`/`z.strictObject` literal under
 * src/lib/schema/ (its text is the description; an `@unit` tag names the unit). Read with the
 * TypeScript parser, so the JSON Schemas cannot drift from the comments. I/O: reads source files.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import ts from 'typescript';

export interface FieldDoc {
  description: string;
  unit?: string;
}

/** One object literal of a schema: its property names and the docs of those that have one. */
export interface ObjectDocs {
  file: string;
  keys: string[];
  docs: Record<string, FieldDoc>;
}

const OBJECT_CALLS = new Set(['object', 'strictObject', 'looseObject']);

/** The doc comment (`/** ... *\/`) right above a node, cleaned to one paragraph, with its tags. */
function docOf(node: ts.Node, text: string): FieldDoc | null {
  const ranges = ts.getLeadingCommentRanges(text, node.getFullStart()) ?? [];
  const doc = ranges.filter((r) => text.slice(r.pos, r.pos + 3) === '/**').at(-1);
  if (!doc) return null;
  const body = text.slice(doc.pos + 3, doc.end - 2).split('\n').map((l) => l.replace(/^\s*\*\s?/, '')).join('\n');
  let unit: string | undefined;
  const description = body
    .replace(/@unit\s+([^\n]+)/g, (_, u: string) => { unit = u.trim(); return ''; })
    .replace(/\s+/g, ' ')
    .trim();
  return description ? { description, ...(unit ? { unit } : {}) } : null;
}

/** Every object literal passed to z.object / z.strictObject / z.looseObject in `source`. */
export function objectDocsOf(file: string, source: string): ObjectDocs[] {
  const sf = ts.createSourceFile(file, source, ts.ScriptTarget.Latest, true);
  const out: ObjectDocs[] = [];
  const visit = (node: ts.Node) => {
    if (ts.isCallExpression(node) && ts.isPropertyAccessExpression(node.expression) && OBJECT_CALLS.has(node.expression.name.text)) {
      const arg = node.arguments[0];
      if (arg && ts.isObjectLiteralExpression(arg)) {
        const keys: string[] = [];
        const docs: Record<string, FieldDoc> = {};
        for (const p of arg.properties) {
          const name = p.name && (ts.isIdentifier(p.name) || ts.isStringLiteral(p.name)) ? p.name.text : null;
          if (!name) continue;
          keys.push(name);
          const d = docOf(p, source);
          if (d) docs[name] = d;
        }
        out.push({ file, keys, docs });
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(sf);
  return out;
}

/** The object literals of every schema file under `dir` (default: src/lib/schema). */
export function schemaObjectDocs(dir = join(process.cwd(), 'src/lib/schema')): ObjectDocs[] {
  return readdirSync(dir)
    .filter((f) => f.endsWith('.ts'))
    .sort()
    .flatMap((f) => objectDocsOf(`src/lib/schema/${f}`, readFileSync(join(dir, f), 'utf8')));
}
