import { providerProfile, type Provider } from '../providers/index.js';
import type { Credentials } from './credentials.js';

export type { Credentials } from './credentials.js';

/**
 * The authentication headers each provider documents, built by its profile: Anthropic
 * `x-api-key` + `anthropic-version` (+ `anthropic-beta`), OpenAI `Authorization: Bearer` (+
 * organization and project), Azure OpenAI `api-key` (or `Authorization: Bearer` with an Entra
 * ID token), Azure Quantum `Authorization: Bearer`. Values are checked for characters that could
 * split headers; an unknown provider throws `ERR_POLICY_UNKNOWN_PROVIDER`.
 *
 * @example
 * ```ts
 * import { authHeaders } from 'mamlkit/policy';
 * await fetch('https://api.anthropic.com/v1/messages', {
 *   method: 'POST',
 *   headers: { ...authHeaders('anthropic', { apiKey: key }), 'content-type': 'application/json' },
 *   body,
 * });
 * ```
 */
export function authHeaders(provider: Provider, credentials: Credentials): Record<string, string> {
  return providerProfile(provider).authHeaders(credentials);
}
