/**
 * The serialization kernel describes one Protobuf schema twice: records.proto (which the Python
 * implementations read at run time, protobuf_roundtrip.py) and the prost structs written by hand
 * in rust/src/lib.rs. This test reads both and fails when a field's number, type or
 * repetition differs, so the Rust and Python messages cannot drift apart silently. The JSON side
 * (field names and order) is checked the same way against the serde structs.
 */
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';

const dir = 'harness/kernels/serialization';
const proto = readFileSync(`${dir}/records.proto`, 'utf8');
const rust = readFileSync(`${dir}/rust/src/lib.rs`, 'utf8');

type Field = { name: string; tag: number; type: string; repeated: boolean };

/** message name -> fields, from the .proto subset the kernel uses (no nesting, no options). */
export function protoMessages(text: string): Map<string, Field[]> {
  const out = new Map<string, Field[]>();
  const clean = text.replace(/\/\/[^\n]*/g, '');
  for (const m of clean.matchAll(/message\s+(\w+)\s*\{([^{}]*)\}/g)) {
    const fields = [...m[2]!.matchAll(/(repeated\s+)?(\w+)\s+(\w+)\s*=\s*(\d+)\s*;/g)].map((f) => ({
      name: f[3]!, tag: Number(f[4]), type: f[2]!, repeated: Boolean(f[1]),
    }));
    out.set(m[1]!, fields);
  }
  return out;
}

/** struct name -> fields, from `#[prost(<type>[, repeated|optional], tag = "N")] pub <name>: ...`. */
export function prostStructs(text: string): Map<string, Field[]> {
  const out = new Map<string, Field[]>();
  for (const s of text.matchAll(/#\[derive\([^)]*prost::Message[^)]*\)\]\s*pub struct (\w+) \{([^}]*)\}/g)) {
    const fields = [...s[2]!.matchAll(/#\[prost\((\w+)(?:, (repeated|optional))?, tag = "(\d+)"\)\]\s*pub (\w+):/g)].map((f) => ({
      name: f[4]!, tag: Number(f[3]), type: f[1]!, repeated: f[2] === 'repeated',
    }));
    out.set(s[1]!, fields);
  }
  return out;
}

describe('serialization kernel: one schema in Python and Rust', () => {
  const messages = protoMessages(proto);
  const structs = prostStructs(rust);

  it('reads the three messages of records.proto', () => {
    expect([...messages.keys()]).toEqual(['Meta', 'Record', 'Batch']);
    expect(messages.get('Record')!.map((f) => f.tag)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
  });

  it('every message has a prost struct <Name>Pb with the same fields, numbers, types and repetition', () => {
    for (const [name, fields] of messages) {
      const got = structs.get(`${name}Pb`);
      expect(got, `rust/src/lib.rs has no prost struct ${name}Pb`).toBeDefined();
      const want = fields.map((f) => ({ ...f, type: /^[A-Z]/.test(f.type) ? 'message' : f.type }));
      expect(got, `prost struct ${name}Pb differs from message ${name}`).toEqual(want);
    }
    expect(structs.size).toBe(messages.size);
  });

  it('the serde structs have the JSON keys of the data set in order (the Record message without its number)', () => {
    const serde = (name: string) => [...rust.matchAll(new RegExp(`pub struct ${name} \\{([^}]*)\\}`, 'g'))][0]![1]!.match(/pub (\w+):/g)!.map((s) => s.slice(4, -1));
    expect(serde('Record')).toEqual(messages.get('Record')!.map((f) => f.name));
    expect(serde('Meta')).toEqual(messages.get('Meta')!.map((f) => f.name));
    const gen = readFileSync(`${dir}/gen_data.py`, 'utf8');
    const keys = [...gen.slice(gen.indexOf('return {')).matchAll(/^\s+"(\w+)":/gm)].map((m) => m[1]);
    expect(keys).toEqual(messages.get('Record')!.map((f) => f.name));
  });

  it('a changed number is caught', () => {
    const bad = prostStructs(rust.replace('#[prost(int64, tag = "3")]', '#[prost(int64, tag = "9")]'));
    expect(bad.get('RecordPb')!.find((f) => f.name === 'created_ms')!.tag).toBe(9);
    expect(bad.get('RecordPb')).not.toEqual(messages.get('Record')!.map((f) => ({ ...f, type: /^[A-Z]/.test(f.type) ? 'message' : f.type })));
  });
});
