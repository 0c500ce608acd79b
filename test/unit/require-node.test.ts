import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

// scripts/require-node.mjs: the guard in front of every npm script that runs TypeScript.
const GUARD = 'scripts/require-node.mjs';
const run = (node: string) => spawnSync(node, [GUARD], { encoding: 'utf8' });
const systemNode = '/usr/bin/node';
const systemVersion = existsSync(systemNode) ? spawnSync(systemNode, ['-p', 'process.versions.node'], { encoding: 'utf8' }).stdout.trim() : '';
const tooOld = /^(1\d|20|21)\./.test(systemVersion) || /^22\.(\d|1[0-7])\./.test(systemVersion);

describe('require-node guard', () => {
  it('lets the Node the tests run on (the node devDependency) through', () => {
    const r = run(process.execPath);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stderr).toBe('');
  });
  it.skipIf(!tooOld)(`stops an old Node with what to do (${systemNode} ${systemVersion || 'absent'}; skipped when it strips types)`, () => {
    const r = run(systemNode);
    expect(r.status).toBe(1);
    expect(r.stderr).toContain(`this is Node ${systemVersion}`);
    expect(r.stderr).toContain('Run "npm install" first');
  });
});
