import { PolicyError } from '../errors.js';
import type { Provider } from '../providers/index.js';
import { defaultPolicy, definePolicy, type PolicyInput } from '../tables/define-policy.js';
import type { ModelLimit, Policy } from '../types.js';
import { checkDay, isoDay, positiveInt, record, statusOnShutdown, type Skipped } from './dates.js';

/** Where LiteLLM publishes its model table. */
export const LITELLM_SOURCE =
  'https://github.com/BerriAI/litellm/blob/main/model_prices_and_context_window.json';

/** LiteLLM's `litellm_provider` values that name a provider with a profile. */
const PROVIDER_OF: Readonly<Record<string, Provider>> = {
  anthropic: 'anthropic',
  openai: 'openai',
  azure: 'azure-openai',
};

/** The id prefixes LiteLLM puts before a provider's model ids in some keys. */
const PREFIX: Readonly<Record<Provider, string>> = {
  anthropic: 'anthropic/',
  openai: 'openai/',
  'azure-openai': 'azure/',
  'azure-quantum': '',
};

/** Ids a table record cannot hold (the schema drops them), refused here so nothing vanishes silently. */
const UNSAFE_IDS = new Set(['__proto__', 'constructor', 'prototype']);

/** LiteLLM modes whose limits are token limits of a text model. */
const TEXT_MODES = new Set(['chat', 'responses', 'completion']);

/** Options of {@link policyFromLiteLLM}. */
export interface LiteLLMOptions {
  /** Date (YYYY-MM-DD) the file was downloaded: each entry's `checkedAt`. */
  readonly checkedAt: string;
  /** Where the file came from. Default LiteLLM's file on GitHub. */
  readonly source?: string;
  /** Policy the entries are merged over. Default the built-in one; `null` for LiteLLM's alone. */
  readonly base?: Policy | null;
}

/** What {@link policyFromLiteLLM} built. */
export interface LiteLLMResult {
  /** `base` with LiteLLM's entries added or replacing those of the same id, validated. */
  readonly policy: Policy;
  /** The entries as `definePolicy` input, to save and review. */
  readonly overrides: PolicyInput;
  /** Keys that were not used, each with the reason. */
  readonly skipped: readonly Skipped[];
}

type Built = { readonly provider: Provider; readonly id: string; readonly model: ModelLimit };

function modelFrom(
  key: string,
  value: unknown,
  options: Required<Omit<LiteLLMOptions, 'base'>>,
): Built | string {
  const entry = record(value);
  if (entry === undefined) return 'not an object';
  const name = String(entry.litellm_provider);
  const provider = Object.hasOwn(PROVIDER_OF, name) ? PROVIDER_OF[name] : undefined;
  if (provider === undefined)
    return `litellm_provider ${JSON.stringify(entry.litellm_provider)} has no provider profile`;
  if (typeof entry.mode !== 'string' || !TEXT_MODES.has(entry.mode)) {
    return `mode ${JSON.stringify(entry.mode)} is not a text model`;
  }
  const id = key.startsWith(PREFIX[provider]) ? key.slice(PREFIX[provider].length) : key;
  if (id.length === 0 || id.includes('/')) return 'a region-, route- or deployment-specific key';
  if (UNSAFE_IDS.has(id)) return 'not a usable model id';
  const input = positiveInt(entry.max_input_tokens);
  const output = positiveInt(entry.max_output_tokens ?? entry.max_tokens);
  if (input === undefined) return 'no max_input_tokens';
  if (output === undefined) return 'no max_output_tokens or max_tokens';
  const model: ModelLimit = {
    contextWindow: input,
    maxOutputTokens: output,
    source: options.source,
    checkedAt: options.checkedAt,
    status: 'active',
    note: 'From LiteLLM’s model table: the context window is its max_input_tokens (a lower bound).',
  };
  if (entry.deprecation_date === undefined || entry.deprecation_date === null) return { provider, id, model };
  const day = isoDay(entry.deprecation_date);
  if (day === undefined) return `deprecation_date ${JSON.stringify(entry.deprecation_date)} is not a date`;
  return {
    provider,
    id,
    model: { ...model, status: statusOnShutdown(day, options.checkedAt), retiresAt: day },
  };
}

/**
 * Builds a validated policy from LiteLLM's `model_prices_and_context_window.json` (an object of
 * model key → `{ litellm_provider, mode, max_input_tokens, max_output_tokens, max_tokens,
 * deprecation_date, … }`), so the tables can be refreshed without a release. `anthropic`,
 * `openai` and `azure` (Azure OpenAI) text models are used; everything else is listed in
 * `skipped` with the reason. LiteLLM's `max_input_tokens` becomes the context window (for
 * models with a separate input ceiling that is lower than the real window: never larger), and
 * a `deprecation_date` makes the model `deprecated`, or `retired` when it is not after
 * `checkedAt`. A file that is not such an object throws `ERR_POLICY_INVALID_TABLE`.
 *
 * @example
 * ```ts
 * import { policyFromLiteLLM, preflight } from 'mamlkit/policy';
 * const { policy, skipped } = policyFromLiteLLM(JSON.parse(text), { checkedAt: '2026-12-05' });
 * preflight({ provider: 'openai', model: 'gpt-6-luna', inputTokens: 1000 }, policy);
 * ```
 */
export function policyFromLiteLLM(json: unknown, options: LiteLLMOptions): LiteLLMResult {
  const table = record(json);
  if (table === undefined) {
    throw new PolicyError(
      'ERR_POLICY_INVALID_TABLE',
      'a LiteLLM model table is a JSON object of model entries',
    );
  }
  const settings = { checkedAt: checkDay(options.checkedAt), source: options.source ?? LITELLM_SOURCE };
  const models = new Map<Provider, Map<string, ModelLimit>>();
  const from = new Map<string, string>();
  const skipped: Skipped[] = [];
  for (const [key, value] of Object.entries(table)) {
    const built = key === 'sample_spec' ? 'the format’s example entry' : modelFrom(key, value, settings);
    if (typeof built === 'string') {
      skipped.push({ id: key, reason: built });
      continue;
    }
    const slot = `${built.provider} ${built.id}`;
    const earlier = from.get(slot);
    if (earlier !== undefined) {
      skipped.push({
        id: key,
        reason: `names the same ${built.provider} model as ${JSON.stringify(earlier)}`,
      });
      continue;
    }
    from.set(slot, key);
    const own = models.get(built.provider) ?? new Map<string, ModelLimit>();
    models.set(built.provider, own.set(built.id, built.model));
  }
  const overrides: PolicyInput = {
    providers: Object.fromEntries(
      [...models].map(([provider, own]) => [provider, { models: Object.fromEntries(own) }]),
    ),
  };
  return {
    policy: definePolicy(overrides, options.base === undefined ? defaultPolicy : options.base),
    overrides,
    skipped,
  };
}
