import { PolicyError } from '../errors.js';
import { unknownProvider } from '../tables/lookup.js';
import { PROVIDERS, type Provider } from '../types.js';

/** What a response means for the caller. */
export type ResponseKind =
  | 'ok'
  | 'rate_limited'
  | 'quota_exhausted'
  | 'overloaded'
  | 'request_too_large'
  | 'auth'
  | 'permission'
  | 'not_found'
  | 'invalid_request'
  | 'timeout'
  | 'conflict'
  | 'server_error';

/** A response as data: status, headers and (optionally) the body as text or parsed JSON. */
export interface ResponseInfo {
  readonly status: number;
  readonly headers?: unknown;
  readonly body?: unknown;
}

/** The verdict of {@link classifyResponse}. */
export interface Classification {
  readonly kind: ResponseKind;
  /** Whether sending the same request again can succeed (before `x-should-retry` is considered). */
  readonly retryable: boolean;
  /** The provider's error type (`rate_limit_error`, `insufficient_quota`, …) when the body has one. */
  readonly errorType?: string;
  /** The provider's error message when the body has one. */
  readonly message?: string;
}

/** Bodies longer than this are not parsed (error bodies are small). */
const MAX_BODY_CHARS = 65_536;

const RETRYABLE: ReadonlySet<ResponseKind> = new Set([
  'rate_limited',
  'overloaded',
  'timeout',
  'conflict',
  'server_error',
]);

const BY_TYPE: ReadonlyMap<string, ResponseKind> = new Map<string, ResponseKind>(
  Object.entries({
    invalid_request_error: 'invalid_request',
    authentication_error: 'auth',
    permission_error: 'permission',
    not_found_error: 'not_found',
    request_too_large: 'request_too_large',
    rate_limit_error: 'rate_limited',
    rate_limit_exceeded: 'rate_limited',
    insufficient_quota: 'quota_exhausted',
    billing_error: 'quota_exhausted',
    overloaded_error: 'overloaded',
    api_error: 'server_error',
    timeout_error: 'timeout',
  }),
);

const BY_STATUS: ReadonlyMap<number, ResponseKind> = new Map<number, ResponseKind>([
  [401, 'auth'],
  [402, 'quota_exhausted'],
  [403, 'permission'],
  [404, 'not_found'],
  [408, 'timeout'],
  [409, 'conflict'],
  [413, 'request_too_large'],
  [429, 'rate_limited'],
  [529, 'overloaded'],
]);

interface ErrorFields {
  type?: string;
  code?: string;
  message?: string;
}

const NO_FIELDS: ErrorFields = Object.freeze({});

function errorObject(body: unknown): ErrorFields {
  let value = body;
  if (typeof value === 'string') {
    if (value.length > MAX_BODY_CHARS) return NO_FIELDS;
    try {
      value = JSON.parse(value) as unknown;
    } catch {
      return NO_FIELDS;
    }
  }
  if (value === null || typeof value !== 'object') return NO_FIELDS;
  const error = (value as { error?: unknown }).error;
  if (error === null || typeof error !== 'object') return NO_FIELDS;
  const { type, code, message } = error as { type?: unknown; code?: unknown; message?: unknown };
  const fields: ErrorFields = {};
  if (typeof type === 'string') fields.type = type;
  if (typeof code === 'string') fields.code = code;
  if (typeof message === 'string') fields.message = message.slice(0, 1000);
  return fields;
}

/** The kind a status gives by itself, for a status of 400 or above. */
function statusKind(status: number): ResponseKind {
  return BY_STATUS.get(status) ?? (status >= 500 ? 'server_error' : 'invalid_request');
}

function kindOf(status: number, type: string | undefined, code: string | undefined): ResponseKind {
  if (status < 400) return 'ok';
  // OpenAI puts `insufficient_quota` in `code` and/or `type`: waiting never fixes it.
  const fromBody =
    (code === undefined ? undefined : BY_TYPE.get(code)) ??
    (type === undefined ? undefined : BY_TYPE.get(type));
  return fromBody ?? statusKind(status);
}

/** Every error type the kind depends on, between the quotes JSON writes around it. */
const QUOTED_TYPE = new RegExp(`"(${[...BY_TYPE.keys()].join('|')})"`, 'g');

/**
 * The kind of a status-400-or-above response whose body is JSON text, found without parsing
 * the text where that is exact, else `undefined`. Without a backslash in the text, every JSON
 * string in it is written verbatim, so an error type or code that changes the kind appears in
 * quotes; if every quoted error type found gives the status's own kind, parsing cannot give
 * another one (and a body that does not parse gives the status's kind too).
 */
function kindWithoutParsing(status: number, text: string): ResponseKind | undefined {
  if (text.length > MAX_BODY_CHARS || text.includes('\\')) return undefined;
  const kind = statusKind(status);
  QUOTED_TYPE.lastIndex = 0;
  for (let match = QUOTED_TYPE.exec(text); match !== null; match = QUOTED_TYPE.exec(text)) {
    if (BY_TYPE.get(match[1] ?? '') !== kind) return undefined;
  }
  return kind;
}

/** Throws on an unknown provider or a status that is not an HTTP status. */
function checkResponse(provider: Provider, status: number): void {
  if (!PROVIDERS.includes(provider)) throw unknownProvider(provider);
  if (!Number.isInteger(status) || status < 100 || status > 599) {
    throw new PolicyError(
      'ERR_INVALID_ARGUMENT',
      `status must be an integer HTTP status, got ${String(status)}`,
    );
  }
}

/**
 * Classifies a response following each provider's documented error types: Anthropic
 * (`invalid_request_error` 400, `authentication_error` 401, `permission_error` 403,
 * `not_found_error` 404, `request_too_large` 413, `rate_limit_error` 429, `api_error` 500,
 * `overloaded_error` 529), OpenAI and Azure OpenAI (429 `rate_limit_exceeded` vs
 * `insufficient_quota`, which waiting never fixes). The body may be text or parsed JSON; it is
 * read only for statuses of 400 and above. Passing the parsed object saves a `JSON.parse`.
 *
 * @example
 * ```ts
 * import { classifyResponse } from 'mamlkit/policy';
 * classifyResponse('openai', { status: 429, body: '{"error":{"code":"insufficient_quota"}}' }).kind;
 * // 'quota_exhausted'
 * ```
 */
export function classifyResponse(provider: Provider, response: ResponseInfo): Classification {
  const status = response.status;
  checkResponse(provider, status);
  // Success bodies are never read: they can be large, and their content does not change the kind.
  const { type, code, message } = status < 400 ? NO_FIELDS : errorObject(response.body);
  const kind = kindOf(status, type, code);
  const result: { -readonly [K in keyof Classification]: Classification[K] } = {
    kind,
    retryable: RETRYABLE.has(kind),
  };
  const errorType = code ?? type;
  if (errorType !== undefined) result.errorType = errorType;
  if (message !== undefined) result.message = message;
  return result;
}

/**
 * The kind {@link classifyResponse} gives, from the status and body alone: for callers that
 * need nothing else. A text body is parsed only when the error types it names could change
 * the kind (see `kindWithoutParsing`).
 */
export function responseKind(provider: Provider, status: number, body: unknown): ResponseKind {
  checkResponse(provider, status);
  if (status < 400) return 'ok';
  const kind = typeof body === 'string' ? kindWithoutParsing(status, body) : undefined;
  if (kind !== undefined) return kind;
  const { type, code } = errorObject(body);
  return kindOf(status, type, code);
}
