import { PolicyError } from '../errors.js';

/** Credentials for `authHeaders`. */
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

/**
 * `value` if it is a non-empty header value of printable ASCII (nothing that could split a
 * header), else `ERR_INVALID_ARGUMENT` naming the credential.
 */
export function headerValue(name: string, value: string | undefined): string {
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

/** Adds header `name` when `value` is given (checked as {@link headerValue}). */
export function withOptional(
  headers: Record<string, string>,
  name: string,
  value: string | undefined,
): Record<string, string> {
  if (value !== undefined) headers[name] = headerValue(name, value);
  return headers;
}

/** `Authorization: Bearer <token>`, the token checked as {@link headerValue}. */
export function bearer(name: string, token: string | undefined): Record<string, string> {
  return { authorization: `Bearer ${headerValue(name, token)}` };
}
