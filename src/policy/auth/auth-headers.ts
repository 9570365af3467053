import { PolicyError } from '../errors.js';
import { unknownProvider } from '../tables/lookup.js';
import type { Provider } from '../types.js';

/** Credentials for {@link authHeaders}. */
export interface Credentials {
  /** API key (Anthropic, OpenAI, Azure OpenAI key auth). */
  readonly apiKey?: string;
  /** Microsoft Entra ID access token (Azure OpenAI token auth, Azure Quantum). */
  readonly bearerToken?: string;
  /** Anthropic API version. Default `2023-06-01`. */
  readonly anthropicVersion?: string;
  /** Anthropic beta features, sent as `anthropic-beta`. */
  readonly anthropicBeta?: readonly string[];
  /** OpenAI organization id, sent as `OpenAI-Organization`. */
  readonly organization?: string;
  /** OpenAI project id, sent as `OpenAI-Project`. */
  readonly project?: string;
}

function headerValue(name: string, value: string | undefined): string {
  if (typeof value !== 'string' || value.length === 0 || value.length > 8192) {
    throw new PolicyError(
      'ERR_INVALID_ARGUMENT',
      `${name} must be a non-empty string of at most 8192 characters`,
    );
  }
  for (let i = 0; i < value.length; i++) {
    const c = value.charCodeAt(i);
    if (c < 0x20 || c > 0x7e) {
      throw new PolicyError(
        'ERR_INVALID_ARGUMENT',
        `${name} contains a character not allowed in an HTTP header`,
      );
    }
  }
  return value;
}

function withOptional(
  headers: Record<string, string>,
  name: string,
  value: string | undefined,
): Record<string, string> {
  if (value !== undefined) headers[name] = headerValue(name, value);
  return headers;
}

/**
 * The authentication headers each provider documents: Anthropic `x-api-key` +
 * `anthropic-version` (+ `anthropic-beta`), OpenAI `Authorization: Bearer` (+ organization and
 * project), Azure OpenAI `api-key` (or `Authorization: Bearer` with an Entra ID token), Azure
 * Quantum `Authorization: Bearer`. Values are checked for characters that could split headers.
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
  switch (provider) {
    case 'anthropic': {
      const headers: Record<string, string> = {
        'x-api-key': headerValue('apiKey', credentials.apiKey),
        'anthropic-version': headerValue('anthropicVersion', credentials.anthropicVersion ?? '2023-06-01'),
      };
      const beta = credentials.anthropicBeta;
      return withOptional(
        headers,
        'anthropic-beta',
        beta === undefined || beta.length === 0 ? undefined : beta.join(','),
      );
    }
    case 'openai': {
      const headers = { authorization: `Bearer ${headerValue('apiKey', credentials.apiKey)}` };
      return withOptional(
        withOptional(headers, 'openai-organization', credentials.organization),
        'openai-project',
        credentials.project,
      );
    }
    case 'azure-openai':
      return credentials.apiKey !== undefined
        ? { 'api-key': headerValue('apiKey', credentials.apiKey) }
        : { authorization: `Bearer ${headerValue('bearerToken', credentials.bearerToken)}` };
    case 'azure-quantum':
      return { authorization: `Bearer ${headerValue('bearerToken', credentials.bearerToken)}` };
    default:
      throw unknownProvider(provider);
  }
}
