import { hmac } from '@noble/hashes/hmac.js';
import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex } from '@noble/hashes/utils.js';
import { writeCanonicalJson, type CanonicalJsonRules } from '../../encoding/canonical-json.js';
import { PolicyError } from '../errors.js';
import { assertProvider } from '../providers/index.js';
import type { Provider } from '../types.js';
import { keyedHeaders, type RequestHeaders } from './keyed-headers.js';

/**
 * Deepest nesting of arrays and objects a request body may have in {@link requestCacheKey}
 * (the body itself is level 1); deeper input, or a cycle, throws `ERR_LIMIT_EXCEEDED`.
 *
 * @example
 * ```ts
 * import { MAX_CANONICAL_DEPTH } from 'mamlkit/policy';
 * MAX_CANONICAL_DEPTH; // 128
 * ```
 */
export const MAX_CANONICAL_DEPTH = 128;

/** Longest destination field (endpoint, model, deployment, base URL, API version) in characters. */
const MAX_FIELD_CHARS = 2048;

/** Shortest and longest HMAC secret in bytes: at least the hash size (RFC 2104, section 3). */
const SECRET_BYTES = { min: 32, max: 1024 } as const;

/** The first element of every key's input; a change of encoding changes it and the key prefix. */
const KEY_FORMAT = 'mamlkit cache key v1';

/**
 * Where a request goes: everything besides the body that decides what the provider answers.
 * Two requests share a cache key only when all of it and the body are equal.
 */
export interface CacheDestination {
  readonly provider: Provider;
  /** The endpoint: a policy endpoint name (`messages`, `chat_completions`) or the request path. */
  readonly endpoint: string;
  /** The model (or Azure Quantum target) when it is not only in the body; must equal `body.model` when both are given. */
  readonly model?: string;
  /** The Azure OpenAI deployment (required for `azure-openai`; for the v1 API, the deployment named in `body.model`). */
  readonly deployment?: string;
  /** Origin and base path of the API (`https://my-resource.openai.azure.com`); required for `azure-openai`, whose deployment names are per resource. */
  readonly baseUrl?: string;
  /** The `api-version` query parameter (Azure). */
  readonly apiVersion?: string;
  /** The request headers; only {@link CACHE_KEY_HEADERS} are keyed, credentials never. */
  readonly headers?: RequestHeaders;
}

/** Options of {@link requestCacheKey}. */
export interface CacheKeyOptions {
  /** A secret of 32 to 1024 random bytes: the key is then HMAC-SHA-256 under it (shared caches). */
  readonly secret?: Uint8Array;
}

const fail: CanonicalJsonRules['fail'] = (problem, message) =>
  new PolicyError(problem === 'limit' ? 'ERR_LIMIT_EXCEEDED' : 'ERR_INVALID_ARGUMENT', message);

const BODY_RULES: CanonicalJsonRules = {
  maxChars: Number.POSITIVE_INFINITY,
  maxDepth: MAX_CANONICAL_DEPTH,
  undefinedValues: 'like-stringify',
  requireNfc: false,
  fail,
};

function invalid(message: string): PolicyError {
  return new PolicyError('ERR_INVALID_ARGUMENT', message);
}

function field(
  destination: CacheDestination,
  name: 'endpoint' | 'model' | 'deployment' | 'baseUrl' | 'apiVersion',
): string | undefined {
  const value: unknown = destination[name];
  if (value === undefined) return undefined;
  if (typeof value !== 'string' || value.length === 0 || value.length > MAX_FIELD_CHARS) {
    throw invalid(`destination.${name} must be a non-empty string of at most ${MAX_FIELD_CHARS} characters`);
  }
  return value;
}

function bodyModel(body: unknown): unknown {
  return body !== null && typeof body === 'object' && !Array.isArray(body)
    ? (body as Record<string, unknown>).model
    : undefined;
}

/** The destination as the plain object that is keyed, checked for what is missing or contradictory. */
function destinationRecord(destination: CacheDestination, body: unknown): Record<string, unknown> {
  const given: unknown = destination;
  if (given === null || typeof given !== 'object') throw invalid('destination must be an object');
  const { provider } = destination;
  assertProvider(provider);
  const record: Record<string, unknown> = { provider };
  const endpoint = field(destination, 'endpoint');
  if (endpoint === undefined) throw invalid('destination.endpoint is required');
  record.endpoint = endpoint;
  for (const name of ['model', 'deployment', 'baseUrl', 'apiVersion'] as const) {
    const value = field(destination, name);
    if (value !== undefined) record[name] = value;
  }
  if (provider === 'azure-openai' && (record.deployment === undefined || record.baseUrl === undefined)) {
    throw invalid(
      'an azure-openai destination needs its deployment and its baseUrl (deployment names are per resource)',
    );
  }
  const inBody = bodyModel(body);
  if (record.model !== undefined && inBody !== undefined && inBody !== record.model) {
    throw invalid(
      `destination.model ${JSON.stringify(record.model)} differs from body.model ${JSON.stringify(inBody)}`,
    );
  }
  record.headers = keyedHeaders(destination.headers);
  return record;
}

/**
 * The exact text {@link requestCacheKey} hashes: the RFC 8785 canonical JSON of
 * `["mamlkit cache key v1", destination, body]` (docs/guide/policy.md, "Cache keys"). For
 * checking an implementation in another language against this one.
 *
 * @example
 * ```ts
 * import { cacheKeyInput } from 'mamlkit/policy';
 * cacheKeyInput({ provider: 'openai', endpoint: 'responses' }, { model: 'gpt-5.1', input: 'hi' });
 * // '["mamlkit cache key v1",{"endpoint":"responses","headers":{},"provider":"openai"},{"input":"hi","model":"gpt-5.1"}]'
 * ```
 */
export function cacheKeyInput(destination: CacheDestination, body: unknown): string {
  const where = writeCanonicalJson(destinationRecord(destination, body), 'destination', {
    ...BODY_RULES,
    undefinedValues: 'refuse',
  });
  return `[${JSON.stringify(KEY_FORMAT)},${where},${writeCanonicalJson(body, 'body', BODY_RULES)}]`;
}

const encoder = /* @__PURE__ */ new TextEncoder();

function checkedSecret(secret: unknown): Uint8Array {
  if (!(secret instanceof Uint8Array)) throw invalid('secret must be a Uint8Array');
  if (secret.length < SECRET_BYTES.min || secret.length > SECRET_BYTES.max) {
    throw invalid(
      `secret must be ${SECRET_BYTES.min} to ${SECRET_BYTES.max} bytes (got ${secret.length}); use crypto.getRandomValues(new Uint8Array(32))`,
    );
  }
  return secret;
}

/**
 * A cache key for a request: SHA-256 over its destination (provider, endpoint, model or
 * deployment, base URL, API version, the headers that change the answer) and its canonical
 * body, as `mk1:sha256:` and 64 lower-case hex digits; with a `secret`, HMAC-SHA-256 under it,
 * as `mk1:hmac-sha256:…`. Equal for the same request whatever its key order or formatting, in
 * every runtime (frozen vectors: test/vectors/policy/cache-keys.json); credentials never change
 * it. Use one secret per tenant to keep tenants' cached answers apart.
 *
 * @throws {PolicyError} `ERR_POLICY_UNKNOWN_PROVIDER`; `ERR_INVALID_ARGUMENT` for a missing or
 * contradictory destination field, a bad header value or secret, or a body with no JSON form;
 * `ERR_LIMIT_EXCEEDED` for a body nested deeper than {@link MAX_CANONICAL_DEPTH} (or a cycle).
 * @example
 * ```ts
 * import { requestCacheKey } from 'mamlkit/policy';
 * const key = requestCacheKey(
 *   { provider: 'anthropic', endpoint: 'messages', headers: { 'anthropic-version': '2023-06-01' } },
 *   { model: 'claude-haiku-4-5', max_tokens: 512, messages },
 * ); // 'mk1:sha256:…'
 * ```
 */
export function requestCacheKey(
  destination: CacheDestination,
  body: unknown,
  options: CacheKeyOptions = {},
): string {
  const secret = options.secret === undefined ? undefined : checkedSecret(options.secret);
  const input = encoder.encode(cacheKeyInput(destination, body));
  return secret === undefined
    ? `mk1:sha256:${bytesToHex(sha256(input))}`
    : `mk1:hmac-sha256:${bytesToHex(hmac(sha256, secret, input))}`;
}
