/**
 * Internal entry of `src/sign` for the other modules of mamlkit (audit, envelope, gate): not a package
 * export and not public API. It gives them the signing primitives under a purpose's context
 * string and the trust-store checks, so that no module re-implements key checks, signer rules
 * or the verification clock, and none imports the private files of `src/sign`. Importing it
 * rather than the package entry keeps `signMaml` (and the MAML parser it runs) out of modules
 * that only sign bytes, such as `mamlkit/envelope`.
 *
 * @internal
 * @packageDocumentation
 */
export { algorithmInfo, SIGNING_ALGORITHMS } from './algorithms.js';
export { isClockSkew, verificationClock, type VerificationClock } from './check.js';
export { SignError } from './errors.js';
export { assertSecretKey } from './keys.js';
export { signMessage, signMessageAsync, verifyMessage, verifyMessageAsync } from './primitives.js';
export { runningSha512, type RunningDigest } from './sha512.js';
export { assertTrustStore, checkSigner, checkSigningTime } from './trust.js';
