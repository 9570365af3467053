import { PROFILES, PROVIDERS, unknownProvider, type Provider } from '../providers/index.js';
import { providerNames, type RateLimitDimension, type RateLimitHeaderStyle } from './names.js';
import { serverDelayMs } from '../retry/server-delay.js';
import { headerReader, type HeaderReader, type HeaderValues } from './read.js';
import { parseDecimal, parseGoDuration, parseRfc3339 } from './values.js';

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

const RESET_PARSERS: Readonly<Record<RateLimitHeaderStyle['reset'], ResetParser>> = {
  rfc3339: (value) => parseRfc3339(value),
  duration: (value, now) => {
    const ms = parseGoDuration(value);
    return ms === undefined ? undefined : now + ms;
  },
};

/** Where one dimension's `limit`, `remaining` and `reset` headers sit in {@link HeaderValues}. */
type WindowSlots = readonly [limit: number, remaining: number, reset: number];

type Dimension = RateLimitDimension;

/** A provider's header reader, its reset format, and where each window's headers land. */
interface Layout {
  readonly read: HeaderReader;
  readonly reset: ResetParser;
  readonly slots: Readonly<Partial<Record<Dimension, WindowSlots>>>;
}

function layout({ windows, reset }: RateLimitHeaderStyle): Layout {
  const names = providerNames(windows);
  const slots: Partial<Record<Dimension, WindowSlots>> = {};
  for (const [key, where] of Object.entries(windows) as [
    Dimension,
    RateLimitHeaderStyle['windows'][Dimension],
  ][]) {
    if (where !== undefined)
      slots[key] = [names.indexOf(where[0]), names.indexOf(where[1]), names.indexOf(where[2])];
  }
  return { read: headerReader(names), reset: RESET_PARSERS[reset], slots };
}

/** Each provider's layout, built once from the header style of its profile. */
const LAYOUTS: ReadonlyMap<string, Layout> = new Map(
  PROVIDERS.map((provider) => [provider, layout(PROFILES[provider].rateLimitHeaders)]),
);

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
 * values that do not parse are left out, never thrown on. Which headers a provider sends is part
 * of its profile; an unknown provider throws `ERR_POLICY_UNKNOWN_PROVIDER`.
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
  const found = LAYOUTS.get(provider);
  if (found === undefined) throw unknownProvider(provider);
  const { read, reset, slots } = found;
  const values = read(headers);
  const dimension = (key: Dimension): RateLimitWindow => {
    const where = slots[key];
    return where === undefined ? EMPTY : window(values, where, reset, at);
  };
  const base: { -readonly [K in keyof RateLimitSnapshot]: RateLimitSnapshot[K] } = {
    at,
    requests: dimension('requests'),
    tokens: dimension('tokens'),
    inputTokens: dimension('inputTokens'),
    outputTokens: dimension('outputTokens'),
  };
  const retry = serverDelayMs(values, at);
  if (retry !== undefined) base.retryAfterMs = retry;
  return base;
}
