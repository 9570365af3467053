import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { preflight } from '../../src/policy/preflight/preflight.js';
import { LITELLM_SOURCE, policyFromLiteLLM } from '../../src/policy/refresh/litellm.js';
import { lifecycleFromModelsList } from '../../src/policy/refresh/models-list.js';
import { defaultPolicy, definePolicy, validatePolicy } from '../../src/policy/tables/define-policy.js';
import { findModel, getModel } from '../../src/policy/tables/lookup.js';

function fixture(name: string): unknown {
  return JSON.parse(readFileSync(new URL(`../vectors/policy/refresh/${name}`, import.meta.url), 'utf8'));
}

const CHECKED = { checkedAt: '2026-12-05' };

describe('policyFromLiteLLM', () => {
  const table = fixture('litellm-model-table.json');

  it('item 1: builds a validated policy from LiteLLM’s model table and says what it skipped', () => {
    const { policy, overrides, skipped } = policyFromLiteLLM(table, { ...CHECKED, base: null });
    expect(validatePolicy(policy)).toBe(policy);
    expect(Object.keys(overrides.providers ?? {}).sort()).toEqual(['anthropic', 'azure-openai', 'openai']);
    expect(getModel(policy, 'openai', 'gpt-6-luna')).toMatchObject({
      contextWindow: 1_050_000,
      maxOutputTokens: 128_000,
      status: 'active',
      source: LITELLM_SOURCE,
      checkedAt: '2026-12-05',
    });
    expect(getModel(policy, 'openai', 'gpt-5')).toMatchObject({
      contextWindow: 272_000,
      status: 'deprecated',
      retiresAt: '2026-12-11',
    });
    expect(getModel(policy, 'openai', 'o4-mini')).toMatchObject({
      status: 'retired',
      retiresAt: '2026-10-23',
    });
    expect(getModel(policy, 'anthropic', 'claude-sonnet-4-5-20250929').status).toBe('retired');
    expect(getModel(policy, 'azure-openai', 'gpt-5-mini').maxOutputTokens).toBe(128_000);
    expect(Object.fromEntries(skipped.map((s) => [s.id, s.reason]))).toEqual({
      sample_spec: 'the format’s example entry',
      'openai/gpt-5': 'names the same openai model as "gpt-5"',
      'gpt-4o-legacy-completions': 'no max_input_tokens',
      'text-embedding-3-small': 'mode "embedding" is not a text model',
      'gpt-image-2.6-flare': 'mode "image_generation" is not a text model',
      'claude-3-7-sonnet-20250219': 'deprecation_date "soon" is not a date',
      'azure/eu/gpt-5-mini-2025-08-07': 'a region-, route- or deployment-specific key',
      'bedrock/us.anthropic.claude-sonnet-5-5-v1:0':
        'litellm_provider "bedrock_converse" has no provider profile',
      'vertex_ai/claude-opus-5-5': 'litellm_provider "vertex_ai-anthropic_models" has no provider profile',
      'gpt-no-limits': 'no max_input_tokens',
    });
  });

  it('item 1: merges over the built-in tables by default, replacing entries of the same id', () => {
    const { policy } = policyFromLiteLLM(table, CHECKED);
    expect(getModel(policy, 'openai', 'gpt-5').source).toBe(LITELLM_SOURCE);
    expect(getModel(policy, 'openai', 'gpt-4o').source).toBe(
      getModel(defaultPolicy, 'openai', 'gpt-4o').source,
    );
    expect(
      preflight(
        { provider: 'openai', model: 'gpt-6-luna', inputTokens: 1_000_000, maxTokens: 100_000 },
        policy,
      ).violations[0]?.code,
    ).toBe('context_window_exceeded');
  });

  it('item 1: never throws on any JSON value inside the table, only skips (property)', () => {
    fc.assert(
      fc.property(fc.dictionary(fc.string(), fc.jsonValue()), (json) => {
        const { policy, skipped } = policyFromLiteLLM(json, { ...CHECKED, base: null });
        expect(validatePolicy(policy)).toBe(policy);
        expect(skipped.length).toBe(Object.keys(json).length);
      }),
    );
  });

  it('item 1: skips a key no table can hold, without touching any prototype', () => {
    const json = JSON.parse(
      '{"__proto__":{"litellm_provider":"openai","mode":"chat","max_input_tokens":10,"max_output_tokens":5}}',
    ) as unknown;
    const { policy, skipped } = policyFromLiteLLM(json, { ...CHECKED, base: null });
    expect(policy.providers.openai.models).toEqual({});
    expect(skipped).toEqual([{ id: '__proto__', reason: 'not a usable model id' }]);
    expect(({} as Record<string, unknown>)['max_input_tokens']).toBeUndefined();
  });

  it('item 1: refuses what is not a model table, and a bad checkedAt', () => {
    expect(() => policyFromLiteLLM([], CHECKED)).toThrow(
      expect.objectContaining({ code: 'ERR_POLICY_INVALID_TABLE' }),
    );
    expect(() => policyFromLiteLLM({}, { checkedAt: '05/12/2026' })).toThrow(
      expect.objectContaining({ code: 'ERR_INVALID_ARGUMENT' }),
    );
  });
});

describe('lifecycleFromModelsList', () => {
  it('item 1: turns OpenAI’s shutdown_date into lifecycle overrides', () => {
    const found = lifecycleFromModelsList('openai', fixture('openai-models-list.json'), CHECKED);
    const models = found.overrides.providers?.openai?.models ?? {};
    expect(Object.keys(models).sort()).toEqual(['gpt-4o', 'gpt-5', 'o3']);
    expect(models['gpt-4o']).toMatchObject({
      status: 'retired',
      retiresAt: '2026-11-30',
      contextWindow: 128_000,
    });
    expect(models['gpt-5']).toMatchObject({
      status: 'deprecated',
      retiresAt: '2026-12-11',
      replacement: 'gpt-6.1-sol',
    });
    expect(models.o3).toMatchObject({ status: 'active' });
    expect(models.o3).not.toHaveProperty('retiresAt');
    expect(found.unknown).toEqual(['gpt-7-preview']);
    expect(found.skipped).toEqual([
      { id: 'gpt-5-2025-08-07', reason: 'an alias of gpt-5, whose own entry carries the lifecycle' },
      { id: 'gpt-4.1', reason: 'shutdown_date "next year" is not a date' },
      { id: 'whisper-1', reason: 'not an OpenAI model object' },
    ]);
    expect(found.notListed).toContain('gpt-6.2-sol');
    expect(found.notListed).not.toContain('o4-mini');
    const policy = definePolicy(found.overrides);
    expect(
      preflight({ provider: 'openai', model: 'gpt-4o' }, policy, { now: Date.parse('2026-12-01') })
        .violations[0]?.code,
    ).toBe('model_retired');
  });

  it('item 1: reads Anthropic’s lifecycle, dates and limits, adding models new to the policy', () => {
    const found = lifecycleFromModelsList('anthropic', fixture('anthropic-models-list.json'), CHECKED);
    const models = found.overrides.providers?.anthropic?.models ?? {};
    expect(models['claude-opus-6']).toEqual({
      contextWindow: 1_000_000,
      maxOutputTokens: 128_000,
      source: 'https://platform.claude.com/docs/en/api/models/list',
      checkedAt: '2026-12-05',
      status: 'active',
    });
    expect(models['claude-haiku-4-5']).toMatchObject({
      status: 'deprecated',
      deprecatedAt: '2026-10-15',
      retiresAt: '2027-04-15',
      aliases: ['claude-haiku-4-5-20251001'],
      tokenizer: 'claude',
    });
    expect(models['claude-sonnet-5']?.status).toBe('legacy');
    expect(found.unknown).toEqual(['claude-mythos-5']);
    expect(found.skipped).toEqual([
      { id: 'claude-future', reason: 'lifecycle "preview" is not active, deprecated or retired' },
    ]);
    const policy = definePolicy(found.overrides);
    expect(findModel(policy, 'anthropic', 'claude-opus-6')?.contextWindow).toBe(1_000_000);
  });

  it('item 1: refuses a list of the wrong shape or for a provider without one', () => {
    expect(() => lifecycleFromModelsList('openai', { object: 'list' }, CHECKED)).toThrow(
      expect.objectContaining({ code: 'ERR_POLICY_INVALID_TABLE' }),
    );
    expect(() => lifecycleFromModelsList('azure-quantum', [], CHECKED)).toThrow(/publishes no models list/);
    const { skipped } = lifecycleFromModelsList('anthropic', fixture('openai-models-list.json'), CHECKED);
    expect(skipped.filter((s) => s.reason !== 'not an Anthropic model object')).toEqual([
      { id: 'whisper-1', reason: 'lifecycle undefined is not active, deprecated or retired' },
    ]);
  });
});
