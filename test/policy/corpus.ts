import { readdirSync, readFileSync } from 'node:fs';

/** The mixed token corpus (test/vectors/policy/tokens/): file name → text. */
export function tokenCorpus(): ReadonlyMap<string, string> {
  const dir = new URL('../vectors/policy/tokens/', import.meta.url);
  const names = readdirSync(dir)
    .filter((name) => name !== 'README.md')
    .sort();
  return new Map(names.map((name) => [name, readFileSync(new URL(name, dir), 'utf8')]));
}
