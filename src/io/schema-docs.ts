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

/** The identifier a property's value starts from (`Claimed.optional()` -> Claimed), if any. */
function baseIdentifier(e: ts.Expression): string | null {
  let x: ts.Expression = e;
  for (;;) {
    if (ts.isIdentifier(x)) return x.text;
    if (ts.isCallExpression(x)) x = x.expression;
    else if (ts.isPropertyAccessExpression(x)) x = x.expression;
    else return null;
  }
}

/** `z.literal('date')` -> "date". */
function literalOf(e: ts.Expression): string | null {
  if (ts.isCallExpression(e) && ts.isPropertyAccessExpression(e.expression) && e.expression.name.text === 'literal') {
    const a = e.arguments[0];
    if (a && (ts.isStringLiteral(a) || ts.isNumericLiteral(a))) return a.text;
  }
  return null;
}

/** The doc comments of exported constants (`/** ... *\/ export const Claimed = ...`) in `source`. */
export function declarationDocsOf(file: string, source: string): Record<string, FieldDoc> {
  const sf = ts.createSourceFile(file, source, ts.ScriptTarget.Latest, true);
  const out: Record<string, FieldDoc> = {};
  for (const st of sf.statements) {
    if (!ts.isVariableStatement(st)) continue;
    const d = docOf(st, source);
    for (const decl of st.declarationList.declarations) if (d && ts.isIdentifier(decl.name)) out[decl.name.text] = d;
  }
  return out;
}

/**
 * Every object literal passed to z.object / z.strictObject / z.looseObject in `source`. A property
 * without a comment of its own takes the comment of the schema constant it names (`claimed:
 * Claimed` -> Claimed's), from `declarations`; a literal (`kind: z.literal('date')`) says so.
 */
export function objectDocsOf(file: string, source: string, declarations: Record<string, FieldDoc> = {}): ObjectDocs[] {
  const sf = ts.createSourceFile(file, source, ts.ScriptTarget.Latest, true);
  const out: ObjectDocs[] = [];
  // Plain object literals bound to a name (`const ClaimBase = { ... }`), for `...ClaimBase` spreads.
  const literals = new Map<string, ts.ObjectLiteralExpression>();
  for (const st of sf.statements) {
    if (!ts.isVariableStatement(st)) continue;
    for (const decl of st.declarationList.declarations) if (ts.isIdentifier(decl.name) && decl.initializer && ts.isObjectLiteralExpression(decl.initializer)) literals.set(decl.name.text, decl.initializer);
  }
  const properties = (o: ts.ObjectLiteralExpression): ts.ObjectLiteralElementLike[] => o.properties.flatMap((p) => {
    if (ts.isSpreadAssignment(p) && ts.isIdentifier(p.expression)) {
      const target = literals.get(p.expression.text);
      return target ? properties(target) : [];
    }
    return [p];
  });
  const visit = (node: ts.Node) => {
    if (ts.isCallExpression(node) && ts.isPropertyAccessExpression(node.expression) && OBJECT_CALLS.has(node.expression.name.text)) {
      const arg = node.arguments[0];
      if (arg && ts.isObjectLiteralExpression(arg)) {
        const keys: string[] = [];
        const docs: Record<string, FieldDoc> = {};
        for (const p of properties(arg)) {
          const name = p.name && (ts.isIdentifier(p.name) || ts.isStringLiteral(p.name)) ? p.name.text : null;
          if (!name) continue;
          keys.push(name);
          const init = ts.isPropertyAssignment(p) ? p.initializer : null;
          const named = init ? baseIdentifier(init) : null;
          const literal = init ? literalOf(init) : null;
          const d = docOf(p, source) ?? (named && named !== 'z' ? declarations[named] : undefined) ?? (literal !== null ? { description: `Always "${literal}" in this form of the record.` } : null);
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
  const files = readdirSync(dir).filter((f) => f.endsWith('.ts')).sort().map((f) => ({ file: `src/lib/schema/${f}`, text: readFileSync(join(dir, f), 'utf8') }));
  const declarations = Object.assign({}, ...files.map((f) => declarationDocsOf(f.file, f.text))) as Record<string, FieldDoc>;
  return files.flatMap((f) => objectDocsOf(f.file, f.text, declarations));
}
