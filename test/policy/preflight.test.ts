import { describe, expect, it } from 'vitest';
import { preflight, resolveMaxTokens } from '../../src/policy/preflight/preflight.js';
import { defaultPolicy, definePolicy } from '../../src/policy/tables/define-policy.js';
import { getModel } from '../../src/policy/tables/lookup.js';
import type { Provider } from '../../src/policy/types.js';

describe('preflight', () => {
  it('passes a request within every limit', () => {
    const result = preflight({
      provider: 'anthropic',
      endpoint: 'messages',
      model: 'claude-haiku-4-5',
      bodyBytes: 10_000,
      inputTokens: 1000,
      maxTokens: 'concise',
    });
    expect(result).toEqual({
      ok: true,
      violations: [],
      warnings: [],
      maxTokens: 512,
      inputTokens: 1000,
      unchecked: [],
    });
  });

  it('reports a body over the endpoint limit and names the larger endpoints', () => {
    const result = preflight({ provider: 'anthropic', endpoint: 'messages', bodyBytes: 40_000_000 });
    expect(result.ok).toBe(false);
    expect(result.violations).toHaveLength(1);
    const [v] = result.violations;
    expect(v).toMatchObject({ code: 'body_too_large', limit: 32_000_000, actual: 40_000_000 });
    expect(v?.suggestion).toContain('message_batches (256 MB)');
    expect(v?.suggestion).toContain('files (500 MB)');
    expect(v?.source).toBe('https://docs.anthropic.com/en/api/overview');
  });

  it('suggests splitting when no endpoint is large enough', () => {
    const [v] = preflight({ provider: 'openai', endpoint: 'files', bodyBytes: 600_000_000 }).violations;
    expect(v?.code).toBe('body_too_large');
    expect(v?.suggestion).toBe('Split the payload into parts of at most 512 MB.');
  });

  it('accepts a body exactly at the limit', () => {
    expect(preflight({ provider: 'anthropic', endpoint: 'messages', bodyBytes: 32_000_000 }).ok).toBe(true);
  });

  it('splits oversized batches', () => {
    const [v] = preflight({ provider: 'openai', endpoint: 'batch', requests: 120_001 }).violations;
    expect(v).toMatchObject({ code: 'batch_too_many_requests', limit: 50_000, actual: 120_001 });
    expect(v?.suggestion).toBe('Split into 3 batches of at most 50000 requests.');
  });

  it('reports max_tokens over the model ceiling and input + output over the context window', () => {
    const result = preflight({
      provider: 'anthropic',
      model: 'claude-3-5-haiku',
      maxTokens: 10_000,
      inputTokens: 195_000,
    });
    expect(result.violations.map((v) => v.code)).toEqual([
      'model_retired',
      'max_tokens_too_high',
      'context_window_exceeded',
    ]);
    expect(result.violations[1]).toMatchObject({
      limit: 8192,
      actual: 10_000,
      suggestion: 'Lower max_tokens to at most 8192.',
    });
    expect(result.violations[2]).toMatchObject({ limit: 200_000, actual: 205_000 });
    expect(result.violations[2]?.suggestion).toMatch(/^Lower max_tokens to at most 5000, shorten the input/);
  });

  it('applies a model input ceiling smaller than its context window', () => {
    const [v] = preflight({ provider: 'openai', model: 'gpt-5', inputTokens: 300_000 }).violations;
    expect(v).toMatchObject({ code: 'input_too_long', limit: 272_000, actual: 300_000 });
    expect(v?.suggestion).toContain('gpt-4.1');
  });

  it('estimates input tokens from text in upper mode', () => {
    const result = preflight({
      provider: 'openai',
      model: 'gpt-4o',
      text: 'word '.repeat(200_000),
      maxTokens: 1000,
    });
    expect(result.inputTokens).toBeGreaterThan(128_000);
    expect(result.violations.map((v) => v.code)).toEqual(['input_too_long']);
  });

  it('checks qubits per Azure Quantum target and points to larger ones', () => {
    expect(preflight({ provider: 'azure-quantum', target: 'quantinuum.qpu.h2-1', qubits: 40 }).ok).toBe(true);
    const [v] = preflight({ provider: 'azure-quantum', target: 'ionq.qpu.aria-1', qubits: 33 }).violations;
    expect(v).toMatchObject({ code: 'qubits_over_target', limit: 25, actual: 33 });
    expect(v?.suggestion).toBe(
      'Pick a larger target: ionq.qpu.forte-1 (36), ionq.qpu.forte-enterprise-1 (36), pasqal.sim.emu-mps (80), pasqal.qpu.fresnel (100), pasqal.qpu.fresnel-can1 (100), quantinuum.sim.h2-1sc (56), quantinuum.sim.h2-2sc (56), quantinuum.qpu.h2-1 (56), quantinuum.qpu.h2-2 (56), rigetti.qpu.cepheus-1-108q (108).',
    );
    const [none] = preflight({
      provider: 'azure-quantum',
      target: 'ionq.qpu.aria-1',
      qubits: 500,
    }).violations;
    expect(none?.code).toBe('qubits_over_target');
    expect(none?.suggestion).toBe('No known target has 500 qubits: reduce the circuit width.');
  });

  it('throws typed errors for unknown entries, or lists them as unchecked when allowed', () => {
    expect(() => preflight({ provider: 'openai', model: 'gpt-9' })).toThrow(
      expect.objectContaining({ code: 'ERR_POLICY_UNKNOWN_MODEL' }),
    );
    expect(() => preflight({ provider: 'openai', endpoint: 'moderations' })).toThrow(
      expect.objectContaining({
        code: 'ERR_POLICY_UNKNOWN_ENDPOINT',
        message: expect.stringContaining('known: chat_completions, responses, batch, files') as unknown,
      }),
    );
    expect(() => preflight({ provider: 'azure-quantum', target: 'rigetti.qpu.novera' })).toThrow(
      expect.objectContaining({ code: 'ERR_POLICY_UNKNOWN_TARGET' }),
    );
    expect(() => preflight({ provider: 'mistral' as Provider })).toThrow(
      expect.objectContaining({ code: 'ERR_POLICY_UNKNOWN_PROVIDER' }),
    );
    const result = preflight(
      { provider: 'openai', model: 'gpt-9', endpoint: 'moderations', maxTokens: 100 },
      defaultPolicy,
      { allowUnknown: true },
    );
    expect(result.ok).toBe(true);
    expect(result.unchecked).toEqual([
      'no limits known for openai endpoint "moderations"',
      'no limits known for openai model "gpt-9"',
    ]);
  });

  it.each([
    ['bodyBytes', -1],
    ['bodyBytes', Number.NaN],
    ['inputTokens', Infinity],
    ['requests', -5],
    ['qubits', Number.NEGATIVE_INFINITY],
    ['maxTokens', -1],
  ])('rejects %s = %s', (field, value) => {
    expect(() => preflight({ provider: 'anthropic', model: 'claude-opus-4-1', [field]: value })).toThrow(
      expect.objectContaining({ code: 'ERR_INVALID_ARGUMENT' }),
    );
  });
});

describe('max_tokens profiles', () => {
  const haiku35 = getModel(defaultPolicy, 'anthropic', 'claude-3-5-haiku');
  it('resolve concise and detailed as the seeds suggest', () => {
    expect(resolveMaxTokens('concise', haiku35, defaultPolicy)).toBe(512);
    expect(resolveMaxTokens('detailed', haiku35, defaultPolicy)).toBe(1024);
  });
  it('clamp to the model ceiling and resolve max', () => {
    const policy = definePolicy({ profiles: { long: 20_000 } });
    expect(resolveMaxTokens('long', haiku35, policy)).toBe(8192);
    expect(resolveMaxTokens('max', getModel(defaultPolicy, 'openai', 'o3'), defaultPolicy)).toBe(100_000);
  });
  it('reject unknown profiles and max without a model', () => {
    expect(() => resolveMaxTokens('verbose', haiku35, defaultPolicy)).toThrow(
      /known: max, concise, detailed/,
    );
    expect(() => resolveMaxTokens('max', undefined, defaultPolicy)).toThrow(
      expect.objectContaining({ code: 'ERR_INVALID_ARGUMENT' }),
    );
  });
});
