import { PolicyError } from '../errors.js';
import type { RateLimitSnapshot, RateLimitWindow } from '../headers/parse-rate-limit-headers.js';

/** The dimensions a limiter can pace. */
export type LimiterDimension = 'requests' | 'tokens' | 'inputTokens' | 'outputTokens';

/** @internal The dimensions in their fixed order (the shared limiter's argument order too). */
export const DIMENSIONS: readonly LimiterDimension[] = ['requests', 'tokens', 'inputTokens', 'outputTokens'];

/**
 * How many milliseconds of its rate each dimension may spend at once (its bucket's capacity,
 * as a time): the burst a cold start or an idle spell admits.
 */
export type LimiterBurst = Readonly<Partial<Record<LimiterDimension, number>>>;

/** Per-minute limits; leave out the dimensions the provider does not limit. */
export interface LimiterLimits {
  readonly requestsPerMinute?: number;
  /** Input + output tokens (OpenAI TPM, Azure deployment quota). */
  readonly tokensPerMinute?: number;
  /** Anthropic ITPM. */
  readonly inputTokensPerMinute?: number;
  /** Anthropic OTPM. */
  readonly outputTokensPerMinute?: number;
  /** Length of the limit period in milliseconds. Default 60 000. */
  readonly periodMs?: number;
  /**
   * Burst per dimension in milliseconds of rate, in (0, periodMs]. Defaults
   * ({@link DEFAULT_BURST_MS}): one second of requests (never less than one request), a whole
   * period of tokens.
   */
  readonly burstMs?: LimiterBurst;
}

/**
 * The default bursts. Requests: 1 s of the rate, because providers enforce per-minute request
 * limits over shorter windows: Anthropic documents that 60 RPM may be enforced as 1 request per
 * second (https://platform.claude.com/docs/en/api/rate-limits), and Azure OpenAI evaluates
 * requests over 1 s or 10 s windows, so 600 RPM admits 10 requests per second
 * (https://learn.microsoft.com/en-us/azure/foundry/openai/how-to/quota); OpenAI documents
 * no window, and the same 1 s is used. Tokens: a whole period, as Anthropic's token bucket
 * holds a minute of tokens and a single request may use them all (checked 2026-12-05).
 *
 * @example
 * ```ts
 * import { DEFAULT_BURST_MS } from 'mamlkit/policy';
 * DEFAULT_BURST_MS.requests; // 1000
 * ```
 */
export const DEFAULT_BURST_MS: { readonly requests: number } = Object.freeze({ requests: 1000 });

/** One dimension's GCRA state: its limit, its burst and theoretical arrival time. */
export interface LimiterCell {
  readonly limit: number;
  /** Burst in milliseconds of rate: at most `limit × burstMs / periodMs` units (and one) at once. */
  readonly burstMs: number;
  /** Theoretical arrival time (epoch ms): the bucket is full again at `tat - window`. */
  readonly tat: number;
}

/** Serializable limiter state (plain numbers: store it in memory, Redis, a Durable Object…). */
export interface LimiterState {
  readonly periodMs: number;
  /** Nothing is admitted before this time (set from `retry-after`, at most `maxBlockMs` ahead). */
  readonly blockedUntil: number;
  readonly cells: Readonly<Partial<Record<LimiterDimension, LimiterCell>>>;
}

/** What one request costs. `requests` defaults to 1; `tokens` is charged input + output. */
export interface LimiterCost {
  readonly requests?: number;
  readonly inputTokens?: number;
  readonly outputTokens?: number;
}

/** Options of {@link reserve}. */
export interface ReserveOptions {
  /** Longest wait to accept; above it nothing is reserved and `ok` is false. Default 60 000. */
  readonly maxWaitMs?: number;
}

/** The result of {@link reserve}. */
export type Reservation =
  | { readonly ok: true; readonly delayMs: number; readonly state: LimiterState }
  | {
      readonly ok: false;
      readonly delayMs: number;
      readonly state: LimiterState;
      readonly reason: string;
    };

/** @internal `value` if it is a finite number >= `min`, else `ERR_INVALID_ARGUMENT` naming it. */
export function finite(name: string, value: number, min: number): number {
  if (typeof value !== 'number' || !Number.isFinite(value) || value < min) {
    throw new PolicyError(
      'ERR_INVALID_ARGUMENT',
      `${name} must be a finite number >= ${min}, got ${String(value)}`,
    );
  }
  return value;
}

/** Options of {@link syncLimiter}. */
export interface SyncOptions {
  /**
   * Longest a `retry-after` may block the limiter, in milliseconds. Default 60 000: one
   * per-minute period refills every bucket the limiter paces, so a longer server delay is
   * about a quota, a spend cap or an outage; `planRetry` reports it for the one request
   * (`retry: false`, `retryAfterMs`) instead of letting it stop every caller of a shared state.
   */
  readonly maxBlockMs?: number;
}

const LIMIT_KEYS: Readonly<
  Record<
    LimiterDimension,
    'requestsPerMinute' | 'tokensPerMinute' | 'inputTokensPerMinute' | 'outputTokensPerMinute'
  >
> = {
  requests: 'requestsPerMinute',
  tokens: 'tokensPerMinute',
  inputTokens: 'inputTokensPerMinute',
  outputTokens: 'outputTokensPerMinute',
};

/** The longest `tat - t` a cell admits: its burst, never less than one unit's interval. */
const windowOf = (cell: LimiterCell, periodMs: number): number =>
  Math.max(cell.burstMs, periodMs / cell.limit);

/**
 * Creates limiter state for per-minute limits. The limiter is GCRA, equivalent to a token
 * bucket refilled continuously at the limit's rate whose capacity is the burst: by default one
 * second of requests and a whole period of tokens ({@link DEFAULT_BURST_MS}), so a cold start
 * never sends a minute of requests at once.
 *
 * @example
 * ```ts
 * import { createLimiter } from 'mamlkit/policy';
 * let state = createLimiter({ requestsPerMinute: 50, inputTokensPerMinute: 30_000, outputTokensPerMinute: 8_000 });
 * ```
 */
export function createLimiter(limits: LimiterLimits): LimiterState {
  const periodMs = finite('periodMs', limits.periodMs ?? 60_000, 1);
  const cells: Partial<Record<LimiterDimension, LimiterCell>> = {};
  for (const dimension of DIMENSIONS) {
    const limit = limits[LIMIT_KEYS[dimension]];
    if (limit === undefined) continue;
    const burstMs =
      limits.burstMs?.[dimension] ?? (dimension === 'requests' ? DEFAULT_BURST_MS.requests : periodMs);
    if (!(burstMs > 0 && burstMs <= periodMs)) {
      throw new PolicyError(
        'ERR_INVALID_ARGUMENT',
        `burstMs.${dimension} must be a number in (0, ${periodMs}], got ${String(burstMs)}`,
      );
    }
    cells[dimension] = { limit: finite(LIMIT_KEYS[dimension], limit, 1), burstMs, tat: 0 };
  }
  return { periodMs, blockedUntil: 0, cells };
}
/** @internal What `cost` charges `dimension`, validated. */
export function costOf(cost: LimiterCost, dimension: LimiterDimension): number {
  const input = finite('inputTokens', cost.inputTokens ?? 0, 0);
  const output = finite('outputTokens', cost.outputTokens ?? 0, 0);
  switch (dimension) {
    case 'requests':
      return finite('requests', cost.requests ?? 1, 0);
    case 'tokens':
      return input + output;
    case 'inputTokens':
      return input;
    case 'outputTokens':
      return output;
  }
}

/** @internal The error of a cost no burst of `cell` can ever admit. */
export function overCapacity(
  dimension: LimiterDimension,
  units: number,
  capacity: number,
  cell: Pick<LimiterCell, 'limit' | 'burstMs'>,
  periodMs: number,
): PolicyError {
  return new PolicyError(
    'ERR_POLICY_COST_OVER_CAPACITY',
    `${dimension} cost ${units} exceeds the burst of ${capacity} (limit ${cell.limit} per ${periodMs} ms, burst ${cell.burstMs} ms): split the request`,
  );
}

/**
 * Reserves capacity for one request at `now`: returns how long to wait before sending it and
 * the next state, in which the capacity is already booked (so concurrent callers sharing the
 * state queue behind each other). When the wait would exceed `maxWaitMs` nothing is booked and
 * `ok` is false. A cost above a limit can never be admitted and throws
 * `ERR_POLICY_COST_OVER_CAPACITY`. No timers, no clock: `now` is the caller's.
 *
 * @example
 * ```ts
 * import { reserve } from 'mamlkit/policy';
 * const r = reserve(state, { inputTokens: 1200, outputTokens: 1024 }, Date.now());
 * if (r.ok) { state = r.state; await sleep(r.delayMs); await send(); }
 * ```
 */
export function reserve(
  state: LimiterState,
  cost: LimiterCost,
  now: number,
  options: ReserveOptions = {},
): Reservation {
  finite('now', now, 0);
  const maxWaitMs = finite('maxWaitMs', options.maxWaitMs ?? 60_000, 0);
  const period = state.periodMs;
  let start = Math.max(now, state.blockedUntil);
  const cells: Partial<Record<LimiterDimension, LimiterCell>> = {};
  for (const dimension of DIMENSIONS) {
    const cell = state.cells[dimension];
    if (cell === undefined) continue;
    const units = costOf(cost, dimension);
    const interval = period / cell.limit;
    const capacity = Math.max((cell.limit * cell.burstMs) / period, 1);
    if (units > capacity) throw overCapacity(dimension, units, capacity, cell, period);
    const window = windowOf(cell, period);
    // GCRA: admitted at t when tat' - t <= window, where tat' = max(tat, t) + units * interval.
    start = Math.max(start, Math.max(cell.tat, now) + units * interval - window);
  }
  for (const dimension of DIMENSIONS) {
    const cell = state.cells[dimension];
    if (cell === undefined) continue;
    const units = costOf(cost, dimension);
    cells[dimension] = {
      limit: cell.limit,
      burstMs: cell.burstMs,
      tat: Math.max(cell.tat, start) + (units * period) / cell.limit,
    };
  }
  const delayMs = start - now;
  if (delayMs > maxWaitMs) {
    return {
      ok: false,
      delayMs,
      state,
      reason: `wait of ${Math.ceil(delayMs)} ms exceeds maxWaitMs ${maxWaitMs}`,
    };
  }
  return { ok: true, delayMs, state: { periodMs: period, blockedUntil: state.blockedUntil, cells } };
}

function corrected(cell: LimiterCell, window: RateLimitWindow, periodMs: number, now: number): LimiterCell {
  const limit = window.limit !== undefined && window.limit >= 1 ? window.limit : cell.limit;
  const next = { limit, burstMs: cell.burstMs, tat: cell.tat };
  if (window.remaining === undefined) return next;
  // The local bucket holds at most what the server says remains: tat = now + window - remaining × interval.
  const ahead = windowOf(next, periodMs) - (window.remaining * periodMs) / limit;
  // Only ever move tat forward: requests in flight may not be counted by the server yet.
  return { limit, burstMs: cell.burstMs, tat: Math.max(cell.tat, now + Math.max(0, ahead)) };
}

/**
 * Corrects limiter state from a {@link RateLimitSnapshot} (see `parseRateLimitHeaders`): limits
 * the server reports replace configured ones, remaining capacity lower than the limiter thought
 * is adopted, and `retry-after` blocks every reservation until it has passed, for at most
 * `maxBlockMs` (default 60 s), so one `retry-after: 31536000` cannot stop a shared limiter for
 * a year.
 *
 * @example
 * ```ts
 * import { parseRateLimitHeaders, syncLimiter } from 'mamlkit/policy';
 * state = syncLimiter(state, parseRateLimitHeaders('anthropic', res.headers, now), now);
 * ```
 */
export function syncLimiter(
  state: LimiterState,
  snapshot: RateLimitSnapshot,
  now: number,
  options: SyncOptions = {},
): LimiterState {
  finite('now', now, 0);
  const maxBlockMs = finite('maxBlockMs', options.maxBlockMs ?? 60_000, 0);
  const cells: Partial<Record<LimiterDimension, LimiterCell>> = {};
  for (const dimension of DIMENSIONS) {
    const cell = state.cells[dimension];
    if (cell !== undefined) cells[dimension] = corrected(cell, snapshot[dimension], state.periodMs, now);
  }
  const retry = snapshot.retryAfterMs;
  const blockedUntil =
    retry === undefined
      ? state.blockedUntil
      : Math.max(state.blockedUntil, now + Math.min(retry, maxBlockMs));
  return { periodMs: state.periodMs, blockedUntil, cells };
}
