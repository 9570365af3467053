import type { Credentials } from '../auth/credentials.js';
import type { ResponseKind } from '../classify/classify-response.js';
import type { RateLimitHeaderStyle } from '../headers/names.js';
import type { ProviderTable, TokenizerId } from '../types.js';

/**
 * Everything mamlkit knows about one provider, in one place: its limit table, how to
 * authenticate, how it reports rate limits, how its tokens are counted and what its error codes
 * mean. Every per-provider behaviour of `mamlkit/policy` is read from here.
 */
export interface ProviderProfile {
  /** The provider id (`anthropic`, …). */
  readonly id: string;
  /** Name for people (`Anthropic`). */
  readonly title: string;
  /** One paragraph on what is particular about the provider's tables, for the limits reference. */
  readonly about?: string;
  /** Endpoints, models and targets with their limits, sources and lifecycles. */
  readonly table: ProviderTable;
  /** Tokenizer of the provider's models, unless a model entry names its own (absent: no models). */
  readonly tokenizer?: TokenizerId;
  /** The authentication headers the provider documents. */
  readonly authHeaders: (credentials: Credentials) => Record<string, string>;
  /** The provider's rate-limit header names and reset format. */
  readonly rateLimitHeaders: RateLimitHeaderStyle;
  /**
   * What the provider's error types and codes mean, as the names of each kind. A name it does
   * not list leaves the kind to the HTTP status; absent: every response is classified by status.
   */
  readonly errors?: ProviderErrorNames;
}

/** Error types and codes a provider writes in error bodies, grouped by what they mean. */
export type ProviderErrorNames = Readonly<Partial<Record<ResponseKind, readonly string[]>>>;
