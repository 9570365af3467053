/** examples/quick-start.ts: runs as docs/index.md says, prints what it says, and is the code shown there. */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { bin, root, runCommand } from './helpers.js';

const docs = (): Promise<string> => readFile(join(root, 'docs/index.md'), 'utf8');

function fencedBlocks(markdown: string, language: string): string[] {
  const pattern = new RegExp(`^\`\`\`${language}\\n([\\s\\S]*?)^\`\`\`$`, 'gm');
  return [...markdown.matchAll(pattern)].map((match) => match[1] ?? '');
}

describe('quick start', { timeout: 60_000 }, () => {
  it('shows examples/quick-start.ts verbatim in docs/index.md', async () => {
    const program = await readFile(join(root, 'examples/quick-start.ts'), 'utf8');
    expect(fencedBlocks(await docs(), 'ts')).toContain(program);
  });

  it('prints what docs/index.md says it prints', async () => {
    const output = await runCommand(bin('tsx'), ['examples/quick-start.ts']);
    expect(output.code).toBe(0);
    const [expected] = fencedBlocks(await docs(), 'text');
    expect(output.stdout).toBe(expected);
  });
});
