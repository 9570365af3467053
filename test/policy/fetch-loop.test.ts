import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { authHeaders } from '../../src/policy/auth/auth-headers.js';
import { parseRateLimitHeaders } from '../../src/policy/headers/parse-rate-limit-headers.js';
import {
  createLimiter,
  reserve,
  syncLimiter,
  type LimiterLimits,
  type LimiterState,
} from '../../src/policy/limiter/limiter.js';
import { planRetry } from '../../src/policy/retry/plan-retry.js';
import type { Provider } from '../../src/policy/types.js';

interface Scripted {
  readonly status: number;
  readonly headers?: Record<string, string>;
  readonly body: unknown;
}

/** A local server that answers each request with the next scripted response. */
let server: Server;
let baseUrl = '';
let script: Scripted[] = [];
let received: IncomingHttpHeaders[] = [];

beforeAll(async () => {
  server = createServer((req, res) => {
    received.push(req.headers);
    req.resume();
    req.on('end', () => {
      const next = script.shift() ?? {
        status: 500,
        body: { error: { type: 'api_error', message: 'script exhausted' } },
      };
      res.writeHead(next.status, { 'content-type': 'application/json', ...next.headers });
      res.end(JSON.stringify(next.body));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await new Promise<void>((resolve) =>
    server.close(() => {
      resolve();
    }),
  );
});

const START = Date.parse('2025-11-21T00:15:00Z');

/** The caller's loop: reserve capacity, send, correct the limiter from headers, plan a retry. */
function client(provider: Provider, limits: LimiterLimits, maxAttempts = 4) {
  let now = START;
  const waits: number[] = [];
  const sleep = (ms: number): Promise<void> => {
    waits.push(ms);
    now += ms;
    return Promise.resolve();
  };
  let state: LimiterState = createLimiter(limits);
  async function send(inputTokens: number, outputTokens: number) {
    for (let attempt = 1; ; attempt++) {
      const slot = reserve(state, { inputTokens, outputTokens }, now);
      if (!slot.ok)
        return { status: 0, attempts: attempt - 1, kind: 'local_wait_too_long', reason: slot.reason };
      state = slot.state;
      if (slot.delayMs > 0) await sleep(slot.delayMs);
      const response = await fetch(`${baseUrl}/v1/messages`, {
        method: 'POST',
        headers: { ...authHeaders(provider, { apiKey: 'test-key' }), 'content-type': 'application/json' },
        body: JSON.stringify({ max_tokens: outputTokens }),
      });
      const body = await response.text();
      state = syncLimiter(state, parseRateLimitHeaders(provider, response.headers, now), now);
      const plan = planRetry(
        { provider, status: response.status, headers: response.headers, body, attempt, now, random: () => 0 },
        { maxAttempts, maxDelayMs: 20_000 },
      );
      if (!plan.retry)
        return { status: response.status, attempts: attempt, kind: plan.kind, reason: plan.reason };
      await sleep(plan.delayMs);
    }
  }
  return { send, waits, elapsed: () => now - START };
}

const anthropicError = (type: string) => ({ type: 'error', error: { type, message: type } });
const ok = { id: 'msg_1', type: 'message', content: [] };

describe('a fetch loop built from planRetry + reserve', () => {
  it('rides out 529 and 429 from Anthropic, waiting what the server says', async () => {
    received = [];
    script = [
      { status: 529, body: anthropicError('overloaded_error') },
      {
        status: 429,
        headers: {
          'retry-after': '3',
          'anthropic-ratelimit-requests-limit': '50',
          'anthropic-ratelimit-requests-remaining': '0',
          'anthropic-ratelimit-requests-reset': '2025-11-21T00:15:04Z',
        },
        body: anthropicError('rate_limit_error'),
      },
      {
        status: 200,
        headers: {
          'anthropic-ratelimit-requests-limit': '50',
          'anthropic-ratelimit-requests-remaining': '48',
        },
        body: ok,
      },
    ];
    const c = client('anthropic', { requestsPerMinute: 50 });
    const result = await c.send(1000, 512);
    expect(result).toMatchObject({ status: 200, attempts: 3, kind: 'ok' });
    // 500 ms backoff after the 529; the limiter then holds the retry until 1.2 s after the first
    // request (50 per minute, one at a time), 700 ms more; then 3 s from retry-after. The
    // limiter was told no request was left, but one refills every 1.2 s, so it adds no wait.
    expect(c.waits).toEqual([500, 700, 3000]);
    expect(received).toHaveLength(3);
    expect(received[0]?.['x-api-key']).toBe('test-key');
    expect(received[0]?.['anthropic-version']).toBe('2023-06-01');
  });

  it('stops at once on OpenAI quota exhaustion', async () => {
    received = [];
    script = [
      {
        status: 429,
        headers: { 'retry-after': '1', 'x-ratelimit-remaining-requests': '99' },
        body: {
          error: {
            message: 'You exceeded your current quota',
            type: 'insufficient_quota',
            param: null,
            code: 'insufficient_quota',
          },
        },
      },
      { status: 200, body: ok },
    ];
    const c = client('openai', { requestsPerMinute: 100, tokensPerMinute: 100_000 });
    const result = await c.send(100, 100);
    expect(result).toMatchObject({ status: 429, attempts: 1, kind: 'quota_exhausted' });
    expect(c.waits).toEqual([]);
    expect(received).toHaveLength(1);
    expect(received[0]?.authorization).toBe('Bearer test-key');
    script = [];
  });

  it('does not retry 413 request_too_large', async () => {
    script = [{ status: 413, body: anthropicError('request_too_large') }];
    const c = client('anthropic', { requestsPerMinute: 50 });
    expect(await c.send(10, 10)).toMatchObject({ status: 413, attempts: 1, kind: 'request_too_large' });
    expect(c.waits).toEqual([]);
  });

  it('honours Azure retry-after-ms and gives up after maxAttempts', async () => {
    script = [
      {
        status: 429,
        headers: { 'retry-after-ms': '100', 'retry-after': '2', 'x-ratelimit-remaining-tokens': '0' },
        body: { error: { code: '429', message: 'rate limit' } },
      },
      { status: 503, body: { error: { code: 'ServiceUnavailable', message: 'busy' } } },
      { status: 503, body: { error: { code: 'ServiceUnavailable', message: 'busy' } } },
    ];
    const c = client('azure-openai', { tokensPerMinute: 60_000 }, 3);
    const result = await c.send(500, 500);
    expect(result).toMatchObject({ status: 503, attempts: 3, kind: 'server_error' });
    expect(result.reason).toContain('3 attempts are used up');
    // 100 ms from retry-after-ms (not the 2 s of retry-after); the limiter, told no token
    // remains, needs 1 s for 1000 tokens at 60 000 per minute, so it adds 900 ms; then 1 s of
    // backoff after the first 503 (second retry), and no third retry.
    expect(c.waits).toEqual([100, 900, 1000]);
  });

  it('paces a burst with the limiter before the server has to refuse anything', async () => {
    script = [
      { status: 200, body: ok },
      { status: 200, body: ok },
      { status: 200, body: ok },
    ];
    const c = client('openai', { requestsPerMinute: 2 });
    for (let i = 0; i < 3; i++) expect((await c.send(1, 1)).status).toBe(200);
    // One request at a time, one every 30 s: no burst of a minute's requests on a cold start.
    expect(c.waits).toEqual([30_000, 30_000]);
    expect(c.elapsed()).toBe(60_000);
  });
});
