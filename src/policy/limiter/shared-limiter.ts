import type { RedisEval } from '../../redis/eval.js';
import { PolicyError } from '../errors.js';
import type { RateLimitSnapshot } from '../headers/parse-rate-limit-headers.js';
import {
  costOf,
  createLimiter,
  DIMENSIONS,
  finite,
  overCapacity,
  type LimiterCell,
  type LimiterCost,
  type LimiterDimension,
  type LimiterLimits,
  type LimiterState,
  type Reservation,
  type ReserveOptions,
  type SyncOptions,
} from './limiter.js';
import { RESERVE_SHARED_SCRIPT, SYNC_SHARED_SCRIPT } from './shared-scripts.js';

/**
 * Longest span, in milliseconds, the shared limiter accepts for `periodMs`, `maxWaitMs` and
 * `maxBlockMs` (one day), so every booking and expiry stays a small exact number in Redis.
 *
 * @example
 * ```ts
 * import { MAX_SHARED_SPAN_MS } from 'mamlkit/policy';
 * MAX_SHARED_SPAN_MS; // 86_400_000
 * ```
 */
export const MAX_SHARED_SPAN_MS = 86_400_000;

/** Longest key, in characters, the shared limiter accepts. */
const MAX_KEY_LENGTH = 1024;

/** A decision of {@link reserveShared}: the shape of `reserve`'s, and the server time it was made. */
export type SharedReservation = Reservation & {
  /** The Redis server's clock (epoch ms) when the decision was made: send at `at + delayMs`. */
  readonly at: number;
};

function checkedKey(key: string): string {
  if (typeof key !== 'string' || key === '') {
    throw new PolicyError('ERR_INVALID_ARGUMENT', 'the shared limiter key must be a non-empty string');
  }
  if (key.length > MAX_KEY_LENGTH) {
    throw new PolicyError(
      'ERR_LIMIT_EXCEEDED',
      `the shared limiter key has ${key.length} characters; at most ${MAX_KEY_LENGTH}`,
    );
  }
  return key;
}

function span(name: string, value: number): string {
  finite(name, value, 0);
  if (value > MAX_SHARED_SPAN_MS) {
    throw new PolicyError(
      'ERR_LIMIT_EXCEEDED',
      `${name} ${value} exceeds the shared limiter's ${MAX_SHARED_SPAN_MS} ms`,
    );
  }
  return String(value);
}

/** Arguments 1 to 9 of both scripts: the period, then limit and burst per dimension. */
function configArgs(initial: LimiterState): string[] {
  const args = [span('periodMs', initial.periodMs)];
  for (const dimension of DIMENSIONS) {
    const cell = initial.cells[dimension];
    args.push(cell === undefined ? '' : String(cell.limit), cell === undefined ? '' : String(cell.burstMs));
  }
  return args;
}

const optional = (name: string, value: number | undefined): string =>
  value === undefined ? '' : String(finite(name, value, 0));

function describe(reply: unknown): string {
  let text: string | undefined;
  try {
    text = JSON.stringify(reply);
  } catch {
    // A BigInt or a cycle: the plain string form says enough.
  }
  text ??= String(reply);
  return text.length > 200 ? `${text.slice(0, 200)}…` : text;
}

function badReply(reply: unknown, why: string): PolicyError {
  return new PolicyError(
    'ERR_POLICY_SHARED_REPLY',
    `the shared limiter script replied ${describe(reply)}: ${why} (is the client's reply the script's, decoded as strings?)`,
  );
}

async function run(evalScript: RedisEval, script: string, key: string, args: string[]): Promise<unknown> {
  try {
    return await evalScript(script, [key], args);
  } catch (error) {
    throw new PolicyError(
      'ERR_POLICY_SHARED_EVAL',
      `the Redis client failed to run the shared limiter script: ${error instanceof Error ? error.message : String(error)}`,
      { cause: error },
    );
  }
}

function strings(reply: unknown): readonly string[] {
  if (!Array.isArray(reply) || !reply.every((item): item is string => typeof item === 'string')) {
    throw badReply(reply, 'not an array of strings');
  }
  return reply;
}

function number(reply: unknown, text: string | undefined): number {
  const value = text === undefined || text === '' ? Number.NaN : Number(text);
  if (!Number.isFinite(value)) throw badReply(reply, `${String(text)} is not a finite number`);
  return value;
}

/** The state and clock of a `reserved`, `refused` or `synced` reply, or the error it reports. */
function decode(
  reply: unknown,
  key: string,
  initial: LimiterState,
  statuses: readonly string[],
): { status: string; at: number; delayMs: number; state: LimiterState } {
  const items = strings(reply);
  const [status, at, delay, blocked] = items;
  if (status === 'mismatch') {
    throw new PolicyError(
      'ERR_POLICY_SHARED_LIMITS_MISMATCH',
      `the shared limiter ${key} holds state for limits ${String(at)}, not ${configArgs(initial).join(',')}: every caller of a key must configure the same limits (use a new key for new limits)`,
    );
  }
  if (status === undefined || !statuses.includes(status) || items.length !== 12) {
    throw badReply(reply, `expected ${statuses.join(' or ')} and 11 values`);
  }
  const cells: Partial<Record<LimiterDimension, LimiterCell>> = {};
  DIMENSIONS.forEach((dimension, index) => {
    const cell = initial.cells[dimension];
    if (cell === undefined) return;
    cells[dimension] = {
      limit: number(reply, items[5 + 2 * index]),
      burstMs: cell.burstMs,
      tat: number(reply, items[4 + 2 * index]),
    };
  });
  return {
    status,
    at: number(reply, at),
    delayMs: number(reply, delay),
    state: { periodMs: initial.periodMs, blockedUntil: number(reply, blocked), cells },
  };
}

/**
 * `reserve` on a limiter shared by every process that can reach one Redis (or Valkey): the
 * GCRA runs inside Redis as {@link RESERVE_SHARED_SCRIPT}, atomically in one round trip, on the
 * server's clock (`TIME`), so replicas with skewed clocks agree. The decision has `reserve`'s
 * shape plus `at`, the server time it was made. Every caller of `key` must pass the same
 * `limits` (`ERR_POLICY_SHARED_LIMITS_MISMATCH` otherwise); the key expires one period after
 * its last booking.
 *
 * @example
 * ```ts
 * import { createClient } from 'redis';
 * import { reserveShared, type RedisEval } from 'mamlkit/policy';
 * const client = await createClient({ url: process.env.REDIS_URL }).connect();
 * const evalScript: RedisEval = (script, keys, args) =>
 *   client.eval(script, { keys: [...keys], arguments: [...args] });
 * const r = await reserveShared(evalScript, 'limiter:anthropic', { requestsPerMinute: 50 }, { inputTokens: 1200 });
 * if (r.ok) { await sleep(r.delayMs); await send(); }
 * ```
 */
export async function reserveShared(
  evalScript: RedisEval,
  key: string,
  limits: LimiterLimits,
  cost: LimiterCost,
  options: ReserveOptions = {},
): Promise<SharedReservation> {
  const initial = createLimiter(limits);
  const args = configArgs(initial);
  const maxWaitMs = span('maxWaitMs', options.maxWaitMs ?? 60_000);
  args.push(maxWaitMs);
  for (const dimension of DIMENSIONS) args.push(String(costOf(cost, dimension)));
  const reply = await run(evalScript, RESERVE_SHARED_SCRIPT, checkedKey(key), args);
  const items = strings(reply);
  if (items[0] === 'over' && items.length === 5) {
    const dimension = DIMENSIONS.find((name) => name === items[1]);
    const cell = dimension === undefined ? undefined : initial.cells[dimension];
    if (dimension === undefined || cell === undefined) throw badReply(reply, 'unknown dimension');
    const limit = number(reply, items[4]);
    throw overCapacity(
      dimension,
      number(reply, items[2]),
      number(reply, items[3]),
      { ...cell, limit },
      initial.periodMs,
    );
  }
  const { status, at, delayMs, state } = decode(reply, key, initial, ['reserved', 'refused']);
  if (status === 'reserved') return { ok: true, delayMs, state, at };
  return {
    ok: false,
    delayMs,
    state,
    at,
    reason: `wait of ${Math.ceil(delayMs)} ms exceeds maxWaitMs ${maxWaitMs}`,
  };
}

/**
 * `syncLimiter` on a shared limiter: corrects the state of `key` in Redis from a
 * {@link RateLimitSnapshot} with {@link SYNC_SHARED_SCRIPT}, atomically in one round trip on
 * the server's clock, and returns the corrected state. A reported limit replaces the
 * configured one until the key expires; `retry-after` blocks every replica for at most
 * `maxBlockMs` (default 60 s).
 *
 * @example
 * ```ts
 * import { parseRateLimitHeaders, syncShared } from 'mamlkit/policy';
 * await syncShared(evalScript, 'limiter:anthropic', limits, parseRateLimitHeaders('anthropic', res.headers, Date.now()));
 * ```
 */
export async function syncShared(
  evalScript: RedisEval,
  key: string,
  limits: LimiterLimits,
  snapshot: RateLimitSnapshot,
  options: SyncOptions = {},
): Promise<LimiterState> {
  const initial = createLimiter(limits);
  const args = configArgs(initial);
  args.push(
    span('maxBlockMs', options.maxBlockMs ?? 60_000),
    optional('retryAfterMs', snapshot.retryAfterMs),
  );
  for (const dimension of DIMENSIONS) {
    const window = snapshot[dimension];
    args.push(
      optional(`${dimension}.limit`, window.limit),
      optional(`${dimension}.remaining`, window.remaining),
    );
  }
  const reply = await run(evalScript, SYNC_SHARED_SCRIPT, checkedKey(key), args);
  return decode(reply, key, initial, ['synced']).state;
}
