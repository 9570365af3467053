import { describe, expect, it } from 'vitest';
import { authHeaders } from '../../src/policy/auth/auth-headers.js';
import type { Provider } from '../../src/policy/types.js';

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
