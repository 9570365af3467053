import type { ProviderTable } from '../types.js';
import { openaiModels } from './openai.js';

const QUOTAS = 'https://learn.microsoft.com/en-us/azure/ai-foundry/openai/quotas-limits';

/**
 * Azure OpenAI limits. Rate limits are a per-deployment TPM quota chosen in the portal, so they
 * are not in this table: read them from the response headers. Models are named by their
 * OpenAI model id (not the deployment name) and share OpenAI's limits.
 */
export const azureOpenaiTable: ProviderTable = {
  endpoints: {
    chat_completions: {
      path: 'POST /openai/deployments/{deployment}/chat/completions',
      source: QUOTAS,
      asOf: '2025-09-01',
      note: 'No request-body limit in bytes is documented; the model limits and the deployment TPM quota apply.',
    },
    batch: {
      path: 'POST /openai/batches (input file)',
      maxBodyBytes: 200_000_000,
      maxRequests: 100_000,
      source: QUOTAS,
      asOf: '2025-09-01',
    },
    files: {
      path: 'POST /openai/files',
      maxBodyBytes: 512_000_000,
      source: QUOTAS,
      asOf: '2025-09-01',
    },
  },
  models: openaiModels,
  targets: {},
};
