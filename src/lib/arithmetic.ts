/**
 * A tiny, safe evaluator for the formulas of arithmetic claims: numbers, input names,
 * + - * / and parentheses. No function calls, no property access, nothing else.
 */
type Token = { t: 'num'; v: number } | { t: 'name'; v: string } | { t: 'op'; v: string };

function tokenize(src: string): Token[] {
  const out: Token[] = [];
  const re = /\s*(?:(\d+(?:\.\d*)?(?:[eE][+-]?\d+)?|\.\d+)|([A-Za-z_][A-Za-z0-9_]*)|([-+*/()]))/y;
  let pos = 0;
  while (pos < src.length) {
    if (/^\s*$/.test(src.slice(pos))) break;
    re.lastIndex = pos;
    const m = re.exec(src);
    if (!m) throw new Error(`unexpected character "${src.slice(pos).trim()[0]}" at position ${pos}`);
    if (m[1] !== undefined) out.push({ t: 'num', v: Number(m[1]) });
    else if (m[2] !== undefined) out.push({ t: 'name', v: m[2] });
    else out.push({ t: 'op', v: m[3]! });
    pos = re.lastIndex;
  }
  return out;
}

/** Evaluates `formula` with `inputs`; throws an Error naming the problem (unknown name, syntax). */
export function evaluate(formula: string, inputs: Readonly<Record<string, number>>): number {
  const toks = tokenize(formula);
  let i = 0;
  const peek = () => toks[i];
  const expr = (): number => {
    let v = term();
    while (peek()?.t === 'op' && (peek()!.v === '+' || peek()!.v === '-')) {
      const op = toks[i++]!.v;
      const r = term();
      v = op === '+' ? v + r : v - r;
    }
    return v;
  };
  const term = (): number => {
    let v = unary();
    while (peek()?.t === 'op' && (peek()!.v === '*' || peek()!.v === '/')) {
      const op = toks[i++]!.v;
      const r = unary();
      v = op === '*' ? v * r : v / r;
    }
    return v;
  };
  const unary = (): number => {
    const tk = peek();
    if (tk?.t === 'op' && tk.v === '-') { i++; return -unary(); }
    if (tk?.t === 'op' && tk.v === '+') { i++; return unary(); }
    return atom();
  };
  const atom = (): number => {
    const tk = toks[i++];
    if (!tk) throw new Error('formula ends too early');
    if (tk.t === 'num') return tk.v;
    if (tk.t === 'name') {
      if (!Object.hasOwn(inputs, tk.v)) throw new Error(`unknown input "${tk.v}" (inputs: ${Object.keys(inputs).join(', ') || 'none'})`);
      return inputs[tk.v]!;
    }
    if (tk.v === '(') {
      const v = expr();
      const close = toks[i++];
      if (close?.t !== 'op' || close.v !== ')') throw new Error('missing ")"');
      return v;
    }
    throw new Error(`unexpected "${tk.v}"`);
  };
  const v = expr();
  if (i < toks.length) throw new Error(`unexpected "${String(toks[i]!.v)}" after the end of the formula`);
  return v;
}
