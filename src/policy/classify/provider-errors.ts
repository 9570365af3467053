import type { Provider } from '../types.js';
import type { ResponseKind } from './classify-response.js';

/** What each error type or code a provider writes in an error body means. */
export type ProviderErrorTable = Readonly<Record<Provider, ReadonlyMap<string, ResponseKind>>>;

const table = (entries: Readonly<Record<string, ResponseKind>>): ReadonlyMap<string, ResponseKind> =>
  new Map(Object.entries(entries));

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
  invalid_request_error: 'invalid_request',
  rate_limit_exceeded: 'rate_limited',
  insufficient_quota: 'quota_exhausted',
  credit_balance_exhausted: 'quota_exhausted',
  organization_spend_limit_exceeded: 'quota_exhausted',
  organization_usage_limit_exceeded: 'quota_exhausted',
  project_spend_limit_exceeded: 'quota_exhausted',
  server_error: 'server_error',
  vector_store_timeout: 'timeout',
  // Responses API failures caused by the request itself: sending it again fails again.
  invalid_prompt: 'invalid_request',
  data_residency_mismatch: 'invalid_request',
  bio_policy: 'invalid_request',
  invalid_image: 'invalid_request',
  invalid_image_format: 'invalid_request',
  invalid_base64_image: 'invalid_request',
  invalid_image_url: 'invalid_request',
  image_too_large: 'invalid_request',
  image_too_small: 'invalid_request',
  image_parse_error: 'invalid_request',
  image_content_policy_violation: 'invalid_request',
  invalid_image_mode: 'invalid_request',
  image_file_too_large: 'invalid_request',
  unsupported_image_media_type: 'invalid_request',
  empty_image_file: 'invalid_request',
  failed_to_download_image: 'invalid_request',
  image_file_not_found: 'invalid_request',
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
    invalid_request_error: 'invalid_request',
    authentication_error: 'auth',
    billing_error: 'quota_exhausted',
    permission_error: 'permission',
    not_found_error: 'not_found',
    request_too_large: 'request_too_large',
    rate_limit_error: 'rate_limited',
    enforced_spend_limit_reached: 'quota_exhausted',
    api_error: 'server_error',
    timeout_error: 'timeout',
    overloaded_error: 'overloaded',
  }),
  openai: OPENAI,
  'azure-openai': OPENAI,
  'azure-quantum': table({}),
};
