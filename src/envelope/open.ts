import type { EnvelopeBackend } from './backend.js';
import type { Keyring } from './keyring.js';
import { bytesArgument, openHeader } from './message.js';
import { openPayload, openPayloadSync, selectCipher, selectSyncCipher, TAG_BYTES } from './payload.js';

/** Options of {@link open} and {@link openSync}. */
export interface OpenOptions {
  /** The associated data given when sealing (default: none). */
  readonly aad?: Uint8Array;
}

/** Options of {@link open}: {@link OpenOptions} plus the AES-GCM backend. */
export interface AsyncOpenOptions extends OpenOptions {
  /** `node` (default where `node:crypto` exists), `webcrypto` or `noble`, as for `seal`. */
  readonly backend?: EnvelopeBackend;
}

function prepare(envelope: Uint8Array, keyring: Keyring, options: OpenOptions) {
  bytesArgument(envelope, 'envelope');
  const { header, keys } = openHeader(
    envelope,
    keyring,
    bytesArgument(options.aad ?? new Uint8Array(0), 'aad'),
  );
  return {
    payload: envelope.subarray(header.length),
    chunkSize: header.chunkSize,
    payloadKey: keys.payloadKey,
  };
}

/**
 * Decrypts an envelope with a keyring holding every layer of one of its stanzas. Returns
 * the plaintext only when the header and every chunk authenticate.
 *
 * @example
 * ```ts
 * import { open } from 'mamlkit/envelope';
 * const text = new TextDecoder().decode(await open(envelope, keyring));
 * ```
 */
export async function open(
  envelope: Uint8Array,
  keyring: Keyring,
  options: AsyncOpenOptions = {},
): Promise<Uint8Array> {
  const { payload, chunkSize, payloadKey } = prepare(envelope, keyring, options);
  // At most the plaintext size (exact for one chunk), so small messages pick the backend seal picked.
  const cipher = await selectCipher(payloadKey, options.backend, payload.length - TAG_BYTES);
  return openPayload(cipher, payload, chunkSize);
}

/**
 * Synchronous {@link open}: `node:crypto` where the runtime has it, @noble/ciphers otherwise.
 *
 * @example
 * ```ts
 * import { openSync } from 'mamlkit/envelope';
 * const bytes = openSync(envelope, keyring);
 * ```
 */
export function openSync(envelope: Uint8Array, keyring: Keyring, options: OpenOptions = {}): Uint8Array {
  const { payload, chunkSize, payloadKey } = prepare(envelope, keyring, options);
  return openPayloadSync(selectSyncCipher(payloadKey), payload, chunkSize);
}
