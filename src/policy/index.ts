/**
 * `mamlkit/policy`: provider limits as data, preflight, token estimates, rate-limit headers, retry planning, pacing.
 * Pure functions over plain data; no HTTP client, no timers, no crypto code.
 *
 * @packageDocumentation
 */
export { version } from '../version.js';
export { PolicyError, type PolicyErrorCode } from './errors.js';
export {
  PROVIDERS,
  type EndpointLimit,
  type ModelLimit,
  type Policy,
  type Provider,
  type ProviderTable,
  type QuantumTarget,
  type Sourced,
} from './types.js';
export { defaultPolicy, definePolicy, validatePolicy, type PolicyInput } from './tables/define-policy.js';
export { findEndpoint, findModel, findTarget, getModel, providerTable, type Entry } from './tables/lookup.js';
export {
  preflight,
  resolveMaxTokens,
  type PreflightOptions,
  type PreflightRequest,
  type PreflightResult,
  type Violation,
  type ViolationCode,
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
export { planRetry, type RetryInput, type RetryOptions, type RetryPlan } from './retry/plan-retry.js';
export {
  createLimiter,
  reserve,
  syncLimiter,
  type LimiterCell,
  type LimiterCost,
  type LimiterDimension,
  type LimiterLimits,
  type LimiterState,
  type ReserveOptions,
  type Reservation,
} from './limiter/limiter.js';
export { authHeaders, type Credentials } from './auth/auth-headers.js';
export { canonicalJson, MAX_CANONICAL_DEPTH, requestCacheKey } from './cache/request-cache-key.js';
