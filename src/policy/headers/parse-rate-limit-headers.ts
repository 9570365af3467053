import type { Provider } from '../types.js';
import { ANTHROPIC_WINDOWS, OPENAI_WINDOWS, type WindowNames } from './names.js';
import {
  headerSlot,
  parseDecimal,
  parseGoDuration,
  parseRfc3339,
  retryAfterMs,
  readHeaders,
  type HeaderValues,
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

/** Where one dimension's `limit`, `remaining` and `reset` headers sit in {@link HeaderValues}. */
type WindowSlots = readonly [limit: number, remaining: number, reset: number];

const slots = (names: WindowNames): WindowSlots => [
  headerSlot(names[0]),
  headerSlot(names[1]),
  headerSlot(names[2]),
];
const ANTHROPIC = {
  requests: slots(ANTHROPIC_WINDOWS.requests),
  tokens: slots(ANTHROPIC_WINDOWS.tokens),
  inputTokens: slots(ANTHROPIC_WINDOWS.inputTokens),
  outputTokens: slots(ANTHROPIC_WINDOWS.outputTokens),
};
const OPENAI = { requests: slots(OPENAI_WINDOWS.requests), tokens: slots(OPENAI_WINDOWS.tokens) };

function window(values: HeaderValues, where: WindowSlots, reset: ResetParser, now: number): RateLimitWindow {
  const limit = parseDecimal(values[where[0]]);
  const remaining = parseDecimal(values[where[1]]);
  const resetAt = reset(values[where[2]], now);
  const result: { limit?: number; remaining?: number; resetAt?: number } = {};
  if (limit !== undefined) result.limit = limit;
  if (remaining !== undefined) result.remaining = remaining;
  if (resetAt !== undefined) result.resetAt = resetAt;
  return result;
}

const EMPTY: RateLimitWindow = {};

/**
 * Reads a response's rate-limit headers into one {@link RateLimitSnapshot}: Anthropic
 * `anthropic-ratelimit-*` (RFC 3339 resets), OpenAI and Azure OpenAI `x-ratelimit-*`
 * (Go-style duration resets such as `6m0s`), and `retry-after-ms` / `retry-after`. Accepts a
 * `Headers` object, a `Map`, an object with `get(name)` or a plain record (any key case);
 * values that do not parse are left out, never thrown on.
 *
 * @example
 * ```ts
 * import { parseRateLimitHeaders } from 'mamlkit/policy';
 * const snapshot = parseRateLimitHeaders('openai', response.headers, Date.now());
 * snapshot.tokens.remaining; // e.g. 149984
 * ```
 */
export function parseRateLimitHeaders(provider: Provider, headers: unknown, now: number): RateLimitSnapshot {
  const values = readHeaders(headers);
  const at = Number.isFinite(now) ? now : 0;
  const retry = retryAfterMs(values, at);
  const base: { -readonly [K in keyof RateLimitSnapshot]: RateLimitSnapshot[K] } =
    provider === 'anthropic'
      ? {
          at,
          requests: window(values, ANTHROPIC.requests, anthropicReset, at),
          tokens: window(values, ANTHROPIC.tokens, anthropicReset, at),
          inputTokens: window(values, ANTHROPIC.inputTokens, anthropicReset, at),
          outputTokens: window(values, ANTHROPIC.outputTokens, anthropicReset, at),
        }
      : {
          at,
          requests: window(values, OPENAI.requests, durationReset, at),
          tokens: window(values, OPENAI.tokens, durationReset, at),
          inputTokens: EMPTY,
          outputTokens: EMPTY,
        };
  if (retry !== undefined) base.retryAfterMs = retry;
  return base;
}
