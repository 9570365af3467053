import { nobleCipher } from './backend-noble.js';
import type { EnvelopeBackend } from './backend.js';
import {
  messageHeader,
  newMessage,
  plaintextBytes,
  type NewMessage,
  type Recipients,
  type SealOptions,
} from './message.js';
import { sealedPayloadLength, sealPayload, sealPayloadSync, selectCipher } from './payload.js';
import { digestOf, newDigest, signDigest } from './signature.js';

/** Options of {@link seal}: {@link SealOptions} plus the AES-GCM backend. */
export interface AsyncSealOptions extends SealOptions {
  /** `webcrypto` (default where `crypto.subtle` exists) or `noble`; both give identical bytes. */
  readonly backend?: EnvelopeBackend;
}

/** The envelope's buffer: header length, the sealed payload and the signature footer, allocated once. */
function envelopeBuffer(message: NewMessage, plaintext: Uint8Array): Uint8Array {
  const payload = sealedPayloadLength(plaintext.length, message.chunkSize);
  return new Uint8Array(message.headerLength + payload + message.footerLength);
}

/** The bytes a signed message's signature covers: everything before the footer. */
function signedPart(message: NewMessage, out: Uint8Array): Uint8Array {
  return out.subarray(0, out.length - message.footerLength);
}

/** Writes the footer: the signature of the digest of everything before it. */
function writeSignature(message: NewMessage, out: Uint8Array, digest: Uint8Array): void {
  if (message.signer === undefined) return;
  out.set(signDigest(digest, message.signer, message.random), out.length - message.footerLength);
}

/**
 * Encrypts `plaintext` (bytes, or a string as UTF-8) for one keyring or several (one stanza
 * each). Every layer of a keyring is needed to open it. With `signer`, the envelope also
 * carries an ML-DSA signature that proves who wrote it to every recipient.
 *
 * @example
 * ```ts
 * import { generateKeyring, seal } from 'mamlkit/envelope';
 * const keyring = generateKeyring();
 * const envelope = await seal(mamlText, keyring, { contentType: 'text/markdown' });
 * const signed = await seal(mamlText, keyring, { signer: secretKey }); // a mamlkit/sign key
 * ```
 */
export async function seal(
  plaintext: Uint8Array | string,
  recipients: Recipients,
  options: AsyncSealOptions = {},
): Promise<Uint8Array> {
  const bytes = plaintextBytes(plaintext);
  const message = newMessage(recipients, options);
  const cipher = await selectCipher(message.keys.payloadKey, options.backend, bytes.length);
  const out = envelopeBuffer(message, bytes);
  // WebCrypto encrypts the chunks off the main thread while the stanzas are wrapped here.
  const payload = sealPayload(cipher, bytes, message.chunkSize, out, message.headerLength);
  try {
    out.set(messageHeader(message));
  } finally {
    await payload;
  }
  if (message.signer !== undefined)
    writeSignature(message, out, await digestOf(signedPart(message, out), options.backend));
  return out;
}

/**
 * Synchronous {@link seal} on the pure-JavaScript backend (@noble/ciphers); same bytes.
 *
 * @example
 * ```ts
 * import { generateKeyring, sealSync } from 'mamlkit/envelope';
 * const envelope = sealSync('secret', generateKeyring());
 * ```
 */
export function sealSync(
  plaintext: Uint8Array | string,
  recipients: Recipients,
  options: SealOptions = {},
): Uint8Array {
  const bytes = plaintextBytes(plaintext);
  const message = newMessage(recipients, options);
  const out = envelopeBuffer(message, bytes);
  out.set(messageHeader(message));
  sealPayloadSync(nobleCipher(message.keys.payloadKey), bytes, message.chunkSize, out, message.headerLength);
  if (message.signer !== undefined)
    writeSignature(message, out, newDigest().update(signedPart(message, out)).digest());
  return out;
}
