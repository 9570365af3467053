import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { classifyResponse } from '../../src/policy/classify/classify-response.js';
import { planRetry, type RetryInput } from '../../src/policy/retry/plan-retry.js';
import { PROVIDERS } from '../../src/policy/types.js';

// Regression tests for the issue finding "Retry semantics drifted from the SDKs", against
// anthropic-sdk-typescript 0.120.0 and openai-node 7.5.0 (docs/guide/policy.md, "Retries").

const NOW = Date.parse('2026-12-05T08:00:00Z');
const base = { provider: 'openai' as const, now: NOW, attempt: 1, random: () => 0 };
const plan429 = (headers: Record<string, string>, maxDelayMs?: number) =>
  planRetry({ ...base, status: 429, headers }, maxDelayMs === undefined ? undefined : { maxDelayMs });

describe('retry semantics drifted from the SDKs', () => {
  it('a long server delay: retry-after 86400 is never retried early', () => {
    const plan = plan429({ 'retry-after': '86400' });
    expect(plan).toMatchObject({ retry: false, delayMs: 0, retryAfterMs: 86_400_000, kind: 'rate_limited' });
    expect(plan.reason).toContain('the server asks to wait 86400000 ms, over maxDelayMs 60000');
    // A caller willing to wait that long waits exactly the server's time.
    expect(plan429({ 'retry-after': '86400' }, 2 * 86_400_000)).toMatchObject({
      retry: true,
      delayMs: 86_400_000,
      retryAfterMs: 86_400_000,
    });
  });

  it('retry-after-ms: 0 beside retry-after: 5 waits the 5 s (the later of the two SDK readings)', () => {
    expect(plan429({ 'retry-after-ms': '0', 'retry-after': '5' })).toMatchObject({
      retry: true,
      delayMs: 5000,
    });
    // Alone, a zero is a zero: both SDKs retry at once.
    expect(plan429({ 'retry-after-ms': '0' })).toMatchObject({ retry: true, delayMs: 0, retryAfterMs: 0 });
    expect(plan429({ 'retry-after': '0' })).toMatchObject({ retry: true, delayMs: 0 });
  });

  it('a date in the past asks for no wait: the backoff applies, as in openai-node', () => {
    const plan = plan429({ 'retry-after': 'Sat, 05 Dec 2026 07:59:00 GMT' });
    expect(plan).toMatchObject({ retry: true, delayMs: 500 });
    expect(plan.retryAfterMs).toBeUndefined();
    expect(plan429({ 'retry-after': 'Sat, 05 Dec 2026 08:00:30 GMT' }).delayMs).toBe(30_000);
  });

  it('parseFloat forms: 1e3 is 1000 seconds, .5 is half a second', () => {
    expect(plan429({ 'retry-after': '1e3' })).toMatchObject({ retry: false, retryAfterMs: 1_000_000 });
    expect(plan429({ 'retry-after': '1e3' }, 1_000_000).delayMs).toBe(1_000_000);
    expect(plan429({ 'retry-after': '.5' }).delayMs).toBe(500);
    expect(plan429({ 'retry-after-ms': '2.5e3' }).delayMs).toBe(2500);
  });

  it('repeated values joined as "5, 7" wait the largest', () => {
    expect(plan429({ 'retry-after': '5, 7' }).delayMs).toBe(7000);
    expect(plan429({ 'retry-after-ms': '300, 100' }).delayMs).toBe(300);
    const dates = 'Sat, 05 Dec 2026 08:00:10 GMT, Sat, 05 Dec 2026 08:00:20 GMT';
    expect(plan429({ 'retry-after': dates }).delayMs).toBe(20_000);
    const headers = new Headers();
    headers.append('retry-after', '5');
    headers.append('retry-after', '7');
    expect(planRetry({ ...base, status: 429, headers }).delayMs).toBe(7000);
  });

  it('an ISO date is read as the date it is, not its year as seconds', () => {
    expect(plan429({ 'retry-after': '2026-12-05T08:00:40Z' }).delayMs).toBe(40_000);
  });

  it('header case: any spelling is read, x-should-retry is compared exactly as the SDKs do', () => {
    expect(planRetry({ ...base, status: 503, headers: new Headers({ 'Retry-After': '2' }) }).delayMs).toBe(
      2000,
    );
    expect(planRetry({ ...base, status: 503, headers: { 'RETRY-AFTER-MS': '20' } }).delayMs).toBe(20);
    expect(planRetry({ ...base, status: 400, headers: { 'x-should-retry': 'TRUE' } }).retry).toBe(false);
    expect(planRetry({ ...base, status: 400, headers: { 'X-Should-Retry': ' true ' } }).retry).toBe(true);
  });

  it.each([
    ['openai', { error: { message: 'no credits', code: 'credit_balance_exhausted' } }],
    ['openai', { error: { message: 'spend limit', code: 'organization_spend_limit_exceeded' } }],
    ['openai', { error: { message: 'usage limit', code: 'organization_usage_limit_exceeded' } }],
    ['openai', { error: { message: 'project limit', code: 'project_spend_limit_exceeded' } }],
    ['azure-openai', { error: { message: 'spend limit', code: 'organization_spend_limit_exceeded' } }],
    [
      'anthropic',
      {
        type: 'error',
        error: {
          type: 'rate_limit_error',
          message: 'You have reached your API usage limits',
          details: { error_code: 'enforced_spend_limit_reached' },
        },
      },
    ],
  ] as const)('the 2026 spend and credit 429s are never retried: %s %j', (provider, body) => {
    for (const form of [body, JSON.stringify(body)]) {
      const headers = { 'x-should-retry': 'true', 'retry-after': '1' };
      const plan = planRetry({ ...base, provider, status: 429, headers, body: form });
      expect(plan).toMatchObject({ retry: false, kind: 'quota_exhausted' });
      expect(classifyResponse(provider, { status: 429, headers, body: form })).toMatchObject({
        kind: 'quota_exhausted',
        retryable: false,
      });
    }
  });

  it.each([
    ['anthropic', 500, 'invalid_request_error'],
    ['anthropic', 400, 'overloaded_error'],
    ['openai', 400, 'rate_limit_exceeded'],
    ['anthropic', 400, 'rate_limit_error'],
  ] as const)(
    'classifyResponse and planRetry agree: %s %i naming %s is not retried',
    (provider, status, type) => {
      const body = { error: { type, code: type, message: 'x' } };
      expect(classifyResponse(provider, { status, body }).retryable).toBe(false);
      expect(planRetry({ ...base, provider, status, body }).retry).toBe(false);
    },
  );

  it('connection errors, timeouts and a mid-stream overloaded_error can be planned', () => {
    const network = planRetry({ ...base, type: 'network' });
    expect(network).toMatchObject({ retry: true, delayMs: 500, kind: 'connection' });
    expect(planRetry({ ...base, type: 'timeout', attempt: 2 })).toMatchObject({
      retry: true,
      delayMs: 1000,
      kind: 'timeout',
    });
    expect(planRetry({ ...base, type: 'timeout', attempt: 3 })).toMatchObject({
      retry: false,
      kind: 'timeout',
    });
    const overloaded = '{"type":"error","error":{"type":"overloaded_error","message":"Overloaded"}}';
    expect(planRetry({ ...base, provider: 'anthropic', type: 'stream', event: overloaded })).toMatchObject({
      retry: true,
      kind: 'overloaded',
    });
    expect(
      planRetry({
        ...base,
        type: 'stream',
        event: { type: 'response.failed', response: { error: { code: 'server_error', message: 'x' } } },
      }),
    ).toMatchObject({ retry: true, kind: 'server_error' });
    expect(
      planRetry({ ...base, type: 'stream', event: { type: 'error', code: 'invalid_prompt', message: 'x' } }),
    ).toMatchObject({ retry: false, kind: 'invalid_request' });
    expect(
      planRetry({
        ...base,
        type: 'stream',
        event: { type: 'error', code: 'insufficient_quota', message: 'x' },
      }),
    ).toMatchObject({ retry: false, kind: 'quota_exhausted' });
    expect(() => planRetry({ ...base, type: 'socket' } as unknown as RetryInput)).toThrow(
      expect.objectContaining({ code: 'ERR_INVALID_ARGUMENT' }),
    );
    expect(() => planRetry({ ...base, provider: 'groq', type: 'network' } as unknown as RetryInput)).toThrow(
      expect.objectContaining({ code: 'ERR_POLICY_UNKNOWN_PROVIDER' }),
    );
  });
});

describe('server delays are read as the SDKs read them', () => {
  const number = fc.oneof(
    fc.nat().map(String),
    fc.double({ min: 0, max: 1e9, noNaN: true }).map(String),
    fc
      .tuple(fc.nat(999), fc.nat(999), fc.constantFrom('e', 'E'), fc.constantFrom('', '+', '-'), fc.nat(4))
      .map(([a, b, e, sign, x]) => `${a}.${b}${e}${sign}${x}`),
    fc.nat(999).map((b) => `.${b}`),
  );

  it('every number parseFloat reads in full gives the SDKs’ delay, in retry-after-ms and retry-after', () => {
    fc.assert(
      fc.property(number, (text) => {
        const sdk = Number.parseFloat(text); // what both SDKs compute from the header
        const options = { maxDelayMs: 1e15 };
        const ms = planRetry({ ...base, status: 503, headers: { 'retry-after-ms': text } }, options);
        const seconds = planRetry({ ...base, status: 503, headers: { 'retry-after': text } }, options);
        expect(ms.delayMs).toBe(sdk);
        expect(seconds.delayMs).toBe(sdk * 1000);
      }),
      { numRuns: 2000 },
    );
  });
});

describe('classifyResponse and planRetry share one decision', () => {
  const NAMES = [
    'invalid_request_error',
    'authentication_error',
    'permission_error',
    'not_found_error',
    'request_too_large',
    'rate_limit_error',
    'rate_limit_exceeded',
    'insufficient_quota',
    'credit_balance_exhausted',
    'organization_spend_limit_exceeded',
    'enforced_spend_limit_reached',
    'billing_error',
    'overloaded_error',
    'api_error',
    'server_error',
    'timeout_error',
    'invalid_prompt',
  ];
  const name = fc.oneof(fc.constantFrom(...NAMES), fc.string({ maxLength: 6 }));
  const body = fc.oneof(
    fc.constant(undefined),
    fc.string(),
    fc
      .record(
        { type: name, code: name, message: fc.string(), details: fc.record({ error_code: name }) },
        { requiredKeys: [] },
      )
      .chain((error) =>
        fc.constantFrom<unknown>({ error }, JSON.stringify({ type: 'error', error }), JSON.stringify(error)),
      ),
  );
  const value = fc.oneof(
    fc.string({ maxLength: 12 }),
    fc.integer({ min: -5, max: 200_000 }).map(String),
    fc.double({ min: 0, max: 1e7, noNaN: true }).map(String),
    fc.integer({ min: -120, max: 7200 }).map((s) => new Date(NOW + s * 1000).toUTCString()),
    fc.integer({ min: -120, max: 7200 }).map((s) => new Date(NOW + s * 1000).toISOString()),
    fc.tuple(fc.nat(100), fc.nat(100)).map(([a, b]) => `${a}, ${b}`),
  );
  const headers = fc.record(
    {
      'retry-after': value,
      'retry-after-ms': value,
      'x-should-retry': fc.constantFrom('true', 'false', 'TRUE', ' true', 'maybe'),
    },
    { requiredKeys: [] },
  );

  it('classifyResponse(x).retryable === planRetry(x, first attempt).retry, unless the server asks for more than maxDelayMs', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...PROVIDERS),
        fc.integer({ min: 100, max: 599 }),
        body,
        headers,
        fc.integer({ min: 0, max: 3_600_000 }),
        (provider, status, b, h, maxDelayMs) => {
          const { retryable, kind } = classifyResponse(provider, { status, headers: h, body: b });
          const plan = planRetry(
            { ...base, provider, status, headers: h, body: b },
            { maxDelayMs, maxAttempts: 2 },
          );
          expect(plan.kind).toBe(kind);
          const tooLong = plan.retryAfterMs !== undefined && plan.retryAfterMs > maxDelayMs;
          expect(plan.retry).toBe(retryable && !tooLong);
          // Never an early retry: a retry waits at least what the server asked for.
          if (plan.retry && plan.retryAfterMs !== undefined) expect(plan.delayMs).toBe(plan.retryAfterMs);
          if (plan.retry) expect(plan.delayMs).toBeLessThanOrEqual(maxDelayMs);
          // With attempts used up, nothing is retried.
          expect(
            planRetry({ ...base, provider, status, headers: h, body: b, attempt: 2 }, { maxAttempts: 2 })
              .retry,
          ).toBe(false);
        },
      ),
      { numRuns: 3000 },
    );
  });
});
