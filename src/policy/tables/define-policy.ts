import * as v from 'valibot';
import { PolicyError } from '../errors.js';
import { PROVIDERS, type Policy, type Provider, type ProviderTable } from '../types.js';
import { anthropicTable } from './anthropic.js';
import { azureOpenaiTable } from './azure-openai.js';
import { azureQuantumTable } from './azure-quantum.js';
import { openaiTable } from './openai.js';

const positiveInt = v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(Number.MAX_SAFE_INTEGER));
const isoDate = v.pipe(v.string(), v.isoDate());
const docUrl = v.pipe(v.string(), v.url(), v.startsWith('https://'));

const sourced = {
  /** Documentation page the value was read from. */
  source: docUrl,
  /** Date (YYYY-MM-DD) the value was last checked against `source`. */
  asOf: isoDate,
  /** Caveats: betas, preview features, values that depend on the account. */
  note: v.exactOptional(v.string()),
};

/** Schema of one endpoint entry: request-body and batch-size limits. */
const EndpointLimitSchema = v.strictObject({
  /** HTTP method and path, for humans (`POST /v1/messages`). */
  path: v.string(),
  /** Largest accepted request body in bytes. */
  maxBodyBytes: v.exactOptional(positiveInt),
  /** Largest number of requests in one batch. */
  maxRequests: v.exactOptional(positiveInt),
  ...sourced,
});

/** Schema of one model entry: context window and output ceiling. */
const ModelLimitSchema = v.strictObject({
  /** Input + output tokens the model accepts in one request. */
  contextWindow: positiveInt,
  /** Largest accepted `max_tokens` (or `max_completion_tokens` / `max_output_tokens`). */
  maxOutputTokens: positiveInt,
  /** Input ceiling when it is smaller than `contextWindow - maxOutputTokens` allows. */
  maxInputTokens: v.exactOptional(positiveInt),
  /** Other ids that name the same limits (dated snapshots, `-latest` aliases). */
  aliases: v.exactOptional(v.array(v.string())),
  ...sourced,
});

/** Schema of one Azure Quantum target entry. */
const QuantumTargetSchema = v.strictObject({
  /** Qubits the target offers to one job. */
  qubits: positiveInt,
  /** Hardware or simulator/emulator. */
  kind: v.picklist(['qpu', 'simulator']),
  ...sourced,
});

/** Schema of one provider's tables. */
const ProviderTableSchema = v.strictObject({
  endpoints: v.record(v.string(), EndpointLimitSchema),
  models: v.record(v.string(), ModelLimitSchema),
  targets: v.record(v.string(), QuantumTargetSchema),
});

/** Schema of `max_tokens` profiles: name → token count. */
const ProfilesSchema = v.record(v.string(), positiveInt);

/**
 * The built-in policy: provider tables as documented (each entry dated and cited) and the
 * `concise` (512) / `detailed` (1024) `max_tokens` profiles.
 *
 * @example
 * ```ts
 * import { defaultPolicy } from 'mamlkit/policy';
 * defaultPolicy.providers.anthropic.endpoints.messages?.maxBodyBytes; // 32_000_000
 * ```
 */
export const defaultPolicy: Policy = {
  providers: {
    anthropic: anthropicTable,
    openai: openaiTable,
    'azure-openai': azureOpenaiTable,
    'azure-quantum': azureQuantumTable,
  },
  profiles: { concise: 512, detailed: 1024 },
};

const PartialTableSchema = v.strictObject({
  endpoints: v.exactOptional(v.record(v.string(), EndpointLimitSchema)),
  models: v.exactOptional(v.record(v.string(), ModelLimitSchema)),
  targets: v.exactOptional(v.record(v.string(), QuantumTargetSchema)),
});

const PolicyInputSchema = v.strictObject({
  providers: v.exactOptional(
    v.strictObject({
      anthropic: v.exactOptional(PartialTableSchema),
      openai: v.exactOptional(PartialTableSchema),
      'azure-openai': v.exactOptional(PartialTableSchema),
      'azure-quantum': v.exactOptional(PartialTableSchema),
    }),
  ),
  profiles: v.exactOptional(ProfilesSchema),
});

const PolicySchema = v.strictObject({
  providers: v.strictObject({
    anthropic: ProviderTableSchema,
    openai: ProviderTableSchema,
    'azure-openai': ProviderTableSchema,
    'azure-quantum': ProviderTableSchema,
  }),
  profiles: ProfilesSchema,
});

/** What {@link definePolicy} accepts: whole entries to add or replace, per provider. */
export interface PolicyInput {
  readonly providers?: { readonly [P in Provider]?: Partial<ProviderTable> };
  readonly profiles?: Readonly<Record<string, number>>;
}

/**
 * Builds a policy from `base` (the built-in tables unless given) with the caller's entries added
 * or replacing entries of the same id. Pass `null` as `base` to start from empty tables.
 * Everything is validated; bad entries throw `ERR_POLICY_INVALID_TABLE` naming the path.
 *
 * @example
 * ```ts
 * import { definePolicy } from 'mamlkit/policy';
 * const policy = definePolicy({
 *   providers: {
 *     anthropic: {
 *       models: {
 *         'claude-sonnet-4-5': {
 *           contextWindow: 1_000_000, maxOutputTokens: 64_000,
 *           source: 'https://docs.claude.com/en/docs/build-with-claude/context-windows', asOf: '2025-10-20',
 *         },
 *       },
 *     },
 *   },
 *   profiles: { brief: 256 },
 * });
 * ```
 */
export function definePolicy(input: PolicyInput, base: Policy | null = defaultPolicy): Policy {
  const parsed = parseOrThrow(PolicyInputSchema, input);
  const providers = {} as Record<Provider, ProviderTable>;
  for (const provider of PROVIDERS) {
    const from = base?.providers[provider];
    const add = parsed.providers?.[provider];
    providers[provider] = {
      endpoints: { ...from?.endpoints, ...add?.endpoints },
      models: { ...from?.models, ...add?.models },
      targets: { ...from?.targets, ...add?.targets },
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
