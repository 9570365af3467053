import { nobleCipher } from './backend-noble.js';
import type { EnvelopeBackend } from './backend.js';
import { plaintextBytes, sealHeader, type Recipients, type SealOptions } from './message.js';
import { sealedPayloadLength, sealPayload, sealPayloadSync, selectCipher } from './payload.js';

/** Options of {@link seal}: {@link SealOptions} plus the AES-GCM backend. */
export interface AsyncSealOptions extends SealOptions {
  /** `webcrypto` (default where `crypto.subtle` exists) or `noble`; both give identical bytes. */
  readonly backend?: EnvelopeBackend;
}

function layout(plaintext: Uint8Array | string, recipients: Recipients, options: SealOptions) {
  const bytes = plaintextBytes(plaintext);
  const { header, chunkSize, payloadKey } = sealHeader(recipients, options);
  const out = new Uint8Array(header.length + sealedPayloadLength(bytes.length, chunkSize));
  out.set(header);
  return { bytes, out, offset: header.length, chunkSize, payloadKey };
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
  const { bytes, out, offset, chunkSize, payloadKey } = layout(plaintext, recipients, options);
  await sealPayload(
    await selectCipher(payloadKey, options.backend, bytes.length),
    bytes,
    chunkSize,
    out,
    offset,
  );
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
  const { bytes, out, offset, chunkSize, payloadKey } = layout(plaintext, recipients, options);
  sealPayloadSync(nobleCipher(payloadKey), bytes, chunkSize, out, offset);
  return out;
}
