/**
 * `npm run test:docs` (second half): every relative link in README.md, CHANGELOG.md, docs/ and
 * examples/ must point at an existing file, and a `#anchor` into a Markdown file at one of its
 * headings. External links are only checked for syntax (no network); they are counted.
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { isExternal, markdownFacts, splitTarget, type MarkdownFacts } from './docs-links.js';

const root = fileURLToPath(new URL('../', import.meta.url));

async function markdownFiles(dir: string): Promise<string[]> {
  const entries = await readdir(join(root, dir), { withFileTypes: true, recursive: true });
  return entries
    .filter((entry) => entry.isFile() && entry.name.endsWith('.md'))
    .map((entry) => relative(root, join(entry.parentPath, entry.name)))
    .filter((path) => !path.split('/').includes('node_modules'));
}

const files = [
  'README.md',
  'CHANGELOG.md',
  ...(await markdownFiles('docs')),
  ...(await markdownFiles('examples')),
];
const facts = new Map<string, MarkdownFacts>();
for (const file of files) facts.set(file, markdownFacts(await readFile(join(root, file), 'utf8')));

function problem(file: string, target: string): string | undefined {
  if (isExternal(target)) return URL.canParse(target) ? undefined : 'not a valid URL';
  const { path, anchor } = splitTarget(target);
  const resolved = path === '' ? file : relative(root, resolve(root, dirname(file), path));
  if (resolved.startsWith('..')) return 'points outside the repository';
  if (!existsSync(join(root, resolved))) return `${resolved} does not exist`;
  if (anchor === '' || !resolved.endsWith('.md') || statSync(join(root, resolved)).isDirectory())
    return undefined;
  const anchors = (facts.get(resolved) ?? markdownFacts(readFileSync(join(root, resolved), 'utf8'))).anchors;
  return anchors.has(anchor) ? undefined : `${resolved} has no heading #${anchor}`;
}

const problems: string[] = [];
let checked = 0;
let external = 0;
for (const [file, { links }] of facts) {
  for (const { target, line } of links) {
    checked += 1;
    if (isExternal(target)) external += 1;
    const why = problem(file, target);
    if (why !== undefined) problems.push(`${file}:${line}: ${target}: ${why}`);
  }
}

for (const line of problems) console.error(line);
console.log(
  `docs links: ${checked} links in ${files.length} files (${external} external, syntax only), ${problems.length} broken`,
);
process.exitCode = problems.length > 0 ? 1 : 0;
