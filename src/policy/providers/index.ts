import { PolicyError } from '../errors.js';
import type { TokenizerId } from '../types.js';
import { anthropic } from './anthropic.js';
import { azureOpenai } from './azure-openai.js';
import { azureQuantum } from './azure-quantum.js';
import { openai } from './openai.js';
import type { ProviderProfile } from './profile.js';

export type { ProviderProfile } from './profile.js';

/** Providers with built-in profiles. */
export type Provider = 'anthropic' | 'openai' | 'azure-openai' | 'azure-quantum';

/**
 * The registry: one profile per provider. Tables, auth headers, rate-limit header styles,
 * tokenizers and the limits reference are all read from here; adding a provider is its profile
 * file and one line here (and its id in {@link Provider}).
 */
export const PROFILES: { readonly [P in Provider]: ProviderProfile } = {
  anthropic,
  openai,
  'azure-openai': azureOpenai,
  'azure-quantum': azureQuantum,
};

/**
 * The providers with built-in profiles, in a stable order.
 *
 * @example
 * ```ts
 * import { PROVIDERS } from 'mamlkit/policy';
 * PROVIDERS.includes('openai'); // true
 * ```
 */
export const PROVIDERS: readonly Provider[] = Object.keys(PROFILES) as Provider[];

/** The typed error for a provider that is not one of {@link PROVIDERS}. */
export function unknownProvider(provider: unknown): PolicyError {
  return new PolicyError(
    'ERR_POLICY_UNKNOWN_PROVIDER',
    `unknown provider ${JSON.stringify(String(provider))}; known: ${PROVIDERS.join(', ')}`,
  );
}

/**
 * The profile of `provider`: its table, auth headers, rate-limit header style and tokenizer.
 * Throws `ERR_POLICY_UNKNOWN_PROVIDER` for anything else, never falling back to another provider.
 *
 * @example
 * ```ts
 * import { providerProfile } from 'mamlkit/policy';
 * providerProfile('anthropic').rateLimitHeaders.reset; // 'rfc3339'
 * ```
 */
export function providerProfile(provider: Provider): ProviderProfile {
  assertProvider(provider);
  return PROFILES[provider];
}

/** Throws `ERR_POLICY_UNKNOWN_PROVIDER` unless `provider` has a registered profile. */
export function assertProvider(provider: unknown): asserts provider is Provider {
  if (typeof provider !== 'string' || !Object.hasOwn(PROFILES, provider)) throw unknownProvider(provider);
}

/**
 * The tokenizer that counts `model`'s input: the model entry's own, else its provider's.
 * `undefined` for a provider without models (Azure Quantum).
 *
 * @example
 * ```ts
 * import { defaultPolicy, findModel, tokenizerFor } from 'mamlkit/policy';
 * tokenizerFor('anthropic', findModel(defaultPolicy, 'anthropic', 'claude-haiku-4-5')); // 'claude'
 * ```
 */
export function tokenizerFor(
  provider: Provider,
  model?: { readonly tokenizer?: TokenizerId },
): TokenizerId | undefined {
  return model?.tokenizer ?? providerProfile(provider).tokenizer;
}
