import { bearer, withOptional } from '../auth/credentials.js';
import { windowNames } from '../headers/names.js';
import type { ModelLimit, ProviderTable, Sourced } from '../types.js';
import type { ProviderErrorNames, ProviderProfile } from './profile.js';

const CHECKED = '2026-12-05';
const MODELS = 'https://developers.openai.com/api/docs/models';
const DEPRECATIONS = 'https://developers.openai.com/api/docs/deprecations';
const BATCH = 'https://developers.openai.com/api/reference/resources/batches/methods/create';
const FILES = 'https://developers.openai.com/api/reference/resources/files/methods/create';
const NO_BODY_LIMIT = 'No request-body limit is documented; the model limits apply.';

type Lifecycle = Omit<Sourced, 'source' | 'checkedAt'>;

/** An entry's lifecycle plus what differs from the defaults (the models page as source). */
type Extra = Lifecycle & Partial<Pick<ModelLimit, 'source' | 'aliases' | 'maxInputTokens'>>;

function gpt(contextWindow: number, maxOutputTokens: number, extra: Extra): ModelLimit {
  return { contextWindow, maxOutputTokens, source: MODELS, checkedAt: CHECKED, ...extra };
}

/** A GPT-6 or GPT-5.6 model: 1,050,000-token window, 128,000 output tokens. */
function gpt6(extra: Extra): ModelLimit {
  return gpt(1_050_000, 128_000, extra);
}

const SHUTDOWN_2026_12_11: Lifecycle = { status: 'deprecated', retiresAt: '2026-12-11' };
const SHUTDOWN_2027_01_14: Lifecycle = {
  status: 'deprecated',
  deprecatedAt: '2026-10-14',
  retiresAt: '2027-01-14',
  replacement: 'gpt-6-luna',
};
const EARLIER_SNAPSHOT =
  'Listed as current in an earlier snapshot of the models page; its status on the check date could not be read.';

/** OpenAI model limits; Azure OpenAI deployments of the same model share them. */
export const openaiModels: ProviderTable['models'] = {
  'gpt-6.2-astra': gpt6({ status: 'active' }),
  'gpt-6.2-sol': gpt6({ status: 'active' }),
  'gpt-6.1-terra': gpt6({ status: 'active' }),
  'gpt-6-luna': gpt6({ status: 'active', source: `${MODELS}/gpt-6-luna` }),
  'gpt-6-astra': gpt6({ status: 'active', note: EARLIER_SNAPSHOT }),
  'gpt-5.6-sol': gpt6({ status: 'active', aliases: ['gpt-5.6'], note: EARLIER_SNAPSHOT }),
  'gpt-5.6-terra': gpt6({ status: 'active', note: EARLIER_SNAPSHOT }),
  'gpt-5.6-luna': gpt6({ status: 'active', note: EARLIER_SNAPSHOT }),
  'gpt-5': gpt(400_000, 128_000, {
    ...SHUTDOWN_2026_12_11,
    replacement: 'gpt-6.1-sol',
    aliases: ['gpt-5-2025-08-07'],
    maxInputTokens: 272_000,
    source: DEPRECATIONS,
  }),
  'gpt-5-mini': gpt(400_000, 128_000, {
    ...SHUTDOWN_2026_12_11,
    replacement: 'gpt-6.1-terra',
    aliases: ['gpt-5-mini-2025-08-07'],
    maxInputTokens: 272_000,
    source: DEPRECATIONS,
  }),
  'gpt-5-nano': gpt(400_000, 128_000, {
    ...SHUTDOWN_2026_12_11,
    aliases: ['gpt-5-nano-2025-08-07'],
    maxInputTokens: 272_000,
    source: DEPRECATIONS,
  }),
  o3: gpt(200_000, 100_000, { ...SHUTDOWN_2026_12_11, aliases: ['o3-2025-04-16'], source: DEPRECATIONS }),
  'gpt-4o': gpt(128_000, 16_384, {
    ...SHUTDOWN_2027_01_14,
    aliases: ['gpt-4o-2024-08-06', 'gpt-4o-2024-11-20'],
    source: DEPRECATIONS,
  }),
  'gpt-4o-mini': gpt(128_000, 16_384, {
    ...SHUTDOWN_2027_01_14,
    aliases: ['gpt-4o-mini-2024-07-18'],
    source: DEPRECATIONS,
  }),
  'gpt-4.1': gpt(1_047_576, 32_768, {
    ...SHUTDOWN_2027_01_14,
    aliases: ['gpt-4.1-2025-04-14'],
    source: DEPRECATIONS,
  }),
  'gpt-4.1-mini': gpt(1_047_576, 32_768, {
    ...SHUTDOWN_2027_01_14,
    aliases: ['gpt-4.1-mini-2025-04-14'],
    source: DEPRECATIONS,
  }),
  'gpt-4.1-nano': gpt(1_047_576, 32_768, {
    status: 'retired',
    retiresAt: '2026-10-23',
    aliases: ['gpt-4.1-nano-2025-04-14'],
    source: DEPRECATIONS,
  }),
  'o4-mini': gpt(200_000, 100_000, {
    status: 'retired',
    retiresAt: '2026-10-23',
    aliases: ['o4-mini-2025-04-16'],
    source: DEPRECATIONS,
  }),
};

/** OpenAI's `x-ratelimit-*` header names, shared by Azure OpenAI. */
export const openaiRateLimitHeaders: ProviderProfile['rateLimitHeaders'] = {
  windows: {
    requests: windowNames((field) => `x-ratelimit-${field}-requests`),
    tokens: windowNames((field) => `x-ratelimit-${field}-tokens`),
  },
  reset: 'duration',
};

/**
 * OpenAI's error types and codes (also written by Azure OpenAI, whose documented 429 bodies
 * carry `code: "429"` and are classified by their status). Billing and spend codes come with
 * `type: "insufficient_quota"` or alone; waiting never lifts them. Checked 2026-12-05:
 * https://developers.openai.com/api/docs/guides/error-codes,
 * https://help.openai.com/en/articles/5955604-troubleshooting-api-rate-limits-and-429-errors,
 * https://developers.openai.com/api/docs/guides/spend-limits, and the `ResponseError` codes of
 * the Responses API in openai-node 7.5.0 (`src/resources/responses/responses.ts`).
 */
export const OPENAI_ERRORS: ProviderErrorNames = {
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
};

/** OpenAI: `Authorization: Bearer`, o200k_base tokens, `x-ratelimit-*` headers with duration resets. */
export const openai: ProviderProfile = {
  id: 'openai',
  title: 'OpenAI',
  tokenizer: 'o200k_base',
  errors: OPENAI_ERRORS,
  table: {
    endpoints: {
      chat_completions: {
        path: 'POST /v1/chat/completions',
        source:
          'https://developers.openai.com/api/reference/resources/chat/subresources/completions/methods/create',
        checkedAt: CHECKED,
        status: 'active',
        note: NO_BODY_LIMIT,
      },
      responses: {
        path: 'POST /v1/responses',
        source: 'https://developers.openai.com/api/reference/resources/responses/methods/create',
        checkedAt: CHECKED,
        status: 'active',
        note: NO_BODY_LIMIT,
      },
      batch: {
        path: 'POST /v1/batches (input file)',
        maxBodyBytes: 200_000_000,
        maxRequests: 50_000,
        source: BATCH,
        checkedAt: CHECKED,
        status: 'active',
      },
      files: {
        path: 'POST /v1/files',
        maxBodyBytes: 512_000_000,
        source: FILES,
        checkedAt: CHECKED,
        status: 'active',
        note: 'Larger files go through the Uploads API in parts; a project stores up to 2.5 TB.',
      },
    },
    models: openaiModels,
    targets: {},
  },
  authHeaders(credentials) {
    return withOptional(
      withOptional(bearer('apiKey', credentials.apiKey), 'openai-organization', credentials.organization),
      'openai-project',
      credentials.project,
    );
  },
  rateLimitHeaders: openaiRateLimitHeaders,
};
