/**
 * `mamlkit/sign`: ML-DSA (FIPS 204) keys, detached and embedded signatures, trust stores.
 *
 * @packageDocumentation
 */
export { version } from '../version.js';
export { SignError, type SignErrorCode } from './errors.js';
export {
  algorithmInfo,
  DEFAULT_SIGNING_ALGORITHM,
  isSigningAlgorithm,
  SIGNING_ALGORITHMS,
  type AlgorithmInfo,
  type SigningAlgorithm,
} from './algorithms.js';
export {
  computeKeyId,
  generateSigningKeyPair,
  signingPublicKey,
  type GenerateSigningKeyOptions,
  type SigningKeyPair,
  type SigningPublicKey,
  type SigningSecretKey,
} from './keys.js';
export {
  exportSigningJwk,
  importSigningPublicJwk,
  importSigningSecretJwk,
  type ExportSigningJwkOptions,
  type SigningJwk,
} from './jwk.js';
export { keyRotationStatus, type KeyRotationOptions, type KeyRotationStatus } from './rotation.js';
export {
  createTrustStore,
  lookupTrustedKey,
  type TrustedKey,
  type TrustedKeyInput,
  type TrustStore,
  type TrustStoreOptions,
} from './trust.js';
export { SIGNATURE_CONTEXTS, type SignaturePurpose } from './primitives.js';
export type { SignatureFailure, SignatureFailureCode } from './failures.js';
export { DEFAULT_CLOCK_SKEW_MS, type SignatureCheck, type VerifyOptions } from './check.js';
export { MAX_COMMENT_CHARS } from './signature-text.js';
export {
  detachedHasher,
  MAX_SIGNATURE_TEXT_CHARS,
  parseDetachedSignature,
  signDetached,
  verifyDetached,
  type DetachedContent,
  type DetachedDigest,
  type DetachedHasher,
  type DetachedSignature,
  type DetachedVerification,
  type SignDetachedOptions,
} from './detached.js';
export {
  MAX_MAML_SIGNATURES,
  MAX_SIGNED_MAML_CHARS,
  signMaml,
  verifyMaml,
  type MamlVerification,
  type SignMamlOptions,
  type VerifyMamlOptions,
} from './maml.js';
