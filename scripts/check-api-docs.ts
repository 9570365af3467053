/**
 * `npm run test:docs` (first half): the API reference in docs/api/ must be what TypeDoc
 * generates from the current TSDoc. Regenerates into a temporary directory and compares.
 */
import { execFile } from 'node:child_process';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

const root = fileURLToPath(new URL('../', import.meta.url));
const committed = join(root, 'docs/api');

async function listing(dir: string): Promise<Map<string, string>> {
  const files = new Map<string, string>();
  const entries = await readdir(dir, { withFileTypes: true, recursive: true }).catch(() => []);
  for (const entry of entries) {
    if (!entry.isFile()) continue;
    const path = join(entry.parentPath, entry.name);
    files.set(path.slice(dir.length + 1), await readFile(path, 'utf8'));
  }
  return files;
}

const fresh = await mkdtemp(join(tmpdir(), 'mamlkit-api-'));
try {
  await promisify(execFile)(join(root, 'node_modules/.bin/typedoc'), ['--out', fresh], { cwd: root });
  const [want, have] = await Promise.all([listing(fresh), listing(committed)]);
  const stale = [...new Set([...want.keys(), ...have.keys()])]
    .filter((file) => want.get(file) !== have.get(file))
    .sort();
  for (const file of stale) console.error(`docs/api/${file}: ${have.has(file) ? 'out of date' : 'missing'}`);
  if (stale.length > 0) {
    console.error('the API reference is out of date: run npm run docs:api');
    process.exitCode = 1;
  } else {
    console.log(`docs/api: ${want.size} files, current`);
  }
} finally {
  await rm(fresh, { recursive: true, force: true });
}
