import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { authHeaders } from '../../src/policy/auth/auth-headers.js';
import { CACHE_KEY_HEADERS } from '../../src/policy/cache/keyed-headers.js';
import {
  cacheKeyInput,
  requestCacheKey,
  type CacheDestination,
} from '../../src/policy/cache/request-cache-key.js';
import { PROVIDERS, type Provider } from '../../src/policy/types.js';
import { reversed, withMembers } from '../encoding/json-members.js';
import vectors from '../vectors/policy/cache-keys.json' with { type: 'json' };

const fromHex = (hex: string): Uint8Array =>
  Uint8Array.from(hex.match(/../g) ?? [], (b) => Number.parseInt(b, 16));
const codeOf = (run: () => unknown): string | undefined => {
  try {
    run();
  } catch (error) {
    return (error as { code?: string }).code;
  }
  return undefined;
};

const messages = [{ role: 'user', content: 'Summarise this MAML workflow.' }];
const body = { max_tokens: 512, messages };
const azure = (over: Partial<CacheDestination> = {}): CacheDestination => ({
  provider: 'azure-openai',
  endpoint: 'chat_completions',
  deployment: 'gpt-a',
  baseUrl: 'https://contoso.openai.azure.com',
  apiVersion: '2024-10-21',
  ...over,
});
/** The Azure destination without one of its fields. */
const without = (name: keyof CacheDestination): CacheDestination =>
  Object.fromEntries(Object.entries(azure()).filter(([key]) => key !== name)) as unknown as CacheDestination;
const anthropic: CacheDestination = { provider: 'anthropic', endpoint: 'messages' };
const KEY = /^mk1:sha256:[0-9a-f]{64}$/;

describe('requestCacheKey', () => {
  it.each(vectors.vectors.map((v) => [v.name, v]))('matches the frozen vector: %s', (_, v) => {
    const destination = v.destination as CacheDestination;
    expect(cacheKeyInput(destination, v.body)).toBe(v.input);
    const secret = 'secret' in v ? fromHex(v.secret) : undefined;
    expect(requestCacheKey(destination, v.body, secret === undefined ? {} : { secret })).toBe(v.key);
  });

  it('Cache keys: two Azure deployments (or api-versions, resources, endpoints, providers) never share an entry', () => {
    const keys = [
      azure(),
      azure({ deployment: 'gpt-b' }),
      azure({ apiVersion: '2025-04-01-preview' }),
      azure({ baseUrl: 'https://fabrikam.openai.azure.com' }),
      azure({ endpoint: 'responses' }),
      { provider: 'openai', endpoint: 'chat_completions', model: 'gpt-a' },
      { provider: 'anthropic', endpoint: 'messages', model: 'gpt-a' },
    ].map((destination) => requestCacheKey(destination as CacheDestination, body));
    for (const key of keys) expect(key).toMatch(KEY);
    expect(new Set(keys).size).toBe(keys.length);
    // and the body still counts
    expect(requestCacheKey(azure(), { ...body, max_tokens: 513 })).not.toBe(keys[0]);
  });

  it('Cache keys: a crafted MurmurHash3 collision is two keys', () => {
    // Built against the former key (MurmurHash3 x86_128, seed 0, of the canonical body): the last
    // 32 bytes of B were solved block by block from the hash state so that both bodies hashed
    // to 2e77a1d038b4d55ff567cf8f2777c42a; anyone who chose request text could do the same.
    const ask = (content: string) => ({
      model: 'claude-haiku-4-5',
      max_tokens: 512,
      messages: [{ role: 'user', content }],
    });
    const a = ask('xxxxxxTranslate this into French, ok?!');
    const b = ask('xxxxxxo0=ojJX8;QMze;oac9$6L(fnjZ(LeAJH');
    expect(requestCacheKey(anthropic, a)).not.toBe(requestCacheKey(anthropic, b));
    expect(requestCacheKey(anthropic, a)).toMatch(KEY);
  });

  it('Cache keys: output-changing headers are keyed, credentials and other headers never', () => {
    const base = requestCacheKey(anthropic, body, {});
    const with_ = (headers: Record<string, string>) => requestCacheKey({ ...anthropic, headers }, body);
    expect(with_({ 'anthropic-version': '2023-06-01' })).not.toBe(base);
    expect(with_({ 'anthropic-beta': 'files-api-2025-04-14' })).not.toBe(with_({}));
    expect(with_({ 'OpenAI-Beta': 'assistants=v2' })).not.toBe(with_({}));
    expect(with_({ 'anthropic-version': '2023-06-01' })).not.toBe(
      with_({ 'anthropic-version': '2023-01-01' }),
    );
    // names in any case, values trimmed as a Headers object stores them
    expect(with_({ 'Anthropic-Version': ' 2023-06-01\t' })).toBe(
      with_({ 'anthropic-version': '2023-06-01' }),
    );
    expect(
      requestCacheKey({ ...anthropic, headers: new Headers({ 'Anthropic-Version': '2023-06-01' }) }, body),
    ).toBe(with_({ 'anthropic-version': '2023-06-01' }));
    for (const provider of PROVIDERS) {
      const destination: CacheDestination =
        provider === 'azure-openai' ? azure() : { provider, endpoint: 'x', model: 'm' };
      const credentials =
        provider === 'azure-quantum'
          ? authHeaders(provider, { bearerToken: 'eyJ' })
          : authHeaders(provider, { apiKey: 'sk-1', organization: 'org-1', project: 'proj_1' });
      const keyed = Object.fromEntries(
        Object.entries(credentials).filter(([name]) => CACHE_KEY_HEADERS.includes(name)),
      );
      const plain = requestCacheKey({ ...destination, headers: keyed }, {});
      const headers = { ...credentials, 'x-request-id': 'r1', 'user-agent': 'u', 'idempotency-key': 'i' };
      expect(requestCacheKey({ ...destination, headers }, {})).toBe(plain);
    }
  });

  it('Cache keys: HMAC keys differ per secret and from the plain key; secrets are checked', () => {
    const s1 = new Uint8Array(32).fill(1);
    const s2 = new Uint8Array(32).fill(2);
    const k1 = requestCacheKey(anthropic, body, { secret: s1 });
    expect(k1).toMatch(/^mk1:hmac-sha256:[0-9a-f]{64}$/);
    expect(requestCacheKey(anthropic, body, { secret: s2 })).not.toBe(k1);
    expect(requestCacheKey(anthropic, body).slice(-64)).not.toBe(k1.slice(-64));
    for (const bad of [new Uint8Array(31), new Uint8Array(1025), 'a'.repeat(32)]) {
      expect(codeOf(() => requestCacheKey(anthropic, body, { secret: bad as Uint8Array }))).toBe(
        'ERR_INVALID_ARGUMENT',
      );
    }
  });

  it('key order, formatting and undefined members do not change a key', () => {
    const json = '{\n  "messages": [ { "role": "user", "content": "hi" } ],\n  "max_tokens": 5\n}';
    const parsed: unknown = JSON.parse(json);
    expect(requestCacheKey(anthropic, parsed)).toBe(
      requestCacheKey(anthropic, {
        max_tokens: 5,
        temperature: undefined,
        messages: [{ content: 'hi', role: 'user' }],
      }),
    );
  });

  it('Cache keys: property: equal requests share a key, any difference in destination or body splits it', () => {
    const text = fc.string({ minLength: 1, maxLength: 12 });
    const destination = fc.record(
      {
        provider: fc.constantFrom<Provider>('anthropic', 'openai', 'azure-quantum'),
        endpoint: text,
        model: text,
        apiVersion: text,
        headers: fc.dictionary(
          fc.constantFrom(...CACHE_KEY_HEADERS),
          fc.stringMatching(/^[\x21-\x7e]{1,8}$/),
        ),
      },
      { requiredKeys: ['provider', 'endpoint', 'headers'] },
    );
    const requestBody = fc.dictionary(
      fc.string().filter((k) => k !== 'model'),
      fc.jsonValue({ maxDepth: 3 }),
    );
    const sortedDeep = (value: unknown): unknown =>
      withMembers(value, (entries) =>
        entries.filter(([, v]) => v !== undefined).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)),
      );
    fc.assert(
      fc.property(
        destination,
        destination,
        requestBody,
        requestBody,
        fc.string(),
        (d1, d2, b1, b2, token) => {
          const key = requestCacheKey(d1, b1);
          const headers = { ...d1.headers, authorization: `Bearer ${token}`, 'x-api-key': token };
          expect(requestCacheKey({ ...d1, headers }, JSON.parse(JSON.stringify(reversed(b1), null, 1)))).toBe(
            key,
          );
          const same = (d: typeof d1, b: unknown) => JSON.stringify(sortedDeep([d, b]));
          const sameRequest = same(d1, b1) === same(d2, b2);
          expect(requestCacheKey(d2, b2) === key).toBe(sameRequest);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('refuses destinations that are incomplete or contradict the body', () => {
    expect(codeOf(() => requestCacheKey({ provider: 'vertex' as Provider, endpoint: 'x' }, {}))).toBe(
      'ERR_POLICY_UNKNOWN_PROVIDER',
    );
    expect(codeOf(() => requestCacheKey({ provider: 'openai' } as CacheDestination, {}))).toBe(
      'ERR_INVALID_ARGUMENT',
    );
    expect(codeOf(() => requestCacheKey({ ...anthropic, model: '' }, {}))).toBe('ERR_INVALID_ARGUMENT');
    expect(() => requestCacheKey(without('deployment'), body)).toThrow(/deployment and its baseUrl/);
    expect(() => requestCacheKey(without('baseUrl'), body)).toThrow(/deployment and its baseUrl/);
    expect(() => requestCacheKey({ ...anthropic, model: 'a' }, { model: 'b' })).toThrow(
      'destination.model "a" differs from body.model "b"',
    );
    expect(requestCacheKey({ ...anthropic, model: 'a' }, { model: 'a' })).toMatch(KEY);
    expect(() =>
      requestCacheKey({ ...anthropic, headers: { 'anthropic-beta': 'a', 'Anthropic-Beta': 'b' } }, {}),
    ).toThrow(/given twice/);
    expect(
      codeOf(() => requestCacheKey({ ...anthropic, headers: { 'anthropic-beta': 'a\r\nx: y' } }, {})),
    ).toBe('ERR_INVALID_ARGUMENT');
  });

  it('refuses bodies with no JSON form, lone surrogates, cycles and excessive depth', () => {
    for (const bad of [
      undefined,
      Number.NaN,
      Infinity,
      10n,
      () => 1,
      new Date(0),
      new Map(),
      Symbol('s'),
      '\ud800',
    ]) {
      expect(codeOf(() => requestCacheKey(anthropic, { bad }))).toBe(
        bad === undefined ? undefined : 'ERR_INVALID_ARGUMENT',
      );
      expect(codeOf(() => requestCacheKey(anthropic, bad))).toBe('ERR_INVALID_ARGUMENT');
    }
    const cycle: Record<string, unknown> = {};
    cycle.self = cycle;
    expect(codeOf(() => requestCacheKey(anthropic, cycle))).toBe('ERR_LIMIT_EXCEEDED');
    const deep = (n: number): unknown => (n === 0 ? 1 : [deep(n - 1)]);
    expect(requestCacheKey(anthropic, deep(128))).toMatch(KEY);
    expect(() => requestCacheKey(anthropic, deep(129))).toThrow(/deeper than 128/);
  });
});
