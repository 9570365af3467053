import { PolicyError } from '../errors.js';
import type { RateLimitSnapshot, RateLimitWindow } from '../headers/parse-rate-limit-headers.js';

/** The dimensions a limiter can pace. */
export type LimiterDimension = 'requests' | 'tokens' | 'inputTokens' | 'outputTokens';

const DIMENSIONS: readonly LimiterDimension[] = ['requests', 'tokens', 'inputTokens', 'outputTokens'];

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
}

/** One dimension's GCRA state: its limit and theoretical arrival time. */
export interface LimiterCell {
  readonly limit: number;
  /** Theoretical arrival time (epoch ms): the bucket is full again at `tat`. */
  readonly tat: number;
}

/** Serializable limiter state (plain numbers: store it in memory, Redis, a Durable Object…). */
export interface LimiterState {
  readonly periodMs: number;
  /** Nothing is admitted before this time (set from `retry-after`). */
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

function finite(name: string, value: number, min: number): number {
  if (typeof value !== 'number' || !Number.isFinite(value) || value < min) {
    throw new PolicyError(
      'ERR_INVALID_ARGUMENT',
      `${name} must be a finite number >= ${min}, got ${String(value)}`,
    );
  }
  return value;
}

const LIMIT_KEYS: Readonly<Record<LimiterDimension, keyof LimiterLimits>> = {
  requests: 'requestsPerMinute',
  tokens: 'tokensPerMinute',
  inputTokens: 'inputTokensPerMinute',
  outputTokens: 'outputTokensPerMinute',
};

/**
 * Creates limiter state for per-minute limits. The limiter is GCRA (equivalent to a token
 * bucket whose capacity is the limit, refilled continuously), the model Anthropic documents
 * for its own limits.
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
    if (limit !== undefined) cells[dimension] = { limit: finite(LIMIT_KEYS[dimension], limit, 1), tat: 0 };
  }
  return { periodMs, blockedUntil: 0, cells };
}

function costOf(cost: LimiterCost, dimension: LimiterDimension): number {
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
    if (units > cell.limit) {
      throw new PolicyError(
        'ERR_POLICY_COST_OVER_CAPACITY',
        `${dimension} cost ${units} exceeds the limit of ${cell.limit} per ${period} ms: split the request`,
      );
    }
    // GCRA: admitted at t when tat' - t <= period, where tat' = max(tat, t) + units * interval.
    const tat = Math.max(cell.tat, now) + (units * period) / cell.limit;
    start = Math.max(start, tat - period);
  }
  for (const dimension of DIMENSIONS) {
    const cell = state.cells[dimension];
    if (cell === undefined) continue;
    const units = costOf(cost, dimension);
    cells[dimension] = { limit: cell.limit, tat: Math.max(cell.tat, start) + (units * period) / cell.limit };
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
  if (window.remaining === undefined) return { limit, tat: cell.tat };
  const used = Math.max(0, limit - window.remaining);
  // Only ever move tat forward: requests in flight may not be counted by the server yet.
  return { limit, tat: Math.max(cell.tat, now + (used * periodMs) / limit) };
}

/**
 * Corrects limiter state from a {@link RateLimitSnapshot} (see `parseRateLimitHeaders`): limits
 * the server reports replace configured ones, remaining capacity lower than the limiter thought
 * is adopted, and `retry-after` blocks every reservation until it has passed.
 *
 * @example
 * ```ts
 * import { parseRateLimitHeaders, syncLimiter } from 'mamlkit/policy';
 * state = syncLimiter(state, parseRateLimitHeaders('anthropic', res.headers, now), now);
 * ```
 */
export function syncLimiter(state: LimiterState, snapshot: RateLimitSnapshot, now: number): LimiterState {
  finite('now', now, 0);
  const cells: Partial<Record<LimiterDimension, LimiterCell>> = {};
  for (const dimension of DIMENSIONS) {
    const cell = state.cells[dimension];
    if (cell !== undefined) cells[dimension] = corrected(cell, snapshot[dimension], state.periodMs, now);
  }
  const retry = snapshot.retryAfterMs;
  const blockedUntil = retry === undefined ? state.blockedUntil : Math.max(state.blockedUntil, now + retry);
  return { periodMs: state.periodMs, blockedUntil, cells };
}
