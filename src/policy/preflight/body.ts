import { PolicyError } from '../errors.js';
import { defaultPolicy } from '../tables/define-policy.js';
import { findModel } from '../tables/lookup.js';
import { estimateTokens } from '../tokens/estimate.js';
import type { Policy, Provider } from '../types.js';
import { anthropicMedia, anthropicMediaViolations, readAnthropicMessages } from './body-anthropic.js';
import { openaiMedia, readOpenaiChat, readOpenaiResponses } from './body-openai.js';
import {
  isObject,
  newTally,
  type BodyTokens,
  type BodyViolation,
  type Json,
  type OutputLimit,
  type Tally,
} from './body-tally.js';
import { preflight, type PreflightOptions, type PreflightResult, type Violation } from './preflight.js';

export {
  MAX_BODY_BLOCKS,
  type BodyTokens,
  type BodyViolation,
  type BodyViolationCode,
  type OutputLimit,
} from './body-tally.js';

/**
 * Largest body {@link preflightBody} reads, in bytes; a larger one throws `ERR_LIMIT_EXCEEDED`
 * (check its size alone with `preflight`).
 *
 * @example
 * ```ts
 * import { MAX_PREFLIGHT_BODY_BYTES } from 'mamlkit/policy';
 * MAX_PREFLIGHT_BODY_BYTES; // 512000000
 * ```
 */
export const MAX_PREFLIGHT_BODY_BYTES = 512_000_000;

/** Options of {@link preflightBody}. */
export interface PreflightBodyOptions extends PreflightOptions {
  /**
   * The model, when the body does not name it (Azure OpenAI names the deployment in the URL):
   * the OpenAI model id the deployment runs. Wins over the body's `model`.
   */
  readonly model?: string;
  /** Size of the serialised body in bytes, when the caller already knows it (saves a serialisation). */
  readonly bodyBytes?: number;
  /**
   * Output cap to check instead of the body's own: a number or a profile name (`concise`,
   * `detailed`, `max`, or the policy's own), as in {@link preflight}.
   */
  readonly maxTokens?: number | string;
  /** Exact input tokens (for example from a token-counting endpoint), used instead of the estimate. */
  readonly inputTokens?: number;
}

/** The verdict of {@link preflightBody}: {@link PreflightResult} plus what the body was counted as. */
export interface PreflightBodyResult extends Omit<PreflightResult, 'violations'> {
  readonly violations: readonly BodyViolation[];
  /** Size of the body in bytes, as checked against the endpoint. */
  readonly bodyBytes: number;
  /** Input tokens by kind; `inputTokens` is their sum plus per-message and tool overheads. */
  readonly tokens: BodyTokens;
  /** The output cap the checks used, under the name the body gave it (`max_completion_tokens`, …). */
  readonly outputLimit?: OutputLimit;
}

type Shape = 'anthropic-messages' | 'openai-chat' | 'openai-responses';

const SHAPES: Readonly<Record<string, Shape>> = {
  'anthropic:messages': 'anthropic-messages',
  'anthropic:count_tokens': 'anthropic-messages',
  'openai:chat_completions': 'openai-chat',
  'openai:responses': 'openai-responses',
  'azure-openai:chat_completions': 'openai-chat',
  'azure-openai:responses': 'openai-responses',
};

/** The output-cap parameter each shape documents (used when the body states none). */
const OUTPUT_PARAMETER: Readonly<Record<Shape, string>> = {
  'anthropic-messages': 'max_tokens',
  'openai-chat': 'max_completion_tokens',
  'openai-responses': 'max_output_tokens',
};

function shapeOf(provider: Provider, endpoint: string): Shape | undefined {
  const key = `${provider}:${endpoint}`;
  return Object.hasOwn(SHAPES, key) ? SHAPES[key] : undefined;
}

/**
 * Whether {@link preflightBody} reads bodies of `endpoint` (Anthropic `messages` and
 * `count_tokens`; OpenAI and Azure OpenAI `chat_completions` and `responses`).
 *
 * @example
 * ```ts
 * import { readsBody } from 'mamlkit/policy';
 * readsBody('openai', 'responses'); // true
 * readsBody('openai', 'batch'); // false: check its size with preflight
 * ```
 */
export function readsBody(provider: Provider, endpoint: string): boolean {
  return shapeOf(provider, endpoint) !== undefined;
}

const NON_ASCII = /[\u0080-\uffff]/;

/** UTF-8 length of a string; one native scan when it is ASCII (base64 bodies are). */
function utf8Length(text: string): number {
  const first = text.search(NON_ASCII);
  if (first < 0) return text.length;
  let bytes = first;
  for (let i = first; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x80) bytes += 1;
    else if (c < 0x800) bytes += 2;
    else if (c >= 0xd800 && c <= 0xdbff && i + 1 < text.length) {
      bytes += 4;
      i++;
    } else bytes += 3;
  }
  return bytes;
}

function tooLarge(bytes: number): PolicyError {
  return new PolicyError(
    'ERR_LIMIT_EXCEEDED',
    `request body of ${bytes} bytes is over the ${MAX_PREFLIGHT_BODY_BYTES} bytes preflightBody reads; use preflight with bodyBytes`,
  );
}

/** The body as an object and its size in bytes. */
function parseBody(body: unknown, given: number | undefined): { json: Json; bytes: number } {
  let json: unknown = body;
  let bytes = given;
  if (typeof body === 'string' || body instanceof Uint8Array) {
    const size = typeof body === 'string' ? utf8Length(body) : body.length;
    if (size > MAX_PREFLIGHT_BODY_BYTES) throw tooLarge(size);
    const text = typeof body === 'string' ? body : new TextDecoder('utf-8', { fatal: true }).decode(body);
    try {
      json = JSON.parse(text);
    } catch (cause) {
      throw new PolicyError('ERR_INVALID_ARGUMENT', 'request body is not valid JSON', { cause });
    }
    bytes ??= size;
  }
  if (!isObject(json)) throw new PolicyError('ERR_INVALID_ARGUMENT', 'request body must be a JSON object');
  bytes ??= utf8Length(JSON.stringify(json));
  if (!Number.isSafeInteger(bytes) || bytes < 0)
    throw new PolicyError('ERR_INVALID_ARGUMENT', `bodyBytes must be a non-negative integer, got ${bytes}`);
  if (bytes > MAX_PREFLIGHT_BODY_BYTES) throw tooLarge(bytes);
  return { json, bytes };
}

interface Reading {
  readonly model: string | undefined;
  readonly outputLimits: readonly OutputLimit[];
  readonly thinkingBudget?: number | undefined;
  readonly fixedTokens: number;
}

function read(shape: Shape, json: Json, t: Tally): Reading {
  if (shape === 'anthropic-messages') return readAnthropicMessages(json, t);
  return shape === 'openai-chat' ? readOpenaiChat(json, t) : readOpenaiResponses(json, t);
}

function tokensOf(t: Tally, provider: Provider): BodyTokens {
  const upper = (pieces: readonly string[]): number =>
    pieces.length === 0 ? 0 : estimateTokens(pieces.join('\n'), { provider, mode: 'upper' });
  return {
    text: upper(t.text),
    tools: upper(t.tools),
    images: t.images,
    documents: t.documents,
    imageCount: t.imageCount,
    documentCount: t.documentCount,
  };
}

/** Extended thinking: `budget_tokens` must be below `max_tokens` (it is spent out of it). */
function thinkingViolation(budget: number | undefined, maxTokens: number | undefined): BodyViolation[] {
  if (budget === undefined || maxTokens === undefined || budget < maxTokens) return [];
  return [
    {
      code: 'thinking_budget_too_high',
      limit: Math.max(0, maxTokens - 1),
      actual: budget,
      message: `thinking.budget_tokens ${budget} must be less than max_tokens ${maxTokens}`,
      suggestion: `Lower budget_tokens below ${maxTokens} or raise max_tokens above ${budget}.`,
      source: 'https://platform.claude.com/docs/en/build-with-claude/extended-thinking',
    },
  ];
}

/** Names the body's own output parameter in preflight's `max_tokens` message. */
function renamed(violation: Violation, limit: OutputLimit | undefined): Violation {
  if (violation.code !== 'max_tokens_too_high' || limit === undefined || limit.parameter === 'max_tokens')
    return violation;
  return {
    ...violation,
    message: violation.message.replace(/^max_tokens/, limit.parameter),
    suggestion: violation.suggestion.replace('max_tokens', limit.parameter),
  };
}

/**
 * Checks a real request body before it is sent: reads the provider's current parameter names
 * (Anthropic Messages `max_tokens`, `system`, content blocks, `tools`, `thinking`; OpenAI and
 * Azure OpenAI Chat Completions `max_completion_tokens` and the deprecated `max_tokens`;
 * Responses `max_output_tokens`, `instructions`, `input`), counts text and tools with the upper
 * token estimate, images by the provider's published rule from the dimensions in their
 * PNG/JPEG/GIF/WebP headers (base64 payloads are never counted as text) and PDFs by their pages,
 * then runs {@link preflight}: body bytes against the endpoint, the output cap against the
 * model, input + output against the context window. What it cannot count (image URLs, file ids,
 * unknown block types, unreadable headers) is listed in `unchecked`; images of unknown size are
 * counted at the per-image maximum. Linear in the body; at most {@link MAX_BODY_BLOCKS} blocks.
 *
 * @example
 * ```ts
 * import { preflightBody } from 'mamlkit/policy';
 * const result = preflightBody('openai', 'chat_completions', {
 *   model: 'gpt-4.1',
 *   max_completion_tokens: 100_000,
 *   messages: [{ role: 'user', content: 'Summarise the workflow.' }],
 * });
 * result.violations[0]?.code; // 'max_tokens_too_high' (max_completion_tokens 100000 exceeds …)
 * ```
 */
export function preflightBody(
  provider: Provider,
  endpoint: string,
  body: unknown,
  policy: Policy = defaultPolicy,
  options: PreflightBodyOptions = {},
): PreflightBodyResult {
  const shape = shapeOf(provider, endpoint);
  if (shape === undefined) {
    throw new PolicyError(
      'ERR_INVALID_ARGUMENT',
      `preflightBody reads ${Object.keys(SHAPES).join(', ')} bodies, not ${provider}:${endpoint}; use preflight with bodyBytes for other endpoints`,
    );
  }
  const { json, bytes } = parseBody(body, options.bodyBytes);
  const tally = newTally(shape === 'anthropic-messages' ? anthropicMedia : openaiMedia);
  const reading = read(shape, json, tally);
  const tokens = tokensOf(tally, provider);
  const inputTokens =
    options.inputTokens ??
    tokens.text + tokens.tools + tokens.images + tokens.documents + reading.fixedTokens;
  const stated = reading.outputLimits.reduce<OutputLimit | undefined>(
    (max, l) => (max === undefined || l.value > max.value ? l : max),
    undefined,
  );
  const maxTokens = options.maxTokens ?? stated?.value;
  const parameter = stated?.parameter ?? OUTPUT_PARAMETER[shape];
  const model = options.model ?? reading.model;
  const unchecked = [...tally.unchecked];
  if (model === undefined) unchecked.push('no model in the body or options: token limits not checked');
  if (shape === 'anthropic-messages' && maxTokens === undefined)
    unchecked.push('max_tokens missing: the Messages API requires it');
  const base = preflight(
    {
      provider,
      endpoint,
      bodyBytes: bytes,
      inputTokens,
      ...(model === undefined ? {} : { model }),
      ...(maxTokens === undefined ? {} : { maxTokens }),
    },
    policy,
    options,
  );
  const outputLimit = base.maxTokens === undefined ? undefined : { parameter, value: base.maxTokens };
  const violations: BodyViolation[] = [
    ...base.violations.map((v) => renamed(v, outputLimit)),
    ...thinkingViolation(reading.thinkingBudget, outputLimit?.value),
    ...(shape === 'anthropic-messages'
      ? anthropicMediaViolations(tally, model === undefined ? undefined : findModel(policy, provider, model))
      : []),
  ];
  return {
    ...base,
    ok: violations.length === 0,
    violations,
    unchecked: [...base.unchecked, ...unchecked],
    bodyBytes: bytes,
    tokens,
    ...(outputLimit === undefined ? {} : { outputLimit }),
  };
}
