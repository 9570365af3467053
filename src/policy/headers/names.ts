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

/** Every header name the policy functions read. */
export const READ_NAMES: readonly string[] = [
  'retry-after-ms',
  'retry-after',
  'x-should-retry',
  ...Object.values(ANTHROPIC_WINDOWS).flat(),
  ...Object.values(OPENAI_WINDOWS).flat(),
];
