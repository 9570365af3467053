/** What the replicas of examples/replicas agree on: the limiter key and its limits. */
import type { LimiterLimits } from 'mamlkit/policy';

/** One key per provider organisation (or per model, per API key): every replica uses it. */
export const LIMITER_KEY = 'mamlkit:limiter:anthropic:example';

/** 600 requests a minute (10 a second, bursts of 10) and 400,000 input tokens a minute. */
export const LIMITS: LimiterLimits = { requestsPerMinute: 600, inputTokensPerMinute: 400_000 };

/** What a replica reports of each call. */
export interface CallReport {
  readonly replica: string;
  readonly call: number;
  /** How long the shared limiter made it wait. */
  readonly delayMs: number;
  /** When it was sent, on the Redis server's clock. */
  readonly sendAt: number;
}
