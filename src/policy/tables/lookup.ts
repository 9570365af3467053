import { PolicyError } from '../errors.js';
import { unknownProvider } from '../providers/index.js';
import type { EndpointLimit, ModelLimit, Policy, Provider, ProviderTable, QuantumTarget } from '../types.js';

function knownList(ids: readonly string[]): string {
  return ids.length === 0 ? '(none)' : ids.join(', ');
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

/** A table entry together with the id it is filed under. */
export type Entry<T> = T & { readonly id: string };

const indexes = new WeakMap<object, ReadonlyMap<string, Entry<object>>>();

/** Id (and alias) → entry with its id, built once per table object. */
function entryIndex<T extends object>(table: Readonly<Record<string, T>>): ReadonlyMap<string, Entry<T>> {
  let index = indexes.get(table) as ReadonlyMap<string, Entry<T>> | undefined;
  if (index === undefined) {
    const map = new Map<string, Entry<T>>();
    for (const [id, value] of Object.entries(table)) {
      const entry: Entry<T> = { ...value, id };
      const aliases = (value as { readonly aliases?: readonly string[] }).aliases ?? [];
      for (const alias of aliases) if (!map.has(alias)) map.set(alias, entry);
      map.set(id, entry);
    }
    index = map;
    indexes.set(table, index);
  }
  return index;
}

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
  return entryIndex(providerTable(policy, provider).models).get(model);
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
  return entryIndex(providerTable(policy, provider).endpoints).get(endpoint);
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
  return entryIndex(providerTable(policy, provider).targets).get(target);
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
