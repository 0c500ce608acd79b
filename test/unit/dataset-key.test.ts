/**
 * The data-set cache key (src/lib/dataset-key.ts): which lock pins a generator's environment, and
 * a key that follows that lock's text and nothing else's.
 */
import { describe, expect, it } from 'vitest';
import { generatorDatasetKey, generatorEnvironmentLock, isNodeGenerator, packagedDatasetKey, type GeneratorKeyInputs } from '../../src/lib/dataset-key.ts';

const inputs: GeneratorKeyInputs = {
  name: 'corpus.jsonl', source: 'gen_data.py', text: '# generator', seed: 7,
  params: [['records', 100], ['mode', 'chunked']],
  imports: [{ path: 'harness/kernels/tokenizer/gen_corpus.py', text: '# reader' }],
  environment: { path: 'harness/kernels/data-loading/requirements.lock', text: 'tokenizers==0.20.0 --hash=sha256:00\n' },
};

describe('the lock that pins a generator\'s environment', () => {
  it('is the kernel\'s own lock when it has one, else the shared lock; package-lock.json for node', () => {
    expect(generatorEnvironmentLock({ id: 'data-loading', pythonLock: 'requirements.lock' }, 'gen_data.py')).toBe('harness/kernels/data-loading/requirements.lock');
    expect(generatorEnvironmentLock({ id: 'nbody', pythonLock: undefined }, 'gen_data.py')).toBe('harness/requirements.lock');
    expect(generatorEnvironmentLock({ id: 'nbody', pythonLock: 'requirements.lock' }, 'gen.mjs')).toBe('package-lock.json');
    expect([isNodeGenerator('gen.mjs'), isNodeGenerator('gen.js'), isNodeGenerator('gen.py'), isNodeGenerator('gen.json')]).toEqual([true, true, false, false]);
  });
});

describe('the generator key', () => {
  it('is stable for identical inputs', () => {
    expect(generatorDatasetKey(inputs)).toBe(generatorDatasetKey(structuredClone(inputs)));
    expect(generatorDatasetKey(inputs)).toMatch(/^[0-9a-f]{64}$/);
  });
  it('changes when the environment\'s lock changes (a new pinned version)', () => {
    const bumped = { ...inputs, environment: { ...inputs.environment, text: 'tokenizers==0.21.0 --hash=sha256:11\n' } };
    expect(generatorDatasetKey(bumped)).not.toBe(generatorDatasetKey(inputs));
  });
  it('changes when the generator runs in another environment with the same pins', () => {
    const shared = { ...inputs, environment: { ...inputs.environment, path: 'harness/requirements.lock' } };
    expect(generatorDatasetKey(shared)).not.toBe(generatorDatasetKey(inputs));
  });
  it('changes with the generator, an imported module, the seed or a parameter', () => {
    const base = generatorDatasetKey(inputs);
    for (const changed of [
      { ...inputs, text: '# generator 2' },
      { ...inputs, imports: [{ ...inputs.imports[0]!, text: '# reader 2' }] },
      { ...inputs, imports: [] },
      { ...inputs, seed: 8 },
      { ...inputs, params: [['records', 200], ['mode', 'chunked']] as GeneratorKeyInputs['params'] },
    ]) expect(generatorDatasetKey(changed)).not.toBe(base);
  });
});

describe('the packaged-file key', () => {
  it('follows the kernel\'s lock and is stable otherwise', () => {
    const p = { name: 'words.txt', packageName: 'somepkg', file: 'data/words.txt', lock: 'somepkg==1.0' };
    expect(packagedDatasetKey(p)).toBe(packagedDatasetKey({ ...p }));
    expect(packagedDatasetKey({ ...p, lock: 'somepkg==1.1' })).not.toBe(packagedDatasetKey(p));
  });
});
