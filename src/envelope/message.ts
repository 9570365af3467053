import { equalBytes } from '@noble/ciphers/utils.js';
import { concat, utf8 } from './bytes.js';
import { EnvelopeError } from './errors.js';
import {
  DEK_BYTES,
  encodeHeaderBody,
  encodeParams,
  exactEncapsulationLengths,
  headerLength,
  NONCE_BYTES,
  parseHeader,
  versionFor,
  type Header,
  type Stanza,
} from './header.js';
import { deriveMessageKeys, headerMac, type MessageKeys } from './kdf.js';
import { checkKeyring, type Keyring } from './keyring.js';
import type { OpenLimits } from './layers/descriptor.js';
import { checkChunkSize, checkMax, ENVELOPE_LIMITS } from './limits.js';
import { draw, systemRandom, type RandomSource } from './random.js';
import type { Steps } from './steps.js';
import { footerLength, signingKey } from './signer.js';
import type { SigningSecretKey } from '../sign/index.js';
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
  /**
   * Signs the message (format version 2, suite 2): the header names the key, and an ML-DSA
   * signature over the header and every sealed chunk follows the payload, so no recipient can
   * pass off a message of its own as this signer's.
   */
  readonly signer?: SigningSecretKey;
}

/** A keyring, or several (one stanza each: multiple recipients). */
export type Recipients = Keyring | readonly Keyring[];

/** The checked list of keyrings to write stanzas for. */
export function recipientList(recipients: Recipients): readonly Keyring[] {
  const list = Array.isArray(recipients) ? (recipients as readonly Keyring[]) : [recipients as Keyring];
  if (list.length === 0) throw new EnvelopeError('ERR_INVALID_ARGUMENT', 'at least one keyring is needed');
  checkMax(list.length, ENVELOPE_LIMITS.maxStanzas, 'stanza count');
  list.forEach((keyring) => {
    checkKeyring(keyring);
  });
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
  encodedParams: Uint8Array,
  stanzas: readonly Stanza[],
  keys: MessageKeys,
  aad: Uint8Array,
): Uint8Array {
  const body = encodeHeaderBody(encodedParams, stanzas, keys.commitment);
  return concat([body, headerMac(keys.macKey, body, aad)]);
}

/** A message being sealed: checked options, fresh nonce and data key, the keys derived from them. */
export interface NewMessage {
  readonly keyrings: readonly Keyring[];
  readonly chunkSize: number;
  readonly encodedParams: Uint8Array;
  readonly dek: Uint8Array;
  readonly keys: MessageKeys;
  readonly aad: Uint8Array;
  readonly random: RandomSource;
  /**
   * Bytes the header will take, known before any stanza is wrapped (the payload starts here),
   * or `undefined` when an external layer's encapsulation length is known only after its wrap.
   */
  readonly headerLength: number | undefined;
  /** The signing key of a signed message. */
  readonly signer?: SigningSecretKey;
  /** Bytes of the signature footer after the payload (0 when unsigned). */
  readonly footerLength: number;
}

/**
 * Starts a message: checks the recipients and options, draws the nonce and the data key and
 * derives the payload key, so the payload can be encrypted while {@link messageHeader} wraps.
 */
export function newMessage(recipients: Recipients, options: SealOptions): NewMessage {
  const keyrings = recipientList(recipients);
  const chunkSize = options.chunkSize ?? ENVELOPE_LIMITS.defaultChunkSize;
  checkChunkSize(chunkSize, 'ERR_INVALID_ARGUMENT');
  const aad = bytesArgument(options.aad ?? new Uint8Array(0), 'aad');
  const random = options.random ?? systemRandom;
  const signer = signingKey(options.signer);
  const claim = signer === undefined ? undefined : { algorithm: signer.algorithm, keyId: signer.keyId };
  const nonce = draw(random, NONCE_BYTES);
  const dek = draw(random, DEK_BYTES);
  const kinds = keyrings.map((keyring) => keyring.layers.map((layer) => layer.kind));
  // Version 2 only when a layer kind or a signer needs it: everything else stays version 1.
  const encodedParams = encodeParams({
    version: claim === undefined ? versionFor(kinds.flat()) : 2,
    suite: claim === undefined ? 1 : 2,
    chunkSize,
    nonce,
    contentType: options.contentType ?? '',
    ...(claim === undefined ? {} : { signer: claim }),
  });
  const lengths = exactEncapsulationLengths(kinds);
  return {
    keyrings,
    chunkSize,
    encodedParams,
    dek,
    keys: deriveMessageKeys(dek, nonce),
    aad,
    random,
    headerLength: lengths === undefined ? undefined : headerLength(encodedParams, lengths),
    ...(signer === undefined ? {} : { signer }),
    footerLength: footerLength(claim),
  };
}

/** The header of a new message: one stanza per keyring (layers draw randomness in order), then the MAC. */
export function* messageHeader(message: NewMessage): Steps<Uint8Array> {
  const { dek, encodedParams, random } = message;
  const stanzas: Stanza[] = [];
  for (const keyring of message.keyrings)
    stanzas.push(yield* wrapStanza(dek, keyring, encodedParams, random));
  return finishHeader(encodedParams, stanzas, message.keys, message.aad);
}

/** An opened header: parsed, unwrapped, commitment and MAC verified. */
export interface OpenedHeader {
  readonly header: Header;
  readonly dek: Uint8Array;
  readonly keys: MessageKeys;
}

/** Options of everything that opens a header. */
export interface HeaderOpenOptions {
  /** The associated data given when sealing (default: none). */
  readonly aad?: Uint8Array;
  /**
   * Highest passphrase work factor (log2 of the scrypt cost) to accept, up to
   * `ENVELOPE_LIMITS.maxWorkFactor` (20, the default). A higher one is `ERR_LIMIT_EXCEEDED`
   * before any key work.
   */
  readonly maxWorkFactor?: number;
}

/** The checked limits of opening options. */
export function openLimits(options: HeaderOpenOptions): OpenLimits {
  const { maxWorkFactor = ENVELOPE_LIMITS.maxWorkFactor } = options;
  if (
    !Number.isSafeInteger(maxWorkFactor) ||
    maxWorkFactor < 1 ||
    maxWorkFactor > ENVELOPE_LIMITS.maxWorkFactor
  ) {
    throw new EnvelopeError(
      'ERR_INVALID_ARGUMENT',
      `maxWorkFactor is an integer from 1 to ${ENVELOPE_LIMITS.maxWorkFactor}`,
    );
  }
  return { maxWorkFactor };
}

/**
 * Parses the header at the start of `bytes`, unwraps the data key with `keyring`, and checks
 * the key commitment and the header MAC (constant time) before anything touches the payload.
 */
export function* openHeader(
  bytes: Uint8Array,
  keyring: Keyring,
  aad: Uint8Array,
  limits: OpenLimits,
): Steps<OpenedHeader> {
  const header = parseHeader(bytes);
  checkKeyring(keyring, 'open');
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
      const dek = yield* unwrapStanza(stanza, keyring, params, limits);
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
