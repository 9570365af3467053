/**
 * examples/provider-calls: fetch and the official SDKs against a local stand-in that answers
 * 429 / 529 / 413 / quota errors with the providers' headers and bodies. The clock is fake: it
 * records every wait instead of sleeping.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startFakeProvider, type FakeProvider } from '../../examples/provider-calls/fake-provider.js';
import { createGuard, type Clock, type Guard } from '../../examples/provider-calls/guarded-call.js';
import { askWithFetch, type ChatRequest } from '../../examples/provider-calls/with-fetch.js';
import { askAnthropicSdk, askOpenAISdk, sdkClients } from '../../examples/provider-calls/with-sdk.js';
import { bin, runCommand } from './helpers.js';

let fake: FakeProvider;
let waits: number[];
let clock: Clock;
let anthropic: { apiKey: string; baseURL: string; guard: Guard };
let openai: { apiKey: string; baseURL: string; guard: Guard };
let clients: ReturnType<typeof sdkClients>;

const claude: ChatRequest = { model: 'claude-haiku-4-5', prompt: 'Say hello.', maxTokens: 'concise' };
const gpt: ChatRequest = { model: 'gpt-5-mini', prompt: 'Say hello.', maxTokens: 'concise' };

beforeAll(async () => {
  fake = await startFakeProvider();
  clients = sdkClients({
    anthropicKey: 'test-anthropic-key',
    openaiKey: 'test-openai-key',
    anthropicURL: fake.url,
    openaiURL: `${fake.url}/v1`,
  });
});

afterAll(async () => {
  await fake.close();
});

beforeEach(() => {
  waits = [];
  fake.requests.length = 0;
  let now = Date.now();
  clock = {
    now: () => now,
    sleep: (ms) => {
      waits.push(ms);
      now += ms;
      return Promise.resolve();
    },
  };
  const options = { clock, random: () => 0 };
  anthropic = {
    apiKey: 'test-anthropic-key',
    baseURL: fake.url,
    guard: createGuard('anthropic', { requestsPerMinute: 50 }, options),
  };
  openai = {
    apiKey: 'test-openai-key',
    baseURL: `${fake.url}/v1`,
    guard: createGuard('openai', { requestsPerMinute: 60 }, options),
  };
});

describe('Anthropic Messages', { timeout: 60_000 }, () => {
  it('with fetch: rides out 529 and 429, waiting the backoff and then retry-after', async () => {
    fake.script('anthropic', 'overloaded', 'rate_limited');
    const result = await askWithFetch('anthropic', claude, anthropic);
    expect(result).toEqual({ ok: true, value: 'Hello from the local Anthropic stand-in.', attempts: 3 });
    // 0.5 s backoff after the 529 (no jitter with random 0); the limiter holds the retry 0.7 s
    // more (50 per minute: one request every 1.2 s); then retry-after: 2 from the 429.
    expect(waits).toEqual([500, 700, 2000]);
    expect(fake.requests).toHaveLength(3);
    expect(fake.requests[0]?.headers['x-api-key']).toBe('test-anthropic-key');
    expect(fake.requests[0]?.headers['anthropic-version']).toBe('2023-06-01');
  });

  it('with the SDK: 413 request_too_large is final, and the SDK itself never retries', async () => {
    fake.script('anthropic', 'too_large');
    const result = await askAnthropicSdk(claude, clients.anthropic, anthropic.guard);
    expect(result).toMatchObject({ ok: false, status: 413, kind: 'request_too_large', attempts: 1 });
    expect(waits).toEqual([]);
    expect(fake.requests).toHaveLength(1);
  });

  it('with the SDK: mamlkit retries the 529 the SDK was told not to', async () => {
    fake.script('anthropic', 'overloaded');
    const result = await askAnthropicSdk(claude, clients.anthropic, anthropic.guard);
    expect(result).toEqual({ ok: true, value: 'Hello from the local Anthropic stand-in.', attempts: 2 });
    // 0.5 s backoff, then the limiter's 0.7 s: one request every 1.2 s at 50 per minute.
    expect(waits).toEqual([500, 700]);
    expect(fake.requests.map((r) => r.headers['x-stainless-retry-count'])).toEqual(['0', '0']);
  });

  it('with the SDK: a billing error (no credit) is not retried', async () => {
    fake.script('anthropic', 'quota_exhausted');
    const result = await askAnthropicSdk(claude, clients.anthropic, anthropic.guard);
    expect(result).toMatchObject({ ok: false, status: 402, kind: 'quota_exhausted', attempts: 1 });
    expect(waits).toEqual([]);
  });

  it('refuses max_tokens above the model limit before sending anything', async () => {
    const result = await askWithFetch('anthropic', { ...claude, maxTokens: 100_000 }, anthropic);
    expect(result).toMatchObject({ ok: false, kind: 'preflight' });
    expect(result.ok || result.kind !== 'preflight' ? [] : result.violations.map((v) => v.code)).toEqual([
      'max_tokens_too_high',
    ]);
    expect(fake.requests).toHaveLength(0);
  });
});

describe('OpenAI Chat Completions', { timeout: 60_000 }, () => {
  it('with fetch: waits retry-after-ms after a 429 rate_limit_exceeded', async () => {
    fake.script('openai', 'rate_limited');
    const result = await askWithFetch('openai', gpt, openai);
    expect(result).toEqual({ ok: true, value: 'Hello from the local OpenAI stand-in.', attempts: 2 });
    expect(waits).toEqual([1000]);
    expect(fake.requests[0]?.headers.authorization).toBe('Bearer test-openai-key');
  });

  it('with the SDK: a 429 insufficient_quota stops at once (waiting never fixes it)', async () => {
    fake.script('openai', 'quota_exhausted');
    const result = await askOpenAISdk(gpt, clients.openai, openai.guard);
    expect(result).toMatchObject({ ok: false, status: 429, kind: 'quota_exhausted', attempts: 1 });
    expect(waits).toEqual([]);
    expect(fake.requests).toHaveLength(1);
  });

  it('with the SDK: gives up when the attempts are used up', async () => {
    fake.script('openai', 'server_error', 'server_error', 'server_error');
    const result = await askOpenAISdk(gpt, clients.openai, openai.guard);
    expect(result).toMatchObject({ ok: false, status: 500, kind: 'server_error', attempts: 3 });
    // Exponential backoff: 0.5 s (and 0.5 s of the limiter's one request per second at 60 per
    // minute), then 1 s; no third wait.
    expect(waits).toEqual([500, 500, 1000]);
    expect(fake.requests).toHaveLength(3);
  });
});

describe('Azure OpenAI Chat Completions', { timeout: 60_000 }, () => {
  it('with fetch: sends api-key and api-version, and prefers retry-after-ms to retry-after', async () => {
    const azure = {
      apiKey: 'test-azure-key',
      baseURL: `${fake.url}/openai/deployments/gpt-5-mini`,
      guard: createGuard('azure-openai', { requestsPerMinute: 60 }, { clock, random: () => 0 }),
    };
    fake.script('azure-openai', 'rate_limited');
    const result = await askWithFetch('azure-openai', gpt, azure);
    expect(result).toEqual({ ok: true, value: 'Hello from the local OpenAI stand-in.', attempts: 2 });
    // retry-after-ms: 250 wins over retry-after: 1; the limiter (60 per minute, one request per
    // second) then holds the retry until a second after the first request.
    expect(waits).toEqual([250, 750]);
    expect(fake.requests[0]?.path).toBe(
      '/openai/deployments/gpt-5-mini/chat/completions?api-version=2024-10-21',
    );
    expect(fake.requests[0]?.headers['api-key']).toBe('test-azure-key');
  });
});

describe('the runnable demo', { timeout: 60_000 }, () => {
  it('runs with npx tsx against the stand-in when no API keys are set', async () => {
    const env = { ...process.env };
    delete env.ANTHROPIC_API_KEY;
    delete env.OPENAI_API_KEY;
    const output = await runCommand(bin('tsx'), ['examples/provider-calls/main.ts'], 60_000, env);
    expect(output.code).toBe(0);
    expect(output.stdout).toContain('Calling the local stand-in at http://127.0.0.1:');
    expect(output.stdout).toMatch(
      /Anthropic with fetch .*"Hello from the local Anthropic stand-in\." after 3 attempt/,
    );
    expect(output.stdout).toMatch(/Anthropic with the SDK .*gave up: request_too_large \(HTTP 413\)/);
    expect(output.stdout).toMatch(/OpenAI with fetch .*after 2 attempt/);
    expect(output.stdout).toMatch(/OpenAI with the SDK .*gave up: quota_exhausted \(HTTP 429\)/);
    expect(output.stdout).toMatch(/Azure OpenAI with fetch .*after 2 attempt/);
    expect(output.stdout).toMatch(/max_tokens 100000: refused before sending/);
  });
});
