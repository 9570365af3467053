import { PROFILES, PROVIDERS } from '../providers/index.js';
import type { Provider } from '../types.js';
import type { ResponseKind } from './classify-response.js';

/** What each error type or code a provider writes in an error body means. */
export type ProviderErrorTable = Readonly<Record<Provider, ReadonlyMap<string, ResponseKind>>>;

/**
 * The meaning of each provider's error types and codes, as name → kind maps derived from the
 * provider profiles (`errors` in `src/policy/providers/<provider>.ts`, with their sources). A
 * name a provider does not list leaves the kind to the HTTP status; Azure OpenAI writes OpenAI's
 * names, and Azure Quantum documents none, so its responses are classified by status.
 *
 * @example
 * ```ts
 * import { PROVIDER_ERRORS } from 'mamlkit/policy';
 * PROVIDER_ERRORS.openai.get('credit_balance_exhausted'); // 'quota_exhausted'
 * ```
 */
export const PROVIDER_ERRORS: ProviderErrorTable = /* @__PURE__ */ Object.fromEntries(
  PROVIDERS.map((provider) => [provider, errorMap(provider)]),
) as Record<string, ReadonlyMap<string, ResponseKind>> as ProviderErrorTable;

/** The name → kind map of one provider's profile. */
function errorMap(provider: Provider): ReadonlyMap<string, ResponseKind> {
  const groups = Object.entries(PROFILES[provider].errors ?? {});
  return new Map(
    groups.flatMap(([kind, names]) =>
      names.map((name): [string, ResponseKind] => [name, kind as ResponseKind]),
    ),
  );
}
