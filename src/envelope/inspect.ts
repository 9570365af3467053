import { toHex } from '../encoding/base64.js';
import { EnvelopeError } from './errors.js';
import { parseHeader, SUITE, VERSION } from './header.js';
import type { LayerKind } from './keys.js';
import { bytesArgument } from './message.js';
import { payloadLayout } from './payload.js';

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
  /** Bytes after the header (all of the payload when the envelope is complete). */
  readonly payloadBytes: number;
  /** Chunk count and plaintext size implied by the payload length, when that length is possible. */
  readonly chunks?: number;
  readonly plaintextBytes?: number;
}

const SUITE_NAME = 'AES-SIV layer wraps, HKDF-SHA-512, HMAC-SHA-512 header MAC, AES-256-GCM STREAM';

/**
 * Reads the header facts of an envelope (or of just its header bytes) without any key:
 * nothing here is authenticated until the envelope is opened.
 *
 * @example
 * ```ts
 * import { inspect } from 'mamlkit/envelope';
 * const info = inspect(envelope);
 * console.log(info.stanzas[0]?.layers.map((l) => `${l.kind}:${l.kid}`));
 * ```
 */
export function inspect(envelope: Uint8Array): EnvelopeInfo {
  const header = parseHeader(bytesArgument(envelope, 'envelope'));
  const payloadBytes = envelope.length - header.length;
  const info = {
    version: VERSION,
    suite: SUITE,
    suiteName: SUITE_NAME,
    chunkSize: header.chunkSize,
    contentType: header.contentType,
    headerBytes: header.length,
    stanzas: header.stanzas.map((stanza) => ({
      layers: stanza.layers.map((layer) => ({ kind: layer.kind, kid: toHex(layer.kid) })),
    })),
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
