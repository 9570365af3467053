/**
 * `npm run size`: measures every subpath and named import (minified + gzip, dependencies included) and
 * rewrites the table of the "## Bundle size" section of docs/performance.md (the prose stays).
 */
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { measureAll, renderSizeTable } from './bundle-size.js';

const root = fileURLToPath(new URL('../', import.meta.url));
const docPath = join(root, 'docs/performance.md');
const heading = '## Bundle size';

const { sizes, budgets } = await measureAll(root);
const table = renderSizeTable(sizes, budgets);
const doc = await readFile(docPath, 'utf8');
const sectionStart = doc.indexOf(`${heading}\n`);
if (sectionStart === -1) throw new Error(`docs/performance.md has no "${heading}" section`);
// Only the table is rewritten: the prose around it is kept as written.
const tableStart = doc.indexOf('\n| bundle |', sectionStart);
const sectionEnd = doc.indexOf('\n## ', sectionStart + heading.length);
if (tableStart === -1 || (sectionEnd !== -1 && tableStart > sectionEnd)) {
  throw new Error(`the "${heading}" section of docs/performance.md has no size table`);
}
const tableEnd = doc.indexOf('\n\n', tableStart + 1);
const end = tableEnd === -1 ? doc.length : tableEnd + 1;
await writeFile(docPath, `${doc.slice(0, tableStart + 1)}${table}\n${doc.slice(end)}`);
console.log(table);
