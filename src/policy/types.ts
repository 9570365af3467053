import type { Provider } from './providers/index.js';

export { PROVIDERS, type Provider } from './providers/index.js';

import type { TokenizerId } from './tokens/tokenizers.js';

export type { TokenizerId } from './tokens/tokenizers.js';

/**
 * Where an entry is in the provider's lifecycle: `active` (current), `legacy` (still served, no
 * retirement announced, superseded), `deprecated` (a retirement is announced), `retired`
 * (requests naming it fail).
 */
export type LifecycleStatus = 'active' | 'legacy' | 'deprecated' | 'retired';

/** Where a limit comes from, when it was checked, and where the entry is in its lifecycle. */
export interface Sourced {
  /** Documentation page the value was read from. */
  readonly source: string;
  /** Date (YYYY-MM-DD) the value was last checked against `source`. */
  readonly checkedAt: string;
  /** Lifecycle status as the provider published it on `checkedAt`. */
  readonly status: LifecycleStatus;
  /** Date (YYYY-MM-DD) the provider deprecated the entry, where published. */
  readonly deprecatedAt?: string;
  /** Date (YYYY-MM-DD) the provider retires (or retired) the entry, where published. */
  readonly retiresAt?: string;
  /** The replacement the provider recommends, where it names one. */
  readonly replacement?: string;
  /** Caveats: betas, preview features, values that depend on the account. */
  readonly note?: string;
}

/** Request-size limits of one endpoint. */
export interface EndpointLimit extends Sourced {
  /** HTTP method and path, for humans (`POST /v1/messages`). */
  readonly path: string;
  /** Largest accepted request body in bytes (decimal megabytes: 1 MB = 1 000 000 bytes). */
  readonly maxBodyBytes?: number;
  /** Largest number of requests in one batch. */
  readonly maxRequests?: number;
}

/** Token limits of one model. */
export interface ModelLimit extends Sourced {
  /** Input + output tokens the model accepts in one request. */
  readonly contextWindow: number;
  /** Largest accepted `max_tokens`. */
  readonly maxOutputTokens: number;
  /** Input ceiling when the model has one besides its context window (GPT-5: 272 000). */
  readonly maxInputTokens?: number;
  /** Other ids that name the same limits (dated snapshots, `-latest` aliases). */
  readonly aliases?: readonly string[];
  /** The tokenizer the model counts input with, when it differs from its provider's default. */
  readonly tokenizer?: TokenizerId;
}

/** One Azure Quantum target. */
export interface QuantumTarget extends Sourced {
  /** Qubits the target offers to one job. */
  readonly qubits: number;
  /** Hardware or simulator/emulator. */
  readonly kind: 'qpu' | 'simulator';
}

/** The limit tables of one provider. */
export interface ProviderTable {
  readonly endpoints: Readonly<Record<string, EndpointLimit>>;
  readonly models: Readonly<Record<string, ModelLimit>>;
  readonly targets: Readonly<Record<string, QuantumTarget>>;
}

/** A complete policy: every provider's tables plus the `max_tokens` profiles. */
export interface Policy {
  readonly providers: Readonly<Record<Provider, ProviderTable>>;
  /** Named `max_tokens` values (`concise`, `detailed`, …), clamped to the model's ceiling. */
  readonly profiles: Readonly<Record<string, number>>;
}
