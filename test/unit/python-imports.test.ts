/**
 * The repository modules a Python program imports (src/lib/python-imports.ts), which the data-set
 * cache key covers: read statically from fake sources, and from the real generators.
 */
import { describe, expect, it } from 'vitest';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { addedSearchFolders, importedModules, localImports } from '../../src/lib/python-imports.ts';

const fake = (files: Record<string, string>) => async (p: string) => files[p] ?? null;
const repo = async (p: string) => (existsSync(join(process.cwd(), p)) ? readFileSync(join(process.cwd(), p), 'utf8') : null);

describe('importedModules', () => {
  it('reads import and from-import lines, top-level and indented, without relative imports', () => {
    const text = 'import os, sys as s\nfrom common import a  # noqa\n\ndef f():\n    import json.decoder\n    from .rel import x\n    from pkg.sub import y\n';
    expect(importedModules(text)).toEqual(['os', 'sys', 'common', 'json.decoder', 'pkg.sub']);
  });
});

describe('addedSearchFolders', () => {
  it('joins the string literals of sys.path calls to the file\'s folder', () => {
    const text = 'HERE = os.path.dirname(os.path.abspath(__file__))\nsys.path.insert(0, HERE)\nsys.path.insert(1, os.path.join(HERE, "..", "tokenizer"))\nsys.path.append(os.path.join(HERE, \'..\', \'..\', "protocol", "python"))\n';
    expect(addedSearchFolders('harness/kernels/k/gen.py', text)).toEqual(['harness/kernels/k', 'harness/kernels/tokenizer', 'harness/protocol/python']);
  });
});

describe('localImports', () => {
  it('follows imports through the folders each file adds, and packages, leaving out what is not a file there', async () => {
    const read = fake({
      'k/gen.py': 'import json\nimport os, sys\nsys.path.insert(1, os.path.join(HERE, "..", "shared"))\nfrom common import x\nfrom reader import paragraphs\n',
      'k/common.py': 'import helpers.text\n',
      'k/helpers/__init__.py': '',
      'k/helpers/text.py': 'import re\n',
      'shared/reader.py': 'import deeper\n',
      'shared/deeper.py': '',
      'k/unused.py': '',
    });
    expect(await localImports('k/gen.py', read)).toEqual(['k/common.py', 'k/helpers/__init__.py', 'k/helpers/text.py', 'shared/deeper.py', 'shared/reader.py']);
  });
  it('resolves a name seen before the file that adds its folder was visited, and never reads outside the repository', async () => {
    const seen: string[] = [];
    const files: Record<string, string> = {
      'k/gen.py': 'import late\nimport common\n',
      'k/common.py': 'sys.path.insert(0, os.path.join(HERE, "..", "lib"))\nsys.path.insert(0, os.path.join(HERE, "..", "..", "..", "etc"))\n',
      'lib/late.py': '',
    };
    const read = async (p: string) => {
      seen.push(p);
      return files[p] ?? null;
    };
    expect(await localImports('k/gen.py', read)).toEqual(['k/common.py', 'lib/late.py']);
    expect(seen.filter((p) => p.startsWith('..'))).toEqual([]);
  });
  it('data-loading\'s generator: its common.py, the tokenizer kernel\'s paragraph reader and the protocol helper; the tokenizer\'s corpus generator imports none', async () => {
    expect(await localImports('harness/kernels/data-loading/gen_data.py', repo)).toEqual([
      'harness/kernels/data-loading/common.py',
      'harness/kernels/tokenizer/gen_corpus.py',
      'harness/protocol/python/claimbench_protocol.py',
    ]);
    expect(await localImports('harness/kernels/tokenizer/gen_corpus.py', repo)).toEqual([]);
  });
});
