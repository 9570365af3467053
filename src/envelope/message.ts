import { equalBytes } from '@noble/ciphers/utils.js';
import { concat, utf8 } from './bytes.js';
import { EnvelopeError } from './errors.js';
import {
  encodeHeaderBody,
  encodeParams,
  DEK_BYTES,
  NONCE_BYTES,
  parseHeader,
  type Header,
  type MessageParams,
  type Stanza,
} from './header.js';
import { deriveMessageKeys, headerMac, type MessageKeys } from './kdf.js';
import { checkKeyring, type Keyring } from './keyring.js';
import { checkChunkSize, checkMax, ENVELOPE_LIMITS } from './limits.js';
import { draw, systemRandom, type RandomSource } from './random.js';
import { stanzaMatches, unwrapStanza, wrapStanza } from './wrap.js';

/** Options shared by everything that writes a header. */
export interface HeaderOptions {
  /** Associated data bound to the envelope (not stored in it); opening must pass the same bytes. */
  readonly aad?: Uint8Array;
  /** Random source (default `crypto.getRandomValues`); tests pass a fixed one. */
  readonly random?: RandomSource;
}

/** Options of `seal`, `sealSync` and `sealStream`. */
export interface SealOptions extends HeaderOptions {
  /** Plaintext bytes per chunk, 4 KiB to 16 MiB (default 64 KiB). */
  readonly chunkSize?: number;
  /** A media type stored (authenticated, not encrypted) in the header, such as `text/markdown`. */
  readonly contentType?: string;
}

/** A keyring, or several (one stanza each: multiple recipients). */
export type Recipients = Keyring | readonly Keyring[];

/** The checked list of keyrings to write stanzas for. */
export function recipientList(recipients: Recipients): readonly Keyring[] {
  const list = Array.isArray(recipients) ? (recipients as readonly Keyring[]) : [recipients as Keyring];
  if (list.length === 0) throw new EnvelopeError('ERR_INVALID_ARGUMENT', 'at least one keyring is needed');
  checkMax(list.length, ENVELOPE_LIMITS.maxStanzas, 'stanza count');
  list.forEach(checkKeyring);
  return list;
}

/** Checks that a value is bytes (`aad`, an envelope) and returns it. */
export function bytesArgument(value: unknown, what: string): Uint8Array {
  if (!(value instanceof Uint8Array))
    throw new EnvelopeError('ERR_INVALID_ARGUMENT', `${what} must be a Uint8Array`);
  return value;
}

/** Plaintext as bytes (strings are UTF-8 encoded). */
export function plaintextBytes(plaintext: Uint8Array | string): Uint8Array {
  return typeof plaintext === 'string' ? utf8(plaintext) : bytesArgument(plaintext, 'plaintext');
}

/** Header bytes: body (params, stanzas, commitment) followed by its MAC over body ‖ aad. */
export function finishHeader(
  params: MessageParams,
  stanzas: readonly Stanza[],
  keys: MessageKeys,
  aad: Uint8Array,
): Uint8Array {
  const body = encodeHeaderBody(params, stanzas, keys.commitment);
  return concat([body, headerMac(keys.macKey, body, aad)]);
}

/** A new message: fresh nonce and data key, one stanza per keyring, the header and the payload key. */
export function sealHeader(
  recipients: Recipients,
  options: SealOptions,
): { readonly header: Uint8Array; readonly chunkSize: number; readonly payloadKey: Uint8Array } {
  const list = recipientList(recipients);
  const chunkSize = options.chunkSize ?? ENVELOPE_LIMITS.defaultChunkSize;
  checkChunkSize(chunkSize, 'ERR_INVALID_ARGUMENT');
  const aad = bytesArgument(options.aad ?? new Uint8Array(0), 'aad');
  const random = options.random ?? systemRandom;
  const nonce = draw(random, NONCE_BYTES);
  const dek = draw(random, DEK_BYTES);
  const params: MessageParams = { chunkSize, nonce, contentType: options.contentType ?? '' };
  const encodedParams = encodeParams(params);
  const stanzas = list.map((keyring) => wrapStanza(dek, keyring, encodedParams, random));
  const keys = deriveMessageKeys(dek, nonce);
  return { header: finishHeader(params, stanzas, keys, aad), chunkSize, payloadKey: keys.payloadKey };
}

/** An opened header: parsed, unwrapped, commitment and MAC verified. */
export interface OpenedHeader {
  readonly header: Header;
  readonly dek: Uint8Array;
  readonly keys: MessageKeys;
}

/**
 * Parses the header at the start of `bytes`, unwraps the data key with `keyring`, and checks
 * the key commitment and the header MAC (constant time) before anything touches the payload.
 */
export function openHeader(bytes: Uint8Array, keyring: Keyring, aad: Uint8Array): OpenedHeader {
  const header = parseHeader(bytes);
  checkKeyring(keyring);
  const candidates = header.stanzas.filter((stanza) => stanzaMatches(stanza, keyring));
  if (candidates.length === 0) {
    throw new EnvelopeError(
      'ERR_ENVELOPE_NO_MATCHING_STANZA',
      'no stanza of this envelope was made for this keyring (its layers, in order)',
    );
  }
  const params = encodeParams(header);
  let failure: unknown;
  for (const stanza of candidates) {
    try {
      const dek = unwrapStanza(stanza, keyring, params);
      const keys = deriveMessageKeys(dek, header.nonce);
      if (!equalBytes(keys.commitment, header.commitment)) {
        throw new EnvelopeError('ERR_ENVELOPE_AUTH', 'the data key does not match the key commitment');
      }
      if (!equalBytes(headerMac(keys.macKey, header.body, aad), header.mac)) {
        throw new EnvelopeError(
          'ERR_ENVELOPE_AUTH',
          'the header MAC does not verify (modified header or different aad)',
        );
      }
      return { header, dek, keys };
    } catch (error) {
      if (!(error instanceof EnvelopeError && error.code === 'ERR_ENVELOPE_AUTH')) throw error;
      failure = error;
    }
  }
  throw failure;
}
