import { fromBase64Url, toBase64Url } from '../encoding/base64.js';
import type { SigningAlgorithm, SigningSecretKey } from '../sign/index.js';
import { algorithmInfo, assertSecretKey, SIGNING_ALGORITHMS, SignError } from '../sign/internal.js';
import type { ByteReader } from './bytes.js';
import { EnvelopeError } from './errors.js';

/** The signer block of a signed (suite 2) header: who claims to have signed the message. */
export interface EnvelopeSigner {
  readonly algorithm: SigningAlgorithm;
  /** The signing key's id (`mamlkit/sign` thumbprint, 43 base64url characters). */
  readonly keyId: string;
}

/** Bytes of a key id in the signer block: the raw SHA-256 thumbprint. */
const THUMBPRINT_BYTES = 32;

/** The signer block: the algorithm's id byte (`mamlkit/sign`: 1, 2, 3) ‖ the 32-byte thumbprint. */
export function encodeSigner(signer: EnvelopeSigner): Uint8Array {
  const thumbprint = fromBase64Url(signer.keyId);
  if (thumbprint?.length !== THUMBPRINT_BYTES)
    throw new EnvelopeError('ERR_INVALID_ARGUMENT', `signer key id ${signer.keyId} is not a thumbprint`);
  const out = new Uint8Array(1 + THUMBPRINT_BYTES);
  out[0] = algorithmInfo(signer.algorithm).id;
  out.set(thumbprint, 1);
  return out;
}

/** Reads a signer block; an unknown algorithm id is `ERR_ENVELOPE_FORMAT`. */
export function readSigner(reader: ByteReader): EnvelopeSigner {
  const id = reader.uint(1);
  const algorithm = SIGNING_ALGORITHMS.find((name) => algorithmInfo(name).id === id);
  if (algorithm === undefined)
    throw new EnvelopeError('ERR_ENVELOPE_FORMAT', `unknown signature algorithm ${id} in the signer block`);
  return { algorithm, keyId: toBase64Url(reader.take(THUMBPRINT_BYTES)) };
}

/** Footer bytes of a message: the signer's fixed ML-DSA signature size, 0 when unsigned. */
export function footerLength(signer: EnvelopeSigner | undefined): number {
  return signer === undefined ? 0 : algorithmInfo(signer.algorithm).signatureBytes;
}

/** A checked signing key, or `undefined` when the message is not signed. */
export function signingKey(key: SigningSecretKey | undefined): SigningSecretKey | undefined {
  if (key === undefined) return undefined;
  try {
    return assertSecretKey(key);
  } catch (error) {
    if (!(error instanceof SignError)) throw error;
    throw new EnvelopeError('ERR_INVALID_ARGUMENT', `signer: ${error.message}`, { cause: error });
  }
}
