import type { EnvelopeBackend } from './backend.js';
import {
  messageHeader,
  newMessage,
  plaintextBytes,
  type NewMessage,
  type Recipients,
  type SealOptions,
} from './message.js';
import {
  sealedPayloadLength,
  sealPayload,
  sealPayloadSync,
  selectCipher,
  selectSyncCipher,
} from './payload.js';
import { digestOf, newDigest, signDigest, signDigestAsync } from './signature.js';
import { runAsync, runSync } from './steps.js';
import { requireSynchronous } from './wrap.js';

/** Options of {@link seal}: {@link SealOptions} plus the AES-GCM backend. */
export interface AsyncSealOptions extends SealOptions {
  /**
   * `node` (`node:crypto`: the default where the runtime has it), `webcrypto` (the default
   * elsewhere where `crypto.subtle` exists) or `noble`; all give identical bytes.
   */
  readonly backend?: EnvelopeBackend;
}

/** The envelope's buffer: header, the sealed payload and the signature footer, allocated once. */
function envelopeBuffer(message: NewMessage, headerLength: number, plaintext: Uint8Array): Uint8Array {
  const payload = sealedPayloadLength(plaintext.length, message.chunkSize);
  return new Uint8Array(headerLength + payload + message.footerLength);
}

/** The bytes a signed message's signature covers: everything before the footer. */
function signedPart(message: NewMessage, out: Uint8Array): Uint8Array {
  return out.subarray(0, out.length - message.footerLength);
}

/** Writes the footer: the signature of the digest of everything before it. */
function writeSignature(message: NewMessage, out: Uint8Array, signature: Uint8Array): void {
  out.set(signature, out.length - message.footerLength);
}

/**
 * Encrypts `plaintext` (bytes, or a string as UTF-8) for one keyring or several (one stanza
 * each). Every layer of a keyring is needed to open it.
 *
 * @example
 * ```ts
 * import { generateKeyring, seal } from 'mamlkit/envelope';
 * const keyring = generateKeyring();
 * const envelope = await seal(mamlText, keyring, { contentType: 'text/markdown' });
 * ```
 */
export async function seal(
  plaintext: Uint8Array | string,
  recipients: Recipients,
  options: AsyncSealOptions = {},
): Promise<Uint8Array> {
  const bytes = plaintextBytes(plaintext);
  const message = newMessage(recipients, options);
  const cipher = await selectCipher(message.keys.payloadKey, options.backend);
  // An external layer's encapsulation length is known only once it has wrapped: header first.
  const early = message.headerLength === undefined ? await runAsync(messageHeader(message)) : undefined;
  const headerLength = early?.length ?? message.headerLength ?? 0;
  const out = envelopeBuffer(message, headerLength, bytes);
  // WebCrypto encrypts the chunks off the main thread while the stanzas are wrapped here;
  // a synchronous backend has already finished.
  const payload = sealPayload(cipher, bytes, message.chunkSize, out, headerLength);
  try {
    out.set(early ?? (await runAsync(messageHeader(message))));
  } finally {
    await payload;
  }
  if (message.signer !== undefined) {
    const digest = await digestOf(signedPart(message, out), options.backend);
    writeSignature(message, out, await signDigestAsync(digest, message.signer, message.random));
  }
  return out;
}

/**
 * Synchronous {@link seal}: `node:crypto` where the runtime has it, @noble/ciphers
 * otherwise; same bytes.
 * Keyrings with an external layer need {@link seal} (`ERR_INVALID_ARGUMENT`).
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
  requireSynchronous(message.keyrings);
  const header = runSync(messageHeader(message));
  const out = envelopeBuffer(message, header.length, bytes);
  out.set(header);
  sealPayloadSync(selectSyncCipher(message.keys.payloadKey), bytes, message.chunkSize, out, header.length);
  if (message.signer !== undefined) {
    const digest = newDigest().update(signedPart(message, out)).digest();
    writeSignature(message, out, signDigest(digest, message.signer, message.random));
  }
  return out;
}
