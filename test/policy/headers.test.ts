import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseRateLimitHeaders } from '../../src/policy/headers/parse-rate-limit-headers.js';
import { parseDecimal, parseGoDuration, parseRfc3339 } from '../../src/policy/headers/values.js';
import { PROVIDERS } from '../../src/policy/types.js';

const NOW = Date.parse('2025-11-21T00:15:00Z');

describe('parseRateLimitHeaders', () => {
  it('reads Anthropic headers with RFC 3339 resets', () => {
    const headers = new Headers({
      'anthropic-ratelimit-requests-limit': '4000',
      'anthropic-ratelimit-requests-remaining': '3999',
      'anthropic-ratelimit-requests-reset': '2025-11-21T00:15:01Z',
      'anthropic-ratelimit-tokens-limit': '2400000',
      'anthropic-ratelimit-tokens-remaining': '2397905',
      'anthropic-ratelimit-tokens-reset': '2025-11-21T00:15:00.500Z',
      'anthropic-ratelimit-input-tokens-limit': '2000000',
      'anthropic-ratelimit-input-tokens-remaining': '1997905',
      'anthropic-ratelimit-input-tokens-reset': '2025-11-21T00:15:01+00:00',
      'anthropic-ratelimit-output-tokens-limit': '400000',
      'anthropic-ratelimit-output-tokens-remaining': '400000',
      'anthropic-ratelimit-output-tokens-reset': '2025-11-21T01:15:02+01:00',
      'retry-after': '7',
    });
    expect(parseRateLimitHeaders('anthropic', headers, NOW)).toEqual({
      at: NOW,
      requests: { limit: 4000, remaining: 3999, resetAt: NOW + 1000 },
      tokens: { limit: 2_400_000, remaining: 2_397_905, resetAt: NOW + 500 },
      inputTokens: { limit: 2_000_000, remaining: 1_997_905, resetAt: NOW + 1000 },
      outputTokens: { limit: 400_000, remaining: 400_000, resetAt: NOW + 2000 },
      retryAfterMs: 7000,
    });
  });

  it('reads OpenAI headers with Go-style durations', () => {
    const snapshot = parseRateLimitHeaders(
      'openai',
      {
        'x-ratelimit-limit-requests': '10000',
        'x-ratelimit-remaining-requests': '9999',
        'x-ratelimit-reset-requests': '6ms',
        'x-ratelimit-limit-tokens': '30000000',
        'x-ratelimit-remaining-tokens': '29999982',
        'x-ratelimit-reset-tokens': '6m0s',
      },
      NOW,
    );
    expect(snapshot.requests).toEqual({ limit: 10_000, remaining: 9999, resetAt: NOW + 6 });
    expect(snapshot.tokens).toEqual({ limit: 30_000_000, remaining: 29_999_982, resetAt: NOW + 360_000 });
    expect(snapshot.retryAfterMs).toBeUndefined();
  });

  it('reads Azure OpenAI remaining counts and retry-after-ms before retry-after', () => {
    const snapshot = parseRateLimitHeaders(
      'azure-openai',
      {
        'X-RateLimit-Remaining-Requests': '0',
        'x-ratelimit-remaining-tokens': ['1200'],
        'retry-after-ms': '1500',
        'Retry-After': '2',
      },
      NOW,
    );
    expect(snapshot.requests).toEqual({ remaining: 0 });
    expect(snapshot.tokens).toEqual({ remaining: 1200 });
    expect(snapshot.retryAfterMs).toBe(1500);
  });

  it('reads a Map and an object with get(name) like a Headers object, any key case', () => {
    const entries: [string, string][] = [
      ['X-RateLimit-Remaining-Tokens', '1200'],
      ['x-ratelimit-reset-tokens', '1s'],
      ['retry-after', '2'],
    ];
    const expected = { tokens: { remaining: 1200, resetAt: NOW + 1000 }, retryAfterMs: 2000 };
    expect(parseRateLimitHeaders('openai', new Map(entries), NOW)).toMatchObject(expected);
    const lower = new Map(entries.map(([name, value]) => [name.toLowerCase(), value]));
    const getter = { get: (name: string) => lower.get(name) ?? null };
    expect(parseRateLimitHeaders('openai', getter, NOW)).toMatchObject(expected);
  });

  it('prefers the lower-case spelling when a record holds a name in two cases', () => {
    const headers = { 'Retry-After': '9', 'retry-after': '4', 'RETRY-AFTER': '7' };
    expect(parseRateLimitHeaders('openai', headers, NOW).retryAfterMs).toBe(4000);
  });

  it('reads retry-after as an HTTP date, and one in the past as no delay asked for', () => {
    const snapshot = parseRateLimitHeaders('openai', { 'retry-after': 'Fri, 21 Nov 2025 00:15:30 GMT' }, NOW);
    expect(snapshot.retryAfterMs).toBe(30_000);
    expect(
      parseRateLimitHeaders('openai', { 'retry-after': 'Fri, 21 Nov 2025 00:14:30 GMT' }, NOW).retryAfterMs,
    ).toBeUndefined();
  });

  it('ignores garbage values', () => {
    const snapshot = parseRateLimitHeaders(
      'anthropic',
      {
        'anthropic-ratelimit-requests-limit': '-5',
        'anthropic-ratelimit-requests-remaining': '1e9',
        'anthropic-ratelimit-requests-reset': 'tomorrow',
        'anthropic-ratelimit-tokens-limit': { toString: () => '10' },
        'anthropic-ratelimit-tokens-remaining': '12.',
        'anthropic-ratelimit-tokens-reset': '2025-13-45T99:99:99Z',
        'retry-after': 'soon',
      },
      NOW,
    );
    expect(snapshot).toEqual({ at: NOW, requests: {}, tokens: {}, inputTokens: {}, outputTokens: {} });
  });

  it('never throws on headers of any shape', () => {
    const value = fc.oneof(
      fc.string(),
      fc.integer(),
      fc.double(),
      fc.constant(null),
      fc.constant(undefined),
      fc.array(fc.string()),
      fc.object(),
    );
    const names = fc.constantFrom(
      'retry-after',
      'retry-after-ms',
      'x-ratelimit-reset-tokens',
      'x-ratelimit-limit-requests',
      'anthropic-ratelimit-tokens-reset',
      'Anthropic-RateLimit-Requests-Remaining',
    );
    fc.assert(
      fc.property(
        fc.constantFrom(...PROVIDERS),
        fc.dictionary(names, value),
        fc.double(),
        (provider, headers, now) => {
          const snapshot = parseRateLimitHeaders(provider, headers, now);
          for (const w of [snapshot.requests, snapshot.tokens, snapshot.inputTokens, snapshot.outputTokens]) {
            for (const n of [w.limit, w.remaining, w.resetAt])
              if (n !== undefined) expect(Number.isFinite(n)).toBe(true);
          }
          if (snapshot.retryAfterMs !== undefined) expect(snapshot.retryAfterMs).toBeGreaterThanOrEqual(0);
        },
      ),
    );
    for (const odd of [
      null,
      undefined,
      42,
      'x',
      [],
      {
        get: () => {
          throw new Error('boom');
        },
      },
      Object.defineProperty({}, 'x-ratelimit-remaining-tokens', {
        enumerable: true,
        get: () => {
          throw new Error('boom');
        },
      }),
      new Proxy(
        {},
        {
          ownKeys: () => {
            throw new Error('boom');
          },
        },
      ),
    ]) {
      expect(parseRateLimitHeaders('openai', odd, NOW).tokens).toEqual({});
    }
  });
});

describe('parseRfc3339', () => {
  it.each([
    ['2025-11-21T00:15:01Z', Date.parse('2025-11-21T00:15:01Z')],
    ['2025-11-21t00:15:01z', Date.parse('2025-11-21T00:15:01Z')],
    ['2025-11-21 00:15:01.25Z', Date.parse('2025-11-21T00:15:01.250Z')],
    ['2024-02-29T23:59:59-05:30', Date.parse('2024-03-01T05:29:59Z')],
    ['2025-11-21T01:15:01.123456789+01:00', Date.parse('2025-11-21T00:15:01.123Z') + 0.456789],
    ['0050-03-01T00:00:00Z', Date.parse('0050-03-01T00:00:00Z')],
    ['9999-12-31T23:59:59Z', Date.parse('9999-12-31T23:59:59Z')],
    [' 2025-11-21T00:15:01Z\t', Date.parse('2025-11-21T00:15:01Z')],
  ])('%s', (text, ms) => {
    expect(parseRfc3339(text)).toBeCloseTo(ms, 6);
  });
  it.each([
    '2025-02-29T00:00:00Z',
    '2025-04-31T00:00:00Z',
    '20x5-11-21T00:00:00Z',
    '2x25-11-21T00:00:00Z',
    '2025-11-21T24:00:00Z',
    '2025-11-21T00:60:00Z',
    '2025-11-21T00:00:60Z',
    '2025-11-21T00:00:00',
    '2025-11-21T00:00:00.Z',
    '2025-11-21T00:00:00+0100',
    '2025-11-21T00:00:00Zjunk',
    '2025-11-21',
    '21 Nov 2025 00:15:01 GMT',
  ])('rejects %j', (text) => {
    expect(parseRfc3339(text)).toBeUndefined();
  });
  it('agrees with Date.parse on every instant of years 0000–9999, at any offset', () => {
    const min = Date.parse('0000-01-01T00:00:00Z') + 86_400_000;
    const max = Date.parse('9999-12-31T00:00:00Z');
    fc.assert(
      fc.property(
        fc.integer({ min, max }),
        fc.integer({ min: -23 * 60 - 59, max: 23 * 60 + 59 }),
        (ms, offset) => {
          const local = new Date(ms + offset * 60_000).toISOString().slice(0, -1);
          const sign = offset < 0 ? '-' : '+';
          const abs = Math.abs(offset);
          const zone = `${sign}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`;
          expect(parseRfc3339(`${local}${zone}`)).toBe(ms);
        },
      ),
    );
  });
});

describe('parseDecimal', () => {
  it('reads exactly what Number reads, for digits with at most one inner dot', () => {
    const digits = fc.stringMatching(/^\d{1,32}$/);
    fc.assert(
      fc.property(
        fc.oneof(
          digits,
          fc.tuple(digits, digits).map(([a, b]) => `${a}.${b}`),
        ),
        (text) => {
          if (text.length <= 32) expect(parseDecimal(text)).toBe(Number(text));
        },
      ),
    );
  });
  it.each(['', ' ', '-1', '+1', '1e3', '.5', '5.', '1.2.3', '0x10', '1 2', '9'.repeat(33)])(
    'rejects %j',
    (text) => {
      expect(parseDecimal(text)).toBeUndefined();
    },
  );
});

describe('parseGoDuration', () => {
  it.each([
    ['1s', 1000],
    ['6m0s', 360_000],
    ['20ms', 20],
    ['23h47m36.648s', 85_656_648],
    ['0', 0],
    ['1.5h', 5_400_000],
    ['500us', 0.5],
    ['250µs', 0.25],
    ['250\u03bcs', 0.25], // Greek mu, which Go accepts beside the micro sign
    ['100ns', 0.0001],
  ])('%s → %s ms', (text, ms) => {
    expect(parseGoDuration(text)).toBeCloseTo(ms, 9);
  });
  it.each(['', 's', '5', '-1s', '1d', '1s2', '1..5s', '1.s', 'abc', '1s '.repeat(30)])(
    'rejects %j',
    (text) => {
      expect(parseGoDuration(text)).toBeUndefined();
    },
  );
});
