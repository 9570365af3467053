import type { EnvelopeBackend } from './backend.js';
import type { Keyring } from './keyring.js';
import {
  bytesArgument,
  openHeader,
  openLimits,
  type HeaderOpenOptions,
  type OpenedHeader,
} from './message.js';
import { openPayload, openPayloadSync, selectCipher, selectSyncCipher, TAG_BYTES } from './payload.js';
import { runAsync, runSync, type Steps } from './steps.js';
import { requireSynchronous } from './wrap.js';

/** Options of {@link open} and {@link openSync}: the associated data and the passphrase work-factor bound. */
export type OpenOptions = HeaderOpenOptions;

/** Options of {@link open}: {@link OpenOptions} plus the AES-GCM backend. */
export interface AsyncOpenOptions extends OpenOptions {
  /** `webcrypto` (default where `crypto.subtle` exists) or `noble`. */
  readonly backend?: EnvelopeBackend;
}

function openEnvelopeHeader(
  envelope: Uint8Array,
  keyring: Keyring,
  options: OpenOptions,
): Steps<OpenedHeader> {
  bytesArgument(envelope, 'envelope');
  const aad = bytesArgument(options.aad ?? new Uint8Array(0), 'aad');
  return openHeader(envelope, keyring, aad, openLimits(options));
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
  const { header, keys } = await runAsync(openEnvelopeHeader(envelope, keyring, options));
  const payload = envelope.subarray(header.length);
  // At most the plaintext size (exact for one chunk), so small messages pick the backend seal picked.
  const cipher = await selectCipher(keys.payloadKey, options.backend, payload.length - TAG_BYTES);
  return openPayload(cipher, payload, header.chunkSize);
}

/**
 * Synchronous {@link open}: `node:crypto` where the runtime has it, @noble/ciphers otherwise.
 * Keyrings with an external layer
 * need {@link open} (`ERR_INVALID_ARGUMENT`).
 *
 * @example
 * ```ts
 * import { openSync } from 'mamlkit/envelope';
 * const bytes = openSync(envelope, keyring);
 * ```
 */
export function openSync(envelope: Uint8Array, keyring: Keyring, options: OpenOptions = {}): Uint8Array {
  requireSynchronous([keyring]);
  const { header, keys } = runSync(openEnvelopeHeader(envelope, keyring, options));
  return openPayloadSync(
    selectSyncCipher(keys.payloadKey),
    envelope.subarray(header.length),
    header.chunkSize,
  );
}
