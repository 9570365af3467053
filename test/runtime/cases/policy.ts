import {
  PolicyError,
  authHeaders,
  classifyResponse,
  createLimiter,
  definePolicy,
  estimateTokens,
  parseRateLimitHeaders,
  planRetry,
  preflight,
  cacheKeyInput,
  requestCacheKey,
  reserve,
  syncLimiter,
  type CacheDestination,
} from 'mamlkit/policy';
import cacheKeys from '../../vectors/policy/cache-keys.json' with { type: 'json' };
import { assert, assertEqual, captureError, type RuntimeCase } from '../harness.js';

const NOW = Date.parse('2025-11-21T00:15:00Z');

const hexBytes = (hex: string): Uint8Array =>
  Uint8Array.from({ length: hex.length / 2 }, (_, i) => Number.parseInt(hex.slice(i * 2, i * 2 + 2), 16));

/** Conformance cases for `mamlkit/policy`. */
export const cases: RuntimeCase[] = [
  {
    name: 'policy: preflight reports an oversized body with a suggestion',
    run: () => {
      const result = preflight({
        provider: 'anthropic',
        endpoint: 'messages',
        model: 'claude-haiku-4-5',
        bodyBytes: 33_000_000,
        maxTokens: 'detailed',
      });
      assertEqual(result.ok, false, 'ok');
      assertEqual(result.maxTokens, 1024, 'profile');
      assertEqual(result.violations[0]?.code, 'body_too_large', 'code');
      assert(result.violations[0]?.suggestion.includes('message_batches') === true, 'suggests batches');
    },
  },
  {
    name: 'policy: unknown models throw a typed error',
    run: async () => {
      const error = await captureError(() => preflight({ provider: 'openai', model: 'gpt-0' }));
      assert(error instanceof PolicyError, 'PolicyError');
      assertEqual(error.code, 'ERR_POLICY_UNKNOWN_MODEL', 'code');
      const invalid = await captureError(() => definePolicy({ profiles: { x: -1 } }));
      assert(invalid instanceof PolicyError && invalid.code === 'ERR_POLICY_INVALID_TABLE', 'invalid table');
    },
  },
  {
    name: 'policy: rate-limit headers from a Headers object',
    run: () => {
      const headers = new Headers({
        'x-ratelimit-remaining-tokens': '42',
        'x-ratelimit-reset-tokens': '1m30s',
        'retry-after-ms': '250',
      });
      const snapshot = parseRateLimitHeaders('openai', headers, NOW);
      assertEqual(snapshot.tokens.remaining, 42, 'remaining');
      assertEqual(snapshot.tokens.resetAt, NOW + 90_000, 'reset');
      assertEqual(snapshot.retryAfterMs, 250, 'retry-after-ms');
    },
  },
  {
    name: 'policy: classify and plan retries',
    run: () => {
      const quota = {
        status: 429,
        body: '{"error":{"code":"insufficient_quota","type":"insufficient_quota"}}',
      };
      assertEqual(classifyResponse('openai', quota).kind, 'quota_exhausted', 'quota');
      assertEqual(
        planRetry({ provider: 'openai', ...quota, attempt: 1, now: NOW }).retry,
        false,
        'no retry on quota',
      );
      const plan = planRetry({ provider: 'anthropic', status: 529, attempt: 2, now: NOW, random: () => 0 });
      assertEqual(plan.delayMs, 1000, 'backoff');
      assertEqual(plan.kind, 'overloaded', 'kind');
    },
  },
  {
    name: 'policy: limiter paces and syncs from headers',
    run: () => {
      let state = createLimiter({ requestsPerMinute: 1 });
      state = reserve(state, {}, NOW).state;
      assertEqual(reserve(state, {}, NOW).delayMs, 60_000, 'second request waits a minute');
      const snapshot = parseRateLimitHeaders('azure-openai', { 'retry-after': '90' }, NOW);
      assertEqual(reserve(syncLimiter(state, snapshot, NOW), {}, NOW).delayMs, 60_000, 'block capped');
      state = syncLimiter(state, snapshot, NOW, { maxBlockMs: 120_000 });
      assertEqual(reserve(state, {}, NOW).delayMs, 90_000, 'retry-after blocks');
      assert(JSON.stringify(state).length < 200, 'small serializable state');
    },
  },
  {
    name: 'policy: cache keys match the frozen vectors',
    run: () => {
      for (const vector of cacheKeys.vectors) {
        const destination = vector.destination as CacheDestination;
        assertEqual(cacheKeyInput(destination, vector.body), vector.input, `${vector.name}: input`);
        const secret = 'secret' in vector ? hexBytes(vector.secret) : undefined;
        const options = secret === undefined ? {} : { secret };
        assertEqual(requestCacheKey(destination, vector.body, options), vector.key, vector.name);
      }
    },
  },
  {
    name: 'policy: token estimates and auth headers',
    run: () => {
      const tokens = estimateTokens('The quick brown fox jumps over the lazy dog.');
      assert(tokens >= 8 && tokens <= 12, `estimate ${tokens}`);
      assert(estimateTokens('東京の朝はとても早い。', { mode: 'upper' }) >= 8, 'upper CJK');
      assertEqual(authHeaders('azure-openai', { apiKey: 'k' })['api-key'], 'k', 'azure api-key');
      assertEqual(
        authHeaders('anthropic', { apiKey: 'k' })['anthropic-version'],
        '2023-06-01',
        'anthropic-version',
      );
    },
  },
];
