import type { EnvelopeBackend } from './backend.js';
import type { Keyring } from './keyring.js';
import { bytesArgument, openHeader, openLimits, type HeaderOpenOptions } from './message.js';
import { openPayload, openPayloadSync, selectCipher, selectSyncCipher } from './payload.js';
import {
  digestOf,
  footerCheck,
  newDigest,
  signaturePolicy,
  verifyFooter,
  verifyFooterAsync,
  type FooterCheck,
  type SignatureOptions,
  type VerifiedSigner,
} from './signature.js';
import { runAsync, runSync, type Steps } from './steps.js';
import { requireSynchronous } from './wrap.js';

/** Options of {@link open} and {@link openSync}: the associated data, the passphrase work-factor bound and the signature check. */
export interface OpenOptions extends HeaderOpenOptions, SignatureOptions {}

/** Options of {@link open}: {@link OpenOptions} plus the AES-GCM backend. */
export interface AsyncOpenOptions extends OpenOptions {
  /**
   * `node` (`node:crypto`: the default where the runtime has it), `webcrypto` (the default
   * elsewhere where `crypto.subtle` exists) or `noble`; all give identical bytes.
   */
  readonly backend?: EnvelopeBackend;
}

/** What {@link openWithInfo} returns. */
export interface OpenResult {
  readonly plaintext: Uint8Array;
  /** The signer whose signature verified against `trust`; absent for an envelope opened without a check. */
  readonly signer?: VerifiedSigner;
}

/** The checked header of a whole envelope: where its payload is, its key, and its footer. */
interface Prepared {
  readonly payload: Uint8Array;
  readonly chunkSize: number;
  readonly payloadKey: Uint8Array;
  readonly footer: FooterCheck;
}

function* prepare(envelope: Uint8Array, keyring: Keyring, options: OpenOptions): Steps<Prepared> {
  bytesArgument(envelope, 'envelope');
  const policy = signaturePolicy(options);
  const aad = bytesArgument(options.aad ?? new Uint8Array(0), 'aad');
  const { header, keys } = yield* openHeader(envelope, keyring, aad, openLimits(options));
  const footer = footerCheck(header, policy);
  return {
    // Shorter than header and footer: an empty payload, which payloadLayout reports as truncated.
    payload: envelope.subarray(header.length, Math.max(header.length, envelope.length - footer.length)),
    chunkSize: header.chunkSize,
    payloadKey: keys.payloadKey,
    footer,
  };
}

/** The bytes the signature of a whole envelope covers, and the footer after them. */
function footerParts(
  envelope: Uint8Array,
  footer: FooterCheck,
): { signed: Uint8Array; signature: Uint8Array } {
  const end = envelope.length - footer.length;
  return { signed: envelope.subarray(0, end), signature: envelope.subarray(end) };
}

/**
 * {@link open} that also reports the verified signer of a signed envelope.
 *
 * @example
 * ```ts
 * import { openWithInfo } from 'mamlkit/envelope';
 * const { plaintext, signer } = await openWithInfo(envelope, keyring, { trust });
 * console.log(signer?.keyId, signer?.label);
 * ```
 */
export async function openWithInfo(
  envelope: Uint8Array,
  keyring: Keyring,
  options: AsyncOpenOptions = {},
): Promise<OpenResult> {
  const { payload, chunkSize, payloadKey, footer } = await runAsync(prepare(envelope, keyring, options));
  const cipher = await selectCipher(payloadKey, options.backend);
  const plaintext = await openPayload(cipher, payload, chunkSize);
  if (footer.key === undefined) return { plaintext };
  const { signed, signature } = footerParts(envelope, footer);
  const signer = await verifyFooterAsync(footer, await digestOf(signed, options.backend), signature);
  return signer === undefined ? { plaintext } : { plaintext, signer };
}

/**
 * Decrypts an envelope with a keyring holding every layer of one of its stanzas. Returns
 * the plaintext only when the header and every chunk authenticate and, for a signed envelope,
 * the signature verifies against `trust` (a signed envelope without `trust` is refused unless
 * `ignoreSignature` is set; with `trust`, an unsigned one is refused).
 *
 * @example
 * ```ts
 * import { open } from 'mamlkit/envelope';
 * const text = new TextDecoder().decode(await open(envelope, keyring));
 * const fromAlice = await open(signedEnvelope, keyring, { trust }); // a mamlkit/sign trust store
 * ```
 */
export async function open(
  envelope: Uint8Array,
  keyring: Keyring,
  options: AsyncOpenOptions = {},
): Promise<Uint8Array> {
  return (await openWithInfo(envelope, keyring, options)).plaintext;
}

/**
 * Synchronous {@link open}: `node:crypto` where the runtime has it, @noble/ciphers otherwise.
 * Keyrings with an external layer need {@link open} (`ERR_INVALID_ARGUMENT`).
 *
 * @example
 * ```ts
 * import { openSync } from 'mamlkit/envelope';
 * const bytes = openSync(envelope, keyring);
 * ```
 */
export function openSync(envelope: Uint8Array, keyring: Keyring, options: OpenOptions = {}): Uint8Array {
  requireSynchronous([keyring]);
  const { payload, chunkSize, payloadKey, footer } = runSync(prepare(envelope, keyring, options));
  const plaintext = openPayloadSync(selectSyncCipher(payloadKey), payload, chunkSize);
  if (footer.key !== undefined) {
    const { signed, signature } = footerParts(envelope, footer);
    verifyFooter(footer, newDigest().update(signed).digest(), signature);
  }
  return plaintext;
}
