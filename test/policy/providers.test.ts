import { describe, expect, it } from 'vitest';
import { renderLimitsDoc } from '../../scripts/gen-limits-doc.js';
import { authHeaders } from '../../src/policy/auth/auth-headers.js';
import { parseRateLimitHeaders } from '../../src/policy/headers/parse-rate-limit-headers.js';
import { preflight } from '../../src/policy/preflight/preflight.js';
import {
  PROFILES,
  PROVIDERS,
  providerProfile,
  tokenizerFor,
  type Provider,
} from '../../src/policy/providers/index.js';
import { defaultPolicy, definePolicy, validatePolicy } from '../../src/policy/tables/define-policy.js';
import { findModel, providerTable } from '../../src/policy/tables/lookup.js';

const CREDENTIALS = { apiKey: 'key-1', bearerToken: 'token-1' };

describe('provider registry', () => {
  it('derives PROVIDERS and the default tables from the profiles', () => {
    expect(PROVIDERS).toEqual(Object.keys(PROFILES));
    for (const provider of PROVIDERS) {
      expect(providerProfile(provider).id).toBe(provider);
      expect(defaultPolicy.providers[provider]).toBe(PROFILES[provider].table);
    }
  });

  it.each(PROVIDERS)(
    '%s round-trips through definePolicy, auth headers, header parsing and the limits doc',
    (provider) => {
      const profile = providerProfile(provider);
      const policy = definePolicy({ providers: { [provider]: profile.table } }, null);
      expect(validatePolicy(policy)).toBe(policy);
      expect(providerTable(policy, provider)).toEqual(profile.table);

      const headers = authHeaders(provider, CREDENTIALS);
      expect(headers).toEqual(profile.authHeaders(CREDENTIALS));
      expect(Object.values(headers).join(' ')).toMatch(/key-1|token-1/);

      const names = Object.values(profile.rateLimitHeaders.windows).flat();
      const sent = Object.fromEntries(
        names.map((name) => [name, name.endsWith('reset') ? '2026-12-05T00:01:00Z' : '7']),
      );
      const snapshot = parseRateLimitHeaders(provider, { ...sent, 'retry-after': '3' }, 0);
      expect(snapshot.retryAfterMs).toBe(3000);
      for (const dimension of Object.keys(profile.rateLimitHeaders.windows)) {
        expect(snapshot[dimension as 'requests'].remaining).toBe(7);
      }

      expect(renderLimitsDoc(defaultPolicy)).toContain(`## ${profile.title} (\`${provider}\`)`);
    },
  );

  it('reads each provider only with its own header names (no OpenAI fallback)', () => {
    const openaiHeaders = { 'x-ratelimit-remaining-requests': '5' };
    expect(parseRateLimitHeaders('openai', openaiHeaders, 0).requests.remaining).toBe(5);
    expect(parseRateLimitHeaders('anthropic', openaiHeaders, 0).requests.remaining).toBeUndefined();
    expect(parseRateLimitHeaders('azure-quantum', openaiHeaders, 0).requests.remaining).toBeUndefined();
  });

  it('item 7: an unknown provider is ERR_POLICY_UNKNOWN_PROVIDER everywhere, never treated as OpenAI', () => {
    const unknown = 'cohere' as Provider;
    const code = { code: 'ERR_POLICY_UNKNOWN_PROVIDER' };
    expect(() => providerProfile(unknown)).toThrow(expect.objectContaining(code));
    expect(() => authHeaders(unknown, CREDENTIALS)).toThrow(expect.objectContaining(code));
    expect(() => parseRateLimitHeaders(unknown, {}, 0)).toThrow(expect.objectContaining(code));
    expect(() => preflight({ provider: unknown })).toThrow(expect.objectContaining(code));
    expect(() => providerProfile('__proto__' as Provider)).toThrow(expect.objectContaining(code));
  });

  it('names a tokenizer per model: the entry’s own, else the provider’s', () => {
    expect(tokenizerFor('anthropic', findModel(defaultPolicy, 'anthropic', 'claude-haiku-4-5'))).toBe(
      'claude',
    );
    expect(tokenizerFor('anthropic', findModel(defaultPolicy, 'anthropic', 'claude-opus-5-5'))).toBe(
      'claude-2026',
    );
    expect(tokenizerFor('openai', findModel(defaultPolicy, 'openai', 'gpt-4o'))).toBe('o200k_base');
    expect(tokenizerFor('azure-quantum')).toBeUndefined();
  });
});
