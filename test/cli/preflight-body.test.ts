import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { base64, padded, png } from '../policy/media-fixtures.js';
import { model, responsesEndpoint } from '../policy/test-models.js';
import { ensureBuilt, mamlkit, tempDir } from './helpers.js';

beforeAll(ensureBuilt, 300_000);

describe('mamlkit preflight reads request bodies by their current names', () => {
  const dir = tempDir();
  const run = (...args: string[]) => mamlkit(dir, ['preflight', '--policy', 'policy.json', ...args]);
  beforeAll(() => {
    const policy = {
      providers: {
        anthropic: { models: { 'claude-test': model(200_000, 64_000) } },
        openai: {
          models: { 'gpt-test': model(128_000, 16_384) },
          endpoints: responsesEndpoint('POST /v1/responses'),
        },
        'azure-openai': { models: { 'gpt-test': model(128_000, 16_384) } },
      },
    };
    writeFileSync(join(dir, 'policy.json'), JSON.stringify(policy));
    const hi = [{ role: 'user', content: 'hi' }];
    writeFileSync(
      join(dir, 'chat.json'),
      JSON.stringify({ model: 'gpt-test', max_completion_tokens: 100_000, messages: hi }),
    );
    writeFileSync(
      join(dir, 'responses.json'),
      JSON.stringify({ model: 'gpt-test', max_output_tokens: 100_000, input: 'hi' }),
    );
    writeFileSync(join(dir, 'azure.json'), JSON.stringify({ max_completion_tokens: 100_000, messages: hi }));
    const data = base64(padded(png(3000, 2000), 1_500_000));
    const image = { type: 'image', source: { type: 'base64', media_type: 'image/png', data } };
    writeFileSync(
      join(dir, 'image.json'),
      JSON.stringify({
        model: 'claude-test',
        max_tokens: 4096,
        messages: [{ role: 'user', content: [image, { type: 'text', text: 'Findings?' }] }],
      }),
    );
  });
  afterAll(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  it('item "Request bodies read with yesterday\'s names": max_completion_tokens and max_output_tokens over the cap are violations', () => {
    const chat = run('-p', 'openai', '-e', 'chat_completions', '-f', 'chat.json', '--json');
    expect(chat.status).toBe(1);
    expect(JSON.parse(chat.stdout)).toMatchObject({
      ok: false,
      violations: [{ code: 'max_tokens_too_high', limit: 16_384, actual: 100_000 }],
    });
    const responses = run('-p', 'openai', '-e', 'responses', '-f', 'responses.json');
    expect(responses.status).toBe(1);
    expect(responses.stdout).toContain('max_tokens_too_high: max_output_tokens 100000 exceeds');
    const azure = run('-p', 'azure-openai', '-e', 'chat_completions', '-m', 'gpt-test', '-f', 'azure.json');
    expect(azure.status).toBe(1);
  });

  it('item "Request bodies read with yesterday\'s names": a 2 MB Anthropic body with one image passes', () => {
    const result = run('-p', 'anthropic', '-f', 'image.json');
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(
      /^anthropic messages claude-test: OK\n {2}checked: body 2,\d{3},\d{3} bytes, input [\d,]+ tokens \(upper estimate\), .*1 image\(s\) 4,784/,
    );
  });

  it('asks for the endpoint of an OpenAI body instead of guessing its shape', () => {
    const result = run('-p', 'openai', '-f', 'chat.json');
    expect(result.status).toBe(2);
    expect(result.stderr).toContain('--endpoint chat_completions or --endpoint responses');
  });

  it('item "Stale tables": prints a deprecated model as a warning, and as retired once its date has passed', () => {
    const lifecycle = (retiresAt: string) => ({
      providers: {
        anthropic: {
          models: {
            'claude-old': {
              ...model(200_000, 64_000),
              status: 'deprecated',
              deprecatedAt: '2020-01-01',
              retiresAt,
              replacement: 'claude-test',
            },
          },
        },
      },
    });
    const body = JSON.stringify({
      model: 'claude-old',
      max_tokens: 100,
      messages: [{ role: 'user', content: 'hi' }],
    });
    writeFileSync(join(dir, 'old.json'), body);
    writeFileSync(join(dir, 'later.json'), JSON.stringify(lifecycle('2999-01-01')));
    writeFileSync(join(dir, 'passed.json'), JSON.stringify(lifecycle('2020-06-01')));
    const later = mamlkit(dir, ['preflight', '--policy', 'later.json', '-p', 'anthropic', '-f', 'old.json']);
    expect(later.status).toBe(0);
    expect(later.stdout).toContain('  warning model_deprecated: ');
    expect(later.stdout).toContain('claude-test as its replacement');
    const passed = mamlkit(dir, [
      'preflight',
      '--policy',
      'passed.json',
      '-p',
      'anthropic',
      '-f',
      'old.json',
    ]);
    expect(passed.status).toBe(1);
    expect(passed.stdout).toContain('model_retired');
  });
});
