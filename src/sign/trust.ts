import { algorithmInfo, SIGNING_ALGORITHMS, type SigningAlgorithm } from './algorithms.js';
import { SignError } from './errors.js';
import { failure, type SignatureFailure } from './failures.js';
import { assertSigningKey, signingPublicKey, type SigningPublicKey, type SigningSecretKey } from './keys.js';
import type { VerificationClock } from './check.js';
import { formatTimestamp, toEpochSeconds } from './time.js';

/** A key given to {@link createTrustStore}, with optional constraints. */
export interface TrustedKeyInput {
  readonly key: SigningPublicKey | SigningSecretKey;
  /** Signatures are refused once this time has passed, and when they claim a later creation time. */
  readonly notAfter?: Date;
  /** A name for messages and logs (for example the signer's team). */
  readonly label?: string;
}

/** A key as the trust store holds it: always public, constraints in canonical form. */
export interface TrustedKey {
  readonly key: SigningPublicKey;
  /** `2026-12-31T23:59:59Z` form. */
  readonly notAfter?: string;
  readonly label?: string;
}

/** Options of {@link createTrustStore}. */
export interface TrustStoreOptions {
  /** Accepted algorithms; default all three. A signature by any other algorithm is refused. */
  readonly algorithms?: readonly SigningAlgorithm[];
  /** Revoked key ids: signatures by them are refused even if the key is listed. */
  readonly revoked?: readonly string[];
}

/** Keys a verifier trusts, by key id, plus the store-wide constraints. Plain data. */
export interface TrustStore {
  readonly keys: ReadonlyMap<string, TrustedKey>;
  readonly algorithms: readonly SigningAlgorithm[];
  readonly revoked: ReadonlySet<string>;
}

function toTrustedKey(input: SigningPublicKey | SigningSecretKey | TrustedKeyInput): TrustedKey {
  if (typeof input === 'object' && 'key' in input) {
    const key = signingPublicKey(assertSigningKey(input.key));
    const notAfter =
      input.notAfter === undefined ? undefined : formatTimestamp(toEpochSeconds(input.notAfter, 'notAfter'));
    return {
      key,
      ...(notAfter === undefined ? {} : { notAfter }),
      ...(input.label === undefined ? {} : { label: input.label }),
    };
  }
  return { key: signingPublicKey(assertSigningKey(input)) };
}

/**
 * Builds a trust store. Secret keys are reduced to their public part.
 *
 * @throws {SignError} `ERR_SIGN_KEY_INVALID` for something that is not a key,
 * `ERR_SIGN_ALGORITHM` for an unknown algorithm in `algorithms`, `ERR_INVALID_ARGUMENT` for a key
 * listed twice or an invalid `notAfter`.
 * @example
 * ```ts
 * import { createTrustStore } from 'mamlkit/sign';
 * const trust = createTrustStore(
 *   [releaseKey, { key: ciKey, notAfter: new Date('2026-12-31T00:00:00Z'), label: 'ci' }],
 *   { algorithms: ['ML-DSA-87'], revoked: ['Zp3…oldKeyId'] },
 * );
 * ```
 */
export function createTrustStore(
  keys: readonly (SigningPublicKey | SigningSecretKey | TrustedKeyInput)[],
  options: TrustStoreOptions = {},
): TrustStore {
  const map = new Map<string, TrustedKey>();
  for (const input of keys) {
    const trusted = toTrustedKey(input);
    if (map.has(trusted.key.keyId)) {
      throw new SignError('ERR_INVALID_ARGUMENT', `key ${trusted.key.keyId} is listed twice`);
    }
    map.set(trusted.key.keyId, trusted);
  }
  const { algorithms = SIGNING_ALGORITHMS, revoked = [] } = options;
  if (
    !Array.isArray(algorithms) ||
    !Array.isArray(revoked) ||
    !revoked.every((id) => typeof id === 'string')
  ) {
    throw new SignError('ERR_INVALID_ARGUMENT', 'algorithms and revoked must be arrays of strings');
  }
  return {
    keys: map,
    algorithms: algorithms.map((name) => algorithmInfo(name).name),
    revoked: new Set(revoked),
  };
}

/**
 * Finds a trusted key by key id (revocation is not consulted; see the verify functions).
 *
 * @example
 * ```ts
 * import { lookupTrustedKey } from 'mamlkit/sign';
 * const entry = lookupTrustedKey(trust, keyId);
 * if (entry) console.log(entry.label, entry.key.algorithm);
 * ```
 */
export function lookupTrustedKey(store: TrustStore, keyId: string): TrustedKey | undefined {
  return store.keys.get(keyId);
}

/** What a signature claims about its signer. */
export interface SignerClaim {
  readonly algorithm: SigningAlgorithm;
  readonly keyId: string;
  /** Seconds since the epoch. */
  readonly created: number;
}

function isTrustStore(value: unknown): boolean {
  const store = value as Partial<Record<keyof TrustStore, unknown>> | null;
  return (
    typeof store === 'object' &&
    store !== null &&
    store.keys instanceof Map &&
    store.revoked instanceof Set &&
    Array.isArray(store.algorithms)
  );
}

/**
 * Checks a trust store that may have been built by hand: its shape, and that every key is
 * listed under its own key id, recomputed from the key (the rule {@link createTrustStore}
 * follows), so that no entry can lend a trusted id to another key.
 *
 * @throws {SignError} `ERR_INVALID_ARGUMENT` for something that is not a trust store,
 * `ERR_SIGN_KEY_INVALID` for an entry that is not a key or is listed under another key's id.
 */
export function assertTrustStore(store: TrustStore): void {
  if (!isTrustStore(store)) {
    throw new SignError('ERR_INVALID_ARGUMENT', 'expected a trust store from createTrustStore');
  }
  for (const [keyId, entry] of store.keys) {
    const key = assertSigningKey((entry as Partial<TrustedKey> | null)?.key);
    if (key.keyId !== keyId) {
      throw new SignError('ERR_SIGN_KEY_INVALID', `the trust store lists another key under ${keyId}`);
    }
  }
}

/**
 * Applies the trust store's key rules to a claim (algorithm, revocation, key, the key's own
 * algorithm), in the order docs/spec/signature.md gives. The time rules come after the ML-DSA
 * check ({@link checkSigningTime}), so a changed signature is always reported as such.
 */
export function checkSigner(
  store: TrustStore,
  claim: SignerClaim,
): { readonly entry: TrustedKey } | { readonly failure: SignatureFailure } {
  if (!isTrustStore(store)) {
    throw new SignError('ERR_INVALID_ARGUMENT', 'expected a trust store from createTrustStore');
  }
  if (!store.algorithms.includes(claim.algorithm)) {
    return {
      failure: failure(
        'ALGORITHM_NOT_ALLOWED',
        `signature uses ${claim.algorithm}; the trust store accepts ${store.algorithms.join(', ')}`,
      ),
    };
  }
  if (store.revoked.has(claim.keyId))
    return { failure: failure('REVOKED_KEY', `key ${claim.keyId} is revoked`) };
  const entry = store.keys.get(claim.keyId);
  if (entry === undefined)
    return { failure: failure('UNKNOWN_KEY', `key ${claim.keyId} is not in the trust store`) };
  // A hand-made store is held to the same rule as createTrustStore: the key id is the key's own.
  if (assertSigningKey(entry.key).keyId !== claim.keyId) {
    throw new SignError('ERR_SIGN_KEY_INVALID', `the trust store lists another key under ${claim.keyId}`);
  }
  if (entry.key.algorithm !== claim.algorithm) {
    return {
      failure: failure(
        'BAD_SIGNATURE',
        `signature claims ${claim.algorithm} but key ${claim.keyId} is ${entry.key.algorithm}`,
      ),
    };
  }
  return { entry };
}

/**
 * The time rules for a signature that verified: the key's `notAfter` (at the verification time
 * and at the claimed creation time), then a creation time no later than the clock allows.
 */
export function checkSigningTime(
  entry: TrustedKey,
  claim: SignerClaim,
  clock: VerificationClock,
): SignatureFailure | undefined {
  if (entry.notAfter !== undefined) {
    const limit = Date.parse(entry.notAfter) / 1000;
    if (clock.now > limit || claim.created > limit) {
      return failure('KEY_EXPIRED', `key ${claim.keyId} is not valid after ${entry.notAfter}`);
    }
  }
  if (claim.created > clock.latestCreated) {
    return failure(
      'CREATED_IN_FUTURE',
      `signature by ${claim.keyId} claims creation at ${formatTimestamp(claim.created)}, later than the verification time ${formatTimestamp(clock.now)} plus the clock-skew allowance`,
    );
  }
  return undefined;
}
