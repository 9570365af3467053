import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { preflight } from '../../src/policy/preflight/preflight.js';
import { PROVIDERS } from '../../src/policy/providers/index.js';
import { defaultPolicy, definePolicy } from '../../src/policy/tables/define-policy.js';
import { checkedRange, lifecycleSummary } from '../../src/policy/tables/lifecycle.js';
import { findModel, getModel } from '../../src/policy/tables/lookup.js';
import type { LifecycleStatus, ModelLimit } from '../../src/policy/types.js';

const SOURCE = 'https://example.com/models';
const TODAY = Date.parse('2026-12-05T12:00:00Z');

function model(status: LifecycleStatus, extra: Partial<ModelLimit> = {}): ModelLimit {
  return {
    contextWindow: 1000,
    maxOutputTokens: 100,
    source: SOURCE,
    checkedAt: '2026-12-05',
    status,
    ...extra,
  };
}

describe('item 1: stale tables', () => {
  it('item 1: every built-in entry is dated, cited and has a lifecycle the schema accepts', () => {
    for (const provider of PROVIDERS) {
      const { endpoints, models, targets } = defaultPolicy.providers[provider];
      for (const entry of [
        ...Object.values(endpoints),
        ...Object.values(models),
        ...Object.values(targets),
      ]) {
        expect(entry.checkedAt).toMatch(/^\d{4}-\d{2}-\d{2}$/);
        expect(['active', 'legacy', 'deprecated', 'retired']).toContain(entry.status);
        if (entry.status === 'active') expect(entry.retiresAt).toBeUndefined();
      }
    }
    expect(checkedRange(defaultPolicy)).toEqual({ oldest: '2026-12-05', newest: '2026-12-05' });
  });

  it('item 1: current models are known, so preflight no longer throws ERR_POLICY_UNKNOWN_MODEL for them', () => {
    for (const id of ['claude-opus-5-5', 'claude-sonnet-5-5', 'claude-haiku-5-5', 'claude-fable-5-1']) {
      expect(
        preflight({ provider: 'anthropic', model: id, maxTokens: 1000 }, defaultPolicy, { now: TODAY }).ok,
      ).toBe(true);
    }
    for (const id of ['gpt-6-luna', 'gpt-6.2-astra', 'gpt-5.6-sol']) {
      expect(getModel(defaultPolicy, 'openai', id).status).toBe('active');
    }
    expect(findModel(defaultPolicy, 'anthropic', 'claude-sonnet-5')?.status).toBe('legacy');
  });

  it('item 1: a retired model is a violation with its date and the named replacement', () => {
    const result = preflight({ provider: 'anthropic', model: 'claude-sonnet-4-5-20250929', maxTokens: 100 });
    expect(result.ok).toBe(false);
    expect(result.violations[0]).toMatchObject({
      code: 'model_retired',
      limit: Date.parse('2026-11-30'),
      message: 'model claude-sonnet-4-5 was retired on 2026-11-30: requests naming it fail',
      suggestion: 'Use claude-sonnet-5-5, the replacement the provider names.',
    });
    const [nano] = preflight({ provider: 'openai', model: 'gpt-4.1-nano' }).violations;
    expect(nano?.code).toBe('model_retired');
    expect(nano?.suggestion).toMatch(/^Use an active one: gpt-6\.2-astra, /);
  });

  it('item 1: a deprecated model passes with a warning that gives its retirement date', () => {
    const result = preflight({ provider: 'openai', model: 'gpt-5', maxTokens: 100 }, defaultPolicy, {
      now: TODAY,
    });
    expect(result.ok).toBe(true);
    expect(result.warnings).toEqual([
      {
        code: 'model_deprecated',
        id: 'gpt-5',
        message:
          'model gpt-5 is deprecated and retires on 2026-12-11; the provider names gpt-6.1-sol as its replacement',
        retiresAt: '2026-12-11',
        replacement: 'gpt-6.1-sol',
        source: 'https://developers.openai.com/api/docs/deprecations',
      },
    ]);
  });

  it('item 1: with now past retiresAt, a deprecated entry is retired', () => {
    const after = Date.parse('2026-12-11T00:00:00Z');
    const late = preflight({ provider: 'openai', model: 'gpt-5' }, defaultPolicy, { now: after });
    expect(late.violations.map((v) => v.code)).toEqual(['model_retired']);
    expect(late.violations[0]).toMatchObject({ limit: after, actual: after });
    expect(preflight({ provider: 'openai', model: 'gpt-5' }, defaultPolicy, { now: after - 1 }).ok).toBe(
      true,
    );
  });

  it('item 1: retired endpoints and targets are violations; retired entries are never suggested', () => {
    const [target] = preflight({
      provider: 'azure-quantum',
      target: 'quantinuum.qpu.h1-1',
      qubits: 10,
    }).violations;
    expect(target).toMatchObject({ code: 'target_retired', limit: 0 });
    const [wide] = preflight({ provider: 'azure-quantum', target: 'ionq.qpu.aria-1', qubits: 60 }).violations;
    expect(wide?.suggestion).not.toContain('ankaa-3');
    const policy = definePolicy({
      providers: {
        openai: {
          endpoints: {
            old: {
              path: 'POST /old',
              source: SOURCE,
              checkedAt: '2026-01-01',
              status: 'deprecated',
              retiresAt: '2026-02-01',
            },
          },
        },
      },
    });
    expect(preflight({ provider: 'openai', endpoint: 'old' }, policy).warnings[0]?.code).toBe(
      'endpoint_deprecated',
    );
    expect(
      preflight({ provider: 'openai', endpoint: 'old' }, policy, { now: TODAY }).violations[0]?.code,
    ).toBe('endpoint_retired');
  });

  it('item 1: the verdict follows the lifecycle for any status, dates and clock (property)', () => {
    const day = fc
      .integer({ min: Date.parse('2020-01-01'), max: Date.parse('2030-01-01') })
      .map((ms) => new Date(ms - (ms % 86_400_000)).toISOString().slice(0, 10));
    fc.assert(
      fc.property(
        fc.constantFrom<LifecycleStatus>('active', 'legacy', 'deprecated', 'retired'),
        fc.option(day, { nil: undefined }),
        fc.integer({ min: Date.parse('2020-01-01'), max: Date.parse('2031-01-01') }),
        (status, retiresAt, now) => {
          const entry = model(status, status === 'active' || retiresAt === undefined ? {} : { retiresAt });
          const policy = definePolicy({ providers: { openai: { models: { m: entry } } } }, null);
          const result = preflight({ provider: 'openai', model: 'm' }, policy, { now });
          const retired =
            status === 'retired' || (entry.retiresAt !== undefined && now >= Date.parse(entry.retiresAt));
          expect(result.ok).toBe(!retired);
          expect(result.warnings.length).toBe(!retired && status === 'deprecated' ? 1 : 0);
        },
      ),
    );
  });

  it('item 1: the schema refuses inconsistent lifecycles and names the renamed asOf', () => {
    const bad =
      (entry: object): (() => unknown) =>
      () =>
        definePolicy({ providers: { openai: { models: { m: entry as ModelLimit } } } });
    expect(bad(model('active', { retiresAt: '2027-01-01' }))).toThrow(
      /an active entry has no deprecatedAt or retiresAt/,
    );
    expect(bad(model('deprecated', { deprecatedAt: '2027-02-01', retiresAt: '2027-01-01' }))).toThrow(
      /deprecatedAt is after retiresAt/,
    );
    expect(bad(model('gone' as LifecycleStatus))).toThrow(
      expect.objectContaining({ code: 'ERR_POLICY_INVALID_TABLE' }),
    );
    expect(bad({ ...model('active'), asOf: '2025-01-01' })).toThrow(/`asOf` was renamed `checkedAt`/);
    const withoutStatus: { -readonly [K in keyof ModelLimit]?: ModelLimit[K] } = model('active');
    delete withoutStatus.status;
    expect(bad(withoutStatus)).toThrow(/status/);
    expect(bad(model('retired', { retiresAt: '2026-02-30' }))).toThrow(/retiresAt/);
  });

  it('item 1: the Azure chat_completions note gives the per-request limits of the quotas page', () => {
    const note = defaultPolicy.providers['azure-openai'].endpoints.chat_completions?.note ?? '';
    expect(note).toContain('2,048 messages');
    expect(note).toContain('1,048,576 characters per message');
    expect(note).not.toMatch(/no limit documented/i);
  });

  it('item 1: Azure OpenAI follows Azure’s retirement schedule, not OpenAI’s', () => {
    expect(getModel(defaultPolicy, 'azure-openai', 'gpt-4.1')).toMatchObject({
      status: 'retired',
      retiresAt: '2026-10-14',
    });
    expect(getModel(defaultPolicy, 'openai', 'gpt-4.1')).toMatchObject({
      status: 'deprecated',
      retiresAt: '2027-01-14',
    });
    expect(getModel(defaultPolicy, 'azure-openai', 'gpt-4.1').contextWindow).toBe(1_047_576);
  });

  it('item 1: lifecycleSummary says status, dates and replacement', () => {
    expect(lifecycleSummary(getModel(defaultPolicy, 'openai', 'gpt-4o'))).toBe(
      'deprecated, deprecated 2026-10-14, retires 2027-01-14, replacement gpt-6-luna',
    );
    expect(lifecycleSummary(getModel(defaultPolicy, 'openai', 'o4-mini'))).toBe(
      'retired, retired 2026-10-23',
    );
  });
});

describe('removal overrides', () => {
  it('item 1: null removes an entry with its aliases; removing an absent id changes nothing', () => {
    const policy = definePolicy({ providers: { openai: { models: { 'gpt-4o': null, 'gpt-0': null } } } });
    expect(findModel(policy, 'openai', 'gpt-4o')).toBeUndefined();
    expect(findModel(policy, 'openai', 'gpt-4o-2024-08-06')).toBeUndefined();
    expect(findModel(policy, 'openai', 'gpt-4o-mini')?.id).toBe('gpt-4o-mini');
    expect(findModel(defaultPolicy, 'openai', 'gpt-4o')?.id).toBe('gpt-4o');
    expect(() => preflight({ provider: 'openai', model: 'gpt-4o' }, policy)).toThrow(
      expect.objectContaining({ code: 'ERR_POLICY_UNKNOWN_MODEL' }),
    );
    const emptied = definePolicy({ providers: { 'azure-quantum': { targets: { 'ionq.simulator': null } } } });
    expect(Object.keys(emptied.providers['azure-quantum'].targets)).not.toContain('ionq.simulator');
  });
});
