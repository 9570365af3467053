import { readStrictJson } from '../encoding/strict-json.js';
import { equalBytes } from '@noble/post-quantum/utils.js';
import { toBase64Url } from '../encoding/base64.js';
import { algorithmInfo, type SigningAlgorithm } from './algorithms.js';
import { decodeBase64Url } from './base64.js';
import { SignError } from './errors.js';
import {
  assertSigningKey,
  computeKeyId,
  secretKeyFromSeed,
  type SigningPublicKey,
  type SigningSecretKey,
} from './keys.js';
import { parseTimestamp } from './time.js';

/**
 * An ML-DSA key as a JSON Web Key of type `AKP` (IETF draft "ML-DSA for JOSE and COSE"):
 * `pub` is the encoded public key and `priv` the 32-byte seed, both base64url. `kid` is the
 * thumbprint; `created` is a mamlkit member (JWK allows extra members).
 */
export interface SigningJwk {
  readonly kty: 'AKP';
  readonly alg: SigningAlgorithm;
  readonly pub: string;
  readonly priv?: string;
  readonly kid?: string;
  readonly created?: string;
}

/** Options of {@link exportSigningJwk}. */
export interface ExportSigningJwkOptions {
  /** Include `priv` (the seed). Only possible for a secret key; default `false`. */
  readonly includePrivate?: boolean;
}

/**
 * Exports a key as an `AKP` JWK. Public by default; pass `includePrivate` to write the seed.
 *
 * @throws {SignError} `ERR_SIGN_KEY_INVALID` when `includePrivate` is set on a public key.
 * @example
 * ```ts
 * import { exportSigningJwk, generateSigningKeyPair } from 'mamlkit/sign';
 * const { secretKey } = generateSigningKeyPair();
 * const publicJwk = exportSigningJwk(secretKey);
 * const backup = JSON.stringify(exportSigningJwk(secretKey, { includePrivate: true }));
 * ```
 */
export function exportSigningJwk(
  key: SigningPublicKey | SigningSecretKey,
  options: ExportSigningJwkOptions = {},
): SigningJwk {
  const k = assertSigningKey(key);
  const pub = { kty: 'AKP', alg: k.algorithm, pub: toBase64Url(k.publicKey), kid: k.keyId } as const;
  const dated = k.created === undefined ? pub : { ...pub, created: k.created };
  if (options.includePrivate !== true) return dated;
  if (k.type !== 'secret')
    throw new SignError('ERR_SIGN_KEY_INVALID', 'a public key has no private part to export');
  return { ...dated, priv: toBase64Url(k.seed) };
}

function readJwk(input: unknown): {
  jwk: Record<string, unknown>;
  algorithm: SigningAlgorithm;
  publicKey: Uint8Array;
} {
  let jwk: unknown = input;
  if (typeof input === 'string') {
    // Strictly: a repeated member would be one key to this reader and another to the next.
    jwk = readStrictJson(
      input,
      (_problem, message) => new SignError('ERR_SIGN_KEY_INVALID', `the JWK is not valid JSON: ${message}`),
    );
  }
  if (typeof jwk !== 'object' || jwk === null || Array.isArray(jwk)) {
    throw new SignError('ERR_SIGN_KEY_INVALID', 'a JWK must be a JSON object');
  }
  const members = jwk as Record<string, unknown>;
  if (members.kty !== 'AKP') throw new SignError('ERR_SIGN_KEY_INVALID', 'an ML-DSA JWK has "kty": "AKP"');
  const info = algorithmInfo(members.alg);
  if (typeof members.pub !== 'string')
    throw new SignError('ERR_SIGN_KEY_INVALID', 'the JWK has no "pub" string');
  const publicKey = decodeBase64Url(members.pub, 'JWK "pub"');
  if (publicKey.length !== info.publicKeyBytes) {
    throw new SignError(
      'ERR_SIGN_KEY_INVALID',
      `"alg" is ${info.name} but "pub" holds ${publicKey.length} bytes; ${info.name} public keys are ${info.publicKeyBytes} bytes`,
    );
  }
  const keyId = computeKeyId(info.name, publicKey);
  if (members.kid !== undefined && members.kid !== keyId) {
    throw new SignError('ERR_SIGN_KEY_INVALID', `"kid" is not the key's thumbprint ${keyId}`);
  }
  if (
    members.created !== undefined &&
    (typeof members.created !== 'string' || !isTimestamp(members.created))
  ) {
    throw new SignError('ERR_SIGN_KEY_INVALID', '"created" must be a UTC time like 2026-01-31T12:00:00Z');
  }
  return { jwk: members, algorithm: info.name, publicKey };
}

function isTimestamp(text: string): boolean {
  try {
    parseTimestamp(text, 'created');
    return true;
  } catch {
    return false;
  }
}

/**
 * Imports the public part of an `AKP` JWK (an object or its JSON text); `priv`, if present, is
 * ignored. JSON text is read strictly: a repeated member name is an error, not the last value.
 *
 * @throws {SignError} `ERR_SIGN_KEY_INVALID` (not an AKP key, `pub` size does not match `alg`,
 * `kid` is not the thumbprint, text that is not strict JSON), `ERR_SIGN_ALGORITHM`,
 * `ERR_SIGN_BASE64`.
 * @example
 * ```ts
 * import { importSigningPublicJwk } from 'mamlkit/sign';
 * const key = importSigningPublicJwk(await (await fetch('/keys/release.jwk')).text());
 * ```
 */
export function importSigningPublicJwk(jwk: unknown): SigningPublicKey {
  const { jwk: members, algorithm, publicKey } = readJwk(jwk);
  const base = { type: 'public', algorithm, keyId: computeKeyId(algorithm, publicKey), publicKey } as const;
  return typeof members.created === 'string' ? { ...base, created: members.created } : base;
}

/**
 * Imports an `AKP` JWK with its `priv` seed. The public key is derived again from the seed and
 * must equal `pub`.
 *
 * @throws {SignError} `ERR_SIGN_KEY_INVALID` (no `priv`, seed not 32 bytes, `pub` does not belong
 * to `priv`) and everything {@link importSigningPublicJwk} throws.
 * @example
 * ```ts
 * import { importSigningSecretJwk, signMaml } from 'mamlkit/sign';
 * const key = importSigningSecretJwk(secretJwkText);
 * const signed = signMaml(source, key);
 * ```
 */
export function importSigningSecretJwk(jwk: unknown): SigningSecretKey {
  const { jwk: members, algorithm, publicKey } = readJwk(jwk);
  if (typeof members.priv !== 'string')
    throw new SignError('ERR_SIGN_KEY_INVALID', 'the JWK has no "priv" seed');
  const seed = decodeBase64Url(members.priv, 'JWK "priv"');
  const created = typeof members.created === 'string' ? members.created : undefined;
  const key = secretKeyFromSeed(algorithm, seed, created);
  if (!equalBytes(key.publicKey, publicKey)) {
    throw new SignError('ERR_SIGN_KEY_INVALID', '"pub" is not the public key of the "priv" seed');
  }
  return key;
}
