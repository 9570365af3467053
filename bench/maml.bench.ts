/**
 * `npm run bench -- maml`: MAML parse + strict validation against gray-matter (front matter
 * only, no validation, no sections or positions) on the same inputs, and the scaling of
 * parse + validation from 10 KiB to 1 MiB.
 */
import { readdirSync, readFileSync } from 'node:fs';
import matter from 'gray-matter';
import { parseMaml, validateMaml } from 'mamlkit/maml';
import type { BenchGroup } from './harness.js';

const corpusDir = new URL('../test/corpus/macroslow/', import.meta.url);
const corpus = readdirSync(corpusDir)
  .filter((name) => name !== 'SOURCES.md')
  .sort()
  .map((name) => readFileSync(new URL(name, corpusDir), 'utf8'));
const corpusBytes = corpus.reduce((sum, text) => sum + new TextEncoder().encode(text).length, 0);

const frontMatter = `---
maml_version: "2.0.0"
id: "urn:uuid:550e8400-e29b-41d4-a716-446655440000"
type: "workflow"
origin: "agent://bench"
requires:
  libs: ["torch==2.0.1", "qiskit==1.0.0"]
permissions:
  read: ["agent://*"]
  write: ["agent://bench"]
  execute: ["gateway://bench"]
created_at: "2025-08-29T12:27:00Z"
verification:
  method: "ortac-runtime"
  spec_files: ["spec.mli"]
  level: "strict"
---
## Intent
Benchmark document.

## Context
dataset: "sample.csv"
`;

/** A typical workflow document of about `size` bytes: the front matter above, then code and prose sections, then History. */
function generated(size: number): string {
  const parts = [frontMatter, '## Code_Blocks\n'];
  let length = frontMatter.length;
  for (let i = 0; length < size - 200; i++) {
    const block = `### Step ${i}\nThis step transforms the data set and records its result.\n\n\`\`\`python\ndef step_${i}(x):\n    return [v * ${i} for v in x]\n\`\`\`\n\n`;
    parts.push(block);
    length += block.length;
  }
  parts.push('## History\n- 2025-08-29T12:27:00Z: [CREATE] generated\n');
  return parts.join('');
}

/** gray-matter with an options object: its cache is bypassed, so every call parses. */
function grayMatter(text: string): unknown {
  try {
    return matter(text, {}).data;
  } catch {
    return undefined;
  }
}

function mamlkit(text: string): unknown {
  return validateMaml(parseMaml(text), { level: 'strict' });
}

export default function groups(): Promise<BenchGroup[]> {
  const eight = generated(8 * 1024);
  const eightBytes = new TextEncoder().encode(eight).length;
  const scaling = [10, 100, 1024].map((kib) => ({ kib, text: generated(kib * 1024) }));
  return Promise.resolve([
    {
      title: `MAML corpus: all ${corpus.length} files (${(corpusBytes / 1024).toFixed(1)} KiB)`,
      cases: [
        {
          name: 'gray-matter (front matter only)',
          run: () => corpus.map(grayMatter),
          bytes: corpusBytes,
          baseline: true,
        },
        { name: 'mamlkit parseMaml', run: () => corpus.map((t) => parseMaml(t)), bytes: corpusBytes },
        {
          name: 'mamlkit parseMaml + validateMaml strict',
          run: () => corpus.map(mamlkit),
          bytes: corpusBytes,
        },
      ],
      note: 'Goal: parse + strict validation no slower than gray-matter, while also returning sections, code blocks, History and positions.',
    },
    {
      title: `Generated workflow document (${(eightBytes / 1024).toFixed(1)} KiB)`,
      cases: [
        {
          name: 'gray-matter (front matter only)',
          run: () => grayMatter(eight),
          bytes: eightBytes,
          baseline: true,
        },
        { name: 'mamlkit parseMaml', run: () => parseMaml(eight), bytes: eightBytes },
        { name: 'mamlkit parseMaml + validateMaml strict', run: () => mamlkit(eight), bytes: eightBytes },
      ],
    },
    {
      title: `The generated document's front matter alone (${(frontMatter.length / 1024).toFixed(1)} KiB, two short sections)`,
      cases: [
        {
          name: 'gray-matter (front matter only)',
          run: () => grayMatter(frontMatter),
          bytes: frontMatter.length,
          baseline: true,
        },
        { name: 'mamlkit parseMaml', run: () => parseMaml(frontMatter), bytes: frontMatter.length },
        {
          name: 'mamlkit parseMaml + validateMaml strict',
          run: () => mamlkit(frontMatter),
          bytes: frontMatter.length,
        },
      ],
      note: 'The same input for both, with almost no body: this isolates the front matter work that both libraries do from the body work only mamlkit does.',
    },
    {
      title: 'Scaling: parseMaml + validateMaml strict',
      cases: scaling.map(({ kib, text }, i) => ({
        name: kib === 1024 ? '1 MiB' : `${kib} KiB`,
        run: () => mamlkit(text),
        bytes: text.length,
        ...(i === 0 ? { baseline: true } : {}),
      })),
      note: 'Goal: linear: the ratio column should grow like the size (×10, ×102.4) and MB/s stay flat.',
    },
  ]);
}
