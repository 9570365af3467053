import { PolicyError } from '../errors.js';
import {
  findEndpoint,
  findModel,
  findTarget,
  getModel,
  providerTable,
  unknownEntry,
  type Entry,
} from '../tables/lookup.js';
import { tokenizerFor } from '../providers/index.js';
import { defaultPolicy } from '../tables/define-policy.js';
import { estimateTokens, type EstimateTokensOptions } from '../tokens/estimate.js';
import type { EndpointLimit, ModelLimit, Policy, Provider, QuantumTarget, Sourced } from '../types.js';

/** A request described as data, for {@link preflight}. */
export interface PreflightRequest {
  readonly provider: Provider;
  /** Endpoint id from the provider's table (`messages`, `message_batches`, `batch`, `files`, …). */
  readonly endpoint?: string;
  /** Model id or alias. */
  readonly model?: string;
  /** Size of the request body in bytes. */
  readonly bodyBytes?: number;
  /** Input tokens, if known (for example from a token-counting endpoint). */
  readonly inputTokens?: number;
  /** Input text whose tokens are estimated (`upper` mode) when `inputTokens` is not given. */
  readonly text?: string;
  /** `max_tokens` as a number or a profile name (`concise`, `detailed`, `max`, or the policy's own). */
  readonly maxTokens?: number | string;
  /** Number of requests in a batch. */
  readonly requests?: number;
  /** Qubits a quantum job needs. */
  readonly qubits?: number;
  /** Azure Quantum target id. */
  readonly target?: string;
}

/** Codes of {@link Violation}s. */
export type ViolationCode =
  | 'body_too_large'
  | 'batch_too_many_requests'
  | 'max_tokens_too_high'
  | 'input_too_long'
  | 'context_window_exceeded'
  | 'qubits_over_target'
  | 'model_retired'
  | 'endpoint_retired'
  | 'target_retired';

/**
 * One limit a request breaks. For the `*_retired` codes, `limit` is the retirement date and
 * `actual` the time of the check (`now`, else the entry's `checkedAt`), both in epoch
 * milliseconds; `limit` is 0 when the provider published no date.
 */
export interface Violation {
  readonly code: ViolationCode;
  readonly limit: number;
  readonly actual: number;
  readonly message: string;
  /** What to do about it. */
  readonly suggestion: string;
  /** Documentation page of the limit. */
  readonly source: string;
}

/** Codes of {@link PreflightWarning}s. */
export type WarningCode = 'model_deprecated' | 'endpoint_deprecated' | 'target_deprecated';

/** Something that does not break a limit today but will: a deprecated model, endpoint or target. */
export interface PreflightWarning {
  readonly code: WarningCode;
  /** The entry's id. */
  readonly id: string;
  readonly message: string;
  /** The announced retirement date (YYYY-MM-DD), when published. */
  readonly retiresAt?: string;
  /** The replacement the provider recommends, when it names one. */
  readonly replacement?: string;
  /** Documentation page of the lifecycle. */
  readonly source: string;
}

/** The verdict of {@link preflight}. */
export interface PreflightResult {
  readonly ok: boolean;
  readonly violations: readonly Violation[];
  /** Deprecated entries the request uses: it passes today, and will fail from `retiresAt` on. */
  readonly warnings: readonly PreflightWarning[];
  /** `max_tokens` after resolving a profile (a profile is clamped to the model's ceiling). */
  readonly maxTokens?: number;
  /** Input tokens used for the checks (given, or estimated from `text` in `upper` mode). */
  readonly inputTokens?: number;
  /** Checks skipped because no limit is known (only with `allowUnknown`). */
  readonly unchecked: readonly string[];
}

/** Options of {@link preflight}. */
export interface PreflightOptions {
  /** Report unknown models, endpoints and targets in `unchecked` instead of throwing. */
  readonly allowUnknown?: boolean;
  /**
   * Time of the check in epoch milliseconds. With it, a deprecated entry whose `retiresAt` has
   * passed is reported as retired; without it, only the tables' `status` counts.
   */
  readonly now?: number;
}

type Kind = 'model' | 'endpoint' | 'target';

/** Whether `entry` is retired at `now` (by its status, or by a retirement date that has passed). */
function isRetired(entry: Sourced, now: number | undefined): boolean {
  if (entry.status === 'retired') return true;
  return now !== undefined && entry.retiresAt !== undefined && now >= Date.parse(entry.retiresAt);
}

function replacementHint(entry: Sourced, alternatives: () => readonly string[]): string {
  if (entry.replacement !== undefined) return `Use ${entry.replacement}, the replacement the provider names.`;
  const active = alternatives();
  return active.length > 0 ? `Use an active one: ${active.join(', ')}.` : 'No active replacement is known.';
}

/** A violation for a retired entry, a warning for a deprecated one, nothing otherwise. */
function lifecycleFinding(
  kind: Kind,
  entry: Entry<Sourced>,
  now: number | undefined,
  alternatives: () => readonly string[],
): { readonly violation?: Violation; readonly warning?: PreflightWarning } {
  if (isRetired(entry, now)) {
    const when = entry.retiresAt === undefined ? '' : ` on ${entry.retiresAt}`;
    return {
      violation: {
        code: `${kind}_retired`,
        limit: entry.retiresAt === undefined ? 0 : Date.parse(entry.retiresAt),
        actual: now ?? Date.parse(entry.checkedAt),
        message: `${kind} ${entry.id} was retired${when}: requests naming it fail`,
        suggestion: replacementHint(entry, alternatives),
        source: entry.source,
      },
    };
  }
  if (entry.status !== 'deprecated') return {};
  const warning: { -readonly [K in keyof PreflightWarning]: PreflightWarning[K] } = {
    code: `${kind}_deprecated`,
    id: entry.id,
    message:
      `${kind} ${entry.id} is deprecated` +
      (entry.retiresAt === undefined ? '' : ` and retires on ${entry.retiresAt}`) +
      (entry.replacement === undefined ? '' : `; the provider names ${entry.replacement} as its replacement`),
    source: entry.source,
  };
  if (entry.retiresAt !== undefined) warning.retiresAt = entry.retiresAt;
  if (entry.replacement !== undefined) warning.replacement = entry.replacement;
  return { warning };
}

/** Ids of a table's entries that are not retired at `now` and pass `keep`. */
function usable<T extends Sourced>(
  entries: Readonly<Record<string, T>>,
  now: number | undefined,
  keep: (entry: T) => boolean = () => true,
): string[] {
  return Object.entries(entries)
    .filter(([, e]) => !isRetired(e, now) && keep(e))
    .map(([id]) => id);
}

function count(name: string, value: number | undefined): number | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) {
    throw new PolicyError(
      'ERR_INVALID_ARGUMENT',
      `${name} must be a finite number >= 0, got ${String(value)}`,
    );
  }
  return value;
}

function megabytes(bytes: number): string {
  return `${(bytes / 1_000_000).toLocaleString('en-US', { maximumFractionDigits: 1 })} MB`;
}

/**
 * Resolves `max_tokens` given as a number or a profile name against a model: profiles
 * (`concise` 512, `detailed` 1024, `max` = the model's ceiling, or the policy's own) are clamped
 * to the model's maximum output; numbers are returned as they are (preflight reports them if
 * too high). Unknown profile names throw `ERR_INVALID_ARGUMENT` listing the known ones.
 *
 * @example
 * ```ts
 * import { defaultPolicy, getModel, resolveMaxTokens } from 'mamlkit/policy';
 * resolveMaxTokens('detailed', getModel(defaultPolicy, 'anthropic', 'claude-haiku-5-5'), defaultPolicy); // 1024
 * ```
 */
export function resolveMaxTokens(
  maxTokens: number | string,
  model: ModelLimit | undefined,
  policy: Policy,
): number {
  if (typeof maxTokens === 'number') return count('maxTokens', maxTokens) ?? 0;
  const ceiling = model?.maxOutputTokens ?? Number.POSITIVE_INFINITY;
  if (maxTokens === 'max') {
    if (model === undefined)
      throw new PolicyError('ERR_INVALID_ARGUMENT', "the 'max' profile needs a known model");
    return ceiling;
  }
  const value = Object.hasOwn(policy.profiles, maxTokens) ? policy.profiles[maxTokens] : undefined;
  if (value === undefined) {
    const known = ['max', ...Object.keys(policy.profiles)].join(', ');
    throw new PolicyError(
      'ERR_INVALID_ARGUMENT',
      `unknown max_tokens profile ${JSON.stringify(maxTokens)}; known: ${known}`,
    );
  }
  return Math.min(value, ceiling);
}

function bodyViolation(
  endpoint: Entry<EndpointLimit>,
  bytes: number,
  provider: Provider,
  policy: Policy,
  now: number | undefined,
): Violation | undefined {
  const limit = endpoint.maxBodyBytes;
  if (limit === undefined || bytes <= limit) return undefined;
  const endpoints = providerTable(policy, provider).endpoints;
  const larger = usable(endpoints, now, (e) => e.maxBodyBytes !== undefined && e.maxBodyBytes >= bytes).map(
    (id) => `${id} (${megabytes(endpoints[id]?.maxBodyBytes ?? 0)})`,
  );
  const suggestion =
    larger.length > 0
      ? `Move large content to ${larger.join(' or ')} and reference it, or split the request.`
      : `Split the payload into parts of at most ${megabytes(limit)}.`;
  return {
    code: 'body_too_large',
    limit,
    actual: bytes,
    message: `request body of ${megabytes(bytes)} exceeds the ${megabytes(limit)} limit of ${endpoint.path} (413 request_too_large)`,
    suggestion,
    source: endpoint.source,
  };
}

function batchViolation(endpoint: Entry<EndpointLimit>, requests: number): Violation | undefined {
  const limit = endpoint.maxRequests;
  if (limit === undefined || requests <= limit) return undefined;
  return {
    code: 'batch_too_many_requests',
    limit,
    actual: requests,
    message: `${requests} requests exceed the limit of ${limit} per batch of ${endpoint.path}`,
    suggestion: `Split into ${Math.ceil(requests / limit)} batches of at most ${limit} requests.`,
    source: endpoint.source,
  };
}

function largerModels(policy: Policy, provider: Provider, needed: number, now: number | undefined): string {
  const names = usable(providerTable(policy, provider).models, now, (m) => m.contextWindow >= needed);
  return names.length > 0 ? ` or use a model with a larger context window (${names.join(', ')})` : '';
}

function tokenViolations(
  model: Entry<ModelLimit>,
  input: number | undefined,
  maxTokens: number | undefined,
  provider: Provider,
  policy: Policy,
  now: number | undefined,
): Violation[] {
  const out: Violation[] = [];
  if (maxTokens !== undefined && maxTokens > model.maxOutputTokens) {
    out.push({
      code: 'max_tokens_too_high',
      limit: model.maxOutputTokens,
      actual: maxTokens,
      message: `max_tokens ${maxTokens} exceeds the maximum output of ${model.id} (${model.maxOutputTokens})`,
      suggestion: `Lower max_tokens to at most ${model.maxOutputTokens}.`,
      source: model.source,
    });
  }
  if (input === undefined) return out;
  const inputLimit = Math.min(model.maxInputTokens ?? model.contextWindow, model.contextWindow);
  if (input > inputLimit) {
    out.push({
      code: 'input_too_long',
      limit: inputLimit,
      actual: input,
      message: `${input} input tokens exceed the input limit of ${model.id} (${inputLimit})`,
      suggestion: `Shorten the input to at most ${inputLimit} tokens${largerModels(policy, provider, input + (maxTokens ?? 0), now)}.`,
      source: model.source,
    });
    return out;
  }
  const total = input + (maxTokens ?? 0);
  if (total > model.contextWindow) {
    const room = model.contextWindow - input;
    out.push({
      code: 'context_window_exceeded',
      limit: model.contextWindow,
      actual: total,
      message: `${input} input + ${total - input} max_tokens = ${total} tokens exceed the context window of ${model.id} (${model.contextWindow})`,
      suggestion:
        room > 0
          ? `Lower max_tokens to at most ${room}, shorten the input${largerModels(policy, provider, total, now)}.`
          : `Shorten the input${largerModels(policy, provider, total, now)}.`,
      source: model.source,
    });
  }
  return out;
}

function qubitViolation(
  policy: Policy,
  provider: Provider,
  target: Entry<QuantumTarget>,
  qubits: number,
  now: number | undefined,
): Violation | undefined {
  if (qubits <= target.qubits) return undefined;
  const targets = providerTable(policy, provider).targets;
  const bigger = usable(targets, now, (t) => t.qubits >= qubits).map(
    (id) => `${id} (${targets[id]?.qubits ?? 0})`,
  );
  return {
    code: 'qubits_over_target',
    limit: target.qubits,
    actual: qubits,
    message: `${qubits} qubits exceed the ${target.qubits} qubits of ${target.id}`,
    suggestion:
      bigger.length > 0
        ? `Pick a larger target: ${bigger.join(', ')}.`
        : `No known target has ${qubits} qubits: reduce the circuit width.`,
    source: target.source,
  };
}

/** Upper-bound options for a model's own tokenizer (its entry's, else its provider's). */
function inputTokenizer(provider: Provider, model: ModelLimit | undefined): EstimateTokensOptions {
  const tokenizer = tokenizerFor(provider, model);
  return tokenizer === undefined ? { provider, mode: 'upper' } : { tokenizer, mode: 'upper' };
}

/**
 * Checks a request against the policy before it is sent and returns every limit it breaks,
 * each with the limit, the actual value, a suggestion and the documentation page: body size
 * per endpoint (413 `request_too_large`), requests per batch, `max_tokens` over the model's
 * output ceiling, input over the input limit, input + `max_tokens` over the context window,
 * qubits over an Azure Quantum target, and a retired model, endpoint or target (a deprecated one
 * is a warning with its retirement date). Unknown providers, models, endpoints and targets
 * throw a typed error listing the known ones, unless `allowUnknown` is set.
 *
 * @example
 * ```ts
 * import { preflight } from 'mamlkit/policy';
 * const result = preflight({ provider: 'anthropic', endpoint: 'messages', model: 'claude-sonnet-5-5',
 *   bodyBytes: 40_000_000, maxTokens: 'detailed' }, undefined, { now: Date.now() });
 * result.ok; // false
 * result.violations[0]?.suggestion; // 'Move large content to message_batches (256 MB) or files (500 MB) …'
 * ```
 */
export function preflight(
  request: PreflightRequest,
  policy: Policy = defaultPolicy,
  options: PreflightOptions = {},
): PreflightResult {
  const { provider } = request;
  const { now } = options;
  const table = providerTable(policy, provider);
  const bodyBytes = count('bodyBytes', request.bodyBytes);
  const requests = count('requests', request.requests);
  const qubits = count('qubits', request.qubits);
  count('now', now);
  const unchecked: string[] = [];
  const violations: Violation[] = [];
  const warnings: PreflightWarning[] = [];
  const checkLifecycle = <T extends Sourced>(
    kind: Kind,
    entry: Entry<T>,
    entries: Readonly<Record<string, T>>,
  ): void => {
    const found = lifecycleFinding(kind, entry, now, () =>
      usable(entries, now, (e) => e.status === 'active'),
    );
    if (found.violation !== undefined) violations.push(found.violation);
    if (found.warning !== undefined) warnings.push(found.warning);
  };
  const lookup = <T>(kind: 'endpoint' | 'target', id: string, found: T | undefined): T | undefined => {
    if (found !== undefined) return found;
    if (!options.allowUnknown) throw unknownEntry(kind, policy, provider, id);
    unchecked.push(`no limits known for ${provider} ${kind} ${JSON.stringify(id)}`);
    return undefined;
  };

  if (request.endpoint !== undefined) {
    const endpoint = lookup('endpoint', request.endpoint, findEndpoint(policy, provider, request.endpoint));
    if (endpoint !== undefined) {
      checkLifecycle('endpoint', endpoint, table.endpoints);
      if (bodyBytes !== undefined)
        violations.push(...optional(bodyViolation(endpoint, bodyBytes, provider, policy, now)));
      if (requests !== undefined) violations.push(...optional(batchViolation(endpoint, requests)));
    }
  }

  let model: Entry<ModelLimit> | undefined;
  if (request.model !== undefined) {
    model = options.allowUnknown
      ? findModel(policy, provider, request.model)
      : getModel(policy, provider, request.model);
    if (model === undefined)
      unchecked.push(`no limits known for ${provider} model ${JSON.stringify(request.model)}`);
  }
  const maxTokens =
    request.maxTokens === undefined ? undefined : resolveMaxTokens(request.maxTokens, model, policy);
  const inputTokens =
    count('inputTokens', request.inputTokens) ??
    (request.text === undefined ? undefined : estimateTokens(request.text, inputTokenizer(provider, model)));
  if (model !== undefined) {
    checkLifecycle('model', model, table.models);
    violations.push(...tokenViolations(model, inputTokens, maxTokens, provider, policy, now));
  }

  if (request.target !== undefined) {
    const target = lookup('target', request.target, findTarget(policy, provider, request.target));
    if (target !== undefined) checkLifecycle('target', target, table.targets);
    if (target !== undefined && qubits !== undefined)
      violations.push(...optional(qubitViolation(policy, provider, target, qubits, now)));
  }

  const result: { -readonly [K in keyof PreflightResult]: PreflightResult[K] } = {
    ok: violations.length === 0,
    violations,
    warnings,
    unchecked,
  };
  if (maxTokens !== undefined) result.maxTokens = maxTokens;
  if (inputTokens !== undefined) result.inputTokens = inputTokens;
  return result;
}

function optional<T>(value: T | undefined): T[] {
  return value === undefined ? [] : [value];
}
