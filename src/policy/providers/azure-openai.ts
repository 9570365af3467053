import { bearer, headerValue } from '../auth/credentials.js';
import { openaiModels, openaiRateLimitHeaders } from './openai.js';
import type { ProviderProfile } from './profile.js';

const CHECKED = '2026-12-05';
const QUOTAS = 'https://learn.microsoft.com/en-us/azure/ai-foundry/openai/quotas-limits';

/**
 * Azure OpenAI. Rate limits are a per-deployment TPM quota chosen in the portal, so they are not
 * in the table: read them from the response headers. Models are named by their OpenAI model id
 * (not the deployment name) and share OpenAI's limits and lifecycle.
 */
export const azureOpenai: ProviderProfile = {
  id: 'azure-openai',
  title: 'Azure OpenAI',
  about:
    'Models are named by their OpenAI model id (not the deployment name) and share OpenAI’s limits. Rate limits are each deployment’s TPM quota, set in the portal: read them from the headers.',
  tokenizer: 'o200k_base',
  table: {
    endpoints: {
      chat_completions: {
        path: 'POST /openai/deployments/{deployment}/chat/completions',
        source: QUOTAS,
        checkedAt: CHECKED,
        status: 'active',
        note: 'No request-body limit in bytes is documented; the model limits and the deployment TPM quota apply.',
      },
      batch: {
        path: 'POST /openai/batches (input file)',
        maxBodyBytes: 200_000_000,
        maxRequests: 100_000,
        source: QUOTAS,
        checkedAt: CHECKED,
        status: 'active',
      },
      files: {
        path: 'POST /openai/files',
        maxBodyBytes: 512_000_000,
        source: QUOTAS,
        checkedAt: CHECKED,
        status: 'active',
      },
    },
    models: openaiModels,
    targets: {},
  },
  authHeaders(credentials) {
    return credentials.apiKey !== undefined
      ? { 'api-key': headerValue('apiKey', credentials.apiKey) }
      : bearer('bearerToken', credentials.bearerToken);
  },
  rateLimitHeaders: openaiRateLimitHeaders,
};
