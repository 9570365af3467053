import * as v from 'valibot';
import { PolicyError } from '../errors.js';
import { PROFILES, PROVIDERS, type Provider } from '../providers/index.js';
import { isoDay } from '../refresh/dates.js';
import type { EndpointLimit, ModelLimit, Policy, ProviderTable, QuantumTarget } from '../types.js';

const positiveInt = v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(Number.MAX_SAFE_INTEGER));
const isoDate = v.pipe(
  v.string(),
  v.check((value) => isoDay(value) === value, 'expected a YYYY-MM-DD calendar date'),
);
const docUrl = v.pipe(v.string(), v.url(), v.startsWith('https://'));

const sourced = {
  /** Documentation page the value was read from. */
  source: docUrl,
  /** Date (YYYY-MM-DD) the value was last checked against `source`. */
  checkedAt: isoDate,
  /** Lifecycle status on `checkedAt`. */
  status: v.picklist(['active', 'legacy', 'deprecated', 'retired']),
  /** Date the provider deprecated the entry. */
  deprecatedAt: v.exactOptional(isoDate),
  /** Date the provider retires (or retired) the entry. */
  retiresAt: v.exactOptional(isoDate),
  /** The replacement the provider recommends. */
  replacement: v.exactOptional(v.pipe(v.string(), v.nonEmpty())),
  /** Caveats: betas, preview features, values that depend on the account. */
  note: v.exactOptional(v.string()),
  /** The field's name before lifecycles: refused with a message that names the new one. */
  asOf: v.exactOptional(v.never('`asOf` was renamed `checkedAt` (entries also need a `status`)')),
};

interface Dates {
  readonly status: string;
  readonly deprecatedAt?: string;
  readonly retiresAt?: string;
}

/** An entry's schema with the lifecycle rules no single field can state. */
function dated<S extends v.GenericSchema<unknown, Dates>>(
  entry: S,
): v.SchemaWithPipe<readonly [S, v.CheckAction<Dates, string>, v.CheckAction<Dates, string>]> {
  return v.pipe(
    entry,
    v.check(
      (e) => e.status !== 'active' || (e.deprecatedAt === undefined && e.retiresAt === undefined),
      'an active entry has no deprecatedAt or retiresAt: a scheduled retirement makes it deprecated',
    ),
    v.check(
      (e) => e.deprecatedAt === undefined || e.retiresAt === undefined || e.deprecatedAt <= e.retiresAt,
      'deprecatedAt is after retiresAt',
    ),
  );
}

/** Schema of one endpoint entry: request-body and batch-size limits. */
const EndpointLimitSchema = dated(
  v.strictObject({
    /** HTTP method and path, for humans (`POST /v1/messages`). */
    path: v.string(),
    /** Largest accepted request body in bytes. */
    maxBodyBytes: v.exactOptional(positiveInt),
    /** Largest number of requests in one batch. */
    maxRequests: v.exactOptional(positiveInt),
    ...sourced,
  }),
);

/** Schema of one model entry: context window and output ceiling. */
const ModelLimitSchema = dated(
  v.strictObject({
    /** Input + output tokens the model accepts in one request. */
    contextWindow: positiveInt,
    /** Largest accepted `max_tokens` (or `max_completion_tokens` / `max_output_tokens`). */
    maxOutputTokens: positiveInt,
    /** Input ceiling when it is smaller than `contextWindow - maxOutputTokens` allows. */
    maxInputTokens: v.exactOptional(positiveInt),
    /** Other ids that name the same limits (dated snapshots, `-latest` aliases). */
    aliases: v.exactOptional(v.array(v.string())),
    /** The tokenizer that counts the model's input (TokenizerId). */
    tokenizer: v.exactOptional(v.picklist(['o200k_base', 'cl100k_base', 'claude', 'claude-2026'])),
    ...sourced,
  }),
);

/** Schema of one Azure Quantum target entry. */
const QuantumTargetSchema = dated(
  v.strictObject({
    /** Qubits the target offers to one job. */
    qubits: positiveInt,
    /** Hardware or simulator/emulator. */
    kind: v.picklist(['qpu', 'simulator']),
    ...sourced,
  }),
);

/** Schema of one provider's tables. */
const ProviderTableSchema = v.strictObject({
  endpoints: v.record(v.string(), EndpointLimitSchema),
  models: v.record(v.string(), ModelLimitSchema),
  targets: v.record(v.string(), QuantumTargetSchema),
});

/** Schema of overrides to one provider's tables: an entry to add or replace, or `null` to remove it. */
const TableInputSchema = v.strictObject({
  endpoints: v.exactOptional(v.record(v.string(), v.nullable(EndpointLimitSchema))),
  models: v.exactOptional(v.record(v.string(), v.nullable(ModelLimitSchema))),
  targets: v.exactOptional(v.record(v.string(), v.nullable(QuantumTargetSchema))),
});

/** Schema of `max_tokens` profiles: name → token count. */
const ProfilesSchema = v.record(v.string(), positiveInt);

/** A strict object with one (optional) key per registered provider. */
function perProvider<S extends v.GenericSchema>(
  schema: S,
): v.StrictObjectSchema<Record<string, S>, undefined> {
  return v.strictObject(Object.fromEntries(PROVIDERS.map((provider) => [provider, schema])));
}

const PolicyInputSchema = v.strictObject({
  providers: v.exactOptional(perProvider(v.exactOptional(TableInputSchema))),
  profiles: v.exactOptional(ProfilesSchema),
});

const PolicySchema = v.strictObject({
  providers: perProvider(ProviderTableSchema),
  profiles: ProfilesSchema,
});

/**
 * The built-in policy: every registered provider's table as documented (each entry dated,
 * cited and with its lifecycle) and the `concise` (512) / `detailed` (1024) `max_tokens` profiles.
 *
 * @example
 * ```ts
 * import { defaultPolicy } from 'mamlkit/policy';
 * defaultPolicy.providers.anthropic.endpoints.messages?.maxBodyBytes; // 32_000_000
 * ```
 */
export const defaultPolicy: Policy = {
  providers: Object.fromEntries(PROVIDERS.map((provider) => [provider, PROFILES[provider].table])) as Record<
    Provider,
    ProviderTable
  >,
  profiles: { concise: 512, detailed: 1024 },
};

/** Overrides of one provider's tables: whole entries to add or replace, `null` to remove an id. */
export interface TableInput {
  readonly endpoints?: Readonly<Record<string, EndpointLimit | null>>;
  readonly models?: Readonly<Record<string, ModelLimit | null>>;
  readonly targets?: Readonly<Record<string, QuantumTarget | null>>;
}

/** What {@link definePolicy} accepts: per provider, entries to add, replace or remove. */
export interface PolicyInput {
  readonly providers?: { readonly [P in Provider]?: TableInput };
  readonly profiles?: Readonly<Record<string, number>>;
}

/** `from` with `changes` applied: an entry replaces the one of its id, `null` removes it. */
function applyChanges<T>(
  from: Readonly<Record<string, T>> | undefined,
  changes: Readonly<Record<string, T | null>> | undefined,
): Record<string, T> {
  const out = new Map(Object.entries(from ?? {}));
  for (const [id, entry] of Object.entries(changes ?? {})) {
    if (entry === null) out.delete(id);
    else out.set(id, entry);
  }
  return Object.fromEntries(out);
}

/**
 * Builds a policy from `base` (the built-in tables unless given) with the caller's entries added,
 * replacing entries of the same id, or removed where the entry is `null` (removing an id that is
 * not there changes nothing; aliases go with their entry). Pass `null` as `base` to start from
 * empty tables. Everything is validated; bad entries throw `ERR_POLICY_INVALID_TABLE` naming the
 * path.
 *
 * @example
 * ```ts
 * import { definePolicy } from 'mamlkit/policy';
 * const policy = definePolicy({
 *   providers: {
 *     anthropic: {
 *       models: {
 *         'claude-sonnet-5-5': {
 *           contextWindow: 1_000_000, maxOutputTokens: 128_000, status: 'active',
 *           source: 'https://platform.claude.com/docs/about-claude/models/overview', checkedAt: '2026-12-05',
 *         },
 *       },
 *     },
 *     openai: { models: { 'gpt-4o': null } },
 *   },
 *   profiles: { brief: 256 },
 * });
 * ```
 */
export function definePolicy(input: PolicyInput, base: Policy | null = defaultPolicy): Policy {
  const parsed = parseOrThrow(PolicyInputSchema, input) as PolicyInput;
  const providers = {} as Record<Provider, ProviderTable>;
  for (const provider of PROVIDERS) {
    const from = base?.providers[provider];
    const changes = parsed.providers?.[provider];
    providers[provider] = {
      endpoints: applyChanges(from?.endpoints, changes?.endpoints),
      models: applyChanges(from?.models, changes?.models),
      targets: applyChanges(from?.targets, changes?.targets),
    };
  }
  return { providers, profiles: { ...base?.profiles, ...parsed.profiles } };
}

/**
 * Validates a complete policy against the table schema (for policies built by hand or loaded
 * from JSON). Returns it unchanged, or throws `ERR_POLICY_INVALID_TABLE`.
 *
 * @example
 * ```ts
 * import { validatePolicy } from 'mamlkit/policy';
 * const policy = validatePolicy(JSON.parse(text));
 * ```
 */
export function validatePolicy(policy: unknown): Policy {
  parseOrThrow(PolicySchema, policy);
  return policy as Policy;
}

function parseOrThrow<S extends v.GenericSchema>(schema: S, value: unknown): v.InferOutput<S> {
  const parsed = v.safeParse(schema, value);
  if (parsed.success) return parsed.output;
  const issue = parsed.issues[0];
  throw new PolicyError(
    'ERR_POLICY_INVALID_TABLE',
    `invalid policy at ${v.getDotPath(issue) ?? '(root)'}: ${issue.message}`,
  );
}
