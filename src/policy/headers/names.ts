/** The `limit`, `remaining` and `reset` header names of one rate-limit dimension. */
export type WindowNames = readonly [limit: string, remaining: string, reset: string];

/** The dimensions of a rate-limit snapshot. */
export type RateLimitDimension = 'requests' | 'tokens' | 'inputTokens' | 'outputTokens';

/** How a provider reports rate limits: its header names per dimension and its reset format. */
export interface RateLimitHeaderStyle {
  /** Header names of each dimension the provider reports. */
  readonly windows: Readonly<Partial<Record<RateLimitDimension, WindowNames>>>;
  /** `rfc3339`: reset is a timestamp (Anthropic); `duration`: a Go-style duration such as `6m0s` (OpenAI). */
  readonly reset: 'rfc3339' | 'duration';
}

/** `<prefix><dimension><suffix>` for `limit`, `remaining` and `reset`, in that order. */
export function windowNames(name: (field: 'limit' | 'remaining' | 'reset') => string): WindowNames {
  return [name('limit'), name('remaining'), name('reset')];
}

/**
 * The retry headers every reader reads first, so that they sit in the same slots
 * ({@link RETRY_SLOTS}) whichever other names follow.
 */
export const RETRY_NAMES: readonly string[] = ['retry-after-ms', 'retry-after', 'x-should-retry'];

/** Where each of {@link RETRY_NAMES} sits in the values of a reader. */
export const RETRY_SLOTS: {
  readonly retryAfterMs: number;
  readonly retryAfter: number;
  readonly shouldRetry: number;
} = {
  retryAfterMs: RETRY_NAMES.indexOf('retry-after-ms'),
  retryAfter: RETRY_NAMES.indexOf('retry-after'),
  shouldRetry: RETRY_NAMES.indexOf('x-should-retry'),
};

/** The names of a provider's headers: the retry headers, then each window's limit, remaining and reset. */
export function providerNames(windows: Readonly<Partial<Record<string, WindowNames>>>): readonly string[] {
  return [...RETRY_NAMES, ...Object.values(windows).flatMap((names) => names ?? [])];
}
