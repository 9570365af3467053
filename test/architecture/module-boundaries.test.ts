import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const src = fileURLToPath(new URL('../../src/', import.meta.url));
const IMPORT = /\b(?:from|import)\s+'(\.{1,2}\/[^']+)'/g;
/** Folders every module may use: shared encodings, the Redis client type, the native entry's types. */
const SHARED = new Set(['encoding', 'redis', 'native']);
/** A module's public entry and its declared internal entry. */
const ENTRIES = new Set(['index.js', 'internal.js']);

function* sourceFiles(dir: string): Generator<string> {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) yield* sourceFiles(path);
    else if (entry.name.endsWith('.ts')) yield path;
  }
}

/** The module (first folder under src/) a path belongs to, or undefined for src/*.ts. */
const moduleOf = (path: string): string | undefined => {
  const parts = relative(src, path).split(sep);
  return parts.length > 1 ? parts[0] : undefined;
};

describe('module boundaries', () => {
  it('issue 18: a module reaches another module only through its index.js or its declared internal.js', () => {
    const strays: string[] = [];
    for (const file of sourceFiles(src)) {
      const from = moduleOf(file);
      if (from === undefined || from === 'cli') continue;
      for (const match of readFileSync(file, 'utf8').matchAll(IMPORT)) {
        const target = resolve(dirname(file), match[1] ?? '');
        const to = moduleOf(target);
        if (to === undefined || to === from || SHARED.has(to)) continue;
        if (relative(join(src, to), target).includes(sep) || !ENTRIES.has(relative(join(src, to), target)))
          strays.push(`${relative(src, file)} imports ${relative(src, target)}`);
      }
    }
    expect(strays).toEqual([]);
  });
});
