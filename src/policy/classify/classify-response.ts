import { PolicyError } from '../errors.js';
import { RETRY_NAMES, RETRY_SLOTS } from '../headers/names.js';
import { headerReader } from '../headers/read.js';
import { assertProvider } from '../providers/index.js';
import { PROVIDERS, type Provider } from '../types.js';
import { PROVIDER_ERRORS } from './provider-errors.js';

/** What a response, or a failure to get one, means for the caller. */
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
  | 'server_error'
  /** The connection failed before a response arrived. */
  | 'connection';

/** A response as data: status, headers and (optionally) the body as text or parsed JSON. */
export interface ResponseInfo {
  readonly status: number;
  readonly headers?: unknown;
  readonly body?: unknown;
}

/** The verdict of {@link classifyResponse}. */
export interface Classification {
  readonly kind: ResponseKind;
  /**
   * Whether sending the same request again can succeed: exactly the `retry` of `planRetry` for
   * the same response while attempts remain and the server asks for no longer wait than
   * `maxDelayMs` (`x-should-retry` included).
   */
  readonly retryable: boolean;
  /** The provider's error type or code (`rate_limit_error`, `insufficient_quota`, …) when the body has one. */
  readonly errorType?: string;
  /** The provider's error message when the body has one. */
  readonly message?: string;
}

/** A retry decision: the kind, whether to retry, and why in words. */
export interface RetryDecision {
  readonly kind: ResponseKind;
  readonly retryable: boolean;
  readonly why: string;
}

/** Bodies longer than this are not parsed (error bodies are small). */
const MAX_BODY_CHARS = 65_536;

const RETRYABLE: ReadonlySet<ResponseKind> = new Set([
  'rate_limited',
  'overloaded',
  'timeout',
  'conflict',
  'server_error',
  'connection',
]);

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

/** The error names of a body, most specific first, and its message. */
interface ErrorFields {
  /** Anthropic's `error.details.error_code`. */
  detail?: string;
  code?: string;
  type?: string;
  message?: string;
}

const NO_FIELDS: ErrorFields = Object.freeze({});

/** The reader of the retry headers, shared with `planRetry` so both read them alike. */
export const readRetryHeaders: (headers: unknown) => readonly (string | undefined)[] =
  headerReader(RETRY_NAMES);

/** A text body parsed as JSON, an object as is; `undefined` for anything else. */
function parsed(body: unknown): unknown {
  if (typeof body !== 'string') return body;
  if (body.length > MAX_BODY_CHARS) return undefined;
  try {
    return JSON.parse(body) as unknown;
  } catch {
    return undefined;
  }
}

const field = (value: unknown, name: string): unknown =>
  value !== null && typeof value === 'object' ? (value as Record<string, unknown>)[name] : undefined;

/** The fields of an error object `{ type?, code?, message?, details?: { error_code? } }`. */
function fieldsOf(error: unknown): ErrorFields {
  if (error === null || typeof error !== 'object') return NO_FIELDS;
  const { type, code, message, details } = error as Record<string, unknown>;
  const detail = field(details, 'error_code');
  const fields: ErrorFields = {};
  if (typeof detail === 'string') fields.detail = detail;
  if (typeof code === 'string') fields.code = code;
  if (typeof type === 'string') fields.type = type;
  if (typeof message === 'string') fields.message = message.slice(0, 1000);
  return fields;
}

/** The error of an HTTP error body: its `error` object (Anthropic, OpenAI, Azure OpenAI). */
function bodyFields(body: unknown): ErrorFields {
  return fieldsOf(field(parsed(body), 'error'));
}

/**
 * The error of a mid-stream event: an `error` object (Anthropic's SSE `event: error`, Chat
 * Completions), OpenAI Responses' `error` event (`{ type: "error", code, message }`) or its
 * `response.failed` event (`{ response: { error: { code, message } } }`).
 */
function eventFields(event: unknown): ErrorFields {
  const value = parsed(event);
  const error = field(value, 'error');
  if (error !== null && typeof error === 'object') return fieldsOf(error);
  const type = field(value, 'type');
  if (type === 'response.failed') return fieldsOf(field(field(value, 'response'), 'error'));
  return type === 'error'
    ? fieldsOf({ code: field(value, 'code'), message: field(value, 'message') })
    : NO_FIELDS;
}

/**
 * The kind the provider's error names give, or `undefined` when none is in its table. Any name
 * meaning quota exhaustion wins (waiting never helps, whatever else the body says); otherwise
 * the most specific name: Anthropic's detail code, then the code, then the type.
 */
function namedKind(provider: Provider, fields: ErrorFields): ResponseKind | undefined {
  const table = PROVIDER_ERRORS[provider];
  const detail = fields.detail === undefined ? undefined : table.get(fields.detail);
  const code = fields.code === undefined ? undefined : table.get(fields.code);
  const type = fields.type === undefined ? undefined : table.get(fields.type);
  if (detail === 'quota_exhausted' || code === 'quota_exhausted' || type === 'quota_exhausted') {
    return 'quota_exhausted';
  }
  return detail ?? code ?? type;
}

/** The kind a status gives by itself, for a status of 400 or above. */
function statusKind(status: number): ResponseKind {
  return BY_STATUS.get(status) ?? (status >= 500 ? 'server_error' : 'invalid_request');
}

/** The statuses both SDKs retry: 408, 409, 429 and 5xx. */
const retriedStatus = (status: number): boolean =>
  status === 408 || status === 409 || status === 429 || status >= 500;

/** Which rule of the one retry decision applies to an HTTP response. */
type Rule = 'ok' | 'quota' | 'told_yes' | 'told_no' | 'status' | 'body' | 'retried';

const RULE_RETRIES: Readonly<Record<Rule, boolean>> = {
  ok: false,
  quota: false,
  told_yes: true,
  told_no: false,
  status: false,
  body: false,
  retried: true,
};

/**
 * The one retry decision for an HTTP response, which `classifyResponse` and `planRetry` share.
 * Quota exhaustion is never retried; otherwise `x-should-retry: true` / `false` decides (as in
 * both SDKs); otherwise a response is retried only when its status is one the SDKs retry AND
 * the kind its body names is transient, so a 500 naming `invalid_request_error` and a 400
 * naming `overloaded_error` are both not retried.
 */
function ruleOf(kind: ResponseKind, status: number, shouldRetry: string | undefined): Rule {
  if (kind === 'ok') return 'ok';
  if (kind === 'quota_exhausted') return 'quota';
  if (shouldRetry === 'true') return 'told_yes';
  if (shouldRetry === 'false') return 'told_no';
  if (!retriedStatus(status)) return 'status';
  return RETRYABLE.has(kind) ? 'retried' : 'body';
}

/** The words for a rule, built only when a caller wants them. */
function ruleReason(rule: Rule, status: number, kind: ResponseKind): string {
  switch (rule) {
    case 'ok':
      return 'request succeeded';
    case 'quota':
      return 'quota exhausted: waiting does not help';
    case 'told_yes':
      return 'server sent x-should-retry: true';
    case 'told_no':
      return 'server sent x-should-retry: false';
    case 'status':
      return `status ${status} is not retryable`;
    case 'body':
      return `status ${status} is retryable, but its body names a ${kind} error`;
    case 'retried':
      return `status ${status} is retryable`;
  }
}

/** Every error name of `provider` that can change a kind, between the quotes JSON writes around it. */
const QUOTED: Readonly<Partial<Record<Provider, RegExp>>> = Object.fromEntries(
  PROVIDERS.flatMap((provider) => {
    const names = [...PROVIDER_ERRORS[provider].keys()];
    return names.length === 0 ? [] : [[provider, new RegExp(`"(${names.join('|')})"`, 'g')]];
  }),
);

/**
 * The kind of a status-400-or-above response whose body is JSON text, found without parsing
 * the text where that is exact, else `undefined`. Without a backslash in the text, every JSON
 * string in it is written verbatim, so an error name that changes the kind appears in quotes;
 * if every quoted name found gives the status's own kind, parsing cannot give another one (and
 * a body that does not parse gives the status's kind too).
 */
function kindWithoutParsing(provider: Provider, status: number, text: string): ResponseKind | undefined {
  if (text.length > MAX_BODY_CHARS || text.includes('\\')) return undefined;
  const kind = statusKind(status);
  const quoted = QUOTED[provider];
  if (quoted === undefined) return kind;
  const table = PROVIDER_ERRORS[provider];
  quoted.lastIndex = 0;
  for (let match = quoted.exec(text); match !== null; match = quoted.exec(text)) {
    if (table.get(match[1] ?? '') !== kind) return undefined;
  }
  return kind;
}

/** Throws on an unknown provider or a status that is not an HTTP status. */
function checkResponse(provider: Provider, status: number): void {
  assertProvider(provider);
  if (!Number.isInteger(status) || status < 100 || status > 599) {
    throw new PolicyError(
      'ERR_INVALID_ARGUMENT',
      `status must be an integer HTTP status, got ${String(status)}`,
    );
  }
}

/** The trimmed `x-should-retry` value among retry header values, compared exactly as the SDKs do. */
const shouldRetryOf = (values: readonly (string | undefined)[]): string | undefined =>
  values[RETRY_SLOTS.shouldRetry]?.trim();

/**
 * The kind and retry decision of an HTTP response from its status, body and retry header
 * values. A text body is parsed only when the error names in it could change the kind.
 */
export function decideHttp(
  provider: Provider,
  status: number,
  body: unknown,
  values: readonly (string | undefined)[],
): RetryDecision {
  checkResponse(provider, status);
  let kind: ResponseKind;
  if (status < 400) kind = 'ok';
  else {
    const fast = typeof body === 'string' ? kindWithoutParsing(provider, status, body) : undefined;
    kind = fast ?? namedKind(provider, bodyFields(body)) ?? statusKind(status);
  }
  const rule = ruleOf(kind, status, shouldRetryOf(values));
  return { kind, retryable: RULE_RETRIES[rule], why: ruleReason(rule, status, kind) };
}

/**
 * The kind and retry decision of a mid-stream error event (parsed JSON or its text). An event
 * naming no error the provider lists counts as a server error: the server broke the stream.
 */
export function decideStream(provider: Provider, event: unknown): RetryDecision {
  assertProvider(provider);
  const fields = eventFields(event);
  const kind = namedKind(provider, fields) ?? 'server_error';
  const name = fields.detail ?? fields.code ?? fields.type ?? 'an unnamed error';
  const retryable = RETRYABLE.has(kind);
  const why = `stream error event ${name} (${kind}) is ${retryable ? '' : 'not '}retryable`;
  return { kind, retryable, why };
}

/**
 * Classifies a response following each provider's documented error types and codes (one table,
 * `PROVIDER_ERRORS`): Anthropic (`invalid_request_error` 400, `authentication_error` 401,
 * `billing_error` 402, `permission_error` 403, `not_found_error` 404, `request_too_large` 413,
 * `rate_limit_error` 429, `api_error` 500, `timeout_error` 504, `overloaded_error` 529, and the
 * monthly spend cap `enforced_spend_limit_reached`), OpenAI and Azure OpenAI (429
 * `rate_limit_exceeded` vs `insufficient_quota`, `credit_balance_exhausted`,
 * `organization_spend_limit_exceeded`, `organization_usage_limit_exceeded`,
 * `project_spend_limit_exceeded`, which waiting never fixes). `retryable` is the decision
 * `planRetry` takes (one function decides both). The body may be text or parsed JSON; it is
 * read only for statuses of 400 and above.
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
  const fields = status < 400 ? NO_FIELDS : bodyFields(response.body);
  const kind = status < 400 ? 'ok' : (namedKind(provider, fields) ?? statusKind(status));
  const rule = ruleOf(kind, status, shouldRetryOf(readRetryHeaders(response.headers)));
  const result: { -readonly [K in keyof Classification]: Classification[K] } = {
    kind,
    retryable: RULE_RETRIES[rule],
  };
  const errorType = fields.detail ?? fields.code ?? fields.type;
  if (errorType !== undefined) result.errorType = errorType;
  if (fields.message !== undefined) result.message = fields.message;
  return result;
}
