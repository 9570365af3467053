import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { classifyResponse, decideHttp } from '../../src/policy/classify/classify-response.js';
import { PROVIDERS, type Provider } from '../../src/policy/types.js';

const anthropicError = (type: string): string =>
  JSON.stringify({ type: 'error', error: { type, message: `${type} happened` } });

describe('classifyResponse', () => {
  it.each([
    [400, 'invalid_request_error', 'invalid_request', false],
    [401, 'authentication_error', 'auth', false],
    [403, 'permission_error', 'permission', false],
    [404, 'not_found_error', 'not_found', false],
    [413, 'request_too_large', 'request_too_large', false],
    [429, 'rate_limit_error', 'rate_limited', true],
    [500, 'api_error', 'server_error', true],
    [529, 'overloaded_error', 'overloaded', true],
  ])('Anthropic %i %s → %s', (status, type, kind, retryable) => {
    expect(classifyResponse('anthropic', { status, body: anthropicError(type) })).toEqual({
      kind,
      retryable,
      errorType: type,
      message: `${type} happened`,
    });
  });

  it('classifies by status when the body is missing or not JSON', () => {
    expect(classifyResponse('anthropic', { status: 529 }).kind).toBe('overloaded');
    expect(
      classifyResponse('anthropic', { status: 413, body: '<html>413 Request Entity Too Large</html>' }).kind,
    ).toBe('request_too_large');
    expect(classifyResponse('openai', { status: 503, body: 'upstream connect error' }).kind).toBe(
      'server_error',
    );
    expect(classifyResponse('openai', { status: 418 }).kind).toBe('invalid_request');
    expect(classifyResponse('openai', { status: 408 })).toEqual({ kind: 'timeout', retryable: true });
    expect(classifyResponse('openai', { status: 409 })).toEqual({ kind: 'conflict', retryable: true });
    expect(classifyResponse('openai', { status: 200, body: '{}' })).toEqual({ kind: 'ok', retryable: false });
  });

  it('does not read success bodies, even ones that mention an error', () => {
    const body = JSON.stringify({ error: { type: 'overloaded_error', message: 'quoted from a log' } });
    expect(classifyResponse('anthropic', { status: 200, body })).toEqual({ kind: 'ok', retryable: false });
  });

  it('tells OpenAI quota exhaustion from rate limiting', () => {
    const quota = {
      error: {
        message: 'You exceeded your current quota',
        type: 'insufficient_quota',
        param: null,
        code: 'insufficient_quota',
      },
    };
    expect(classifyResponse('openai', { status: 429, body: quota })).toMatchObject({
      kind: 'quota_exhausted',
      retryable: false,
      errorType: 'insufficient_quota',
    });
    const rate = {
      error: {
        message: 'Rate limit reached for requests',
        type: 'requests',
        param: null,
        code: 'rate_limit_exceeded',
      },
    };
    expect(classifyResponse('openai', { status: 429, body: JSON.stringify(rate) })).toMatchObject({
      kind: 'rate_limited',
      retryable: true,
      errorType: 'rate_limit_exceeded',
    });
    expect(
      classifyResponse('azure-openai', {
        status: 429,
        body: {
          error: {
            code: '429',
            message: 'Requests to the ChatCompletions_Create Operation have exceeded the token rate limit',
          },
        },
      }).kind,
    ).toBe('rate_limited');
    expect(
      classifyResponse('openai', {
        status: 400,
        body: { error: { type: 'invalid_request_error', code: 'context_length_exceeded' } },
      }).kind,
    ).toBe('invalid_request');
  });

  it('ignores bodies that are huge, odd or hostile', () => {
    expect(
      classifyResponse('anthropic', {
        status: 429,
        body: ' '.repeat(70_000) + anthropicError('overloaded_error'),
      }).kind,
    ).toBe('rate_limited');
    expect(
      classifyResponse('anthropic', { status: 500, body: { error: { type: 'constructor' } } }).kind,
    ).toBe('server_error');
    expect(classifyResponse('anthropic', { status: 500, body: { error: 'x' } }).kind).toBe('server_error');
    expect(classifyResponse('anthropic', { status: 500, body: 42 }).kind).toBe('server_error');
  });

  it('rejects statuses that are not HTTP statuses and unknown providers', () => {
    for (const status of [0, 99, 600, 200.5, Number.NaN]) {
      expect(() => classifyResponse('openai', { status })).toThrow(
        expect.objectContaining({ code: 'ERR_INVALID_ARGUMENT' }),
      );
    }
    expect(() => classifyResponse('groq' as Provider, { status: 200 })).toThrow(
      expect.objectContaining({ code: 'ERR_POLICY_UNKNOWN_PROVIDER' }),
    );
  });

  describe('decideHttp, the form planRetry uses', () => {
    const responseKind = (provider: Provider, status: number, body: unknown) =>
      decideHttp(provider, status, body, []).kind;
    const TYPES = [
      'invalid_request_error',
      'authentication_error',
      'permission_error',
      'not_found_error',
      'request_too_large',
      'rate_limit_error',
      'rate_limit_exceeded',
      'insufficient_quota',
      'billing_error',
      'overloaded_error',
      'api_error',
      'timeout_error',
    ];
    const STATUSES = [200, 400, 401, 402, 403, 404, 408, 409, 413, 418, 429, 500, 503, 529];
    const type = fc.oneof(fc.constantFrom(...TYPES), fc.string({ maxLength: 8 }));
    // An error body as a provider writes it, with any error type, code and message (a message
    // may name an error type too), sometimes nested, duplicated or with an escaped letter.
    const errorText = fc
      .record({
        type,
        code: fc.option(type, { nil: undefined }),
        message: fc.oneof(
          fc.string(),
          type.map((t) => `not "${t}" but`),
        ),
        wrap: fc.constantFrom('error', 'detail', 'errors'),
      })
      .map(({ type: t, code, message, wrap }) =>
        JSON.stringify({
          type: 'error',
          [wrap]: { type: t, ...(code === undefined ? {} : { code }), message },
        }),
      );
    const text = fc.oneof(
      errorText,
      errorText.map((t) => t.replace('_', '\\u005f')),
      errorText.map((t) => t.replace('{"type":"error",', '{"error":{"type":"api_error"},')),
      fc.json(),
      fc.string(),
      fc.constantFrom(...TYPES).map((t) => `"${t}"`),
    );
    it('gives the kind classifyResponse gives, text parsed or not', () => {
      fc.assert(
        fc.property(
          fc.constantFrom(...PROVIDERS),
          fc.oneof(fc.constantFrom(...STATUSES), fc.integer({ min: 100, max: 599 })),
          fc.oneof(
            text,
            fc.constant(undefined),
            fc.oneof(errorText, fc.json()).map((t) => JSON.parse(t) as unknown),
          ),
          (provider, status, body) => {
            expect(responseKind(provider, status, body)).toBe(
              classifyResponse(provider, { status, body }).kind,
            );
          },
        ),
        { numRuns: 2000 },
      );
    });
    it.each([
      ['anthropic', 429, '{"error":{"type":"rate_limit_error","message":"slow down"}}', 'rate_limited'],
      ['openai', 429, '{"error":{"type":"rate_limit_error","code":"insufficient_quota"}}', 'quota_exhausted'],
      ['openai', 429, '{"error":{"type":"insufficient\\u005fquota"}}', 'quota_exhausted'],
      ['anthropic', 429, '{"error":{"type":"api_error","type":"rate_limit_error"}}', 'rate_limited'],
      ['openai', 429, '{"error":{"message":"not insufficient_quota"}}', 'rate_limited'],
      ['anthropic', 500, '{"error":{"type":"overloaded_error"}}', 'overloaded'],
      ['openai', 500, '{"error":{"type":"overloaded_error"}}', 'server_error'],
      ['anthropic', 529, 'not json', 'overloaded'],
    ] as const)('%s status %i with %s → %s', (provider, status, body, kind) => {
      expect(responseKind(provider, status, body)).toBe(kind);
      expect(classifyResponse(provider, { status, body }).kind).toBe(kind);
    });
  });
});
