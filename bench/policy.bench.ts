/**
 * Provider-policy benchmarks: `npm run bench -- policy`. Calls per second of preflight, header
 * parsing, response classification, retry planning and limiter reservations. Token estimation
 * has its own bench: `npm run bench -- tokens`.
 */
import { sha256 } from '@noble/hashes/sha2.js';
import {
  cacheKeyInput,
  classifyResponse,
  createLimiter,
  parseRateLimitHeaders,
  planRetry,
  preflight,
  requestCacheKey,
  reserve,
  type CacheDestination,
  type LimiterState,
} from 'mamlkit/policy';
import type { BenchGroup } from './harness.js';
import { bodyGroup } from './policy-body.js';
import { commonHeaders, openaiResponseHeaders } from './response-headers.js';

const NOW = Date.parse('2025-11-21T00:15:00Z');
const anthropicHeaders = {
  ...commonHeaders,
  'request-id': 'req_011CVLSuPZmZ3JmE5fvu7s9N',
  'anthropic-organization-id': '0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0',
  'anthropic-ratelimit-requests-limit': '4000',
  'anthropic-ratelimit-requests-remaining': '3999',
  'anthropic-ratelimit-requests-reset': '2025-11-21T00:15:01Z',
  'anthropic-ratelimit-input-tokens-limit': '2000000',
  'anthropic-ratelimit-input-tokens-remaining': '1997905',
  'anthropic-ratelimit-input-tokens-reset': '2025-11-21T00:15:01Z',
  'anthropic-ratelimit-output-tokens-limit': '400000',
  'anthropic-ratelimit-output-tokens-remaining': '399497',
  'anthropic-ratelimit-output-tokens-reset': '2025-11-21T00:15:02Z',
  'retry-after': '3',
};
const openaiHeaders = new Headers(openaiResponseHeaders);
const rateLimitBody =
  '{"type":"error","error":{"type":"rate_limit_error","message":"Number of request tokens has exceeded your per-minute rate limit"}}';
const rateLimitJson: unknown = JSON.parse(rateLimitBody);
/**
 * Jitter source for the backoff case, made once: a closure written inside `run` would be made
 * on every call, and tsx (which runs the benches) wraps each one in a name-setting helper that
 * costs more than planRetry itself.
 */
const midJitter = (): number => 0.5;

const cacheDestination: CacheDestination = {
  provider: 'anthropic',
  endpoint: 'messages',
  headers: {
    'x-api-key': 'sk-ant-bench',
    'anthropic-version': '2023-06-01',
    'content-type': 'application/json',
  },
};
const smallBody = {
  model: 'claude-haiku-4-5',
  max_tokens: 1024,
  system: 'You review MAML workflows for least privilege.',
  messages: [{ role: 'user', content: 'Summarise this MAML workflow and list the permissions it needs.' }],
};
const largeBody = { ...smallBody, messages: [{ role: 'user', content: 'lorem ipsum dolor '.repeat(1820) }] };
const cacheSecret = new Uint8Array(32).fill(7);
const hmacOptions = { secret: cacheSecret };
const cacheInputBytes = (body: unknown): Uint8Array =>
  new TextEncoder().encode(cacheKeyInput(cacheDestination, body));
const smallInput = cacheInputBytes(smallBody);
const largeInput = cacheInputBytes(largeBody);

/** Cache keys: the whole key against its parts (canonical JSON, SHA-256 of the same bytes). */
const cacheKeyGroup: BenchGroup = {
  title: `Cache keys (a ${smallInput.length} B and a ${(largeInput.length / 1024).toFixed(1)} KiB request)`,
  note: 'requestCacheKey = checks + canonical JSON of destination and body + UTF-8 + SHA-256 (or HMAC-SHA-256). The baseline is @noble/hashes sha256 alone over the same input bytes: the hash is the floor of the key. JSON.stringify of the body is what sending the request costs anyway.',
  cases: [
    {
      name: 'sha256 of the small input (reference)',
      run: () => sha256(smallInput),
      baseline: true,
      bytes: smallInput.length,
    },
    { name: 'JSON.stringify(small body) (reference)', run: () => JSON.stringify(smallBody) },
    { name: 'cacheKeyInput (small)', run: () => cacheKeyInput(cacheDestination, smallBody) },
    {
      name: 'requestCacheKey (small)',
      run: () => requestCacheKey(cacheDestination, smallBody),
      bytes: smallInput.length,
    },
    {
      name: 'requestCacheKey with secret (small)',
      run: () => requestCacheKey(cacheDestination, smallBody, hmacOptions),
      bytes: smallInput.length,
    },
    {
      name: 'sha256 of the large input (reference)',
      run: () => sha256(largeInput),
      bytes: largeInput.length,
    },
    {
      name: 'requestCacheKey (large)',
      run: () => requestCacheKey(cacheDestination, largeBody),
      bytes: largeInput.length,
    },
  ],
};

export default async function groups(): Promise<BenchGroup[]> {
  let limiter: LimiterState = createLimiter({
    requestsPerMinute: 4000,
    inputTokensPerMinute: 2_000_000,
    outputTokensPerMinute: 400_000,
  });
  let clock = NOW;
  return Promise.resolve([
    cacheKeyGroup,
    {
      title: 'Policy functions',
      note: 'Goal: millions of calls per second for each. preflight checks body size, max_tokens profile, input + output against the context window; reserve books 3 GCRA dimensions. The header sets are shaped like real responses: the rate-limit headers plus ten to twelve others. The reference rows are costs any caller pays before mamlkit runs: iterating a `Headers` object on this runtime, and `JSON.parse` of an error body that arrives as text.',
      cases: [
        {
          name: 'preflight (endpoint + model + profile)',
          run: () =>
            preflight({
              provider: 'anthropic',
              endpoint: 'messages',
              model: 'claude-sonnet-5-5',
              bodyBytes: 120_000,
              inputTokens: 30_000,
              maxTokens: 'detailed',
            }),
        },
        {
          name: 'parseRateLimitHeaders (Anthropic, record)',
          run: () => parseRateLimitHeaders('anthropic', anthropicHeaders, NOW),
        },
        {
          name: 'parseRateLimitHeaders (OpenAI, Headers)',
          run: () => parseRateLimitHeaders('openai', openaiHeaders, NOW),
        },
        {
          name: 'reference: Headers.forEach over the same OpenAI headers, doing nothing',
          run: () => {
            let count = 0;
            openaiHeaders.forEach(() => {
              count++;
            });
            return count;
          },
        },
        {
          name: 'classifyResponse (429, parsed JSON body)',
          run: () => classifyResponse('anthropic', { status: 429, body: rateLimitJson }),
        },
        {
          name: 'classifyResponse (429, JSON text body)',
          run: () => classifyResponse('anthropic', { status: 429, body: rateLimitBody }),
        },
        {
          name: 'reference: JSON.parse of the same body',
          run: () => JSON.parse(rateLimitBody) as unknown,
        },
        {
          name: 'planRetry (529, backoff)',
          run: () =>
            planRetry({ provider: 'anthropic', status: 529, attempt: 2, now: NOW, random: midJitter }),
        },
        {
          name: 'planRetry (429, retry-after, parsed JSON body)',
          run: () =>
            planRetry({
              provider: 'anthropic',
              status: 429,
              headers: anthropicHeaders,
              body: rateLimitJson,
              attempt: 1,
              now: NOW,
            }),
        },
        {
          name: 'planRetry (429, OpenAI Headers, parsed JSON body)',
          run: () =>
            planRetry({
              provider: 'openai',
              status: 429,
              headers: openaiHeaders,
              body: rateLimitJson,
              attempt: 1,
              now: NOW,
            }),
        },
        {
          name: 'planRetry (429, retry-after, JSON text body)',
          run: () =>
            planRetry({
              provider: 'anthropic',
              status: 429,
              headers: anthropicHeaders,
              body: rateLimitBody,
              attempt: 1,
              now: NOW,
            }),
        },
        {
          name: 'reserve (3 dimensions)',
          run: () => {
            clock += 20;
            const r = reserve(limiter, { inputTokens: 500, outputTokens: 100 }, clock);
            if (r.ok) limiter = r.state;
            return r;
          },
        },
      ],
    },
    bodyGroup(),
  ]);
}
