import { copyFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureBuilt, mamlkit, ROOT, tempDir } from './helpers.js';

const VECTORS = join(ROOT, 'test/vectors/policy/refresh');
const FETCHED = new Date('2026-12-05T10:00:00Z');

describe('mamlkit limits: lifecycle, data age, refresh', () => {
  const dir = tempDir();
  beforeAll(() => {
    ensureBuilt();
    for (const name of [
      'litellm-model-table.json',
      'openai-models-list.json',
      'anthropic-models-list.json',
    ]) {
      copyFileSync(join(VECTORS, name), join(dir, name));
      utimesSync(join(dir, name), FETCHED, FETCHED);
    }
    writeFileSync(
      join(dir, 'remove.json'),
      JSON.stringify({ providers: { openai: { models: { 'gpt-4o': null } } } }),
    );
  });
  afterAll(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  it('item 1: prints the data’s age and each entry’s status', () => {
    const run = mamlkit(dir, ['limits', 'openai']);
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(/^data checked 2026-12-05 \(\d+ days ago\)$/m);
    expect(run.stdout).toMatch(
      /^ {2}gpt-5 +context 400,000, output 128,000, input 272,000 +deprecated, retires 2026-12-11, replacement gpt-6\.1-sol +checked 2026-12-05 /m,
    );
    expect(run.stdout).toMatch(/^ {2}o4-mini .* retired, retired 2026-10-23 /m);
    const one = mamlkit(dir, ['limits', 'anthropic', 'claude-haiku-4-5']);
    expect(one.stdout).toMatch(/^status: +legacy$/m);
    expect(one.stdout).toMatch(/^tokenizer: +claude$/m);
  });

  it('item 1: --policy reads LiteLLM’s model table and removal overrides', () => {
    const litellm = mamlkit(dir, [
      'limits',
      'openai',
      'gpt-5',
      '--json',
      '--policy',
      'litellm-model-table.json',
    ]);
    expect(litellm.status).toBe(0);
    expect(JSON.parse(litellm.stdout)).toMatchObject({
      contextWindow: 272_000,
      status: 'deprecated',
      checkedAt: '2026-12-05',
    });
    expect(litellm.stderr).toMatch(/LiteLLM model table of 2026-12-05; 10 entries skipped/);
    const removed = mamlkit(dir, ['limits', 'openai', 'gpt-4o', '--policy', 'remove.json']);
    expect(removed.status).toBe(2);
    expect(removed.stderr).toContain('no limits known for openai model "gpt-4o"');
  });

  it('item 1: --refresh-from applies a saved models list and reports what it found', () => {
    const openai = mamlkit(dir, ['limits', '--refresh-from', 'openai-models-list.json']);
    expect(openai.status).toBe(0);
    expect(openai.stderr).toMatch(
      /^refreshed from the openai models list of 2026-12-05: 3 entries updated$/m,
    );
    expect(openai.stderr).toContain('listed, no limits known: gpt-7-preview');
    expect(openai.stdout).toMatch(
      /^ {2}gpt-4o .* retired, deprecated 2026-10-14, retired 2026-11-30, replacement gpt-6-luna /m,
    );
    const anthropic = mamlkit(dir, [
      'limits',
      'anthropic',
      'claude-opus-6',
      '--refresh-from',
      'anthropic-models-list.json',
    ]);
    expect(anthropic.status).toBe(0);
    expect(anthropic.stdout).toMatch(/^context window: +1,000,000 tokens$/m);
    expect(mamlkit(dir, ['limits', '--refresh-from', 'remove.json']).status).toBe(2);
  });
});
