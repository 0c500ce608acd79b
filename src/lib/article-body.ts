/**
 * An article's body (content/articles/<slug>.mdx below the frontmatter) is compiled as MDX at
 * build time, where `import`/`export`, `{expressions}` and `<Components>` run code on the build
 * machine and raw HTML reaches the page. Contributors write plain Markdown: this refuses
 * everything else, and links or images whose address is not https:, http: or a path on the site.
 * Pure.
 */
import { excerpt } from './input-limits.ts';

export interface BodyProblem {
  /** 1-based line in the body. */
  line: number;
  message: string;
}

/** Blanks out fenced code blocks and inline code spans (where MDX treats { and < as text), keeping line numbers. */
function withoutCode(body: string): string[] {
  const lines = body.split(/\r?\n/);
  let fence: string | null = null;
  return lines.map((l) => {
    const f = /^\s{0,3}(`{3,}|~{3,})/.exec(l);
    if (fence) {
      if (f && f[1]!.startsWith(fence)) fence = null;
      return '';
    }
    if (f) {
      fence = f[1]!;
      return '';
    }
    return l.replace(/(`+)[^`]*?\1/g, '');
  });
}

const SAFE_DESTINATION = /^(?:https?:\/\/[^\s]+|\/(?!\/)[^\s]*|#[^\s]*|[A-Za-z0-9._~-][^\s:]*)$/;

export function articleBodyProblems(body: string): BodyProblem[] {
  const out: BodyProblem[] = [];
  withoutCode(body).forEach((l, n) => {
    const line = n + 1;
    if (/^\s*(import|export)\b/.test(l)) {
      out.push({ line, message: 'expected Markdown, got an MDX import/export (code that would run at build time)' });
      return;
    }
    const unescaped = l.replace(/\\[\\{}<>]/g, '');
    if (/[{}]/.test(unescaped)) out.push({ line, message: 'expected Markdown, got "{" or "}" (an MDX expression that would run at build time; write \\{ for the character)' });
    if (/<[A-Za-z/!?]/.test(unescaped)) out.push({ line, message: 'expected Markdown, got an HTML or JSX tag (write \\< for the character)' });
    const dests = [...l.matchAll(/\]\(\s*<?([^)\s>]*)/g), ...l.matchAll(/^\s{0,3}\[[^\]]+\]:\s*<?(\S+?)>?(?:\s|$)/g)].map((m) => m[1]!);
    for (const d of dests) {
      // A character reference or escape could spell a scheme (java&#115;cript&#58;) in a relative-looking address.
      if (!SAFE_DESTINATION.test(d) || (!/^https?:\/\//.test(d) && /[&\\]/.test(d))) {
        out.push({ line, message: `expected a link to an https: or http: address or a path on this site, got ${excerpt(d)}` });
      }
    }
  });
  return out;
}
