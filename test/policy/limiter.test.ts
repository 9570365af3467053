import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseRateLimitHeaders } from '../../src/policy/headers/parse-rate-limit-headers.js';
import { createLimiter, reserve, syncLimiter, type LimiterState } from '../../src/policy/limiter/limiter.js';

const MINUTE = 60_000;

describe('reserve', () => {
  it('admits the configured burst, then paces at the refill rate', () => {
    let state = createLimiter({ requestsPerMinute: 60, burstMs: { requests: MINUTE } });
    for (let i = 0; i < 60; i++) {
      const r = reserve(state, {}, 0);
      expect(r).toMatchObject({ ok: true, delayMs: 0 });
      state = r.state;
    }
    const next = reserve(state, {}, 0);
    expect(next).toMatchObject({ ok: true, delayMs: 1000 });
    expect(reserve(next.state, {}, 0).delayMs).toBe(2000);
    expect(reserve(state, {}, 500).delayMs).toBe(500);
  });

  it('waits for the scarcest dimension and charges tokens as input + output', () => {
    const state = createLimiter({
      requestsPerMinute: 1000,
      tokensPerMinute: 10_000,
      outputTokensPerMinute: 2000,
    });
    const first = reserve(state, { inputTokens: 6000, outputTokens: 2000 }, 0);
    expect(first.delayMs).toBe(0);
    const second = reserve(first.state, { inputTokens: 100, outputTokens: 1000 }, 0);
    // outputTokens: bucket empty, 1000 more need 30 s; tokens: 8000 used, 1100 fit now.
    expect(second.delayMs).toBe(30_000);
  });

  it('refuses waits over maxWaitMs without booking anything', () => {
    const state = reserve(createLimiter({ requestsPerMinute: 1 }), {}, 0).state;
    const refused = reserve(state, {}, 0, { maxWaitMs: 10_000 });
    expect(refused).toMatchObject({ ok: false, delayMs: MINUTE, state });
    if (!refused.ok) expect(refused.reason).toBe('wait of 60000 ms exceeds maxWaitMs 10000');
  });

  it('throws for a cost larger than a limit instead of waiting forever', () => {
    const state = createLimiter({ inputTokensPerMinute: 30_000 });
    expect(() => reserve(state, { inputTokens: 30_001 }, 0)).toThrow(
      expect.objectContaining({ code: 'ERR_POLICY_COST_OVER_CAPACITY' }),
    );
    expect(reserve(state, { inputTokens: 30_000 }, 0).ok).toBe(true);
  });

  it('keeps state serializable', () => {
    let state = createLimiter({ requestsPerMinute: 5, tokensPerMinute: 1000 });
    state = reserve(state, { inputTokens: 10 }, 1234).state;
    const copy = JSON.parse(JSON.stringify(state)) as LimiterState;
    expect(reserve(copy, { inputTokens: 999 }, 2000)).toEqual(reserve(state, { inputTokens: 999 }, 2000));
  });

  it.each([
    [() => createLimiter({ requestsPerMinute: 0 })],
    [() => createLimiter({ tokensPerMinute: Number.NaN })],
    [() => createLimiter({ requestsPerMinute: 1, periodMs: Infinity })],
    [() => reserve(createLimiter({ requestsPerMinute: 1 }), { inputTokens: -1 }, 0)],
    [() => reserve(createLimiter({ requestsPerMinute: 1 }), {}, Number.NaN)],
    [() => reserve(createLimiter({ requestsPerMinute: 1 }), {}, 0, { maxWaitMs: -1 })],
  ])('rejects bad numbers (%#)', (call) => {
    expect(call).toThrow(expect.objectContaining({ code: 'ERR_INVALID_ARGUMENT' }));
  });
});

describe('syncLimiter', () => {
  it('adopts lower remaining capacity and server limits from headers', () => {
    const state = createLimiter({ requestsPerMinute: 50, inputTokensPerMinute: 30_000 });
    const snapshot = parseRateLimitHeaders(
      'anthropic',
      {
        'anthropic-ratelimit-requests-limit': '100',
        'anthropic-ratelimit-requests-remaining': '0',
        'anthropic-ratelimit-input-tokens-remaining': '15000',
      },
      1000,
    );
    const synced = syncLimiter(state, snapshot, 1000);
    // Requests: the local bucket holds one second (1000 ms) of the server's 100 per minute, and
    // none remains; input tokens: the bucket holds a minute, half of which remains.
    expect(synced.cells.requests).toEqual({ limit: 100, burstMs: 1000, tat: 1000 + 1000 });
    expect(synced.cells.inputTokens).toEqual({ limit: 30_000, burstMs: MINUTE, tat: 1000 + MINUTE / 2 });
    expect(reserve(synced, {}, 1000).delayMs).toBe(600);
    expect(reserve(synced, { inputTokens: 20_000 }, 1000).delayMs).toBe(10_000);
  });

  it('never gives back capacity the limiter has booked', () => {
    const limiter = createLimiter({ requestsPerMinute: 2, burstMs: { requests: MINUTE } });
    const booked = reserve(limiter, { requests: 2 }, 0).state;
    const synced = syncLimiter(
      booked,
      parseRateLimitHeaders('openai', { 'x-ratelimit-remaining-requests': '2' }, 0),
      0,
    );
    expect(synced.cells.requests?.tat).toBe(MINUTE);
  });

  it('blocks every reservation until retry-after has passed', () => {
    const state = syncLimiter(
      createLimiter({ requestsPerMinute: 100 }),
      parseRateLimitHeaders('azure-openai', { 'retry-after-ms': '2500' }, 10_000),
      10_000,
    );
    expect(state.blockedUntil).toBe(12_500);
    expect(reserve(state, {}, 11_000).delayMs).toBe(1500);
    expect(reserve(state, {}, 13_000).delayMs).toBe(0);
  });
});

describe('limiter properties', () => {
  const limits = fc.record({
    requestsPerMinute: fc.integer({ min: 1, max: 100 }),
    tokensPerMinute: fc.integer({ min: 1000, max: 100_000 }),
  });
  const steps = fc.array(
    fc.record({
      gap: fc.integer({ min: 0, max: 5000 }),
      requests: fc.integer({ min: 0, max: 3 }),
      tokens: fc.double({ min: 0, max: 1, noNaN: true }),
    }),
    { minLength: 1, maxLength: 200 },
  );

  it('never admits more than an identical provider-side token bucket accepts, nor more than limit + rate × w in any window w', () => {
    fc.assert(
      fc.property(limits, steps, (limit, plan) => {
        let state = createLimiter({ ...limit, burstMs: { requests: MINUTE } });
        let now = 0;
        const admitted: { at: number; requests: number; tokens: number }[] = [];
        for (const step of plan) {
          now += step.gap;
          const requests = Math.min(step.requests, limit.requestsPerMinute);
          const tokens = Math.floor(step.tokens * limit.tokensPerMinute);
          const r = reserve(state, { requests, inputTokens: tokens }, now, { maxWaitMs: 10 * MINUTE });
          if (!r.ok) continue;
          state = r.state;
          admitted.push({ at: now + r.delayMs, requests, tokens });
        }
        admitted.sort((a, b) => a.at - b.at);
        for (const [key, cap] of [
          ['requests', limit.requestsPerMinute],
          ['tokens', limit.tokensPerMinute],
        ] as const) {
          let level = cap;
          let last = 0;
          for (const event of admitted) {
            level = Math.min(cap, level + ((event.at - last) * cap) / MINUTE);
            last = event.at;
            level -= event[key];
            expect(level).toBeGreaterThanOrEqual(-1e-6 * cap);
          }
          for (const first of admitted) {
            for (const w of [1000, MINUTE]) {
              const inWindow = admitted
                .filter((e) => e.at >= first.at && e.at < first.at + w)
                .reduce((s, e) => s + e[key], 0);
              expect(inWindow).toBeLessThanOrEqual(cap + (cap * w) / MINUTE + 1e-6 * cap);
            }
          }
        }
      }),
      { numRuns: 300 },
    );
  });
});
