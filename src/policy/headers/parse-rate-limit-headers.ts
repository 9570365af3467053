import type { Provider } from '../types.js';
import { ANTHROPIC_WINDOWS, OPENAI_WINDOWS, providerNames, type WindowNames } from './names.js';
import { headerReader, type HeaderReader, type HeaderValues } from './read.js';
import { parseDecimal, parseGoDuration, parseRfc3339, retryAfterMs } from './values.js';

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

/** A provider's header reader and where each of its windows' headers land. */
function layout<K extends string>(
  windows: Readonly<Record<K, WindowNames>>,
): { readonly read: HeaderReader; readonly slots: Readonly<Record<K, WindowSlots>> } {
  const names = providerNames(windows);
  const slots = {} as Record<K, WindowSlots>;
  for (const key of Object.keys(windows) as K[]) {
    const [limit, remaining, reset] = windows[key];
    slots[key] = [names.indexOf(limit), names.indexOf(remaining), names.indexOf(reset)];
  }
  return { read: headerReader(names), slots };
}

const ANTHROPIC = layout(ANTHROPIC_WINDOWS);
const OPENAI = layout(OPENAI_WINDOWS);

/** A window with no header sent (shared, so frozen). */
const EMPTY: RateLimitWindow = Object.freeze({});

function window(values: HeaderValues, where: WindowSlots, reset: ResetParser, now: number): RateLimitWindow {
  const limit = parseDecimal(values[where[0]]);
  const remaining = parseDecimal(values[where[1]]);
  const resetAt = reset(values[where[2]], now);
  // The usual cases, each as one literal: all three headers sent, or none.
  if (limit !== undefined && remaining !== undefined && resetAt !== undefined)
    return { limit, remaining, resetAt };
  if (limit === undefined && remaining === undefined && resetAt === undefined) return EMPTY;
  const result: { limit?: number; remaining?: number; resetAt?: number } = {};
  if (limit !== undefined) result.limit = limit;
  if (remaining !== undefined) result.remaining = remaining;
  if (resetAt !== undefined) result.resetAt = resetAt;
  return result;
}

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
  const at = Number.isFinite(now) ? now : 0;
  let base: { -readonly [K in keyof RateLimitSnapshot]: RateLimitSnapshot[K] };
  let values: HeaderValues;
  if (provider === 'anthropic') {
    values = ANTHROPIC.read(headers);
    const { slots } = ANTHROPIC;
    base = {
      at,
      requests: window(values, slots.requests, anthropicReset, at),
      tokens: window(values, slots.tokens, anthropicReset, at),
      inputTokens: window(values, slots.inputTokens, anthropicReset, at),
      outputTokens: window(values, slots.outputTokens, anthropicReset, at),
    };
  } else {
    values = OPENAI.read(headers);
    const { slots } = OPENAI;
    base = {
      at,
      requests: window(values, slots.requests, durationReset, at),
      tokens: window(values, slots.tokens, durationReset, at),
      inputTokens: EMPTY,
      outputTokens: EMPTY,
    };
  }
  const retry = retryAfterMs(values, at);
  if (retry !== undefined) base.retryAfterMs = retry;
  return base;
}
