import { bearer, headerValue } from '../auth/credentials.js';
import { PolicyError } from '../errors.js';
import { withoutSchedule } from '../tables/schedule.js';
import type { ModelLimit, ProviderTable } from '../types.js';
import { OPENAI_ERRORS, openaiModels, openaiRateLimitHeaders } from './openai.js';
import type { ProviderProfile } from './profile.js';

const CHECKED = '2026-12-05';
const QUOTAS = 'https://learn.microsoft.com/en-us/azure/ai-foundry/openai/quotas-limits';
const RETIREMENTS = 'https://learn.microsoft.com/en-us/azure/ai-foundry/openai/concepts/model-retirements';
const SCHEDULE =
  'Azure’s own schedule, from its retirement table as last published 2025-12-16; Microsoft may move dates, region by region.';

/** An OpenAI model's limits with Azure's lifecycle for it. */
function onAzure(
  id: string,
  lifecycle: Pick<ModelLimit, 'status' | 'deprecatedAt' | 'retiresAt' | 'replacement'>,
): ModelLimit {
  const limits = openaiModels[id];
  if (limits === undefined) throw new PolicyError('ERR_POLICY_INVALID_TABLE', `no OpenAI limits for ${id}`);
  return {
    ...withoutSchedule(limits),
    ...lifecycle,
    source: RETIREMENTS,
    checkedAt: CHECKED,
    note: SCHEDULE,
  };
}

/**
 * Azure OpenAI models: OpenAI's limits, Azure's lifecycle. Only models whose Azure schedule was
 * found are listed; the gpt-5.x and gpt-6 deployments are not, since Azure's table for them was
 * not found on the check date.
 */
const azureModels: ProviderTable['models'] = {
  'gpt-5-mini': onAzure('gpt-5-mini', {
    status: 'deprecated',
    deprecatedAt: '2026-08-07',
    retiresAt: '2027-02-06',
  }),
  'gpt-5-nano': onAzure('gpt-5-nano', {
    status: 'deprecated',
    deprecatedAt: '2026-08-07',
    retiresAt: '2027-02-06',
  }),
  'gpt-4.1': onAzure('gpt-4.1', {
    status: 'retired',
    deprecatedAt: '2026-04-14',
    retiresAt: '2026-10-14',
    replacement: 'gpt-5',
  }),
  'gpt-4.1-mini': onAzure('gpt-4.1-mini', {
    status: 'retired',
    deprecatedAt: '2026-04-14',
    retiresAt: '2026-10-14',
    replacement: 'gpt-5-mini',
  }),
  'gpt-4.1-nano': onAzure('gpt-4.1-nano', {
    status: 'retired',
    deprecatedAt: '2026-04-14',
    retiresAt: '2026-10-14',
    replacement: 'gpt-5-nano',
  }),
  o3: onAzure('o3', { status: 'retired', deprecatedAt: '2026-04-16', retiresAt: '2026-10-16' }),
  'o4-mini': onAzure('o4-mini', { status: 'retired', deprecatedAt: '2026-04-16', retiresAt: '2026-10-16' }),
  'gpt-4o': onAzure('gpt-4o', {
    status: 'retired',
    deprecatedAt: '2025-11-20',
    retiresAt: '2026-06-05',
    replacement: 'gpt-5.1',
  }),
  'gpt-4o-mini': onAzure('gpt-4o-mini', {
    status: 'retired',
    deprecatedAt: '2025-07-18',
    retiresAt: '2026-03-31',
    replacement: 'gpt-4.1-mini',
  }),
};

/**
 * Azure OpenAI. Rate limits are a per-deployment TPM quota chosen in the portal, so they are not
 * in the table: read them from the response headers. Models are named by their OpenAI model id
 * (not the deployment name), with OpenAI's limits and Azure's own lifecycle.
 */
export const azureOpenai: ProviderProfile = {
  id: 'azure-openai',
  title: 'Azure OpenAI',
  about:
    'Models are named by their OpenAI model id (not the deployment name), with OpenAI’s limits and Azure’s own retirement schedule (as last published 2025-12-16; Azure’s schedule for gpt-5.x and gpt-6 deployments was not found). Rate limits are each deployment’s TPM quota, set in the portal: read them from the headers.',
  tokenizer: 'o200k_base',
  errors: OPENAI_ERRORS,
  table: {
    endpoints: {
      chat_completions: {
        path: 'POST /openai/deployments/{deployment}/chat/completions',
        source: QUOTAS,
        checkedAt: CHECKED,
        status: 'active',
        note: 'No request-body limit in bytes is documented. Per request: at most 2,048 messages, 128 tools, 50 images (GPT-4o, GPT-4.1), 1,048,576 characters per message, 20 MB per audio file, 10 custom headers (more: 431).',
      },
      batch: {
        path: 'POST /openai/batches (input file)',
        maxBodyBytes: 200_000_000,
        maxRequests: 100_000,
        source: QUOTAS,
        checkedAt: CHECKED,
        status: 'active',
        note: 'Global Batch: at most 500 input files per resource. The batch REST reference states 50,000 requests per file.',
      },
      files: {
        path: 'POST /openai/files',
        maxBodyBytes: 512_000_000,
        source: QUOTAS,
        checkedAt: CHECKED,
        status: 'active',
        note: '200 MB through the Foundry portal.',
      },
    },
    models: azureModels,
    targets: {},
  },
  authHeaders(credentials) {
    return credentials.apiKey !== undefined
      ? { 'api-key': headerValue('apiKey', credentials.apiKey) }
      : bearer('bearerToken', credentials.bearerToken);
  },
  rateLimitHeaders: openaiRateLimitHeaders,
};
