import { PolicyError } from '../errors.js';
import {
  PROVIDERS,
  type EndpointLimit,
  type ModelLimit,
  type Policy,
  type Provider,
  type ProviderTable,
  type QuantumTarget,
} from '../types.js';

const aliasIndexes = new WeakMap<ProviderTable['models'], ReadonlyMap<string, string>>();

function knownList(ids: readonly string[]): string {
  return ids.length === 0 ? '(none)' : ids.join(', ');
}

/** The typed error for a provider that is not one of {@link PROVIDERS}. */
export function unknownProvider(provider: unknown): PolicyError {
  return new PolicyError(
    'ERR_POLICY_UNKNOWN_PROVIDER',
    `unknown provider ${JSON.stringify(String(provider))}; known: ${knownList(PROVIDERS)}`,
  );
}

/**
 * The tables of `provider` in `policy`; throws `ERR_POLICY_UNKNOWN_PROVIDER` listing the known ones.
 *
 * @example
 * ```ts
 * import { defaultPolicy, providerTable } from 'mamlkit/policy';
 * Object.keys(providerTable(defaultPolicy, 'openai').models);
 * ```
 */
export function providerTable(policy: Policy, provider: Provider): ProviderTable {
  const table = Object.hasOwn(policy.providers, provider) ? policy.providers[provider] : undefined;
  if (table === undefined) throw unknownProvider(provider);
  return table;
}

function aliasIndex(models: ProviderTable['models']): ReadonlyMap<string, string> {
  let index = aliasIndexes.get(models);
  if (index === undefined) {
    const map = new Map<string, string>();
    for (const [id, model] of Object.entries(models)) {
      for (const alias of model.aliases ?? []) map.set(alias, id);
    }
    index = map;
    aliasIndexes.set(models, index);
  }
  return index;
}

/** A table entry together with the id it is filed under. */
export type Entry<T> = T & { readonly id: string };

/**
 * The limits of `model` (an id or one of its aliases, such as a dated snapshot), or `undefined`
 * when the table does not know it.
 *
 * @example
 * ```ts
 * import { defaultPolicy, findModel } from 'mamlkit/policy';
 * findModel(defaultPolicy, 'anthropic', 'claude-sonnet-4-5-20250929')?.maxOutputTokens; // 64000
 * ```
 */
export function findModel(policy: Policy, provider: Provider, model: string): Entry<ModelLimit> | undefined {
  const models = providerTable(policy, provider).models;
  const id = Object.hasOwn(models, model) ? model : aliasIndex(models).get(model);
  const entry = id === undefined ? undefined : models[id];
  return entry === undefined || id === undefined ? undefined : { ...entry, id };
}

/**
 * Like {@link findModel} but throws `ERR_POLICY_UNKNOWN_MODEL` listing the known models.
 *
 * @example
 * ```ts
 * import { defaultPolicy, getModel } from 'mamlkit/policy';
 * getModel(defaultPolicy, 'openai', 'gpt-4.1').contextWindow; // 1047576
 * ```
 */
export function getModel(policy: Policy, provider: Provider, model: string): Entry<ModelLimit> {
  const found = findModel(policy, provider, model);
  if (found !== undefined) return found;
  const known = Object.keys(providerTable(policy, provider).models);
  throw new PolicyError(
    'ERR_POLICY_UNKNOWN_MODEL',
    `no limits known for ${provider} model ${JSON.stringify(model)}; known: ${knownList(known)}`,
  );
}

/**
 * The limits of an endpoint (`messages`, `message_batches`, `batch`, `files`, …), or
 * `undefined` when the table does not know it.
 *
 * @example
 * ```ts
 * import { defaultPolicy, findEndpoint } from 'mamlkit/policy';
 * findEndpoint(defaultPolicy, 'openai', 'batch')?.maxRequests; // 50000
 * ```
 */
export function findEndpoint(
  policy: Policy,
  provider: Provider,
  endpoint: string,
): Entry<EndpointLimit> | undefined {
  const endpoints = providerTable(policy, provider).endpoints;
  const entry = Object.hasOwn(endpoints, endpoint) ? endpoints[endpoint] : undefined;
  return entry === undefined ? undefined : { ...entry, id: endpoint };
}

/**
 * The Azure Quantum target `target` (`ionq.qpu.forte-1`, …), or `undefined` when unknown.
 *
 * @example
 * ```ts
 * import { defaultPolicy, findTarget } from 'mamlkit/policy';
 * findTarget(defaultPolicy, 'azure-quantum', 'quantinuum.qpu.h2-1')?.qubits; // 56
 * ```
 */
export function findTarget(
  policy: Policy,
  provider: Provider,
  target: string,
): Entry<QuantumTarget> | undefined {
  const targets = providerTable(policy, provider).targets;
  const entry = Object.hasOwn(targets, target) ? targets[target] : undefined;
  return entry === undefined ? undefined : { ...entry, id: target };
}

/** Builds the typed "unknown" error for an endpoint or target, listing what is known. */
export function unknownEntry(
  kind: 'endpoint' | 'target',
  policy: Policy,
  provider: Provider,
  id: string,
): PolicyError {
  const table = providerTable(policy, provider);
  const known = Object.keys(kind === 'endpoint' ? table.endpoints : table.targets);
  return new PolicyError(
    kind === 'endpoint' ? 'ERR_POLICY_UNKNOWN_ENDPOINT' : 'ERR_POLICY_UNKNOWN_TARGET',
    `no limits known for ${provider} ${kind} ${JSON.stringify(id)}; known: ${knownList(known)}`,
  );
}
