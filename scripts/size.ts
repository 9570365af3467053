/**
 * `npm run size`: measures every subpath (minified + gzip, dependencies included) and
 * rewrites the "## Bundle size" section of docs/performance.md with the table.
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
const section = `${heading}

What an application ships when it imports one subpath: each entry bundled with esbuild
(minified, ESM, browser platform, every dependency included), then gzipped at level 9.
\`npm run test:package\` fails when a subpath grows past its budget in
[bench/size-budget.json](../bench/size-budget.json), when \`mamlkit/policy\` contains
\`@noble\` code other than SHA-256 and HMAC from \`@noble/hashes\` (for cache keys), or when
\`mamlkit/maml\` contains \`@noble/post-quantum\`. Refresh this table with \`npm run size\`.

${table}
`;

const doc = await readFile(docPath, 'utf8');
const start = doc.indexOf(`${heading}\n`);
if (start === -1) throw new Error(`docs/performance.md has no "${heading}" section`);
const next = doc.indexOf('\n## ', start + heading.length);
const end = next === -1 ? doc.length : next + 1;
await writeFile(docPath, `${doc.slice(0, start)}${section}${next === -1 ? '' : '\n'}${doc.slice(end)}`);
console.log(table);
