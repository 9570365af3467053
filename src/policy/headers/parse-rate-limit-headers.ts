import type { Provider } from '../types.js';
import {
  headerReader,
  parseDecimal,
  parseGoDuration,
  parseRfc3339,
  retryAfterMs,
  type HeaderReader,
} from './values.js';

/** One rate-limit dimension as the server reported it. Absent fields were not sent (or were garbage). */
export interface RateLimitWindow {
  /** The limit for this dimension (per minute for Anthropic and OpenAI). */
  readonly limit?: number;
  /** What is left. */
  readonly remaining?: number;
  /** When the bucket is full again, in epoch milliseconds. */
  readonly resetAt?: number;
}

/** Rate-limit state read from one response, the same shape for every provider. */
export interface RateLimitSnapshot {
  /** `now` as passed to {@link parseRateLimitHeaders}. */
  readonly at: number;
  readonly requests: RateLimitWindow;
  /** Input + output tokens (OpenAI, Azure; Anthropic's combined tokens limit). */
  readonly tokens: RateLimitWindow;
  /** Input tokens (Anthropic). */
  readonly inputTokens: RateLimitWindow;
  /** Output tokens (Anthropic). */
  readonly outputTokens: RateLimitWindow;
  /** Delay the server asked for (`retry-after-ms`, else `retry-after`), in milliseconds. */
  readonly retryAfterMs?: number;
}

type ResetParser = (value: string | undefined, now: number) => number | undefined;

const anthropicReset: ResetParser = (value) => parseRfc3339(value);
const durationReset: ResetParser = (value, now) => {
  const ms = parseGoDuration(value);
  return ms === undefined ? undefined : now + ms;
};

function window(
  read: HeaderReader,
  names: readonly [string, string, string],
  reset: ResetParser,
  now: number,
): RateLimitWindow {
  const limit = parseDecimal(read(names[0]));
  const remaining = parseDecimal(read(names[1]));
  const resetAt = reset(read(names[2]), now);
  const result: { limit?: number; remaining?: number; resetAt?: number } = {};
  if (limit !== undefined) result.limit = limit;
  if (remaining !== undefined) result.remaining = remaining;
  if (resetAt !== undefined) result.resetAt = resetAt;
  return result;
}

const anthropicNames = (dimension: string): [string, string, string] => [
  `anthropic-ratelimit-${dimension}-limit`,
  `anthropic-ratelimit-${dimension}-remaining`,
  `anthropic-ratelimit-${dimension}-reset`,
];
const openaiNames = (dimension: string): [string, string, string] => [
  `x-ratelimit-limit-${dimension}`,
  `x-ratelimit-remaining-${dimension}`,
  `x-ratelimit-reset-${dimension}`,
];
const ANTHROPIC = {
  requests: anthropicNames('requests'),
  tokens: anthropicNames('tokens'),
  inputTokens: anthropicNames('input-tokens'),
  outputTokens: anthropicNames('output-tokens'),
};
const OPENAI = { requests: openaiNames('requests'), tokens: openaiNames('tokens') };
const EMPTY: RateLimitWindow = {};

/**
 * Reads a response's rate-limit headers into one {@link RateLimitSnapshot}: Anthropic
 * `anthropic-ratelimit-*` (RFC 3339 resets), OpenAI and Azure OpenAI `x-ratelimit-*`
 * (Go-style duration resets such as `6m0s`), and `retry-after-ms` / `retry-after`. Accepts a
 * `Headers` object or a plain record; values that do not parse are left out, never thrown on.
 *
 * @example
 * ```ts
 * import { parseRateLimitHeaders } from 'mamlkit/policy';
 * const snapshot = parseRateLimitHeaders('openai', response.headers, Date.now());
 * snapshot.tokens.remaining; // e.g. 149984
 * ```
 */
export function parseRateLimitHeaders(provider: Provider, headers: unknown, now: number): RateLimitSnapshot {
  const read = headerReader(headers);
  const at = Number.isFinite(now) ? now : 0;
  const retry = retryAfterMs(read, at);
  const base: { -readonly [K in keyof RateLimitSnapshot]: RateLimitSnapshot[K] } =
    provider === 'anthropic'
      ? {
          at,
          requests: window(read, ANTHROPIC.requests, anthropicReset, at),
          tokens: window(read, ANTHROPIC.tokens, anthropicReset, at),
          inputTokens: window(read, ANTHROPIC.inputTokens, anthropicReset, at),
          outputTokens: window(read, ANTHROPIC.outputTokens, anthropicReset, at),
        }
      : {
          at,
          requests: window(read, OPENAI.requests, durationReset, at),
          tokens: window(read, OPENAI.tokens, durationReset, at),
          inputTokens: EMPTY,
          outputTokens: EMPTY,
        };
  if (retry !== undefined) base.retryAfterMs = retry;
  return base;
}
