import { headerValue, withOptional } from '../auth/credentials.js';
import { windowNames } from '../headers/names.js';
import type { ModelLimit, Sourced } from '../types.js';
import type { ProviderErrorNames, ProviderProfile } from './profile.js';

const CHECKED = '2026-12-05';
const API_OVERVIEW = 'https://docs.anthropic.com/en/api/overview';
const BATCHES = 'https://platform.claude.com/docs/en/build-with-claude/batch-processing';
const MODELS = 'https://platform.claude.com/docs/about-claude/models/overview';
const DEPRECATIONS = 'https://platform.claude.com/docs/en/about-claude/model-deprecations';
const RELEASE_NOTES = 'https://platform.claude.com/docs/en/release-notes/overview';
const model = (id: string): string => `https://platform.claude.com/docs/en/models/${id}/overview`;

/** Limits of a current (1M-token, 128K-output) Claude model. */
function claude5(facts: Omit<Sourced, 'checkedAt'>, aliases: readonly string[] = []): ModelLimit {
  const base = { contextWindow: 1_000_000, maxOutputTokens: 128_000, ...facts, checkedAt: CHECKED };
  return aliases.length === 0 ? base : { ...base, aliases };
}

/** A retired Claude model, kept so that asking for it names the retirement instead of "unknown". */
function retired(
  maxOutputTokens: number,
  aliases: readonly string[],
  dates: { readonly retiresAt: string; readonly deprecatedAt?: string; readonly replacement?: string },
  source: string,
): ModelLimit {
  return {
    contextWindow: 200_000,
    maxOutputTokens,
    aliases,
    source,
    checkedAt: CHECKED,
    status: 'retired',
    ...dates,
    tokenizer: 'claude',
  };
}

const anthropicWindow = (dimension: string): readonly [string, string, string] =>
  windowNames((field) => `anthropic-ratelimit-${dimension}-${field}`);

/**
 * Anthropic (Claude API). Request sizes are documented in decimal megabytes. Models from Claude
 * Opus 4.7 on count tokens with the tokenizer introduced then (`claude-2026`); older ones with
 * `claude`. Read it through the registry: `providerProfile('anthropic')`.
 */
/**
 * Anthropic's error types (checked 2026-12-05): those of
 * https://platform.claude.com/docs/en/api/errors and of `ErrorType` in
 * anthropic-sdk-typescript 0.120.0 (`src/resources/shared.ts`), and
 * `enforced_spend_limit_reached`, which https://platform.claude.com/docs/en/api/rate-limits
 * documents as a 429 `rate_limit_error` with `error.details.error_code` set to it and no
 * `retry-after`: the organization's monthly spend cap, lifted on the first of the next month.
 */
const ANTHROPIC_ERRORS: ProviderErrorNames = {
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
};

export const anthropic: ProviderProfile = {
  id: 'anthropic',
  title: 'Anthropic',
  tokenizer: 'claude-2026',
  errors: ANTHROPIC_ERRORS,
  table: {
    endpoints: {
      messages: {
        path: 'POST /v1/messages',
        maxBodyBytes: 32_000_000,
        source: API_OVERVIEW,
        checkedAt: CHECKED,
        status: 'active',
      },
      count_tokens: {
        path: 'POST /v1/messages/count_tokens',
        maxBodyBytes: 32_000_000,
        source: API_OVERVIEW,
        checkedAt: CHECKED,
        status: 'active',
      },
      message_batches: {
        path: 'POST /v1/messages/batches',
        maxBodyBytes: 256_000_000,
        maxRequests: 100_000,
        source: BATCHES,
        checkedAt: CHECKED,
        status: 'active',
      },
      files: {
        path: 'POST /v1/files',
        maxBodyBytes: 500_000_000,
        source: API_OVERVIEW,
        checkedAt: CHECKED,
        status: 'active',
        note: 'Files API is in beta (header `anthropic-beta: files-api-2025-04-14`).',
      },
    },
    models: {
      'claude-fable-5-2': claude5({
        source: 'https://platform.claude.com/docs/id/models/sonnet-5/overview',
        status: 'active',
        note: 'Read from the current-lineup table of another model’s page; its own overview page was not found.',
      }),
      'claude-fable-5-1': claude5({ source: MODELS, status: 'active' }),
      'claude-opus-5-5': claude5({ source: model('opus-5-5'), status: 'active' }),
      'claude-sonnet-5-5': claude5({ source: MODELS, status: 'active' }),
      'claude-haiku-5-5': claude5({ source: model('haiku-5-5'), status: 'active' }),
      'claude-fable-5': claude5({ source: model('fable-5'), status: 'legacy' }),
      'claude-opus-5': claude5({ source: model('opus-5'), status: 'legacy' }),
      'claude-sonnet-5': claude5({ source: model('sonnet-5'), status: 'legacy' }),
      'claude-haiku-4-5': {
        contextWindow: 200_000,
        maxOutputTokens: 64_000,
        aliases: ['claude-haiku-4-5-20251001'],
        source: MODELS,
        checkedAt: CHECKED,
        status: 'legacy',
        tokenizer: 'claude',
        note: 'Its deprecation state could not be read from the deprecations page on the check date.',
      },
      'claude-sonnet-4-5': retired(
        64_000,
        ['claude-sonnet-4-5-20250929'],
        { retiresAt: '2026-11-30', replacement: 'claude-sonnet-5-5' },
        model('sonnet-4-5'),
      ),
      'claude-opus-4-1': retired(
        32_000,
        ['claude-opus-4-1-20250805'],
        { deprecatedAt: '2026-06-05', retiresAt: '2026-08-05' },
        DEPRECATIONS,
      ),
      'claude-opus-4': retired(
        32_000,
        ['claude-opus-4-20250514', 'claude-opus-4-0'],
        { retiresAt: '2026-06-15', replacement: 'claude-opus-4-8' },
        RELEASE_NOTES,
      ),
      'claude-sonnet-4': retired(
        64_000,
        ['claude-sonnet-4-20250514', 'claude-sonnet-4-0'],
        { retiresAt: '2026-06-15', replacement: 'claude-sonnet-4-6' },
        RELEASE_NOTES,
      ),
      'claude-3-7-sonnet': retired(
        64_000,
        ['claude-3-7-sonnet-20250219', 'claude-3-7-sonnet-latest'],
        { retiresAt: '2026-02-19' },
        DEPRECATIONS,
      ),
      'claude-3-5-haiku': retired(
        8_192,
        ['claude-3-5-haiku-20241022', 'claude-3-5-haiku-latest'],
        { retiresAt: '2026-02-19' },
        DEPRECATIONS,
      ),
    },
    targets: {},
  },
  authHeaders(credentials) {
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
  },
  rateLimitHeaders: {
    windows: {
      requests: anthropicWindow('requests'),
      tokens: anthropicWindow('tokens'),
      inputTokens: anthropicWindow('input-tokens'),
      outputTokens: anthropicWindow('output-tokens'),
    },
    reset: 'rfc3339',
  },
};
