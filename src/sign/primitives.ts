import { mlDsaWebCrypto, native } from '#native';
import type { NativeMlDsaAsync } from '../native/types.js';
import { algorithmInfo, dsaFor, type SigningAlgorithm } from './algorithms.js';
import { SignError } from './errors.js';
import { assertSecretKey, type SigningPublicKey, type SigningSecretKey } from './keys.js';

/**
 * FIPS 204 context strings, one per purpose, so that a signature made for one purpose never
 * verifies for another. The MAML and detached ones are also the `format:` line of their text
 * formats.
 *
 * @example
 * ```ts
 * import { SIGNATURE_CONTEXTS } from 'mamlkit/sign';
 * SIGNATURE_CONTEXTS.maml; // 'mamlkit/maml-signature/v1'
 * ```
 */
export const SIGNATURE_CONTEXTS: {
  readonly maml: 'mamlkit/maml-signature/v1';
  readonly detached: 'mamlkit/detached-signature/v2';
  readonly audit: 'mamlkit/audit-entry/v1';
  readonly envelope: 'mamlkit-envelope/v2 signature';
} = {
  maml: 'mamlkit/maml-signature/v1',
  detached: 'mamlkit/detached-signature/v2',
  audit: 'mamlkit/audit-entry/v1',
  envelope: 'mamlkit-envelope/v2 signature',
};

/** What a signature is for: a MAML document, detached bytes, an audit-log entry or a signed envelope. */
export type SignaturePurpose = keyof typeof SIGNATURE_CONTEXTS;

const CONTEXT_BYTES: Readonly<Record<SignaturePurpose, Uint8Array>> = {
  maml: /* @__PURE__ */ new TextEncoder().encode(SIGNATURE_CONTEXTS.maml),
  detached: /* @__PURE__ */ new TextEncoder().encode(SIGNATURE_CONTEXTS.detached),
  audit: /* @__PURE__ */ new TextEncoder().encode(SIGNATURE_CONTEXTS.audit),
  envelope: /* @__PURE__ */ new TextEncoder().encode(SIGNATURE_CONTEXTS.envelope),
};

/** The fields bound into every mamlkit signature (docs/spec/signature.md, "To-be-signed"). */
export interface ToBeSigned {
  readonly algorithm: SigningAlgorithm;
  readonly keyId: string;
  /** Seconds since the Unix epoch. */
  readonly created: number;
  /** Signed text carried next to the signature (the detached trusted comment); `''` if none. */
  readonly trustedComment: string;
  /** The signed bytes: a MAML document's signed content, or the SHA-512 of a detached signature's content. */
  readonly content: Uint8Array;
}

const MAGIC = /* @__PURE__ */ new TextEncoder().encode('mamlkit-sig-v1');

/**
 * Encodes the to-be-signed structure, version 1:
 * `"mamlkit-sig-v1"` ‖ u8 algorithm id ‖ u8 len ‖ key id ‖ u64 created ‖ u32 len ‖ trusted comment
 * ‖ u64 len ‖ content (integers big-endian, strings UTF-8).
 */
export function encodeToBeSigned(fields: ToBeSigned): Uint8Array {
  const encoder = new TextEncoder();
  const kid = encoder.encode(fields.keyId);
  const comment = encoder.encode(fields.trustedComment);
  if (kid.length > 255) throw new SignError('ERR_SIGN_FORMAT', 'a key id is at most 255 bytes');
  const size = MAGIC.length + 1 + 1 + kid.length + 8 + 4 + comment.length + 8 + fields.content.length;
  const out = new Uint8Array(size);
  const view = new DataView(out.buffer);
  let at = 0;
  out.set(MAGIC, at);
  at += MAGIC.length;
  out[at++] = algorithmInfo(fields.algorithm).id;
  out[at++] = kid.length;
  out.set(kid, at);
  at += kid.length;
  view.setBigUint64(at, BigInt(fields.created));
  at += 8;
  view.setUint32(at, comment.length);
  at += 4;
  out.set(comment, at);
  at += comment.length;
  view.setBigUint64(at, BigInt(fields.content.length));
  at += 8;
  out.set(fields.content, at);
  return out;
}

/** Options of {@link signMessage}. */
export interface SignMessageOptions {
  /** Deterministic ML-DSA (no fresh randomness): for frozen test vectors. Default `false` (hedged). */
  readonly deterministic?: boolean;
  /**
   * The 32 bytes of FIPS 204 signing randomness (`rnd`) from the caller's random source, so a
   * fixed source reproduces a signature (envelope vectors). Default: fresh system randomness.
   */
  readonly randomness?: Uint8Array;
}

/**
 * Signs `message` with pure ML-DSA under the purpose's FIPS 204 context string. Hedged
 * (randomised) unless `deterministic` is set. Used by the signature formats and the audit log.
 * Hedged signing runs on the runtime's ML-DSA where `#native` has it (node:crypto on Node.js
 * 24 and later), deterministic signing always on @noble/post-quantum (the native one is hedged
 * only); either verifies the other's signatures.
 *
 * @throws {SignError} `ERR_SIGN_KEY_INVALID` for a key that cannot sign, or (native path) whose
 * seed does not derive its public key.
 */
export function signMessage(
  purpose: SignaturePurpose,
  message: Uint8Array,
  key: SigningSecretKey,
  options: SignMessageOptions = {},
): Uint8Array {
  const secret = assertSecretKey(key);
  const context = CONTEXT_BYTES[purpose];
  const dsa = dsaFor(secret.algorithm);
  if (options.deterministic === true)
    return dsa.sign(message, secret.secretKey, { context, extraEntropy: false });
  // Caller-drawn randomness (reproducible vectors) needs noble: node:crypto draws its own.
  if (options.randomness !== undefined)
    return dsa.sign(message, secret.secretKey, { context, extraEntropy: options.randomness });
  const mlDsa = native.mlDsa?.get();
  if (mlDsa === undefined) return dsa.sign(message, secret.secretKey, { context });
  return nativeSignature(mlDsa.sign(secret, message, context));
}

/** A native signature, or the error of a seed that does not derive its public key. */
function nativeSignature(signature: Uint8Array | undefined): Uint8Array {
  if (signature === undefined) {
    throw new SignError('ERR_SIGN_KEY_INVALID', "the secret key's seed does not derive its public key");
  }
  return signature;
}

/** WebCrypto's ML-DSA, for the asynchronous calls where the synchronous native one is absent. */
async function webCryptoMlDsa(): Promise<NativeMlDsaAsync | undefined> {
  return native.mlDsa?.get() === undefined ? mlDsaWebCrypto.get() : undefined;
}

/**
 * {@link signMessage} for asynchronous callers: a hedged signature with the system's randomness
 * also runs on WebCrypto's ML-DSA where the runtime has it and `#native` has no synchronous one
 * (Bun, browsers). Everything else, and any WebCrypto failure, is {@link signMessage}.
 */
export async function signMessageAsync(
  purpose: SignaturePurpose,
  message: Uint8Array,
  key: SigningSecretKey,
  options: SignMessageOptions = {},
): Promise<Uint8Array> {
  const web =
    options.deterministic === true || options.randomness !== undefined ? undefined : await webCryptoMlDsa();
  if (web === undefined) return signMessage(purpose, message, key, options);
  const secret = assertSecretKey(key);
  const signature = await web.sign(secret, message, CONTEXT_BYTES[purpose]).catch(() => null);
  return signature === null ? signMessage(purpose, message, key, options) : nativeSignature(signature);
}

/**
 * Verifies a pure ML-DSA signature made by {@link signMessage} for `purpose`, on the runtime's
 * ML-DSA where `#native` has it, else on @noble/post-quantum (same answer for any input).
 * Returns `false` for a wrong signature of the right length.
 *
 * @throws {SignError} `ERR_SIGN_SIGNATURE_LENGTH` when `signature` has the wrong size.
 */
export function verifyMessage(
  purpose: SignaturePurpose,
  signature: Uint8Array,
  message: Uint8Array,
  key: SigningPublicKey,
): boolean {
  assertSignatureLength(key.algorithm, signature);
  const context = CONTEXT_BYTES[purpose];
  const mlDsa = native.mlDsa?.get();
  return mlDsa === undefined
    ? dsaFor(key.algorithm).verify(signature, message, key.publicKey, { context })
    : mlDsa.verify(key, signature, message, context);
}

/**
 * {@link verifyMessage} for asynchronous callers: also on WebCrypto's ML-DSA where the runtime
 * has it and `#native` has no synchronous one; the same answer for any input (a WebCrypto
 * failure runs {@link verifyMessage}).
 *
 * @throws {SignError} `ERR_SIGN_SIGNATURE_LENGTH` when `signature` has the wrong size.
 */
export async function verifyMessageAsync(
  purpose: SignaturePurpose,
  signature: Uint8Array,
  message: Uint8Array,
  key: SigningPublicKey,
): Promise<boolean> {
  assertSignatureLength(key.algorithm, signature);
  const web = await webCryptoMlDsa();
  const answer = await web?.verify(key, signature, message, CONTEXT_BYTES[purpose]).catch(() => undefined);
  return answer ?? verifyMessage(purpose, signature, message, key);
}

/** Throws `ERR_SIGN_SIGNATURE_LENGTH` unless `signature` has the algorithm's signature size. */
export function assertSignatureLength(algorithm: SigningAlgorithm, signature: Uint8Array): void {
  const expected = algorithmInfo(algorithm).signatureBytes;
  if (signature.length !== expected) {
    throw new SignError(
      'ERR_SIGN_SIGNATURE_LENGTH',
      `an ${algorithm} signature is ${expected} bytes, this one is ${signature.length} (truncated or not ${algorithm})`,
    );
  }
}
