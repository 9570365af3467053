/**
 * `mamlkit/policy`: provider limits as data, preflight, token estimates, rate-limit headers, retry planning, pacing.
 * Pure functions over plain data; no HTTP client, no timers; SHA-256 and HMAC for cache keys are
 * its only crypto code.
 *
 * @packageDocumentation
 */
export { version } from '../version.js';
export { PolicyError, type PolicyErrorCode } from './errors.js';
export {
  PROVIDERS,
  type EndpointLimit,
  type LifecycleStatus,
  type ModelLimit,
  type Policy,
  type Provider,
  type ProviderTable,
  type QuantumTarget,
  type Sourced,
  type TokenizerId,
} from './types.js';
export { providerProfile, tokenizerFor, type ProviderProfile } from './providers/index.js';
export type { RateLimitDimension, RateLimitHeaderStyle, WindowNames } from './headers/names.js';
export {
  LITELLM_SOURCE,
  policyFromLiteLLM,
  type LiteLLMOptions,
  type LiteLLMResult,
} from './refresh/litellm.js';
export {
  lifecycleFromModelsList,
  type ModelsListOptions,
  type ModelsListResult,
} from './refresh/models-list.js';
export type { Skipped } from './refresh/dates.js';
export {
  defaultPolicy,
  definePolicy,
  validatePolicy,
  type PolicyInput,
  type TableInput,
} from './tables/define-policy.js';
export { findEndpoint, findModel, findTarget, getModel, providerTable, type Entry } from './tables/lookup.js';
export { checkedRange, lifecycleSummary } from './tables/lifecycle.js';
export {
  preflight,
  resolveMaxTokens,
  type PreflightOptions,
  type PreflightRequest,
  type PreflightResult,
  type PreflightWarning,
  type Violation,
  type ViolationCode,
  type WarningCode,
} from './preflight/preflight.js';
export {
  MAX_BODY_BLOCKS,
  MAX_PREFLIGHT_BODY_BYTES,
  preflightBody,
  readsBody,
  type BodyTokens,
  type BodyViolation,
  type BodyViolationCode,
  type OutputLimit,
  type PreflightBodyOptions,
  type PreflightBodyResult,
} from './preflight/body.js';
export { MAX_JPEG_SEGMENTS, readImageSize, type ImageFormat, type ImageSize } from './media/image-size.js';
export { countPdfPages, type PdfPageCount } from './media/pdf-pages.js';
export { estimateTokens, type EstimateTokensOptions } from './tokens/estimate.js';
export {
  parseRateLimitHeaders,
  type RateLimitSnapshot,
  type RateLimitWindow,
} from './headers/parse-rate-limit-headers.js';
export {
  classifyResponse,
  type Classification,
  type ResponseInfo,
  type ResponseKind,
} from './classify/classify-response.js';
export { PROVIDER_ERRORS, type ProviderErrorTable } from './classify/provider-errors.js';
export {
  planRetry,
  type NetworkRetryInput,
  type ResponseRetryInput,
  type RetryInput,
  type RetryInputBase,
  type RetryOptions,
  type RetryPlan,
  type StreamRetryInput,
  type TimeoutRetryInput,
} from './retry/plan-retry.js';
export {
  createLimiter,
  DEFAULT_BURST_MS,
  reserve,
  syncLimiter,
  type LimiterBurst,
  type LimiterCell,
  type LimiterCost,
  type LimiterDimension,
  type LimiterLimits,
  type LimiterState,
  type ReserveOptions,
  type Reservation,
  type SyncOptions,
} from './limiter/limiter.js';
export {
  MAX_SHARED_SPAN_MS,
  reserveShared,
  syncShared,
  type SharedReservation,
} from './limiter/shared-limiter.js';
export { RESERVE_SHARED_SCRIPT, SYNC_SHARED_SCRIPT } from './limiter/shared-scripts.js';
export type { RedisEval } from '../redis/eval.js';
export { authHeaders, type Credentials } from './auth/auth-headers.js';
export {
  cacheKeyInput,
  MAX_CANONICAL_DEPTH,
  requestCacheKey,
  type CacheDestination,
  type CacheKeyOptions,
} from './cache/request-cache-key.js';
export { CACHE_KEY_HEADERS, type RequestHeaders } from './cache/keyed-headers.js';
