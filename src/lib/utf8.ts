/**
 * Strict decoding of contributor files: invalid UTF-8 is refused with the byte offset of the
 * first bad byte (never replaced by U+FFFD and published), and so are characters that hide or
 * disguise text: control characters other than tab and line breaks, and bidirectional overrides
 * ("Trojan Source"). Pure.
 */

/** Offset of the first byte that does not start a well-formed UTF-8 sequence; -1 when all are well formed. */
export function firstInvalidUtf8(bytes: Uint8Array): number {
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i]!;
    if (b < 0x80) {
      i++;
      continue;
    }
    let n: number;
    let lo = 0x80;
    let hi = 0xbf;
    if (b >= 0xc2 && b <= 0xdf) n = 1;
    else if (b === 0xe0) { n = 2; lo = 0xa0; }
    else if (b >= 0xe1 && b <= 0xec) n = 2;
    else if (b === 0xed) { n = 2; hi = 0x9f; } // no UTF-16 surrogates
    else if (b >= 0xee && b <= 0xef) n = 2;
    else if (b === 0xf0) { n = 3; lo = 0x90; }
    else if (b >= 0xf1 && b <= 0xf3) n = 3;
    else if (b === 0xf4) { n = 3; hi = 0x8f; } // nothing above U+10FFFF
    else return i;
    for (let k = 1; k <= n; k++) {
      const c = bytes[i + k];
      if (c === undefined) return i;
      if (k === 1 ? c < lo || c > hi : c < 0x80 || c > 0xbf) return i;
    }
    i += n + 1;
  }
  return -1;
}

// C0 controls except tab, LF, CR; DEL; C1 controls; bidirectional embeddings, overrides and isolates.
const HIDDEN = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/u;

/**
 * Decodes `bytes` as UTF-8 (a leading byte-order mark is dropped); returns the text or the reason
 * it is refused, naming the byte offset.
 */
export function decodeStrict(bytes: Uint8Array): { ok: true; text: string } | { ok: false; message: string } {
  const bad = firstInvalidUtf8(bytes);
  if (bad >= 0) return { ok: false, message: `expected UTF-8 text, got an invalid byte 0x${bytes[bad]!.toString(16).padStart(2, '0')} at byte offset ${bad}` };
  let text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  if (text.startsWith('\ufeff')) text = text.slice(1);
  const m = HIDDEN.exec(text);
  if (m) {
    const offset = new TextEncoder().encode(text.slice(0, m.index)).length + (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0);
    const cp = m[0].codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0');
    return { ok: false, message: `expected text without control or bidirectional-override characters, got U+${cp} at byte offset ${offset}` };
  }
  return { ok: true, text };
}
