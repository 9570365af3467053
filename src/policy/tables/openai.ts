import type { ModelLimit, ProviderTable } from '../types.js';

const BATCH = 'https://platform.openai.com/docs/guides/batch';
const FILES = 'https://platform.openai.com/docs/api-reference/files/create';
const NO_BODY_LIMIT = 'No request-body limit is documented; the model limits apply.';

function gpt(
  id: string,
  contextWindow: number,
  maxOutputTokens: number,
  aliases: readonly string[],
  maxInputTokens?: number,
): ModelLimit {
  const base = {
    contextWindow,
    maxOutputTokens,
    aliases,
    source: `https://platform.openai.com/docs/models/${id}`,
    asOf: '2025-09-01',
  };
  return maxInputTokens === undefined ? base : { ...base, maxInputTokens };
}

/** OpenAI model limits; Azure OpenAI deployments of the same model share them. */
export const openaiModels: ProviderTable['models'] = {
  'gpt-4o': gpt('gpt-4o', 128_000, 16_384, ['gpt-4o-2024-08-06', 'gpt-4o-2024-11-20']),
  'gpt-4o-mini': gpt('gpt-4o-mini', 128_000, 16_384, ['gpt-4o-mini-2024-07-18']),
  'gpt-4.1': gpt('gpt-4.1', 1_047_576, 32_768, ['gpt-4.1-2025-04-14']),
  'gpt-4.1-mini': gpt('gpt-4.1-mini', 1_047_576, 32_768, ['gpt-4.1-mini-2025-04-14']),
  'gpt-4.1-nano': gpt('gpt-4.1-nano', 1_047_576, 32_768, ['gpt-4.1-nano-2025-04-14']),
  'gpt-5': gpt('gpt-5', 400_000, 128_000, ['gpt-5-2025-08-07'], 272_000),
  'gpt-5-mini': gpt('gpt-5-mini', 400_000, 128_000, ['gpt-5-mini-2025-08-07'], 272_000),
  'gpt-5-nano': gpt('gpt-5-nano', 400_000, 128_000, ['gpt-5-nano-2025-08-07'], 272_000),
  o3: gpt('o3', 200_000, 100_000, ['o3-2025-04-16']),
  'o4-mini': gpt('o4-mini', 200_000, 100_000, ['o4-mini-2025-04-16']),
};

/** OpenAI API limits. */
export const openaiTable: ProviderTable = {
  endpoints: {
    chat_completions: {
      path: 'POST /v1/chat/completions',
      source: 'https://platform.openai.com/docs/api-reference/chat/create',
      asOf: '2025-09-01',
      note: NO_BODY_LIMIT,
    },
    responses: {
      path: 'POST /v1/responses',
      source: 'https://platform.openai.com/docs/api-reference/responses/create',
      asOf: '2025-09-01',
      note: NO_BODY_LIMIT,
    },
    batch: {
      path: 'POST /v1/batches (input file)',
      maxBodyBytes: 200_000_000,
      maxRequests: 50_000,
      source: BATCH,
      asOf: '2025-09-01',
    },
    files: {
      path: 'POST /v1/files',
      maxBodyBytes: 512_000_000,
      source: FILES,
      asOf: '2025-09-01',
      note: 'Larger files go through the Uploads API in parts.',
    },
  },
  models: openaiModels,
  targets: {},
};
