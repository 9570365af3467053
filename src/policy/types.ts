/** Providers with built-in tables. */
export type Provider = 'anthropic' | 'openai' | 'azure-openai' | 'azure-quantum';

/**
 * The providers with built-in tables, in a stable order.
 *
 * @example
 * ```ts
 * import { PROVIDERS } from 'mamlkit/policy';
 * PROVIDERS.includes('openai'); // true
 * ```
 */
export const PROVIDERS: readonly Provider[] = ['anthropic', 'openai', 'azure-openai', 'azure-quantum'];

/** Where a limit comes from. Every table entry has one. */
export interface Sourced {
  /** Documentation page the value was read from. */
  readonly source: string;
  /** Date (YYYY-MM-DD) the value was last checked against `source`. */
  readonly asOf: string;
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
