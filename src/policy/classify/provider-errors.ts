import type { Provider } from '../types.js';
import type { ResponseKind } from './classify-response.js';

/** What each error type or code a provider writes in an error body means. */
export type ProviderErrorTable = Readonly<Record<Provider, ReadonlyMap<string, ResponseKind>>>;

/** A name → kind map from the names of each kind. */
const table = (
  groups: Readonly<Partial<Record<ResponseKind, readonly string[]>>>,
): ReadonlyMap<string, ResponseKind> =>
  new Map(
    Object.entries(groups).flatMap(([kind, names]) =>
      names.map((name): [string, ResponseKind] => [name, kind as ResponseKind]),
    ),
  );

/**
 * OpenAI's error types and codes (also written by Azure OpenAI, whose documented 429 bodies
 * carry `code: "429"` and are classified by their status). Billing and spend codes come with
 * `type: "insufficient_quota"` or alone; waiting never lifts them. Checked 2026-12-05:
 * https://developers.openai.com/api/docs/guides/error-codes,
 * https://help.openai.com/en/articles/5955604-troubleshooting-api-rate-limits-and-429-errors,
 * https://developers.openai.com/api/docs/guides/spend-limits, and the `ResponseError` codes of
 * the Responses API in openai-node 7.5.0 (`src/resources/responses/responses.ts`).
 */
const OPENAI = table({
  rate_limited: ['rate_limit_exceeded'],
  quota_exhausted: [
    'insufficient_quota',
    'credit_balance_exhausted',
    'organization_spend_limit_exceeded',
    'organization_usage_limit_exceeded',
    'project_spend_limit_exceeded',
  ],
  server_error: ['server_error'],
  timeout: ['vector_store_timeout'],
  // `invalid_request_error`, and the Responses API failures caused by the request itself:
  // sending it again fails again.
  invalid_request: [
    'invalid_request_error',
    'invalid_prompt',
    'data_residency_mismatch',
    'bio_policy',
    'invalid_image',
    'invalid_image_format',
    'invalid_base64_image',
    'invalid_image_url',
    'image_too_large',
    'image_too_small',
    'image_parse_error',
    'image_content_policy_violation',
    'invalid_image_mode',
    'image_file_too_large',
    'unsupported_image_media_type',
    'empty_image_file',
    'failed_to_download_image',
    'image_file_not_found',
  ],
});

/**
 * The meaning of each provider's error types and codes, in ONE table keyed by provider. A name
 * a provider does not list here leaves the kind to the HTTP status.
 *
 * Anthropic (checked 2026-12-05): the error types of https://platform.claude.com/docs/en/api/errors
 * and of `ErrorType` in anthropic-sdk-typescript 0.120.0 (`src/resources/shared.ts`), and
 * `enforced_spend_limit_reached`, which https://platform.claude.com/docs/en/api/rate-limits
 * documents as a 429 `rate_limit_error` with `error.details.error_code` set to it and no
 * `retry-after`: the organization's monthly spend cap, lifted on the first of the next month.
 * Azure Quantum documents no JSON error types: its responses are classified by status.
 *
 * @example
 * ```ts
 * import { PROVIDER_ERRORS } from 'mamlkit/policy';
 * PROVIDER_ERRORS.openai.get('credit_balance_exhausted'); // 'quota_exhausted'
 * ```
 */
export const PROVIDER_ERRORS: ProviderErrorTable = {
  anthropic: table({
    invalid_request: ['invalid_request_error'],
    auth: ['authentication_error'],
    quota_exhausted: ['billing_error', 'enforced_spend_limit_reached'],
    permission: ['permission_error'],
    not_found: ['not_found_error'],
    request_too_large: ['request_too_large'],
    rate_limited: ['rate_limit_error'],
    server_error: ['api_error'],
    timeout: ['timeout_error'],
    overloaded: ['overloaded_error'],
  }),
  openai: OPENAI,
  'azure-openai': OPENAI,
  'azure-quantum': table({}),
};
