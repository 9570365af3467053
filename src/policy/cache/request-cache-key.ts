import { PolicyError } from '../errors.js';
import { murmur3x86128 } from './murmur3.js';

/**
 * Deepest nesting {@link canonicalJson} (and so {@link requestCacheKey}) accepts; deeper input,
 * or a cycle, throws `ERR_LIMIT_EXCEEDED`.
 *
 * @example
 * ```ts
 * import { MAX_CANONICAL_DEPTH } from 'mamlkit/policy';
 * MAX_CANONICAL_DEPTH; // 128
 * ```
 */
export const MAX_CANONICAL_DEPTH = 128;

function canonical(value: unknown, depth: number, out: string[]): void {
  if (depth > MAX_CANONICAL_DEPTH) {
    throw new PolicyError(
      'ERR_LIMIT_EXCEEDED',
      `request nests deeper than ${MAX_CANONICAL_DEPTH} levels (or contains a cycle)`,
    );
  }
  if (value === null || typeof value === 'boolean' || typeof value === 'string') {
    out.push(JSON.stringify(value));
    return;
  }
  if (typeof value === 'number') {
    if (!Number.isFinite(value))
      throw new PolicyError('ERR_INVALID_ARGUMENT', `${String(value)} has no JSON form`);
    out.push(JSON.stringify(value));
    return;
  }
  if (Array.isArray(value)) {
    out.push('[');
    (value as unknown[]).forEach((item, i) => {
      if (i > 0) out.push(',');
      canonical(item === undefined ? null : item, depth + 1, out);
    });
    out.push(']');
    return;
  }
  if (
    typeof value === 'object' &&
    (Object.getPrototypeOf(value) === Object.prototype || Object.getPrototypeOf(value) === null)
  ) {
    const record = value as Record<string, unknown>;
    const keys = Object.keys(record)
      .filter((key) => record[key] !== undefined)
      .sort();
    out.push('{');
    keys.forEach((key, i) => {
      if (i > 0) out.push(',');
      out.push(JSON.stringify(key), ':');
      canonical(record[key], depth + 1, out);
    });
    out.push('}');
    return;
  }
  throw new PolicyError(
    'ERR_INVALID_ARGUMENT',
    `a ${typeof value} (${Object.prototype.toString.call(value)}) has no canonical JSON form`,
  );
}

/**
 * JSON with object keys sorted (by UTF-16 code units) and no whitespace, so equal requests
 * serialize equally whatever their key order. `undefined` properties are dropped (as
 * `JSON.stringify` does); non-finite numbers, bigints, functions, class instances and nesting
 * deeper than {@link MAX_CANONICAL_DEPTH} are errors.
 *
 * @example
 * ```ts
 * import { canonicalJson } from 'mamlkit/policy';
 * canonicalJson({ b: 1, a: [true, null] }); // '{"a":[true,null],"b":1}'
 * ```
 */
export function canonicalJson(value: unknown): string {
  const out: string[] = [];
  canonical(value, 0, out);
  return out.join('');
}

const encoder = /* @__PURE__ */ new TextEncoder();

/**
 * A cache key for a request: MurmurHash3 x86_128 of its {@link canonicalJson} as 32 hex digits.
 * Stable across key order and runtimes, synchronous and crypto-free. It is a cache key, not a
 * security boundary: anyone who can choose requests can craft collisions, so never use it to
 * authenticate a cached response or to separate tenants (hash with SHA-256 for that).
 *
 * @example
 * ```ts
 * import { requestCacheKey } from 'mamlkit/policy';
 * requestCacheKey({ model: 'claude-haiku-4-5', max_tokens: 512, messages }) ===
 *   requestCacheKey({ messages, max_tokens: 512, model: 'claude-haiku-4-5' }); // true
 * ```
 */
export function requestCacheKey(request: unknown): string {
  return murmur3x86128(encoder.encode(canonicalJson(request)));
}
