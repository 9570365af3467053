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
import { defaultPolicy } from '../tables/define-policy.js';
import { estimateTokens } from '../tokens/estimate.js';
import type { EndpointLimit, ModelLimit, Policy, Provider, QuantumTarget } from '../types.js';

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
  | 'qubits_over_target';

/** One limit a request breaks. */
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

/** The verdict of {@link preflight}. */
export interface PreflightResult {
  readonly ok: boolean;
  readonly violations: readonly Violation[];
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
 * resolveMaxTokens('detailed', getModel(defaultPolicy, 'anthropic', 'claude-3-5-haiku'), defaultPolicy); // 1024
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
): Violation | undefined {
  const limit = endpoint.maxBodyBytes;
  if (limit === undefined || bytes <= limit) return undefined;
  const larger = Object.entries(providerTable(policy, provider).endpoints)
    .filter(([, e]) => e.maxBodyBytes !== undefined && e.maxBodyBytes >= bytes)
    .map(([id, e]) => `${id} (${megabytes(e.maxBodyBytes ?? 0)})`);
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

function largerModels(policy: Policy, provider: Provider, needed: number): string {
  const names = Object.entries(providerTable(policy, provider).models)
    .filter(([, m]) => m.contextWindow >= needed)
    .map(([id]) => id);
  return names.length > 0 ? ` or use a model with a larger context window (${names.join(', ')})` : '';
}

function tokenViolations(
  model: Entry<ModelLimit>,
  input: number | undefined,
  maxTokens: number | undefined,
  provider: Provider,
  policy: Policy,
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
      suggestion: `Shorten the input to at most ${inputLimit} tokens${largerModels(policy, provider, input + (maxTokens ?? 0))}.`,
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
          ? `Lower max_tokens to at most ${room}, shorten the input${largerModels(policy, provider, total)}.`
          : `Shorten the input${largerModels(policy, provider, total)}.`,
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
): Violation | undefined {
  if (qubits <= target.qubits) return undefined;
  const bigger = Object.entries(providerTable(policy, provider).targets)
    .filter(([, t]) => t.qubits >= qubits)
    .map(([id, t]) => `${id} (${t.qubits})`);
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

/**
 * Checks a request against the policy before it is sent and returns every limit it breaks,
 * each with the limit, the actual value, a suggestion and the documentation page: body size
 * per endpoint (413 `request_too_large`), requests per batch, `max_tokens` over the model's
 * output ceiling, input over the input limit, input + `max_tokens` over the context window,
 * and qubits over an Azure Quantum target. Unknown providers, models, endpoints and targets
 * throw a typed error listing the known ones, unless `allowUnknown` is set.
 *
 * @example
 * ```ts
 * import { preflight } from 'mamlkit/policy';
 * const result = preflight({ provider: 'anthropic', endpoint: 'messages', model: 'claude-sonnet-4-5',
 *   bodyBytes: 40_000_000, maxTokens: 'detailed' });
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
  providerTable(policy, provider);
  const bodyBytes = count('bodyBytes', request.bodyBytes);
  const requests = count('requests', request.requests);
  const qubits = count('qubits', request.qubits);
  const unchecked: string[] = [];
  const violations: Violation[] = [];
  const lookup = <T>(kind: 'endpoint' | 'target', id: string, found: T | undefined): T | undefined => {
    if (found !== undefined) return found;
    if (!options.allowUnknown) throw unknownEntry(kind, policy, provider, id);
    unchecked.push(`no limits known for ${provider} ${kind} ${JSON.stringify(id)}`);
    return undefined;
  };

  if (request.endpoint !== undefined) {
    const endpoint = lookup('endpoint', request.endpoint, findEndpoint(policy, provider, request.endpoint));
    if (endpoint !== undefined) {
      if (bodyBytes !== undefined)
        violations.push(...optional(bodyViolation(endpoint, bodyBytes, provider, policy)));
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
    (request.text === undefined ? undefined : estimateTokens(request.text, { provider, mode: 'upper' }));
  if (model !== undefined)
    violations.push(...tokenViolations(model, inputTokens, maxTokens, provider, policy));

  if (request.target !== undefined) {
    const target = lookup('target', request.target, findTarget(policy, provider, request.target));
    if (target !== undefined && qubits !== undefined)
      violations.push(...optional(qubitViolation(policy, provider, target, qubits)));
  }

  const result: { -readonly [K in keyof PreflightResult]: PreflightResult[K] } = {
    ok: violations.length === 0,
    violations,
    unchecked,
  };
  if (maxTokens !== undefined) result.maxTokens = maxTokens;
  if (inputTokens !== undefined) result.inputTokens = inputTokens;
  return result;
}

function optional<T>(value: T | undefined): T[] {
  return value === undefined ? [] : [value];
}
