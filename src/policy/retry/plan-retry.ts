import { responseKind, type ResponseKind } from '../classify/classify-response.js';
import { PolicyError } from '../errors.js';
import { RETRY_NAMES, RETRY_SLOTS } from '../headers/names.js';
import { headerReader } from '../headers/read.js';
import { retryAfterMs } from '../headers/values.js';
import type { Provider } from '../types.js';

/** A failed (or successful) attempt, as data. */
export interface RetryInput {
  readonly provider: Provider;
  readonly status: number;
  readonly headers?: unknown;
  readonly body?: unknown;
  /** Attempts made so far, counting the one that produced this response (1 after the first). */
  readonly attempt: number;
  /** Current time in epoch milliseconds (for `retry-after` HTTP dates). */
  readonly now: number;
  /** Source of randomness in [0, 1) for jitter; defaults to `Math.random`. */
  readonly random?: () => number;
}

/** Limits of {@link planRetry}. */
export interface RetryOptions {
  /** Most attempts in total, the first included. Default 3 (the SDKs' `maxRetries: 2`). */
  readonly maxAttempts?: number;
  /** Largest delay ever returned, server-requested delays included. Default 60 000. */
  readonly maxDelayMs?: number;
  /** First computed backoff. Default 500 (the SDKs' 0.5 s). */
  readonly initialDelayMs?: number;
  /** Ceiling of the computed backoff. Default 8000 (the SDKs' 8 s). */
  readonly maxBackoffMs?: number;
}

/** The decision of {@link planRetry}. */
export interface RetryPlan {
  readonly retry: boolean;
  /** How long to wait before the next attempt (0 when not retrying). */
  readonly delayMs: number;
  /** Why, in words: which rule decided and where the delay came from. */
  readonly reason: string;
  /** The response kind, from `classifyResponse`. */
  readonly kind: ResponseKind;
}

/** The defaults, shared instead of a fresh `{}` per call. */
const NO_OPTIONS: RetryOptions = Object.freeze({});

/** planRetry reads only the retry headers, so a `Headers` object is read by name. */
const readRetryHeaders = headerReader(RETRY_NAMES);

function checkNumber(name: string, value: number, min: number, integer: boolean): void {
  if (
    typeof value !== 'number' ||
    !Number.isFinite(value) ||
    value < min ||
    (integer && !Number.isInteger(value))
  ) {
    throw new PolicyError(
      'ERR_INVALID_ARGUMENT',
      `${name} must be a finite ${integer ? 'integer' : 'number'} >= ${min}, got ${String(value)}`,
    );
  }
}

function decide(
  kind: ResponseKind,
  status: number,
  shouldRetry: string | undefined,
): { retry: boolean; why: string } {
  if (kind === 'ok') return { retry: false, why: 'request succeeded' };
  if (kind === 'quota_exhausted') return { retry: false, why: 'quota exhausted: waiting does not help' };
  if (shouldRetry === 'true') return { retry: true, why: 'server sent x-should-retry: true' };
  if (shouldRetry === 'false') return { retry: false, why: 'server sent x-should-retry: false' };
  const retry = status === 408 || status === 409 || status === 429 || status >= 500;
  return { retry, why: retry ? `status ${status} is retryable` : `status ${status} is not retryable` };
}

/**
 * Decides whether and when to retry, the way the official Anthropic and OpenAI SDKs do:
 * `x-should-retry` wins; 408, 409, 429 and 5xx are retried; the delay is `retry-after-ms`,
 * else `retry-after` (seconds or HTTP date), else 0.5 s doubling per retry up to 8 s with up
 * to 25 % jitter. Unlike the SDKs, quota exhaustion is never retried, every delay (including
 * the server's) is capped at `maxDelayMs`, and server delays of 60 s or more are honoured
 * (capped) rather than replaced by the short backoff. Pure: time and randomness come in.
 *
 * @example
 * ```ts
 * import { planRetry } from 'mamlkit/policy';
 * const plan = planRetry({ provider: 'anthropic', status: 529, headers: res.headers, attempt: 1, now: Date.now() });
 * if (plan.retry) await sleep(plan.delayMs);
 * ```
 */
export function planRetry(input: RetryInput, options?: RetryOptions): RetryPlan {
  const {
    maxAttempts = 3,
    maxDelayMs = 60_000,
    initialDelayMs = 500,
    maxBackoffMs = 8000,
  } = options ?? NO_OPTIONS;
  checkNumber('attempt', input.attempt, 1, true);
  checkNumber('now', input.now, 0, false);
  checkNumber('maxAttempts', maxAttempts, 1, true);
  checkNumber('maxDelayMs', maxDelayMs, 0, false);
  checkNumber('initialDelayMs', initialDelayMs, 0, false);
  checkNumber('maxBackoffMs', maxBackoffMs, 0, false);
  const kind = responseKind(input.provider, input.status, input.body);
  const values = readRetryHeaders(input.headers);
  const { retry, why } = decide(kind, input.status, values[RETRY_SLOTS.shouldRetry]?.trim().toLowerCase());
  if (!retry) return { retry: false, delayMs: 0, reason: why, kind };
  if (input.attempt >= maxAttempts) {
    return { retry: false, delayMs: 0, reason: `${why}, but ${maxAttempts} attempts are used up`, kind };
  }
  const server = retryAfterMs(values, input.now);
  let delay: number;
  let source: string;
  if (server === undefined) {
    const r = (input.random ?? Math.random)();
    const jitter = 1 - (r >= 0 && r <= 1 ? r : 0) * 0.25;
    delay = Math.min(initialDelayMs * 2 ** (input.attempt - 1), maxBackoffMs) * jitter;
    source = 'exponential backoff with jitter';
  } else {
    delay = server;
    source = 'server-requested delay';
  }
  if (!(delay <= maxDelayMs)) {
    return {
      retry: true,
      delayMs: maxDelayMs,
      reason: `${why}; ${source} of ${Math.round(delay)} ms capped at maxDelayMs ${maxDelayMs}`,
      kind,
    };
  }
  return { retry: true, delayMs: delay, reason: `${why}; ${source} of ${Math.round(delay)} ms`, kind };
}
