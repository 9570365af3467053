import { ByteReader, concat, uint } from './bytes.js';
import { ENDS_EARLY, EnvelopeError } from './errors.js';
import { KID_BYTES } from './kdf.js';
import { KIND_IDS } from './keys.js';
import type { FormatVersion } from './layers/descriptor.js';
import { descriptorOf, LAYER_DESCRIPTORS, type LayerKind } from './layers/index.js';
import { checkChunkSize, checkLayerCount, checkMax, ENVELOPE_LIMITS } from './limits.js';
import { encodeSigner, readSigner, type EnvelopeSigner } from './signer.js';

/** The four magic bytes every envelope starts with: ASCII "MKEV". */
export const MAGIC: Uint8Array = /* @__PURE__ */ Uint8Array.of(0x4d, 0x4b, 0x45, 0x56);
/** The format versions this release reads; it writes the lowest one the layer kinds and the signer allow. */
export const VERSIONS: readonly FormatVersion[] = [1, 2];
/**
 * Suites: 1 (AES-SIV layer wraps, HKDF-SHA-512, HMAC-SHA-512 header MAC, AES-256-GCM STREAM
 * payload) and 2 (suite 1 plus an ML-DSA signer block in the header and a signature footer).
 */
export type Suite = 1 | 2;
/** Magic, version, suite and header length. */
export const PREAMBLE_BYTES = 10;
/** Length of the message nonce. */
export const NONCE_BYTES = 32;
/** Length of the key-commitment value. */
const COMMITMENT_BYTES = 32;
/** Length of the header MAC (HMAC-SHA-512). */
const MAC_BYTES = 64;
/** Length of the data key. */
export const DEK_BYTES = 32;
/** Bytes each AES-SIV wrap adds (the synthetic IV). */
const SIV_TAG_BYTES = 16;

/** The per-message parameters every layer wrap binds as associated data. */
export interface MessageParams {
  readonly version: FormatVersion;
  readonly suite: Suite;
  readonly chunkSize: number;
  readonly nonce: Uint8Array;
  readonly contentType: string;
  /** The signer block of a signed (suite 2) message. */
  readonly signer?: EnvelopeSigner;
}

/** One layer as written in a stanza. */
export interface StanzaLayer {
  readonly kind: LayerKind;
  readonly kid: Uint8Array;
  /** What the layer kind writes: a KEM ciphertext, a passphrase's work factor and salt, … (empty for `aes-siv`). */
  readonly encapsulation: Uint8Array;
}

/** One full layered wrap of the data key. */
export interface Stanza {
  readonly layers: readonly StanzaLayer[];
  /** The data key after every layer's AES-SIV wrap: 32 + 16 × layers bytes. */
  readonly wrapped: Uint8Array;
}

/** A parsed header. */
export interface Header extends MessageParams {
  readonly version: FormatVersion;
  readonly suite: Suite;
  readonly stanzas: readonly Stanza[];
  readonly commitment: Uint8Array;
  readonly mac: Uint8Array;
  /** Total header bytes (the payload starts here). */
  readonly length: number;
  /** The header bytes the MAC covers (everything before the MAC). */
  readonly body: Uint8Array;
}

/** Serialized message parameters: version, suite, chunk size, nonce, content type, signer block (suite 2). */
export function encodeParams(params: MessageParams): Uint8Array {
  const type = encodeContentType(params.contentType);
  const signer = params.signer === undefined ? new Uint8Array(0) : encodeSigner(params.signer);
  return concat([
    Uint8Array.of(params.version, params.suite),
    uint(params.chunkSize, 4),
    params.nonce,
    Uint8Array.of(type.length),
    type,
    signer,
  ]);
}

/** Content types are visible ASCII (0x20 to 0x7e), at most 255 bytes. */
function encodeContentType(contentType: string): Uint8Array {
  checkMax(contentType.length, ENVELOPE_LIMITS.maxContentTypeBytes, 'content type length');
  const out = new Uint8Array(contentType.length);
  for (let i = 0; i < contentType.length; i++) {
    const code = contentType.charCodeAt(i);
    if (code < 0x20 || code > 0x7e) {
      throw new EnvelopeError('ERR_INVALID_ARGUMENT', 'content type must be visible ASCII');
    }
    out[i] = code;
  }
  return out;
}

/** Serialized layer list of a stanza (what each of its wraps binds, besides the params). */
export function encodeStanzaLayers(layers: readonly StanzaLayer[]): Uint8Array {
  const parts: Uint8Array[] = [Uint8Array.of(layers.length)];
  for (const layer of layers) {
    parts.push(
      Uint8Array.of(KIND_IDS[layer.kind]),
      layer.kid,
      uint(layer.encapsulation.length, 2),
      layer.encapsulation,
    );
  }
  return concat(parts);
}

/**
 * The lowest format version whose header may carry every one of these kinds: version 1 unless
 * a kind needs version 2, so envelopes of kinds 1 to 3 stay byte for byte what version 1 wrote.
 */
export function versionFor(kinds: readonly LayerKind[]): FormatVersion {
  return kinds.every((kind) => descriptorOf(kind)?.versions.includes(1) === true) ? 1 : 2;
}

/**
 * The encapsulation length of each layer of each stanza when every kind has an exact one,
 * else `undefined` (an external layer's length is known only after its wrap).
 */
export function exactEncapsulationLengths(
  stanzas: readonly (readonly LayerKind[])[],
): number[][] | undefined {
  const lengths = stanzas.map((kinds) =>
    kinds.map((kind) => {
      const rule = descriptorOf(kind)?.encapsulation;
      return rule !== undefined && rule.min === rule.max ? rule.min : -1;
    }),
  );
  return lengths.some((stanza) => stanza.includes(-1)) ? undefined : lengths;
}

/**
 * Total header bytes, MAC included, for these encoded params and the encapsulation lengths of
 * each stanza's layers, checked against the header-size limit.
 */
export function headerLength(encodedParams: Uint8Array, stanzas: readonly (readonly number[])[]): number {
  checkMax(stanzas.length, ENVELOPE_LIMITS.maxStanzas, 'stanza count');
  let length = PREAMBLE_BYTES - 2 + encodedParams.length + 1 + COMMITMENT_BYTES + MAC_BYTES;
  for (const encapsulations of stanzas) {
    length += 1 + 2 + DEK_BYTES + SIV_TAG_BYTES * encapsulations.length;
    for (const bytes of encapsulations) length += 1 + KID_BYTES + 2 + bytes;
  }
  checkMax(length, ENVELOPE_LIMITS.maxHeaderBytes, 'header size');
  return length;
}

/** The header body (everything the MAC covers) for the given parts. */
export function encodeHeaderBody(
  encodedParams: Uint8Array,
  stanzas: readonly Stanza[],
  commitment: Uint8Array,
): Uint8Array {
  const length = headerLength(
    encodedParams,
    stanzas.map((stanza) => stanza.layers.map((layer) => layer.encapsulation.length)),
  );
  const parts: Uint8Array[] = [
    MAGIC,
    encodedParams.subarray(0, 2),
    uint(length, 4),
    encodedParams.subarray(2),
  ];
  parts.push(Uint8Array.of(stanzas.length));
  for (const stanza of stanzas) {
    parts.push(encodeStanzaLayers(stanza.layers), uint(stanza.wrapped.length, 2), stanza.wrapped);
  }
  parts.push(commitment);
  return concat(parts);
}

/** What the preamble says: version, suite and total header length. */
export interface Preamble {
  readonly version: FormatVersion;
  readonly suite: Suite;
  readonly length: number;
}

/**
 * Reads the 10-byte preamble and returns the total header length. Checks magic, version,
 * suite (version 1: suite 1; version 2: suite 1 or 2) and the header-size limit, so nothing
 * larger is ever buffered or parsed.
 */
export function readPreamble(bytes: Uint8Array): Preamble {
  for (let i = 0; i < MAGIC.length && i < bytes.length; i++) {
    if (bytes[i] !== MAGIC[i])
      throw new EnvelopeError('ERR_ENVELOPE_FORMAT', 'not a mamlkit envelope (bad magic bytes)');
  }
  if (bytes.length < PREAMBLE_BYTES)
    throw new EnvelopeError('ERR_ENVELOPE_TRUNCATED', `${ENDS_EARLY} (inside its header)`);
  const reader = new ByteReader(bytes.subarray(MAGIC.length, PREAMBLE_BYTES), 'preamble');
  const version = reader.uint(1);
  if (!VERSIONS.includes(version as FormatVersion)) {
    throw new EnvelopeError(
      'ERR_ENVELOPE_UNSUPPORTED_VERSION',
      `envelope version ${version} is not supported (this release reads ${VERSIONS.join(' and ')})`,
    );
  }
  const suite = reader.uint(1);
  if (suite !== 1 && !(version === 2 && suite === 2))
    throw new EnvelopeError('ERR_ENVELOPE_FORMAT', `unknown suite ${suite} in a version ${version} envelope`);
  const length = reader.uint(4);
  checkMax(length, ENVELOPE_LIMITS.maxHeaderBytes, 'header size');
  return { version: version as FormatVersion, suite, length };
}

function readLayer(reader: ByteReader, version: FormatVersion): StanzaLayer {
  const kindId = reader.uint(1);
  const descriptor = LAYER_DESCRIPTORS.find((entry) => entry.id === kindId);
  if (descriptor === undefined || !descriptor.versions.includes(version)) {
    throw new EnvelopeError(
      'ERR_ENVELOPE_FORMAT',
      `unknown layer kind ${kindId} in a version ${version} header`,
    );
  }
  const { kind } = descriptor;
  const kid = reader.take(KID_BYTES);
  const { min, max } = descriptor.encapsulation;
  const length = reader.uint(2);
  if (length < min || length > max) {
    throw new EnvelopeError(
      'ERR_ENVELOPE_FORMAT',
      `a ${kind} layer carries ${min === max ? min : `${min} to ${max}`} encapsulation bytes, not ${length}`,
    );
  }
  return { kind, kid, encapsulation: reader.take(length) };
}

function readStanza(reader: ByteReader, version: FormatVersion): Stanza {
  const count = reader.uint(1);
  checkLayerCount(count, 'ERR_ENVELOPE_FORMAT');
  const layers: StanzaLayer[] = [];
  for (let i = 0; i < count; i++) layers.push(readLayer(reader, version));
  const length = reader.uint(2);
  if (length !== DEK_BYTES + SIV_TAG_BYTES * count) {
    throw new EnvelopeError(
      'ERR_ENVELOPE_FORMAT',
      `a ${count}-layer stanza wraps ${DEK_BYTES + SIV_TAG_BYTES * count} bytes, not ${length}`,
    );
  }
  return { layers, wrapped: reader.take(length) };
}

/**
 * Parses a header from the start of `bytes` (which may hold the payload after it).
 * Every count and length is checked as it is read; no key work happens here.
 */
export function parseHeader(bytes: Uint8Array): Header {
  const { version, suite, length } = readPreamble(bytes);
  if (bytes.length < length)
    throw new EnvelopeError('ERR_ENVELOPE_TRUNCATED', `${ENDS_EARLY} (inside its header)`);
  const reader = new ByteReader(bytes.subarray(0, length), 'header');
  reader.take(PREAMBLE_BYTES);
  const chunkSize = reader.uint(4);
  checkChunkSize(chunkSize, 'ERR_ENVELOPE_FORMAT');
  const nonce = reader.take(NONCE_BYTES);
  const contentType = String.fromCharCode(...reader.take(reader.uint(1)));
  if (!/^[\x20-\x7e]*$/.test(contentType))
    throw new EnvelopeError('ERR_ENVELOPE_FORMAT', 'content type is not visible ASCII');
  const signer = suite === 2 ? { signer: readSigner(reader) } : {};
  const stanzaCount = reader.uint(1);
  checkMax(stanzaCount, ENVELOPE_LIMITS.maxStanzas, 'stanza count');
  if (stanzaCount === 0) throw new EnvelopeError('ERR_ENVELOPE_FORMAT', 'header has no stanza');
  const stanzas: Stanza[] = [];
  for (let i = 0; i < stanzaCount; i++) stanzas.push(readStanza(reader, version));
  const commitment = reader.take(COMMITMENT_BYTES);
  const bodyLength = reader.position;
  const mac = reader.take(MAC_BYTES);
  if (reader.remaining !== 0)
    throw new EnvelopeError('ERR_ENVELOPE_FORMAT', 'header length does not match its contents');
  return {
    version,
    suite,
    chunkSize,
    nonce,
    contentType,
    ...signer,
    stanzas,
    commitment,
    mac,
    length,
    body: bytes.subarray(0, bodyLength),
  };
}
