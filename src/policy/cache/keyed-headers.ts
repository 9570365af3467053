import { PolicyError } from '../errors.js';

/**
 * The request headers that change what a provider answers, and so belong in a cache key:
 * the Anthropic API version and beta features, and OpenAI's beta header (Assistants). Every
 * other header is left out: credentials (`x-api-key`, `authorization`, `api-key`), account
 * routing (`openai-organization`, `openai-project`), request ids, SDK telemetry and transport.
 *
 * @example
 * ```ts
 * import { CACHE_KEY_HEADERS } from 'mamlkit/policy';
 * CACHE_KEY_HEADERS; // ['anthropic-beta', 'anthropic-version', 'openai-beta']
 * ```
 */
export const CACHE_KEY_HEADERS: readonly string[] = ['anthropic-beta', 'anthropic-version', 'openai-beta'];

/** Request headers as `fetch` takes them: a `Headers` object or a record of strings. */
export type RequestHeaders = Headers | Readonly<Record<string, string>>;

function invalid(message: string): PolicyError {
  return new PolicyError('ERR_INVALID_ARGUMENT', message);
}

const isBlank = (c: number): boolean => c === 0x20 || c === 0x09;

/** The value with surrounding spaces and tabs removed (as `Headers` stores it), checked. */
function headerValue(name: string, value: unknown): string {
  if (typeof value !== 'string') throw invalid(`header ${name} must be a string`);
  let start = 0;
  let end = value.length;
  while (start < end && isBlank(value.charCodeAt(start))) start++;
  while (end > start && isBlank(value.charCodeAt(end - 1))) end--;
  const trimmed = value.slice(start, end);
  for (let i = 0; i < trimmed.length; i++) {
    const c = trimmed.charCodeAt(i);
    if (c < 0x20 || c > 0x7e) throw invalid(`header ${name} contains a character outside visible ASCII`);
  }
  return trimmed;
}

/**
 * The {@link CACHE_KEY_HEADERS} present in `headers`, by lower-case name, values trimmed.
 * A record that spells one keyed name in two letter cases is ambiguous and an error.
 */
export function keyedHeaders(headers: RequestHeaders | undefined): Record<string, string> {
  const keyed: Record<string, string> = {};
  if (headers === undefined) return keyed;
  if (typeof Headers === 'function' && headers instanceof Headers) {
    for (const name of CACHE_KEY_HEADERS) {
      const value = headers.get(name);
      if (value !== null) keyed[name] = headerValue(name, value);
    }
    return keyed;
  }
  const record: unknown = headers;
  if (record === null || typeof record !== 'object') {
    throw invalid('headers must be a Headers object or a record of strings');
  }
  for (const [name, value] of Object.entries(record)) {
    const lower = name.toLowerCase();
    if (!CACHE_KEY_HEADERS.includes(lower)) continue;
    if (lower in keyed) throw invalid(`header ${lower} is given twice (in different letter cases)`);
    keyed[lower] = headerValue(lower, value);
  }
  return keyed;
}
