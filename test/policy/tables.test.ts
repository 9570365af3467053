import { describe, expect, it } from 'vitest';
import { PolicyError } from '../../src/policy/errors.js';
import { defaultPolicy, definePolicy, validatePolicy } from '../../src/policy/tables/define-policy.js';
import {
  findEndpoint,
  findModel,
  findTarget,
  getModel,
  providerTable,
} from '../../src/policy/tables/lookup.js';
import { PROVIDERS, type Provider } from '../../src/policy/types.js';

const SOURCE = 'https://example.com/limits';

describe('built-in tables', () => {
  it('pass the schema', () => {
    expect(validatePolicy(defaultPolicy)).toBe(defaultPolicy);
  });

  it('hold the documented request-size and batch limits', () => {
    const a = defaultPolicy.providers.anthropic.endpoints;
    expect(a.messages?.maxBodyBytes).toBe(32_000_000);
    expect(a.count_tokens?.maxBodyBytes).toBe(32_000_000);
    expect(a.message_batches?.maxBodyBytes).toBe(256_000_000);
    expect(a.message_batches?.maxRequests).toBe(100_000);
    expect(a.files?.maxBodyBytes).toBe(500_000_000);
    const o = defaultPolicy.providers.openai.endpoints;
    expect(o.batch?.maxBodyBytes).toBe(200_000_000);
    expect(o.batch?.maxRequests).toBe(50_000);
    expect(o.files?.maxBodyBytes).toBe(512_000_000);
  });

  it('date and cite every entry', () => {
    for (const provider of PROVIDERS) {
      const table = providerTable(defaultPolicy, provider);
      const entries = [
        ...Object.values(table.endpoints),
        ...Object.values(table.models),
        ...Object.values(table.targets),
      ];
      for (const entry of entries) {
        expect(entry.source).toMatch(
          /^https:\/\/(?:platform\.claude\.com|docs\.anthropic\.com|developers\.openai\.com|learn\.microsoft\.com)\//,
        );
        expect(entry.checkedAt).toBe('2026-12-05');
      }
    }
  });

  it('do not repeat the seeds’ false numbers', () => {
    for (const model of Object.values(defaultPolicy.providers.anthropic.models)) {
      expect(model.maxOutputTokens).toBeGreaterThan(1024);
    }
    const qubits = Object.values(defaultPolicy.providers['azure-quantum'].targets).map((t) => t.qubits);
    expect(new Set(qubits).size).toBeGreaterThan(3);
    expect(findModel(defaultPolicy, 'openai', 'gpt-4o-2025-10-15')).toBeUndefined();
  });

  it('resolve aliases and dated snapshots', () => {
    expect(findModel(defaultPolicy, 'anthropic', 'claude-sonnet-4-5-20250929')?.id).toBe('claude-sonnet-4-5');
    expect(getModel(defaultPolicy, 'openai', 'gpt-5-2025-08-07').maxInputTokens).toBe(272_000);
    expect(getModel(defaultPolicy, 'azure-openai', 'gpt-4.1').contextWindow).toBe(1_047_576);
    expect(getModel(defaultPolicy, 'openai', 'gpt-5.6').id).toBe('gpt-5.6-sol');
    expect(findTarget(defaultPolicy, 'azure-quantum', 'ionq.qpu.forte-1')?.qubits).toBe(36);
    expect(findEndpoint(defaultPolicy, 'openai', 'toString')).toBeUndefined();
    expect(findModel(defaultPolicy, 'openai', 'constructor')).toBeUndefined();
  });

  it('name what is known when a lookup fails', () => {
    const error = (() => {
      try {
        getModel(defaultPolicy, 'anthropic', 'claude-9');
      } catch (e) {
        return e;
      }
      return undefined;
    })();
    expect(error).toBeInstanceOf(PolicyError);
    expect((error as PolicyError).code).toBe('ERR_POLICY_UNKNOWN_MODEL');
    expect((error as PolicyError).message).toContain('claude-haiku-4-5');
    expect(() => providerTable(defaultPolicy, 'cohere' as Provider)).toThrow(/known: anthropic, openai/);
  });
});

describe('definePolicy', () => {
  it('adds and replaces entries, keeping the rest', () => {
    const policy = definePolicy({
      providers: {
        anthropic: {
          models: {
            'claude-haiku-4-5': {
              contextWindow: 1_000_000,
              maxOutputTokens: 64_000,
              source: SOURCE,
              checkedAt: '2026-12-05',
              status: 'active',
            },
            'my-model': {
              contextWindow: 8192,
              maxOutputTokens: 2048,
              source: SOURCE,
              checkedAt: '2025-01-01',
              status: 'active',
            },
          },
        },
      },
      profiles: { brief: 256 },
    });
    expect(getModel(policy, 'anthropic', 'claude-haiku-4-5').contextWindow).toBe(1_000_000);
    expect(getModel(policy, 'anthropic', 'my-model').maxOutputTokens).toBe(2048);
    expect(getModel(policy, 'anthropic', 'claude-opus-4-1').maxOutputTokens).toBe(32_000);
    expect(policy.profiles).toEqual({ concise: 512, detailed: 1024, brief: 256 });
    expect(defaultPolicy.providers.anthropic.models['my-model']).toBeUndefined();
  });

  it('starts from empty tables when base is null', () => {
    const policy = definePolicy(
      {
        providers: {
          openai: {
            endpoints: {
              x: {
                path: 'POST /x',
                maxBodyBytes: 10,
                source: SOURCE,
                checkedAt: '2025-01-01',
                status: 'active',
              },
            },
          },
        },
      },
      null,
    );
    expect(Object.keys(policy.providers.openai.endpoints)).toEqual(['x']);
    expect(policy.providers.anthropic.models).toEqual({});
    expect(policy.profiles).toEqual({});
  });

  it.each([
    [
      'negative limit',
      {
        providers: {
          openai: {
            endpoints: {
              x: { path: 'p', maxBodyBytes: -1, source: SOURCE, checkedAt: '2025-01-01', status: 'active' },
            },
          },
        },
      },
    ],
    [
      'missing source',
      {
        providers: {
          openai: {
            models: {
              m: { contextWindow: 10, maxOutputTokens: 5, checkedAt: '2025-01-01', status: 'active' },
            },
          },
        },
      },
    ],
    [
      'bad date',
      {
        providers: {
          openai: {
            models: {
              m: {
                contextWindow: 10,
                maxOutputTokens: 5,
                source: SOURCE,
                checkedAt: 'soon',
                status: 'active',
              },
            },
          },
        },
      },
    ],
    [
      'http source',
      {
        providers: {
          openai: {
            models: {
              m: {
                contextWindow: 10,
                maxOutputTokens: 5,
                source: 'http://x.test/',
                checkedAt: '2025-01-01',
                status: 'active',
              },
            },
          },
        },
      },
    ],
    ['unknown provider', { providers: { cohere: {} } }],
    ['fractional profile', { profiles: { half: 0.5 } }],
    [
      'infinite qubits',
      {
        providers: {
          'azure-quantum': {
            targets: {
              t: { qubits: Infinity, kind: 'qpu', source: SOURCE, checkedAt: '2025-01-01', status: 'active' },
            },
          },
        },
      },
    ],
  ])('rejects %s with ERR_POLICY_INVALID_TABLE', (_, input) => {
    expect(() => definePolicy(input as never)).toThrow(
      expect.objectContaining({ code: 'ERR_POLICY_INVALID_TABLE' }),
    );
  });

  it('validatePolicy rejects a policy loaded from bad JSON', () => {
    expect(() => validatePolicy({ providers: {}, profiles: {} })).toThrow(
      expect.objectContaining({ code: 'ERR_POLICY_INVALID_TABLE' }),
    );
  });
});
