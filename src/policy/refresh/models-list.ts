import { PolicyError } from '../errors.js';
import type { Provider } from '../providers/index.js';
import { defaultPolicy, type PolicyInput } from '../tables/define-policy.js';
import { findModel, providerTable } from '../tables/lookup.js';
import { withoutSchedule } from '../tables/schedule.js';
import type { ModelLimit, Policy } from '../types.js';
import { checkDay, isoDay, positiveInt, record, statusOnShutdown, type Skipped } from './dates.js';

/** Options of {@link lifecycleFromModelsList}. */
export interface ModelsListOptions {
  /** Date (YYYY-MM-DD) the list was fetched: `checkedAt` of what it changes. */
  readonly checkedAt: string;
  /** Policy whose entries are updated. Default the built-in one. */
  readonly policy?: Policy;
}

/** What {@link lifecycleFromModelsList} found. */
export interface ModelsListResult {
  /** Updated entries (and, from Anthropic's list, new ones) as `definePolicy` input. */
  readonly overrides: PolicyInput;
  /** Listed models the policy does not know and the list gives no limits for. */
  readonly unknown: readonly string[];
  /** Models of the policy (not retired) that the list does not name: not available to this key, or gone. */
  readonly notListed: readonly string[];
  /** List items that could not be read, each with the reason. */
  readonly skipped: readonly Skipped[];
}

type Change = ModelLimit | string | undefined;

/** The `source` and `checkedAt` of what a list changes. */
type Checked = Pick<ModelLimit, 'source' | 'checkedAt'>;

/** OpenAI (and Azure OpenAI) `{ id, object: 'model', shutdown_date? }`. */
function fromOpenAI(
  item: Readonly<Record<string, unknown>>,
  known: ModelLimit | undefined,
  base: Checked,
): Change {
  if (known === undefined) return undefined;
  const shutdown = item.shutdown_date;
  if (shutdown === undefined || shutdown === null) {
    if (known.status !== 'deprecated' && known.status !== 'retired') return known;
    return { ...withoutSchedule({ ...known, ...base }), status: 'active' };
  }
  const day = isoDay(shutdown);
  if (day === undefined) return `shutdown_date ${JSON.stringify(shutdown)} is not a date`;
  return { ...known, ...base, status: statusOnShutdown(day, base.checkedAt), retiresAt: day };
}

/** Anthropic `{ id, type: 'model', lifecycle, deprecated_at, retires_at, max_input_tokens, max_tokens }`. */
function fromAnthropic(
  item: Readonly<Record<string, unknown>>,
  known: ModelLimit | undefined,
  base: Checked,
): Change {
  const lifecycle = item.lifecycle;
  if (lifecycle !== 'active' && lifecycle !== 'deprecated' && lifecycle !== 'retired') {
    return `lifecycle ${JSON.stringify(lifecycle)} is not active, deprecated or retired`;
  }
  const contextWindow = positiveInt(item.max_input_tokens) ?? known?.contextWindow;
  const maxOutputTokens = positiveInt(item.max_tokens) ?? known?.maxOutputTokens;
  if (contextWindow === undefined || maxOutputTokens === undefined) return undefined;
  const status = lifecycle === 'active' && known?.status === 'legacy' ? 'legacy' : lifecycle;
  const merged: ModelLimit = { ...known, ...base, contextWindow, maxOutputTokens, status };
  const out: { -readonly [K in keyof ModelLimit]: ModelLimit[K] } = withoutSchedule(merged);
  if (lifecycle === 'active') return out;
  const deprecatedAt = isoDay(item.deprecated_at);
  const retiresAt = isoDay(item.retires_at);
  if (deprecatedAt !== undefined) out.deprecatedAt = deprecatedAt;
  if (retiresAt !== undefined) out.retiresAt = retiresAt;
  return out;
}

const OPENAI_LIST = { marker: 'object', name: 'OpenAI', read: fromOpenAI } as const;

/** Each provider's models list: its documentation (the `source` of what it changes), item marker and reader. */
const LISTS: Readonly<
  Partial<
    Record<
      Provider,
      {
        readonly source: string;
        readonly marker: 'type' | 'object';
        readonly name: string;
        readonly read: typeof fromOpenAI;
      }
    >
  >
> = {
  anthropic: {
    source: 'https://platform.claude.com/docs/en/api/models/list',
    marker: 'type',
    name: 'Anthropic',
    read: fromAnthropic,
  },
  openai: {
    source: 'https://developers.openai.com/api/reference/resources/models/methods/list',
    ...OPENAI_LIST,
  },
  'azure-openai': {
    source: 'https://learn.microsoft.com/en-us/azure/foundry/reference/rest/open-ai-models-list-models',
    ...OPENAI_LIST,
  },
};

/**
 * Turns a provider's own models list into lifecycle overrides for `definePolicy`: OpenAI's (and
 * Azure OpenAI's) `GET /v1/models` (`shutdown_date` makes a model `deprecated`, or `retired` when
 * it is not after `checkedAt`), or Anthropic's `GET /v1/models` (`lifecycle`, `deprecated_at`,
 * `retires_at`, and `max_input_tokens` / `max_tokens`, so models new to the policy are added).
 * Pure: pass the parsed JSON of a saved response (`{ data: [...] }` or the array). Models the
 * list leaves out are reported in `notListed`, never assumed retired; an entry named by an
 * alias is left to its main id.
 *
 * @example
 * ```ts
 * import { definePolicy, lifecycleFromModelsList } from 'mamlkit/policy';
 * const list = await (await fetch('https://api.openai.com/v1/models', { headers })).json();
 * const { overrides } = lifecycleFromModelsList('openai', list, { checkedAt: '2026-12-05' });
 * const policy = definePolicy(overrides);
 * ```
 */
export function lifecycleFromModelsList(
  provider: Provider,
  json: unknown,
  options: ModelsListOptions,
): ModelsListResult {
  const policy = options.policy ?? defaultPolicy;
  const models = providerTable(policy, provider).models;
  const list = Object.hasOwn(LISTS, provider) ? LISTS[provider] : undefined;
  const items = Array.isArray(json) ? json : record(json)?.data;
  if (list === undefined || !Array.isArray(items)) {
    throw new PolicyError(
      'ERR_POLICY_INVALID_TABLE',
      list === undefined
        ? `${provider} publishes no models list`
        : 'a models list is a JSON object with a data array (or the array itself)',
    );
  }
  const base: Checked = { source: list.source, checkedAt: checkDay(options.checkedAt) };
  const changes = new Map<string, ModelLimit>();
  const seen = new Set<string>();
  const unknown: string[] = [];
  const skipped: Skipped[] = [];
  items.forEach((value: unknown, index) => {
    const item = record(value);
    const id = item?.id;
    if (item === undefined || typeof id !== 'string' || id.length === 0) {
      skipped.push({ id: `data[${index}]`, reason: 'not a model object with an id' });
      return;
    }
    const main = findModel(policy, provider, id);
    if (main !== undefined && main.id !== id) {
      seen.add(main.id);
      skipped.push({ id, reason: `an alias of ${main.id}, whose own entry carries the lifecycle` });
      return;
    }
    seen.add(id);
    const known = Object.hasOwn(models, id) ? models[id] : undefined;
    const change =
      item[list.marker] === 'model' ? list.read(item, known, base) : `not an ${list.name} model object`;
    if (typeof change === 'string') skipped.push({ id, reason: change });
    else if (change === undefined) unknown.push(id);
    else if (change !== known) changes.set(id, change);
  });
  const notListed = Object.entries(models)
    .filter(([id, m]) => m.status !== 'retired' && !seen.has(id))
    .map(([id]) => id);
  const overrides: PolicyInput = { providers: { [provider]: { models: Object.fromEntries(changes) } } };
  return { overrides, unknown, notListed, skipped };
}
