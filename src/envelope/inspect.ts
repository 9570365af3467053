import { toHex } from '../encoding/base64.js';
import { EnvelopeError } from './errors.js';
import { parseHeader } from './header.js';
import type { LayerKind } from './keys.js';
import { bytesArgument } from './message.js';
import { payloadLayout } from './payload.js';
import { footerLength, type EnvelopeSigner } from './signer.js';

/** What {@link inspect} reads from an envelope without any key. */
export interface EnvelopeInfo {
  readonly version: number;
  readonly suite: number;
  /** Human-readable name of the suite. */
  readonly suiteName: string;
  readonly chunkSize: number;
  readonly contentType: string;
  readonly headerBytes: number;
  /** One entry per stanza: the kinds and key ids of its layers, layer 1 first. */
  readonly stanzas: readonly {
    readonly layers: readonly { readonly kind: LayerKind; readonly kid: string }[];
  }[];
  /**
   * The signer a signed envelope names (algorithm and `mamlkit/sign` key id), and the size of
   * its signature footer. Claimed, not verified: `open` with a trust store checks it.
   */
  readonly signer?: EnvelopeSigner & { readonly signatureBytes: number };
  /** Bytes of sealed chunks after the header (and before a signature footer): of the bytes given, or of `totalBytes`. */
  readonly payloadBytes: number;
  /** Chunk count and plaintext size implied by the payload length, when that length is possible. */
  readonly chunks?: number;
  readonly plaintextBytes?: number;
}

const SUITE_NAME = 'AES-SIV layer wraps, HKDF-SHA-512, HMAC-SHA-512 header MAC, AES-256-GCM STREAM';
const SUITE_NAMES = {
  1: SUITE_NAME,
  2: `${SUITE_NAME}, ML-DSA signature over SHA-512 of header and payload`,
};

/** Options of {@link inspect}. */
export interface InspectOptions {
  /**
   * Size of the whole envelope when `envelope` holds only its first bytes (at least the header),
   * such as a file's size: payload, chunk and plaintext sizes are then computed from it.
   */
  readonly totalBytes?: number;
}

/** The envelope's total size: `totalBytes` when given (checked against the bytes at hand). */
function totalSize(envelope: Uint8Array, totalBytes: number | undefined): number {
  if (totalBytes === undefined) return envelope.length;
  if (!Number.isSafeInteger(totalBytes) || totalBytes < envelope.length) {
    throw new EnvelopeError(
      'ERR_INVALID_ARGUMENT',
      `totalBytes must be an integer of at least the ${envelope.length} bytes given`,
    );
  }
  return totalBytes;
}

/**
 * Reads the header facts of an envelope (or of just its first bytes, with the whole size as
 * `totalBytes`) without any key: nothing here is authenticated until the envelope is opened.
 *
 * @example
 * ```ts
 * import { inspect } from 'mamlkit/envelope';
 * const info = inspect(envelope);
 * console.log(info.stanzas[0]?.layers.map((l) => `${l.kind}:${l.kid}`));
 * // A large file: its first 256 KiB (the largest header) and its size are enough.
 * const fileInfo = inspect(firstBytes, { totalBytes: fileSize });
 * ```
 */
export function inspect(envelope: Uint8Array, options: InspectOptions = {}): EnvelopeInfo {
  const header = parseHeader(bytesArgument(envelope, 'envelope'));
  const footer = footerLength(header.signer);
  const payloadBytes = Math.max(0, totalSize(envelope, options.totalBytes) - header.length - footer);
  const info = {
    version: header.version,
    suite: header.suite,
    suiteName: SUITE_NAMES[header.suite],
    chunkSize: header.chunkSize,
    contentType: header.contentType,
    headerBytes: header.length,
    stanzas: header.stanzas.map((stanza) => ({
      layers: stanza.layers.map((layer) => ({ kind: layer.kind, kid: toHex(layer.kid) })),
    })),
    ...(header.signer === undefined ? {} : { signer: { ...header.signer, signatureBytes: footer } }),
    payloadBytes,
  };
  try {
    const { count, plaintextLength } = payloadLayout(payloadBytes, header.chunkSize);
    return { ...info, chunks: count, plaintextBytes: plaintextLength };
  } catch (error) {
    if (error instanceof EnvelopeError && error.code === 'ERR_ENVELOPE_TRUNCATED') return info;
    throw error;
  }
}
