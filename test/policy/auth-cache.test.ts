import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { authHeaders } from '../../src/policy/auth/auth-headers.js';
import { murmur3x86128 } from '../../src/policy/cache/murmur3.js';
import { canonicalJson, requestCacheKey } from '../../src/policy/cache/request-cache-key.js';
import type { Provider } from '../../src/policy/types.js';
import vectors from '../vectors/policy/cache-keys.json' with { type: 'json' };

describe('authHeaders', () => {
  it('builds each provider’s documented headers', () => {
    expect(authHeaders('anthropic', { apiKey: 'sk-ant-x' })).toEqual({
      'x-api-key': 'sk-ant-x',
      'anthropic-version': '2023-06-01',
    });
    expect(
      authHeaders('anthropic', {
        apiKey: 'k',
        anthropicBeta: ['files-api-2025-04-14', 'context-1m-2025-08-07'],
      }),
    ).toEqual({
      'x-api-key': 'k',
      'anthropic-version': '2023-06-01',
      'anthropic-beta': 'files-api-2025-04-14,context-1m-2025-08-07',
    });
    expect(authHeaders('openai', { apiKey: 'sk-x', organization: 'org-1', project: 'proj_2' })).toEqual({
      authorization: 'Bearer sk-x',
      'openai-organization': 'org-1',
      'openai-project': 'proj_2',
    });
    expect(authHeaders('azure-openai', { apiKey: 'abc' })).toEqual({ 'api-key': 'abc' });
    expect(authHeaders('azure-openai', { bearerToken: 'eyJ' })).toEqual({ authorization: 'Bearer eyJ' });
    expect(authHeaders('azure-quantum', { bearerToken: 'eyJ' })).toEqual({ authorization: 'Bearer eyJ' });
  });

  it('rejects missing keys, header injection and unknown providers', () => {
    expect(() => authHeaders('openai', {})).toThrow(
      expect.objectContaining({ code: 'ERR_INVALID_ARGUMENT' }),
    );
    expect(() => authHeaders('anthropic', { apiKey: 'k\r\nx-evil: 1' })).toThrow(
      /not allowed in an HTTP header/,
    );
    expect(() => authHeaders('openai', { apiKey: 'k', project: 'p\n' })).toThrow(
      expect.objectContaining({ code: 'ERR_INVALID_ARGUMENT' }),
    );
    expect(() => authHeaders('azure-quantum', { apiKey: 'k' })).toThrow(/bearerToken/);
    expect(() => authHeaders('vertex' as Provider, { apiKey: 'k' })).toThrow(
      expect.objectContaining({ code: 'ERR_POLICY_UNKNOWN_PROVIDER' }),
    );
  });
});

describe('MurmurHash3 x86_128', () => {
  it('passes the SMHasher verification value 0xB3ECE62A', () => {
    // SMHasher VerificationTest: hash bytes [0..i) with seed 256 - i for i < 256, hash the
    // concatenated digests with seed 0, read the first four bytes little-endian.
    const all = new Uint8Array(16 * 256);
    for (let i = 0; i < 256; i++) {
      const key = Uint8Array.from({ length: i }, (_, j) => j);
      const hex = murmur3x86128(key, 256 - i);
      for (let b = 0; b < 16; b++) all[i * 16 + b] = Number.parseInt(hex.slice(b * 2, b * 2 + 2), 16);
    }
    const final = murmur3x86128(all, 0);
    const verification = Number.parseInt(
      final.slice(6, 8) + final.slice(4, 6) + final.slice(2, 4) + final.slice(0, 2),
      16,
    );
    expect(verification).toBe(0xb3ece62a);
  });

  it('hashes the empty input with seed 0 to zero', () => {
    expect(murmur3x86128(new Uint8Array(0))).toBe('0'.repeat(32));
  });
});

describe('requestCacheKey', () => {
  it.each(vectors.vectors.map((v) => [v.canonical, v]))('matches the frozen vector for %s', (_, v) => {
    expect(canonicalJson(v.request)).toBe(v.canonical);
    expect(requestCacheKey(v.request)).toBe(v.key);
  });

  it('is stable across key order and sensitive to values', () => {
    const json = fc.jsonValue({ maxDepth: 4 });
    fc.assert(
      fc.property(fc.dictionary(fc.string(), json), (record) => {
        const reversed = Object.fromEntries(Object.entries(record).reverse());
        expect(requestCacheKey(reversed)).toBe(requestCacheKey(record));
        expect(requestCacheKey(reversed)).toMatch(/^[0-9a-f]{32}$/);
        expect(JSON.parse(canonicalJson(record))).toEqual(JSON.parse(JSON.stringify(record)));
      }),
    );
    expect(requestCacheKey({ max_tokens: 512 })).not.toBe(requestCacheKey({ max_tokens: 513 }));
  });

  it('drops undefined properties like JSON.stringify and maps undefined array items to null', () => {
    expect(canonicalJson({ a: undefined, b: [undefined, 1] })).toBe('{"b":[null,1]}');
  });

  it('rejects values with no JSON form, cycles and excessive depth', () => {
    for (const bad of [Number.NaN, Infinity, 10n, () => 1, new Date(0), new Map(), Symbol('s')]) {
      expect(() => requestCacheKey({ bad })).toThrow(
        expect.objectContaining({ code: 'ERR_INVALID_ARGUMENT' }),
      );
    }
    const cycle: Record<string, unknown> = {};
    cycle.self = cycle;
    expect(() => requestCacheKey(cycle)).toThrow(expect.objectContaining({ code: 'ERR_LIMIT_EXCEEDED' }));
    let deep: unknown = 1;
    for (let i = 0; i < 200; i++) deep = [deep];
    expect(() => requestCacheKey(deep)).toThrow(/deeper than 128/);
  });
});
