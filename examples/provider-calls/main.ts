/**
 * Provider calls with mamlkit in charge of limits and retries.
 *
 *     npx tsx examples/provider-calls/main.ts
 *
 * Without API keys it talks to a local stand-in (fake-provider.ts) that first refuses with the
 * providers' real 529 / 429 / 413 / quota answers. With ANTHROPIC_API_KEY and OPENAI_API_KEY set,
 * it makes real calls to both APIs, with fetch and with each official SDK, and to Azure OpenAI
 * when AZURE_OPENAI_API_KEY and AZURE_OPENAI_DEPLOYMENT_URL
 * (`https://<resource>.openai.azure.com/openai/deployments/<deployment>`) are set too.
 */
import { startFakeProvider } from './fake-provider.js';
import { createGuard, type CallResult } from './guarded-call.js';
import { askWithFetch, type ChatRequest, type Refused } from './with-fetch.js';
import { askAnthropicSdk, askOpenAISdk, sdkClients } from './with-sdk.js';

const anthropicKey = process.env.ANTHROPIC_API_KEY;
const openaiKey = process.env.OPENAI_API_KEY;
const fake = anthropicKey !== undefined && openaiKey !== undefined ? undefined : await startFakeProvider();

const anthropicURL = fake?.url ?? 'https://api.anthropic.com';
const openaiURL = fake === undefined ? 'https://api.openai.com/v1' : `${fake.url}/v1`;
const clients = sdkClients({
  anthropicKey: anthropicKey ?? 'local-key',
  openaiKey: openaiKey ?? 'local-key',
  anthropicURL,
  openaiURL,
});
// One guard per provider: its limiter state outlives single calls. Put in your tier's limits.
const anthropic = {
  apiKey: anthropicKey ?? 'local-key',
  baseURL: anthropicURL,
  guard: createGuard('anthropic', { requestsPerMinute: 50, inputTokensPerMinute: 30_000 }),
};
const openai = {
  apiKey: openaiKey ?? 'local-key',
  baseURL: openaiURL,
  guard: createGuard('openai', { requestsPerMinute: 60, tokensPerMinute: 150_000 }),
};

const azureURL =
  fake === undefined ? process.env.AZURE_OPENAI_DEPLOYMENT_URL : `${fake.url}/openai/deployments/gpt-5-mini`;
const azure = {
  apiKey: process.env.AZURE_OPENAI_API_KEY ?? 'local-key',
  baseURL: azureURL ?? '',
  guard: createGuard('azure-openai', { requestsPerMinute: 60, tokensPerMinute: 150_000 }),
};

const claude: ChatRequest = {
  model: 'claude-haiku-4-5',
  prompt: 'Say hello in five words.',
  maxTokens: 'concise',
};
const gpt: ChatRequest = { model: 'gpt-5-mini', prompt: 'Say hello in five words.', maxTokens: 'concise' };

type Fault = Parameters<NonNullable<typeof fake>['script']>[1];
type Provider = Parameters<NonNullable<typeof fake>['script']>[0];
const calls: [string, Provider, Fault[], () => Promise<CallResult<string> | Refused>][] = [
  [
    'Anthropic with fetch',
    'anthropic',
    ['overloaded', 'rate_limited'],
    () => askWithFetch('anthropic', claude, anthropic),
  ],
  [
    'Anthropic with the SDK',
    'anthropic',
    ['too_large'],
    () => askAnthropicSdk(claude, clients.anthropic, anthropic.guard),
  ],
  ['OpenAI with fetch', 'openai', ['rate_limited'], () => askWithFetch('openai', gpt, openai)],
  [
    'OpenAI with the SDK',
    'openai',
    ['quota_exhausted'],
    () => askOpenAISdk(gpt, clients.openai, openai.guard),
  ],
  [
    'Azure OpenAI with fetch',
    'azure-openai',
    ['rate_limited'],
    () => askWithFetch('azure-openai', gpt, azure),
  ],
  [
    'Anthropic, max_tokens 100000',
    'anthropic',
    [],
    () => askWithFetch('anthropic', { ...claude, maxTokens: 100_000 }, anthropic),
  ],
];

function describe(result: CallResult<string> | Refused): string {
  if (result.ok) return `"${result.value}" after ${result.attempts} attempt(s)`;
  if (result.kind === 'preflight') return `refused before sending: ${result.violations[0]?.message ?? ''}`;
  return `gave up: ${result.kind} (HTTP ${result.status}) after ${result.attempts} attempt(s): ${result.reason}`;
}

console.log(fake === undefined ? 'Calling the real APIs:' : `Calling the local stand-in at ${fake.url}:`);
for (const [label, provider, faults, call] of calls) {
  if (provider === 'azure-openai' && azureURL === undefined) continue;
  // The stand-in first answers with these faults, as the real API would under load.
  fake?.script(provider, ...faults);
  const scenario =
    fake === undefined || faults.length === 0 ? '' : ` [stand-in answers ${faults.join(', ')} first]`;
  const started = Date.now();
  const result = await call();
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  console.log(`  ${label}${scenario}: ${describe(result)} (${seconds} s)`);
}
await fake?.close();
