import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { measuredNumbers, migrateRun, MigrationError, RUN_MIGRATIONS } from '../../src/lib/migrate.ts';
import { parseRunFile } from '../../src/io/load.ts';
import { RUN_SCHEMA_VERSION } from '../../src/lib/schema/run.ts';

/** A run file as the harness wrote it before schema 2 (the committed EPYC matmul run). */
const V1 = readFileSync(new URL('../fixtures/runs-v1/matmul.json', import.meta.url), 'utf8');

describe('run file migrations', () => {
  it('has one migration per version below the current one', () => {
    for (let v = 1; v < RUN_SCHEMA_VERSION; v++) expect(RUN_MIGRATIONS[v]).toBeTypeOf('function');
  });
  it('reads a version 1 file through the migration and keeps every measured number', () => {
    const original = JSON.parse(V1);
    expect(original.schemaVersion).toBe(1);
    const run = parseRunFile(V1, 'content/runs/x64-amd-epyc-2c/matmul.json');
    expect(run.schemaVersion).toBe(2);
    expect(run.machine.id).toBe('x64-amd-epyc-2c'); // old ids stay as written
    expect(run.machine.cpu).toBeNull(); // not recorded in version 1
    expect(run.sessions).toHaveLength(1);
    expect(run.implementations.every((i) => i.session === run.sessions[0]!.id)).toBe(true);
    expect(measuredNumbers(run)).toEqual(measuredNumbers(original));
    expect(run.implementations.find((i) => i.id === 'c-naive')!.samplesNs).toEqual(original.implementations.find((i: { id: string }) => i.id === 'c-naive').samplesNs);
  });
  it('leaves a current file as it is', () => {
    const v2 = migrateRun(JSON.parse(V1)).data;
    expect(migrateRun(v2)).toEqual({ data: v2, from: 2 });
  });
  it('applies migrations in order and checks each lands on the next version', () => {
    const steps = { 1: (o: Record<string, unknown>) => ({ ...o, schemaVersion: 2, a: 1 }), 2: (o: Record<string, unknown>) => ({ ...o, schemaVersion: 3, b: (o.a as number) + 1 }) };
    expect(migrateRun({ schemaVersion: 1 }, steps, 3).data).toEqual({ schemaVersion: 3, a: 1, b: 2 });
    expect(() => migrateRun({ schemaVersion: 1 }, { 1: (o) => ({ ...o, schemaVersion: 5 }) }, 2)).toThrow(MigrationError);
  });
  it('refuses versions it cannot read, naming the file and field', () => {
    expect(() => parseRunFile('{"schemaVersion": 0}', 'content/runs/m/k.json')).toThrow('content/runs/m/k.json: schemaVersion: expected a version from 1 to 2, got 0 (no migration from version 0)');
    expect(() => parseRunFile('{"schemaVersion": 3}', 'content/runs/m/k.json')).toThrow(/newer than this claimbench understands \(2\)/);
    expect(() => parseRunFile('{"schemaVersion": "1"}', 'content/runs/m/k.json')).toThrow(/schemaVersion: expected 2, got "1"/);
  });
  it('a malformed version 1 file is refused by validation, not by a crash in the migration', () => {
    expect(() => parseRunFile('{"schemaVersion": 1, "machine": 5, "implementations": "x"}', 'content/runs/m/k.json')).toThrow(/content\/runs\/m\/k\.json: /);
  });
});
