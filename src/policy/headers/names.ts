/** The `limit`, `remaining` and `reset` header names of one rate-limit dimension. */
export type WindowNames = readonly [limit: string, remaining: string, reset: string];

const anthropic = (dimension: string): WindowNames => [
  `anthropic-ratelimit-${dimension}-limit`,
  `anthropic-ratelimit-${dimension}-remaining`,
  `anthropic-ratelimit-${dimension}-reset`,
];
const openai = (dimension: string): WindowNames => [
  `x-ratelimit-limit-${dimension}`,
  `x-ratelimit-remaining-${dimension}`,
  `x-ratelimit-reset-${dimension}`,
];

/** Anthropic's `anthropic-ratelimit-*` headers per dimension. */
export const ANTHROPIC_WINDOWS: {
  readonly requests: WindowNames;
  readonly tokens: WindowNames;
  readonly inputTokens: WindowNames;
  readonly outputTokens: WindowNames;
} = {
  requests: anthropic('requests'),
  tokens: anthropic('tokens'),
  inputTokens: anthropic('input-tokens'),
  outputTokens: anthropic('output-tokens'),
};

/** OpenAI's and Azure OpenAI's `x-ratelimit-*` headers per dimension. */
export const OPENAI_WINDOWS: { readonly requests: WindowNames; readonly tokens: WindowNames } = {
  requests: openai('requests'),
  tokens: openai('tokens'),
};

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
export function providerNames(windows: Readonly<Record<string, WindowNames>>): readonly string[] {
  return [...RETRY_NAMES, ...Object.values(windows).flat()];
}
