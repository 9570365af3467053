import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

const dir = new URL('../../src/audit/', import.meta.url);
const IMPORT = /\bfrom\s+'(\.\.\/sign\/[^']+)'/g;

describe('audit uses mamlkit/sign through its entries', () => {
  it('issue 18 shared audit log: src/audit imports only sign/index.js or sign/internal.js', () => {
    const strays: string[] = [];
    for (const file of readdirSync(dir).filter((name) => name.endsWith('.ts'))) {
      const source = readFileSync(new URL(file, dir), 'utf8');
      for (const match of source.matchAll(IMPORT)) {
        const target = match[1] ?? '';
        if (target !== '../sign/index.js' && target !== '../sign/internal.js')
          strays.push(`${file}: ${target}`);
      }
    }
    expect(strays).toEqual([]);
  });
});
