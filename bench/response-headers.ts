/**
 * Response headers shaped like real provider responses (values shortened from real ones), shared
 * by the policy bench and bench/headers-access.ts. Data only, so Deno and Bun load it as is.
 */

/** Headers every response carries besides the rate-limit ones (values shortened from real responses). */
export const commonHeaders = {
  date: 'Fri, 21 Nov 2025 00:15:00 GMT',
  'content-type': 'application/json',
  'content-length': '131',
  connection: 'keep-alive',
  server: 'cloudflare',
  'cf-ray': '9a1b2c3d4e5f6a7b-SJC',
  'strict-transport-security': 'max-age=31536000; includeSubDomains; preload',
  'x-content-type-options': 'nosniff',
};

/** An OpenAI response's headers: the common ones, request metadata and the rate-limit headers. */
export const openaiResponseHeaders: Readonly<Record<string, string>> = {
  ...commonHeaders,
  'x-request-id': 'req_5a6b7c8d9e0f1a2b3c4d5e6f7a8b9c0d',
  'openai-organization': 'org-example',
  'openai-processing-ms': '312',
  'openai-version': '2020-10-01',
  'x-ratelimit-limit-requests': '10000',
  'x-ratelimit-remaining-requests': '9999',
  'x-ratelimit-reset-requests': '6ms',
  'x-ratelimit-limit-tokens': '30000000',
  'x-ratelimit-remaining-tokens': '29999982',
  'x-ratelimit-reset-tokens': '6m0s',
};
