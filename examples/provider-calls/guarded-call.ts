/**
 * The loop every provider call goes through: reserve capacity in the limiter, send, correct
 * the limiter from the rate-limit headers, and let `planRetry` decide whether and how long to
 * wait. mamlkit does the arithmetic; this file owns the clock and the transport.
 */
import {
  createLimiter,
  parseRateLimitHeaders,
  planRetry,
  reserve,
  syncLimiter,
  type LimiterCost,
  type LimiterLimits,
  type Provider,
  type ResponseKind,
} from 'mamlkit/policy';

/** Time, injectable so tests record the waits instead of sleeping. */
export interface Clock {
  readonly now: () => number;
  readonly sleep: (ms: number) => Promise<void>;
}

export const systemClock: Clock = {
  now: () => Date.now(),
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
};

/** What one HTTP attempt produced. `value` is the parsed answer when the status is 2xx. */
export interface Attempt<T> {
  readonly status: number;
  readonly headers: Headers;
  readonly body: unknown;
  readonly value?: T;
}

/** The end of a guarded call: the answer, or the reason there is none. */
export type CallResult<T> =
  | { readonly ok: true; readonly value: T; readonly attempts: number }
  | {
      readonly ok: false;
      readonly status: number;
      readonly kind: ResponseKind | 'local_wait_too_long';
      readonly reason: string;
      readonly attempts: number;
    };

export interface GuardOptions {
  readonly clock?: Clock;
  /** Attempts in total, the first included (default 3, like the SDKs' `maxRetries: 2`). */
  readonly maxAttempts?: number;
  /** Longest single wait accepted, from the server or the limiter (default 60 s). */
  readonly maxDelayMs?: number;
  /** Jitter source in [0, 1) for the backoff (default `Math.random`). */
  readonly random?: () => number;
}

/** A caller for one provider whose limiter state persists across calls. */
export interface Guard {
  readonly call: <T>(cost: LimiterCost, send: () => Promise<Attempt<T>>) => Promise<CallResult<T>>;
}

export function createGuard(provider: Provider, limits: LimiterLimits, options: GuardOptions = {}): Guard {
  const { clock = systemClock, maxAttempts = 3, maxDelayMs = 60_000, random = Math.random } = options;
  let state = createLimiter(limits);
  async function call<T>(cost: LimiterCost, send: () => Promise<Attempt<T>>): Promise<CallResult<T>> {
    for (let attempt = 1; ; attempt++) {
      const slot = reserve(state, cost, clock.now(), { maxWaitMs: maxDelayMs });
      if (!slot.ok) {
        return {
          ok: false,
          status: 0,
          kind: 'local_wait_too_long',
          reason: slot.reason,
          attempts: attempt - 1,
        };
      }
      state = slot.state;
      if (slot.delayMs > 0) await clock.sleep(slot.delayMs);
      const response = await send();
      const now = clock.now();
      state = syncLimiter(state, parseRateLimitHeaders(provider, response.headers, now), now);
      if (response.value !== undefined) return { ok: true, value: response.value, attempts: attempt };
      const plan = planRetry(
        {
          provider,
          status: response.status,
          headers: response.headers,
          body: response.body,
          attempt,
          now,
          random,
        },
        { maxAttempts, maxDelayMs },
      );
      if (!plan.retry) {
        return {
          ok: false,
          status: response.status,
          kind: plan.kind,
          reason: plan.reason,
          attempts: attempt,
        };
      }
      await clock.sleep(plan.delayMs);
    }
  }
  return { call };
}
