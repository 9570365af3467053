import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { planRetry } from '../../src/policy/retry/plan-retry.js';
import { PROVIDERS } from '../../src/policy/types.js';

const NOW = Date.parse('2025-11-21T00:15:00Z');
const base = { provider: 'anthropic' as const, now: NOW, random: () => 0 };

describe('planRetry follows the SDKs', () => {
  it('retries 408, 409, 429 and 5xx, not other 4xx', () => {
    for (const status of [408, 409, 429, 500, 502, 503, 529])
      expect(planRetry({ ...base, status, attempt: 1 }).retry).toBe(true);
    for (const status of [400, 401, 403, 404, 413, 422])
      expect(planRetry({ ...base, status, attempt: 1 }).retry).toBe(false);
    expect(planRetry({ ...base, status: 200, attempt: 1 })).toEqual({
      retry: false,
      delayMs: 0,
      reason: 'request succeeded',
      kind: 'ok',
    });
  });

  it('honours x-should-retry both ways', () => {
    expect(planRetry({ ...base, status: 400, attempt: 1, headers: { 'x-should-retry': 'true' } }).retry).toBe(
      true,
    );
    const plan = planRetry({ ...base, status: 503, attempt: 1, headers: { 'x-should-retry': 'false' } });
    expect(plan).toMatchObject({ retry: false, reason: 'server sent x-should-retry: false' });
  });

  it('backs off 0.5 s doubling to 8 s, with up to 25 % jitter', () => {
    const delays = [1, 2, 3, 4, 5, 6].map(
      (attempt) => planRetry({ ...base, status: 529, attempt }, { maxAttempts: 10 }).delayMs,
    );
    expect(delays).toEqual([500, 1000, 2000, 4000, 8000, 8000]);
    expect(planRetry({ ...base, random: () => 0.999999, status: 529, attempt: 1 }).delayMs).toBeCloseTo(
      375,
      3,
    );
    expect(planRetry({ ...base, random: () => Number.NaN, status: 529, attempt: 1 }).delayMs).toBe(500);
  });

  it('prefers retry-after-ms, then retry-after seconds or date', () => {
    expect(
      planRetry({
        ...base,
        status: 429,
        attempt: 1,
        headers: { 'retry-after-ms': '1234', 'retry-after': '9' },
      }).delayMs,
    ).toBe(1234);
    expect(planRetry({ ...base, status: 429, attempt: 1, headers: { 'retry-after': '2.5' } }).delayMs).toBe(
      2500,
    );
    const plan = planRetry({
      ...base,
      status: 429,
      attempt: 1,
      headers: { 'retry-after': 'Fri, 21 Nov 2025 00:15:12 GMT' },
    });
    expect(plan).toMatchObject({
      retry: true,
      delayMs: 12_000,
      reason: 'status 429 is retryable; server-requested delay of 12000 ms',
    });
  });

  it('caps its own backoff at maxDelayMs, and says so', () => {
    const plan = planRetry({ ...base, status: 529, attempt: 4 }, { maxAttempts: 9, maxDelayMs: 1000 });
    expect(plan.delayMs).toBe(1000);
    expect(plan.reason).toContain('capped at maxDelayMs 1000');
  });

  it('what does not read is ignored, not guessed: 5s, -5, Infinity and garbage back off', () => {
    for (const value of ['5s', '-5', 'Infinity', 'soon', '', '1e999']) {
      expect(
        planRetry({ ...base, status: 429, attempt: 1, headers: { 'retry-after': value } }),
      ).toMatchObject({ retry: true, delayMs: 500 });
    }
  });

  it('stops after maxAttempts (default 3, like maxRetries: 2)', () => {
    expect(planRetry({ ...base, status: 529, attempt: 2 }).retry).toBe(true);
    const plan = planRetry({ ...base, status: 529, attempt: 3 });
    expect(plan).toMatchObject({ retry: false, delayMs: 0 });
    expect(plan.reason).toContain('3 attempts are used up');
  });

  it('never retries quota exhaustion, even when told to', () => {
    const plan = planRetry({
      ...base,
      provider: 'openai',
      status: 429,
      attempt: 1,
      headers: { 'x-should-retry': 'true', 'retry-after': '1' },
      body: { error: { code: 'insufficient_quota', type: 'insufficient_quota' } },
    });
    expect(plan).toEqual({
      retry: false,
      delayMs: 0,
      reason: 'quota exhausted: waiting does not help',
      kind: 'quota_exhausted',
      retryAfterMs: 1000,
    });
  });

  it.each([
    [{ attempt: 0 }, {}],
    [{ attempt: 1.5 }, {}],
    [{ attempt: 1, now: Number.NaN }, {}],
    [{ attempt: 1 }, { maxDelayMs: -1 }],
    [{ attempt: 1 }, { maxAttempts: 0 }],
    [{ attempt: 1 }, { initialDelayMs: Infinity }],
  ])('rejects %j %j', (input, options) => {
    expect(() => planRetry({ ...base, status: 500, ...input }, options)).toThrow(
      expect.objectContaining({ code: 'ERR_INVALID_ARGUMENT' }),
    );
  });
});

describe('planRetry properties', () => {
  it('delays always lie within [0, maxDelayMs], whatever the headers', () => {
    const headerValue = fc.oneof(
      fc.string(),
      fc.double().map(String),
      fc.integer({ min: -1e6, max: 1e9 }).map(String),
      fc.date({ noInvalidDate: true }).map((d) => d.toUTCString()),
    );
    fc.assert(
      fc.property(
        fc.constantFrom(...PROVIDERS),
        fc.integer({ min: 100, max: 599 }),
        fc.integer({ min: 1, max: 50 }),
        fc.record(
          {
            'retry-after': headerValue,
            'retry-after-ms': headerValue,
            'x-should-retry': fc.constantFrom('true', 'false', 'maybe'),
          },
          { requiredKeys: [] },
        ),
        fc.double({ min: 0, max: 1, noNaN: true }),
        fc.integer({ min: 0, max: 120_000 }),
        (provider, status, attempt, headers, r, maxDelayMs) => {
          const plan = planRetry(
            { provider, status, attempt, headers, now: NOW, random: () => r },
            { maxDelayMs, maxAttempts: 60 },
          );
          expect(plan.delayMs).toBeGreaterThanOrEqual(0);
          expect(plan.delayMs).toBeLessThanOrEqual(maxDelayMs);
          if (!plan.retry) expect(plan.delayMs).toBe(0);
        },
      ),
      { numRuns: 3000 },
    );
  });
});
