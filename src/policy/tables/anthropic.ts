import type { ModelLimit, ProviderTable } from '../types.js';

const API_OVERVIEW = 'https://docs.claude.com/en/api/overview';
const BATCHES = 'https://docs.claude.com/en/docs/build-with-claude/batch-processing';
const FILES = 'https://docs.claude.com/en/docs/build-with-claude/files';
const MODELS = 'https://docs.claude.com/en/docs/about-claude/models/overview';
const CONTEXT_1M =
  '1M-token context window in beta (header `anthropic-beta: context-1m-2025-08-07`, higher usage tiers); override contextWindow to use it.';

function claude(maxOutputTokens: number, aliases: readonly string[], note?: string): ModelLimit {
  const base = { contextWindow: 200_000, maxOutputTokens, aliases, source: MODELS, asOf: '2025-10-20' };
  return note === undefined ? base : { ...base, note };
}

/** Anthropic (Claude API) limits. Request sizes are documented in decimal megabytes. */
export const anthropicTable: ProviderTable = {
  endpoints: {
    messages: {
      path: 'POST /v1/messages',
      maxBodyBytes: 32_000_000,
      source: API_OVERVIEW,
      asOf: '2025-10-01',
    },
    count_tokens: {
      path: 'POST /v1/messages/count_tokens',
      maxBodyBytes: 32_000_000,
      source: API_OVERVIEW,
      asOf: '2025-10-01',
    },
    message_batches: {
      path: 'POST /v1/messages/batches',
      maxBodyBytes: 256_000_000,
      maxRequests: 100_000,
      source: BATCHES,
      asOf: '2025-10-01',
    },
    files: {
      path: 'POST /v1/files',
      maxBodyBytes: 500_000_000,
      source: FILES,
      asOf: '2025-10-01',
      note: 'Files API is in beta (header `anthropic-beta: files-api-2025-04-14`).',
    },
  },
  models: {
    'claude-opus-4-1': claude(32_000, ['claude-opus-4-1-20250805']),
    'claude-opus-4': claude(32_000, ['claude-opus-4-20250514', 'claude-opus-4-0']),
    'claude-sonnet-4-5': claude(64_000, ['claude-sonnet-4-5-20250929'], CONTEXT_1M),
    'claude-sonnet-4': claude(64_000, ['claude-sonnet-4-20250514', 'claude-sonnet-4-0'], CONTEXT_1M),
    'claude-haiku-4-5': claude(64_000, ['claude-haiku-4-5-20251001']),
    'claude-3-7-sonnet': claude(
      64_000,
      ['claude-3-7-sonnet-20250219', 'claude-3-7-sonnet-latest'],
      '128k output in beta (header `anthropic-beta: output-128k-2025-02-19`).',
    ),
    'claude-3-5-haiku': claude(8_192, ['claude-3-5-haiku-20241022', 'claude-3-5-haiku-latest']),
  },
  targets: {},
};
