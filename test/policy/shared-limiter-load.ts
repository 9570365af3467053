/** The limits and costs of the shared-limiter load test, shared by the test and its worker processes. */
import type { LimiterLimits } from '../../src/policy/limiter/limiter.js';

/** 1,000 requests and 10,000 tokens a second; bursts of 1 s of requests and 2 s of tokens. */
export const LOAD_LIMITS: LimiterLimits = {
  requestsPerMinute: 60_000,
  tokensPerMinute: 600_000,
  burstMs: { requests: 1000, tokens: 2000 },
};

/** Reservation `i` of worker `worker`: one request and 1 to 20 input tokens. */
export const loadCost = (worker: number, i: number): { inputTokens: number } => ({
  inputTokens: 1 + ((worker * 7 + i * 13) % 20),
});
