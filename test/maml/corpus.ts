/** The real-world MAML files in test/corpus/macroslow (attribution in its SOURCES.md). */
import { readdirSync, readFileSync } from 'node:fs';

const dir = new URL('../corpus/macroslow/', import.meta.url);

export const corpus: readonly { readonly name: string; readonly text: string }[] = readdirSync(dir)
  .filter((name) => name !== 'SOURCES.md')
  .sort()
  .map((name) => ({ name, text: readFileSync(new URL(name, dir), 'utf8') }));
