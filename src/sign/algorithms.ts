import { ml_dsa44, ml_dsa65, ml_dsa87 } from '@noble/post-quantum/ml-dsa.js';
import { SignError } from './errors.js';

/** The ML-DSA parameter sets of FIPS 204. `ML-DSA-87` is what older texts call Dilithium5. */
export type SigningAlgorithm = 'ML-DSA-44' | 'ML-DSA-65' | 'ML-DSA-87';

/** Sizes and strength of one ML-DSA parameter set (FIPS 204, Tables 1 and 2). */
export interface AlgorithmInfo {
  readonly name: SigningAlgorithm;
  /** The byte that names the algorithm in the to-be-signed structure (docs/spec/signature.md). */
  readonly id: number;
  /** NIST post-quantum security category. */
  readonly nistCategory: 2 | 3 | 5;
  readonly publicKeyBytes: number;
  readonly secretKeyBytes: number;
  readonly signatureBytes: number;
}

/** The noble signer behind each algorithm. */
export type Dsa = typeof ml_dsa87;

const info = (name: SigningAlgorithm, id: number, nistCategory: 2 | 3 | 5, dsa: Dsa): AlgorithmInfo =>
  Object.freeze({
    name,
    id,
    nistCategory,
    publicKeyBytes: dsa.lengths.publicKey ?? 0,
    secretKeyBytes: dsa.lengths.secretKey ?? 0,
    signatureBytes: dsa.lengths.signature ?? 0,
  });

const DSA: Readonly<Record<SigningAlgorithm, Dsa>> = {
  'ML-DSA-44': ml_dsa44,
  'ML-DSA-65': ml_dsa65,
  'ML-DSA-87': ml_dsa87,
};

const INFO: Readonly<Record<SigningAlgorithm, AlgorithmInfo>> = {
  'ML-DSA-44': /* @__PURE__ */ info('ML-DSA-44', 1, 2, ml_dsa44),
  'ML-DSA-65': /* @__PURE__ */ info('ML-DSA-65', 2, 3, ml_dsa65),
  'ML-DSA-87': /* @__PURE__ */ info('ML-DSA-87', 3, 5, ml_dsa87),
};

/**
 * Every supported algorithm, weakest first.
 *
 * @example
 * ```ts
 * import { SIGNING_ALGORITHMS } from 'mamlkit/sign';
 * SIGNING_ALGORITHMS; // ['ML-DSA-44', 'ML-DSA-65', 'ML-DSA-87']
 * ```
 */
export const SIGNING_ALGORITHMS: readonly SigningAlgorithm[] = ['ML-DSA-44', 'ML-DSA-65', 'ML-DSA-87'];

/**
 * The default algorithm: ML-DSA-87 (NIST category 5).
 *
 * @example
 * ```ts
 * import { DEFAULT_SIGNING_ALGORITHM } from 'mamlkit/sign';
 * DEFAULT_SIGNING_ALGORITHM; // 'ML-DSA-87'
 * ```
 */
export const DEFAULT_SIGNING_ALGORITHM: SigningAlgorithm = 'ML-DSA-87';

/** The 32-byte seed an ML-DSA key pair is derived from (FIPS 204 `ξ`). */
export const SEED_BYTES = 32;

/**
 * True when `name` is a supported algorithm name.
 *
 * @example
 * ```ts
 * import { isSigningAlgorithm } from 'mamlkit/sign';
 * isSigningAlgorithm('ML-DSA-65'); // true
 * isSigningAlgorithm('Dilithium5'); // false
 * ```
 */
export function isSigningAlgorithm(name: unknown): name is SigningAlgorithm {
  return typeof name === 'string' && Object.hasOwn(INFO, name);
}

/**
 * Sizes and NIST category of an ML-DSA parameter set.
 *
 * @throws {SignError} `ERR_SIGN_ALGORITHM` for any other name.
 * @example
 * ```ts
 * import { algorithmInfo } from 'mamlkit/sign';
 * algorithmInfo('ML-DSA-87').signatureBytes; // 4627
 * ```
 */
export function algorithmInfo(name: unknown): AlgorithmInfo {
  if (isSigningAlgorithm(name)) return INFO[name];
  throw new SignError(
    'ERR_SIGN_ALGORITHM',
    `unsupported signing algorithm ${typeof name === 'string' ? JSON.stringify(name) : typeof name}: use ${SIGNING_ALGORITHMS.join(', ')}`,
  );
}

/** The noble ML-DSA implementation of a (checked) algorithm. */
export function dsaFor(name: SigningAlgorithm): Dsa {
  return DSA[name];
}
