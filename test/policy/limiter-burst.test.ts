import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  parseRateLimitHeaders,
  type RateLimitSnapshot,
} from '../../src/policy/headers/parse-rate-limit-headers.js';
import { createLimiter, reserve, syncLimiter } from '../../src/policy/limiter/limiter.js';

// Regression tests for the issue finding "Limiter".

const MINUTE = 60_000;

describe('limiter', () => {
  it('a cold start admits one second of requests, not a whole minute of them', () => {
    // Anthropic documents 60 RPM as possibly enforced at 1 request per second.
    let state = createLimiter({ requestsPerMinute: 60 });
    const delays: number[] = [];
    for (let i = 0; i < 5; i++) {
      const r = reserve(state, {}, 0);
      state = r.state;
      delays.push(r.delayMs);
    }
    expect(delays).toEqual([0, 1000, 2000, 3000, 4000]);
    // Azure evaluates 600 RPM over 1 s windows: 10 requests per second.
    let azure = createLimiter({ requestsPerMinute: 600, tokensPerMinute: 100_000 });
    let admittedAtOnce = 0;
    for (let r = reserve(azure, {}, 0); r.delayMs === 0; r = reserve(azure, {}, 0)) {
      azure = r.state;
      admittedAtOnce++;
    }
    expect(admittedAtOnce).toBe(10);
    // Tokens keep a whole minute: one request may use the full per-minute token limit.
    expect(reserve(createLimiter({ inputTokensPerMinute: 30_000 }), { inputTokens: 30_000 }, 0).ok).toBe(
      true,
    );
  });

  it('a burst is configurable per dimension, within (0, periodMs]', () => {
    const state = createLimiter({ requestsPerMinute: 60, burstMs: { requests: 5000 } });
    let s = state;
    for (let i = 0; i < 5; i++) {
      const r = reserve(s, {}, 0);
      expect(r.delayMs).toBe(0);
      s = r.state;
    }
    expect(reserve(s, {}, 0).delayMs).toBe(1000);
    expect(() => reserve(state, { requests: 6 }, 0)).toThrow(
      expect.objectContaining({ code: 'ERR_POLICY_COST_OVER_CAPACITY' }),
    );
    for (const requests of [0, -1, MINUTE + 1, Number.NaN]) {
      expect(() => createLimiter({ requestsPerMinute: 60, burstMs: { requests } })).toThrow(
        expect.objectContaining({ code: 'ERR_INVALID_ARGUMENT' }),
      );
    }
  });

  it('one retry-after: 31536000 blocks a shared limiter for maxBlockMs, not a year', () => {
    const year = parseRateLimitHeaders('anthropic', { 'retry-after': '31536000' }, 0);
    expect(year.retryAfterMs).toBe(31_536_000_000);
    const state = createLimiter({ requestsPerMinute: 100 });
    expect(syncLimiter(state, year, 0).blockedUntil).toBe(MINUTE);
    expect(reserve(syncLimiter(state, year, 0), {}, 0).delayMs).toBe(MINUTE);
    expect(syncLimiter(state, year, 0, { maxBlockMs: 5000 }).blockedUntil).toBe(5000);
    expect(() => syncLimiter(state, year, 0, { maxBlockMs: -1 })).toThrow(
      expect.objectContaining({ code: 'ERR_INVALID_ARGUMENT' }),
    );
  });
});

describe('limiter property: random clocks, costs and syncs', () => {
  const dims = fc.record({
    requestsPerMinute: fc.integer({ min: 1, max: 1200 }),
    tokensPerMinute: fc.integer({ min: 1000, max: 200_000 }),
    requestsBurstMs: fc.option(fc.integer({ min: 1, max: MINUTE }), { nil: undefined }),
    tokensBurstMs: fc.option(fc.integer({ min: 1, max: MINUTE }), { nil: undefined }),
    maxBlockMs: fc.integer({ min: 0, max: 2 * MINUTE }),
  });
  const window = fc.record(
    { limit: fc.integer({ min: 1, max: 2000 }), remaining: fc.integer({ min: 0, max: 2000 }) },
    { requiredKeys: [] },
  );
  const step = fc.oneof(
    fc.record({
      kind: fc.constant('reserve' as const),
      gap: fc.oneof(
        fc.constant(0),
        fc.integer({ min: 0, max: 3000 }),
        fc.integer({ min: 0, max: 10 * MINUTE }),
      ),
      requests: fc.integer({ min: 0, max: 3 }),
      tokens: fc.double({ min: 0, max: 1, noNaN: true }),
    }),
    fc.record({
      kind: fc.constant('sync' as const),
      gap: fc.integer({ min: 0, max: 5000 }),
      requests: window,
      tokens: window,
      retryAfterMs: fc.option(fc.oneof(fc.nat(5000), fc.nat(1e12)), { nil: undefined }),
    }),
  );

  it('admitted work in any window w never exceeds rate × w + burst, and no sync blocks longer than maxBlockMs', () => {
    fc.assert(
      fc.property(dims, fc.array(step, { minLength: 1, maxLength: 150 }), (d, steps) => {
        const burstMs = {
          ...(d.requestsBurstMs === undefined ? {} : { requests: d.requestsBurstMs }),
          ...(d.tokensBurstMs === undefined ? {} : { tokens: d.tokensBurstMs }),
        };
        let state = createLimiter({
          requestsPerMinute: d.requestsPerMinute,
          tokensPerMinute: d.tokensPerMinute,
          burstMs,
        });
        const capacity = {
          requests: Math.max((d.requestsPerMinute * (d.requestsBurstMs ?? 1000)) / MINUTE, 1),
          tokens: Math.max((d.tokensPerMinute * (d.tokensBurstMs ?? MINUTE)) / MINUTE, 1),
        };
        const rate = { requests: d.requestsPerMinute / MINUTE, tokens: d.tokensPerMinute / MINUTE };
        let now = 0;
        const admitted: { at: number; requests: number; tokens: number }[] = [];
        for (const s of steps) {
          now += s.gap;
          if (s.kind === 'sync') {
            // The server may lower the limit, never raise it above what was configured: the bound
            // is stated for the configured rate.
            const snapshot: RateLimitSnapshot = {
              at: now,
              requests: {
                ...s.requests,
                limit: Math.min(s.requests.limit ?? d.requestsPerMinute, d.requestsPerMinute),
              },
              tokens: {
                ...s.tokens,
                limit: Math.min(s.tokens.limit ?? d.tokensPerMinute, d.tokensPerMinute),
              },
              inputTokens: {},
              outputTokens: {},
              ...(s.retryAfterMs === undefined ? {} : { retryAfterMs: s.retryAfterMs }),
            };
            const before = state.blockedUntil;
            state = syncLimiter(state, snapshot, now, { maxBlockMs: d.maxBlockMs });
            expect(state.blockedUntil).toBeLessThanOrEqual(Math.max(before, now + d.maxBlockMs));
            continue;
          }
          const requests = Math.min(s.requests, Math.floor(capacity.requests));
          const tokens = Math.floor(s.tokens * capacity.tokens);
          let r;
          try {
            r = reserve(state, { requests, inputTokens: tokens }, now, { maxWaitMs: 10 * MINUTE });
          } catch {
            continue; // over a lowered burst: refused, nothing admitted
          }
          if (!r.ok) continue;
          state = r.state;
          admitted.push({ at: now + r.delayMs, requests, tokens });
        }
        admitted.sort((a, b) => a.at - b.at);
        for (const key of ['requests', 'tokens'] as const) {
          for (const first of admitted) {
            for (const w of [1, 1000, 10_000, MINUTE]) {
              const inWindow = admitted
                .filter((e) => e.at >= first.at && e.at < first.at + w)
                .reduce((sum, e) => sum + e[key], 0);
              expect(inWindow).toBeLessThanOrEqual(rate[key] * w + capacity[key] + 1e-6 * capacity[key]);
            }
          }
        }
      }),
      { numRuns: 400 },
    );
  });
});
