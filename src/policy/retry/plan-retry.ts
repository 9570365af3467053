import {
  decideHttp,
  decideStream,
  readRetryHeaders,
  type ResponseKind,
  type RetryDecision,
} from '../classify/classify-response.js';
import { PolicyError } from '../errors.js';
import { assertProvider } from '../providers/index.js';
import type { Provider } from '../types.js';
import { serverDelayMs } from './server-delay.js';

/** What every {@link RetryInput} carries: who answered, how many attempts, and the time. */
export interface RetryInputBase {
  readonly provider: Provider;
  /** Attempts made so far, counting the one that failed (1 after the first). */
  readonly attempt: number;
  /** Current time in epoch milliseconds (for `retry-after` dates). */
  readonly now: number;
  /** Source of randomness in [0, 1) for jitter; defaults to `Math.random`. */
  readonly random?: () => number;
}

/** An HTTP response (`type` may be left out, as before there were other inputs). */
export interface ResponseRetryInput extends RetryInputBase {
  readonly type?: 'response';
  readonly status: number;
  readonly headers?: unknown;
  readonly body?: unknown;
}

/** The connection failed before any response (DNS, refused, reset, TLS). */
export interface NetworkRetryInput extends RetryInputBase {
  readonly type: 'network';
}

/** No response arrived in time (the caller's own timeout fired). */
export interface TimeoutRetryInput extends RetryInputBase {
  readonly type: 'timeout';
}

/**
 * A stream answered 200, then sent an error event: Anthropic's SSE `event: error` (data
 * `{"type":"error","error":{"type":"overloaded_error",…}}`), an OpenAI Responses `error` or
 * `response.failed` event, a Chat Completions `{"error":{…}}` chunk. `event` is the event's
 * `data` as parsed JSON or as text.
 */
export interface StreamRetryInput extends RetryInputBase {
  readonly type: 'stream';
  readonly event: unknown;
}

/** What failed, as data: a response, a network failure, a timeout or a mid-stream error event. */
export type RetryInput = ResponseRetryInput | NetworkRetryInput | TimeoutRetryInput | StreamRetryInput;

/** Limits of {@link planRetry}. */
export interface RetryOptions {
  /** Most attempts in total, the first included. Default 3 (the SDKs' `maxRetries: 2`). */
  readonly maxAttempts?: number;
  /**
   * Longest wait accepted. A server that asks for longer gets no retry at all (`retry: false`,
   * its delay in `retryAfterMs`), never an early one. Default 60 000.
   */
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
  /** What failed, as `classifyResponse` names it (`connection` for a network failure). */
  readonly kind: ResponseKind;
  /** The delay the server asked for (`retry-after-ms` / `retry-after`), when it asked for one. */
  readonly retryAfterMs?: number;
}

/** The defaults, shared instead of a fresh `{}` per call. */
const NO_OPTIONS: RetryOptions = Object.freeze({});

const CONNECTION: RetryDecision = Object.freeze({
  kind: 'connection',
  retryable: true,
  why: 'the connection failed before a response',
});
const TIMEOUT: RetryDecision = Object.freeze({
  kind: 'timeout',
  retryable: true,
  why: 'no response before the timeout',
});

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

/** The decision for a failure that is not an HTTP response; throws on an unknown input type. */
function decideFailure(input: NetworkRetryInput | TimeoutRetryInput | StreamRetryInput): RetryDecision {
  switch (input.type) {
    case 'stream':
      return decideStream(input.provider, input.event);
    case 'network':
    case 'timeout':
      assertProvider(input.provider);
      return input.type === 'network' ? CONNECTION : TIMEOUT;
    default:
      throw new PolicyError(
        'ERR_INVALID_ARGUMENT',
        `type must be 'response', 'network', 'timeout' or 'stream', got ${JSON.stringify(String((input as { type: unknown }).type))}`,
      );
  }
}

/** Whether the input is an HTTP response (`type` left out or `'response'`). */
const isResponse = (input: RetryInput): input is ResponseRetryInput =>
  input.type === undefined || input.type === 'response';

/** A plan not to retry, with the server's delay when it asked for one. */
function noRetry(reason: string, kind: ResponseKind, server: number | undefined): RetryPlan {
  return server === undefined
    ? { retry: false, delayMs: 0, reason, kind }
    : { retry: false, delayMs: 0, reason, kind, retryAfterMs: server };
}

/**
 * Decides whether and when to retry, as the official Anthropic (0.120.0) and OpenAI (7.5.0)
 * TypeScript SDKs do: `x-should-retry` decides; 408, 409, 429 and 5xx, connection failures and
 * timeouts are retried; the delay is the server's (`retry-after-ms`, else `retry-after`), else
 * 0.5 s doubling per retry up to 8 s less up to 25 % jitter. Where mamlkit differs, it is
 * stricter: quota, spend and credit errors are never retried; a body naming a non-transient
 * error is not retried whatever the status; a server delay over `maxDelayMs` gives
 * `retry: false` with the delay in `retryAfterMs`, never an early retry; the larger value
 * wins when retry headers disagree (docs/guide/policy.md, "Retries"). `classifyResponse`
 * takes the same decision. Pure: time and randomness come in.
 *
 * @example
 * ```ts
 * import { planRetry } from 'mamlkit/policy';
 * const plan = planRetry({ provider: 'anthropic', status: 529, headers: res.headers, attempt: 1, now: Date.now() });
 * if (plan.retry) await sleep(plan.delayMs);
 * const lost = planRetry({ provider: 'openai', type: 'network', attempt: 1, now: Date.now() });
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
  let decision: RetryDecision;
  let server: number | undefined;
  if (isResponse(input)) {
    const values = readRetryHeaders(input.headers);
    decision = decideHttp(input.provider, input.status, input.body, values);
    server = decision.kind === 'ok' ? undefined : serverDelayMs(values, input.now);
  } else {
    decision = decideFailure(input);
  }
  const { kind, why } = decision;
  if (!decision.retryable) return noRetry(why, kind, server);
  if (input.attempt >= maxAttempts)
    return noRetry(`${why}, but ${maxAttempts} attempts are used up`, kind, server);
  if (server !== undefined) {
    if (server > maxDelayMs) {
      const reason = `${why}, but the server asks to wait ${Math.round(server)} ms, over maxDelayMs ${maxDelayMs}`;
      return noRetry(reason, kind, server);
    }
    return {
      retry: true,
      delayMs: server,
      reason: `${why}; server-requested delay of ${Math.round(server)} ms`,
      kind,
      retryAfterMs: server,
    };
  }
  const r = (input.random ?? Math.random)();
  const jitter = 1 - (r >= 0 && r <= 1 ? r : 0) * 0.25;
  const backoff = Math.min(initialDelayMs * 2 ** (input.attempt - 1), maxBackoffMs) * jitter;
  const delayMs = Math.min(backoff, maxDelayMs);
  const capped = delayMs < backoff ? ` capped at maxDelayMs ${maxDelayMs}` : '';
  return {
    retry: true,
    delayMs,
    reason: `${why}; exponential backoff with jitter of ${Math.round(backoff)} ms${capped}`,
    kind,
  };
}
