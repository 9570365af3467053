import { stat } from 'node:fs/promises';
import {
  defaultPolicy,
  definePolicy,
  lifecycleFromModelsList,
  policyFromLiteLLM,
  PROVIDERS,
  type ModelsListResult,
  type Policy,
  type PolicyInput,
  type Provider,
} from 'mamlkit/policy';
import { stringOption, type OptionSpec, type OptionValues } from './command.js';
import { asUsageError, usageError } from './errors.js';
import { displayName, readLimitedText, sourceName, STDIO } from './io.js';

/** `--policy FILE`: JSON overrides merged over the built-in tables, or LiteLLM's model table. */
export const POLICY_OPTION: OptionSpec = {
  type: 'string',
  value: 'FILE',
  description:
    'JSON overrides merged over the built-in tables (definePolicy input), or LiteLLM’s model_prices_and_context_window.json',
};

/** Policy files are small; LiteLLM's whole model table is a few megabytes. */
const MAX_POLICY_FILE_BYTES = 16 * 1024 * 1024;

/** Keys of a `definePolicy` input. */
const POLICY_INPUT_KEYS = new Set(['providers', 'profiles']);

async function readJson(path: string, source: string): Promise<unknown> {
  const text = await readLimitedText(path, MAX_POLICY_FILE_BYTES, source);
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw usageError(`${sourceName(source, path)} is not valid JSON`);
  }
}

/** The day (YYYY-MM-DD) a file was last written, or today for standard input: when its data was fetched. */
async function fileDay(path: string): Promise<string> {
  const when = path === STDIO ? new Date() : (await stat(path)).mtime;
  return when.toISOString().slice(0, 10);
}

/**
 * Whether `json` is LiteLLM's model table: keys other than a policy input's, and at least one
 * entry with `litellm_provider`. Anything else is read as `definePolicy` input (and refused by
 * its schema if it is neither).
 */
function isLiteLLMTable(json: unknown): boolean {
  if (typeof json !== 'object' || json === null || Array.isArray(json)) return false;
  const entries = Object.entries(json);
  return (
    entries.some(([key]) => !POLICY_INPUT_KEYS.has(key)) &&
    entries.some(([, value]) => typeof value === 'object' && value !== null && 'litellm_provider' in value)
  );
}

/**
 * The built-in policy, or the built-in one with the `--policy` file applied: `definePolicy`
 * overrides, or LiteLLM's model table (its skipped entries counted on standard error).
 */
export async function loadPolicy(options: OptionValues): Promise<Policy> {
  const path = stringOption(options, 'policy');
  if (path === undefined) return defaultPolicy;
  const json = await readJson(path, '--policy');
  const name = displayName(path);
  if (!isLiteLLMTable(json)) return asUsageError(name, () => definePolicy(json as PolicyInput));
  const checkedAt = await fileDay(path);
  const { policy, skipped } = asUsageError(name, () => policyFromLiteLLM(json, { checkedAt }));
  if (skipped.length > 0) {
    process.stderr.write(
      `${name}: LiteLLM model table of ${checkedAt}; ${skipped.length} entries skipped (not Anthropic, OpenAI or Azure OpenAI text models, or without token limits)\n`,
    );
  }
  return policy;
}

/** What `--refresh-from` applied: the provider, the date of the list and what it found. */
export interface Refresh extends ModelsListResult {
  readonly provider: Provider;
  readonly checkedAt: string;
  readonly policy: Policy;
}

/**
 * Applies a saved models list (`GET /v1/models` of OpenAI, Azure OpenAI or Anthropic) to
 * `policy` as lifecycle overrides. The provider is `provider` when given, else read from the
 * list's shape (Anthropic items have `type: 'model'`, OpenAI items `object: 'model'`).
 */
export async function refreshFromModelsList(
  path: string,
  policy: Policy,
  provider?: Provider,
): Promise<Refresh> {
  const json = await readJson(path, '--refresh-from');
  const name = displayName(path);
  const from = provider ?? listProvider(json);
  if (from === undefined)
    throw usageError(`${name}: not a models list of Anthropic or OpenAI; name the provider`);
  const checkedAt = await fileDay(path);
  return asUsageError(name, () => {
    const found = lifecycleFromModelsList(from, json, { checkedAt, policy });
    return { ...found, provider: from, checkedAt, policy: definePolicy(found.overrides, policy) };
  });
}

function listProvider(json: unknown): Provider | undefined {
  const items = Array.isArray(json) ? json : (json as { data?: unknown } | null)?.data;
  const first: unknown = Array.isArray(items) ? items[0] : undefined;
  if (typeof first !== 'object' || first === null) return undefined;
  if ('type' in first && first.type === 'model') return 'anthropic';
  if ('object' in first && first.object === 'model') return 'openai';
  return undefined;
}

/** Checks a provider name given on the command line. */
export function providerArgument(name: string): Provider {
  if (!PROVIDERS.includes(name as Provider)) {
    throw usageError(`unknown provider '${name}'; known: ${PROVIDERS.join(', ')}`);
  }
  return name as Provider;
}

/** A count for people: `32,000,000`. */
export function formatCount(value: number): string {
  return value.toLocaleString('en-US');
}
