import { describe, expect, it } from 'vitest';
import { scanDistFile } from '../../scripts/dist-scan.js';

const deps = ['@noble/hashes', 'yaml'];
const messages = (code: string): string[] => scanDistFile(code, deps).map((f) => `${f.line}: ${f.message}`);

describe('scanDistFile', () => {
  it("accepts relative imports, the package's own #native and declared dependencies with their subpaths", () => {
    const code = [
      "import { native } from '#native';",
      "import { a } from './chunk-ABC.js';",
      "export { b } from '../maml/index.js';",
      "import { sha256 } from '@noble/hashes/sha2.js';",
      "import { parse } from 'yaml';",
      "const lazy = () => import('./lazy.js');",
    ].join('\n');
    expect(messages(code)).toEqual([]);
  });

  it('reports node: imports, bare built-ins, undeclared packages, require() and computed specifiers', () => {
    const code = [
      "import { readFile } from 'node:fs/promises';",
      "export * from 'crypto';",
      "import 'left-pad';",
      "const m = await import('node:zlib');",
      "const p = require('path');",
      'const dynamic = await import(name);',
    ].join('\n');
    expect(messages(code)).toEqual([
      "1: imports 'node:fs/promises'",
      "2: imports 'crypto'",
      "3: imports 'left-pad'",
      "4: imports 'node:zlib'",
      "5: imports 'path'",
      "5: uses the Node global 'require'",
      '6: computed module specifier',
    ]);
  });

  it('reports references to Node globals, free or through the global object', () => {
    const code = [
      'const bytes = Buffer.from(text);',
      'if (process.env.DEBUG) log();',
      'const g = globalThis.process ?? __dirname;',
    ].join('\n');
    expect(messages(code)).toEqual([
      "1: uses the Node global 'Buffer'",
      "2: uses the Node global 'process'",
      "3: uses the Node global 'process'",
      "3: uses the Node global '__dirname'",
    ]);
  });

  it('ignores words in strings, comments, property names and local bindings', () => {
    const code = [
      '// process the Buffer with require() semantics',
      "const message = 'cannot process.env: Buffer.from is Node-only';",
      'const data = new ArrayBuffer(8);',
      'const options = { process: 1, Buffer: 2 };',
      'options.process = options.Buffer;',
      'function run(process) { return process.step(); }',
      'class Job { process() {} }',
    ].join('\n');
    expect(messages(code)).toEqual([]);
  });
});
